// blob-store: an HTTP component that keeps objects in wasi:blobstore containers by path:
//   PUT    /<container>/<object>   stores the request body (the container is created on first use) -> 200
//   GET    /<container>/<object>   streams the object back                                          -> 200
//   GET    /<container>/           lists the container's objects, sorted, one per line               -> 200
//   DELETE /<container>/<object>   deletes the object (no error when it is missing)                  -> 200
// A blobstore error becomes its message as the body, with 403 when the host refused the container (not in
// the `buckets` allow-list, or `read_only`), 404 when the container or object does not exist, 500 otherwise.
// Bodies stream both ways through wasi:io streams, so objects may be larger than the guest's memory.
#include "../common/http.h"
#include "../common/blobstore.h"

// wasi:http calls beyond common/http.h: the request method and body
// method: tag @0 (get 0, head 1, post 2, put 3, delete 4, ...)
IMPORT(HTTP_TYPES, "[method]incoming-request.method") void incoming_request_method(h32, void *ret);
// result<incoming-body>: tag @0, handle @4
IMPORT(HTTP_TYPES, "[method]incoming-request.consume") void incoming_request_consume(h32, void *ret);
// result<input-stream>: tag @0, handle @4
IMPORT(HTTP_TYPES, "[method]incoming-body.stream") void incoming_body_stream(h32, void *ret);
IMPORT(HTTP_TYPES, "[resource-drop]incoming-body") void incoming_body_drop(h32);

#define CHUNK 65536

static int contains(str_t s, const char *what) {
  str_t w = S(what);
  for (uint32_t i = 0; i + w.n <= s.n; i++) {
    str_t part = {s.p + i, w.n};
    if (str_eq(part, w)) return 1;
  }
  return 0;
}

// answers a blobstore error: 403 refused, 404 missing, 500 anything else; the message is the body
static void respond_error(h32 outparam, str_t e) {
  int status = contains(e, "allow-list") || contains(e, "read-only") ? 403
             : contains(e, "does not exist") ? 404 : 500;
  buf_t b = {0};
  buf_s(&b, e);
  buf_str(&b, "\n");
  respond_buf(outparam, status, &b);
}

// copies in to out until in ends; 0 on success
static int pump(h32 in, h32 out, uint64_t *total) {
  while (1) {
    uintptr_t mark = bump_mark();
    input_stream_blocking_read(in, CHUNK, RET);
    if (RU8(0)) { // error: closed is the end, failed is a failure
      int failed = RU8(4) == 0;
      if (failed) io_error_drop((h32)RU32(8));
      bump_release(mark);
      return failed ? -1 : 0;
    }
    const uint8_t *p = (const uint8_t *)(uintptr_t)RU32(4);
    uint32_t n = RU32(8);
    int rc = write_all(out, p, n);
    bump_release(mark);
    if (rc) return -1;
    *total += n;
  }
}

static void put_object(h32 request, h32 outparam, h32 c, str_t object) {
  incoming_request_consume(request, RET);
  h32 body = (h32)RU32(4);
  incoming_body_stream(body, RET);
  h32 in = (h32)RU32(4);
  h32 value = outgoing_value_new();
  outgoing_value_write_body(value, RET);
  h32 out = (h32)RU32(4);
  uint64_t n = 0;
  int rc = pump(in, out, &n);
  output_stream_drop(out);
  input_stream_drop(in);
  incoming_body_drop(body);
  incoming_request_drop(request);
  if (rc) { outgoing_value_drop(value); respond_str(outparam, 500, "reading the request body failed\n"); return; }
  container_write_data(c, object.p, object.n, value, RET);
  if (RU8(0)) { outgoing_value_drop(value); respond_error(outparam, blob_error()); return; }
  outgoing_value_finish(value, RET);
  if (RU8(0)) { respond_error(outparam, blob_error()); return; }
  buf_t b = {0};
  buf_str(&b, "stored ");
  buf_u64(&b, n);
  buf_str(&b, " bytes\n");
  respond_buf(outparam, 200, &b);
}

