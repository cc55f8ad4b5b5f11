// secret-check: an HTTP component on wasmcloud:secrets that uses secrets without ever answering them.
//   /check/TOKEN    200 "ok\n" when TOKEN equals the secret API_KEY, else 403 "denied\n"
//   /length/KEY     the length in bytes of secret KEY and "\n", or 404 "not-found\n"
// Any other path answers 404; an upstream or io error answers 500 with the WIT error.
#include "../common/http.h"
#include "../common/secrets.h"

static int starts(str_t s, const char *prefix, str_t *rest) {
  str_t p = S(prefix);
  if (s.n < p.n) return 0;
  for (uint32_t i = 0; i < p.n; i++) if (s.p[i] != p.p[i]) return 0;
  rest->p = s.p + p.n; rest->n = s.n - p.n;
  return 1;
}

// compares all of both (no early exit on the first differing byte: the time says nothing of the secret)
static int same(str_t a, str_t b) {
  uint32_t n = a.n > b.n ? a.n : b.n;
  uint8_t d = a.n != b.n;
  for (uint32_t i = 0; i < n; i++) {
    uint8_t x = i < a.n ? (uint8_t)a.p[i] : 0, y = i < b.n ? (uint8_t)b.p[i] : 0;
    d |= x ^ y;
  }
  return d == 0;
}

static int serve(str_t path, int32_t *status, buf_t *out) {
  str_t arg, value;
  int r;
  if (starts(path, "/check/", &arg)) {
    if ((r = secret_read(S("API_KEY"), &value, out)) < 0) return -1;
    if (r == 1 && same(arg, value)) { buf_str(out, "ok\n"); return 0; }
    *status = 403; buf_str(out, "denied\n");
    return 0;
  }
  if (starts(path, "/length/", &arg)) {
    if ((r = secret_read(arg, &value, out)) < 0) return -1;
    if (r == 0) { *status = 404; buf_str(out, "not-found\n"); return 0; }
    buf_u64(out, value.n); buf_str(out, "\n");
    return 0;
  }
  *status = 404; buf_str(out, "use /check/TOKEN or /length/KEY\n");
  return 0;
}

EXPORT(HANDLE_EXPORT) void handle(h32 request, h32 outparam) {
  static uintptr_t heap; // nothing outlives a request: a pooled instance reuses the same memory
  if (!heap) heap = bump_mark(); else bump_release(heap);
  str_t path = request_path(request);
  int32_t status = 200;
  buf_t out = {0};
  if (serve(path, &status, &out)) {
    buf_t e = {0};
    buf_str(&e, "secrets error: "); buf_put(&e, out.p, out.len); buf_str(&e, "\n");
    out = e; status = 500;
  }
  incoming_request_drop(request);
  respond_buf(outparam, status, &out);
}
