// kv-counter: an HTTP component on wasi:keyvalue. Every request opens bucket "kv-counter" and
//   /incr or /incr/KEY     adds 1 to the counter KEY (default "counter") with atomics.increment; answers "N\n"
//   /get/KEY               answers the value of KEY and "\n", or 404 "missing\n"
//   /set/KEY/VALUE         stores VALUE (the rest of the path) under KEY; answers "ok\n"
//   /ping                  answers "pong\n" without any keyvalue call (the baseline for timing a round trip)
// Any other path answers 404; a keyvalue error answers 500 with the WIT error ("other: ...").
#include "../common/http.h"
#include "../common/keyvalue.h"

static int starts(str_t s, const char *prefix, str_t *rest) {
  str_t p = S(prefix);
  if (s.n < p.n) return 0;
  for (uint32_t i = 0; i < p.n; i++) if (s.p[i] != p.p[i]) return 0;
  rest->p = s.p + p.n; rest->n = s.n - p.n;
  return 1;
}

static int serve(str_t path, int32_t *status, buf_t *out) {
  str_t rest, key, value;
  h32 bucket;
  if (str_eq(path, S("/ping"))) { buf_str(out, "pong\n"); return 0; }
  if (!str_eq(path, S("/incr")) && !starts(path, "/incr/", &rest) && !starts(path, "/get/", &rest) &&
      !starts(path, "/set/", &rest)) {
    *status = 404; buf_str(out, "use /incr, /incr/KEY, /get/KEY, /set/KEY/VALUE or /ping\n");
    return 0;
  }
  if (open_bucket(S("kv-counter"), &bucket, out)) return -1;
  int r = 0;
  if (str_eq(path, S("/incr")) || starts(path, "/incr/", &rest)) {
    key = str_eq(path, S("/incr")) ? S("counter") : rest;
    uint64_t n;
    if ((r = kv_add(bucket, key, 1, &n, out)) == 0) { buf_u64(out, n); buf_str(out, "\n"); }
  } else if (starts(path, "/get/", &key)) {
    r = kv_read(bucket, key, &value, out);
    if (r == 1) { buf_s(out, value); buf_str(out, "\n"); r = 0; }
    else if (r == 0) { *status = 404; buf_str(out, "missing\n"); }
  } else if (starts(path, "/set/", &rest)) { // the only route left
    uint32_t i = 0;
    while (i < rest.n && rest.p[i] != '/') i++;
    key.p = rest.p; key.n = i;
    value.p = rest.p + (i < rest.n ? i + 1 : i); value.n = i < rest.n ? rest.n - i - 1 : 0;
    if ((r = kv_write(bucket, key, value, out)) == 0) buf_str(out, "ok\n");
  }
  kv_bucket_drop(bucket);
  return r;
}

EXPORT(HANDLE_EXPORT) void handle(h32 request, h32 outparam) {
  static uintptr_t heap; // nothing outlives a request: a pooled instance reuses the same memory
  if (!heap) heap = bump_mark(); else bump_release(heap);
  str_t path = request_path(request);
  int32_t status = 200;
  buf_t out = {0};
  if (serve(path, &status, &out)) {
    buf_t e = {0};
    buf_str(&e, "keyvalue error: "); buf_put(&e, out.p, out.len); buf_str(&e, "\n");
    out = e; status = 500;
  }
  incoming_request_drop(request);
  respond_buf(outparam, status, &out);
}