static void get_object(h32 outparam, h32 c, str_t object) {
  container_get_data(c, object.p, object.n, 0, -1, RET);
  if (RU8(0)) { respond_error(outparam, blob_error()); return; }
  h32 value = (h32)RU32(4);
  incoming_value_consume_async(value, RET);
  if (RU8(0)) { respond_error(outparam, blob_error()); return; }
  h32 in = (h32)RU32(4);
  h32 headers = fields_new();
  fields_append(headers, "content-type", 12, "application/octet-stream", 24, RET);
  h32 resp = outgoing_response_new(headers);
  outgoing_response_body(resp, RET);
  h32 body = (h32)RU32(4);
  response_outparam_set(outparam, 0, resp, 0, 0, 0, 0, 0, 0);
  outgoing_body_write(body, RET);
  h32 out = (h32)RU32(4);
  uint64_t n = 0;
  pump(in, out, &n); // a failure now can only cut the body short: the status is sent
  input_stream_drop(in);
  output_stream_drop(out);
  outgoing_body_finish(body, 0, 0, RET);
}

static void list_objects(h32 outparam, h32 c) {
  container_list_objects(c, RET);
  if (RU8(0)) { respond_error(outparam, blob_error()); return; }
  h32 names = (h32)RU32(4);
  str_t *all = 0; uint32_t len = 0, cap = 0;
  int end = 0;
  while (!end) {
    stream_object_names_read(names, 100, RET);
    if (RU8(0)) { stream_object_names_drop(names); respond_error(outparam, blob_error()); return; }
    str_t *page = (str_t *)(uintptr_t)RU32(4);
    uint32_t n = RU32(8);
    end = RU8(12);
    if (len + n > cap) {
      uint32_t ncap = cap ? cap * 2 : 64;
      while (ncap < len + n) ncap *= 2;
      all = cabi_realloc(all, cap * sizeof(str_t), 4, ncap * sizeof(str_t)); cap = ncap;
    }
    for (uint32_t i = 0; i < n; i++) all[len++] = page[i];
  }
  stream_object_names_drop(names);
  for (uint32_t i = 1; i < len; i++) { // insertion sort: the order the WIT gives is undefined
    str_t x = all[i]; uint32_t j = i;
    while (j > 0 && str_cmp(all[j - 1], x) > 0) { all[j] = all[j - 1]; j--; }
    all[j] = x;
  }
  buf_t b = {0};
  for (uint32_t i = 0; i < len; i++) { buf_s(&b, all[i]); buf_str(&b, "\n"); }
  respond_buf(outparam, 200, &b);
}

EXPORT(HANDLE_EXPORT) void handle(h32 request, h32 outparam) {
  static uintptr_t heap; // nothing outlives a request: a pooled instance reuses the same memory
  if (!heap) heap = bump_mark(); else bump_release(heap);
  incoming_request_method(request, RET);
  uint8_t method = RU8(0);
  str_t path = request_path(request);
  for (uint32_t i = 0; i < path.n; i++) if (path.p[i] == '?') { path.n = i; break; } // no query
  // /<container>/<object>
  uint32_t slash = 1;
  while (slash < path.n && path.p[slash] != '/') slash++;
  str_t container = {path.p + 1, slash > 1 ? slash - 1 : 0};
  str_t object = {path.p + slash + (slash < path.n), slash < path.n ? path.n - slash - 1 : 0};
  if (path.n < 2 || slash >= path.n) {
    incoming_request_drop(request);
    respond_str(outparam, 400, "use /<container>/<object>\n");
    return;
  }
  if (method != 0 && method != 3 && method != 4) {
    incoming_request_drop(request);
    respond_str(outparam, 405, "use GET, PUT or DELETE\n");
    return;
  }
  if (method != 3) incoming_request_drop(request);
  blob_get_container(container.p, container.n, RET);
  if (RU8(0) && method == 3 && contains(blob_error(), "does not exist"))
    blob_create_container(container.p, container.n, RET);
  if (RU8(0)) {
    if (method == 3) incoming_request_drop(request);
    respond_error(outparam, blob_error());
    return;
  }
  h32 c = (h32)RU32(4);
  if (method == 3) {
    if (!object.n) { incoming_request_drop(request); respond_str(outparam, 400, "PUT needs an object name\n"); }
    else put_object(request, outparam, c, object);
  } else if (method == 0) {
    if (object.n) get_object(outparam, c, object);
    else list_objects(outparam, c);
  } else {
    if (!object.n) { respond_str(outparam, 400, "DELETE needs an object name\n"); }
    else {
      container_delete_object(c, object.p, object.n, RET);
      if (RU8(0)) respond_error(outparam, blob_error());
      else respond_str(outparam, 200, "deleted\n");
    }
  }
  container_drop(c);
}
