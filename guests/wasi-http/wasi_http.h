// Hand-written canonical ABI for the parts of wasi:http@0.2.12 / wasi:io@0.2.12 the fixtures use (no
// wit-bindgen offline). Flattening and layouts follow CanonicalABI.md: results of more than one flat value
// come back through a return area; error-code has alignment 8 (option<u64>), so results/options holding it
// put their payload at offset 8.
#ifndef VIRGA_WASI_HTTP_H
#define VIRGA_WASI_HTTP_H
#include "../common/bump.h"

#define T_MOD "wasi:http/types@0.2.12"
#define IMPORT(m, n) __attribute__((import_module(m), import_name(n)))
typedef int32_t h32; // a resource handle

IMPORT(T_MOD, "[constructor]fields") h32 fields_new(void);
IMPORT(T_MOD, "[static]fields.from-list") void fields_from_list(void *list, uint32_t len, void *ret);
IMPORT(T_MOD, "[method]fields.append") void fields_append(h32, const char *, uint32_t, const void *, uint32_t, void *ret);
IMPORT(T_MOD, "[method]fields.set") void fields_set(h32, const char *, uint32_t, void *list, uint32_t, void *ret);
IMPORT(T_MOD, "[method]fields.delete") void fields_delete(h32, const char *, uint32_t, void *ret);
IMPORT(T_MOD, "[method]fields.get") void fields_get(h32, const char *, uint32_t, void *ret);
IMPORT(T_MOD, "[method]fields.entries") void fields_entries(h32, void *ret);
IMPORT(T_MOD, "[resource-drop]fields") void fields_drop(h32);

IMPORT(T_MOD, "[method]incoming-request.method") void incoming_request_method(h32, void *ret);
IMPORT(T_MOD, "[method]incoming-request.path-with-query") void incoming_request_path(h32, void *ret);
IMPORT(T_MOD, "[method]incoming-request.headers") h32 incoming_request_headers(h32);
IMPORT(T_MOD, "[method]incoming-request.consume") void incoming_request_consume(h32, void *ret);
IMPORT(T_MOD, "[resource-drop]incoming-request") void incoming_request_drop(h32);

IMPORT(T_MOD, "[method]incoming-body.stream") void incoming_body_stream(h32, void *ret);
IMPORT(T_MOD, "[static]incoming-body.finish") h32 incoming_body_finish(h32);
IMPORT(T_MOD, "[resource-drop]incoming-body") void incoming_body_drop(h32);
IMPORT(T_MOD, "[method]future-trailers.subscribe") h32 future_trailers_subscribe(h32);
IMPORT(T_MOD, "[method]future-trailers.get") void future_trailers_get(h32, void *ret);
IMPORT(T_MOD, "[resource-drop]future-trailers") void future_trailers_drop(h32);

IMPORT(T_MOD, "[constructor]outgoing-response") h32 outgoing_response_new(h32 headers);
IMPORT(T_MOD, "[method]outgoing-response.set-status-code") int32_t outgoing_response_set_status(h32, int32_t);
IMPORT(T_MOD, "[method]outgoing-response.body") void outgoing_response_body(h32, void *ret);
IMPORT(T_MOD, "[method]outgoing-body.write") void outgoing_body_write(h32, void *ret);
IMPORT(T_MOD, "[static]outgoing-body.finish") void outgoing_body_finish(h32, int32_t has_trailers, h32 trailers, void *ret);
IMPORT(T_MOD, "[resource-drop]outgoing-body") void outgoing_body_drop(h32);
// set(param, result<own outgoing-response, error-code>): 1 + 8 flat values (error-code joins an i64 in slot 3)
IMPORT(T_MOD, "[static]response-outparam.set")
void response_outparam_set(h32, int32_t is_err, int32_t a, int32_t b, int64_t c, int32_t d, int32_t e, int32_t f, int32_t g);

IMPORT(T_MOD, "[constructor]outgoing-request") h32 outgoing_request_new(h32 headers);
IMPORT(T_MOD, "[method]outgoing-request.set-method") int32_t outgoing_request_set_method(h32, int32_t tag, const char *, uint32_t);
IMPORT(T_MOD, "[method]outgoing-request.set-scheme") int32_t outgoing_request_set_scheme(h32, int32_t some, int32_t tag, const char *, uint32_t);
IMPORT(T_MOD, "[method]outgoing-request.set-authority") int32_t outgoing_request_set_authority(h32, int32_t some, const char *, uint32_t);
IMPORT(T_MOD, "[method]outgoing-request.set-path-with-query") int32_t outgoing_request_set_path(h32, int32_t some, const char *, uint32_t);
IMPORT(T_MOD, "[constructor]request-options") h32 request_options_new(void);
IMPORT(T_MOD, "[method]request-options.set-first-byte-timeout") int32_t request_options_set_first_byte(h32, int32_t some, int64_t nanos);
IMPORT(T_MOD, "[method]future-incoming-response.subscribe") h32 future_response_subscribe(h32);
IMPORT(T_MOD, "[method]future-incoming-response.get") void future_response_get(h32, void *ret);
IMPORT(T_MOD, "[resource-drop]future-incoming-response") void future_response_drop(h32);
IMPORT(T_MOD, "[method]incoming-response.status") int32_t incoming_response_status(h32);
IMPORT(T_MOD, "[method]incoming-response.consume") void incoming_response_consume(h32, void *ret);
IMPORT(T_MOD, "[resource-drop]incoming-response") void incoming_response_drop(h32);
IMPORT(T_MOD, "http-error-code") void http_error_code(h32 io_error, void *ret);

IMPORT("wasi:http/outgoing-handler@0.2.12", "handle")
void outgoing_handler_handle(h32 request, int32_t has_options, h32 options, void *ret);

#define S_MOD "wasi:io/streams@0.2.12"
IMPORT(S_MOD, "[method]input-stream.blocking-read") void input_stream_blocking_read(h32, int64_t len, void *ret);
IMPORT(S_MOD, "[resource-drop]input-stream") void input_stream_drop(h32);
IMPORT(S_MOD, "[method]output-stream.blocking-write-and-flush") void output_stream_blocking_write_and_flush(h32, const void *, uint32_t, void *ret);
IMPORT(S_MOD, "[resource-drop]output-stream") void output_stream_drop(h32);
IMPORT("wasi:io/poll@0.2.12", "[method]pollable.block") void pollable_block(h32);
IMPORT("wasi:io/poll@0.2.12", "[resource-drop]pollable") void pollable_drop(h32);
IMPORT("wasi:io/error@0.2.12", "[resource-drop]error") void io_error_drop(h32);

// ---- small helpers ----
static uint64_t ret_area[8]; // 64 bytes, 8-aligned: every return area used here fits
#define RET ((uint8_t *)ret_area)
#define RU32(off) (*(uint32_t *)(RET + (off)))
#define RU8(off) (*(uint8_t *)(RET + (off)))

static uint32_t slen(const char *s) { uint32_t n = 0; while (s[n]) n++; return n; }
static int seq(const char *a, uint32_t alen, const char *b) { uint32_t n = slen(b); if (n != alen) return 0; for (uint32_t i = 0; i < n; i++) if (a[i] != b[i]) return 0; return 1; }

// header-error case names, indexed by the discriminant
static const char *HEADER_ERROR[] = {"invalid-syntax", "forbidden", "immutable"};
// error-code case names, indexed by the discriminant (WIT order)
static const char *ERROR_CODE[] = {
  "DNS-timeout", "DNS-error", "destination-not-found", "destination-unavailable", "destination-IP-prohibited",
  "destination-IP-unroutable", "connection-refused", "connection-terminated", "connection-timeout",
  "connection-read-timeout", "connection-write-timeout", "connection-limit-reached", "TLS-protocol-error",
  "TLS-certificate-error", "TLS-alert-received", "HTTP-request-denied", "HTTP-request-length-required",
  "HTTP-request-body-size", "HTTP-request-method-invalid", "HTTP-request-URI-invalid", "HTTP-request-URI-too-long",
  "HTTP-request-header-section-size", "HTTP-request-header-size", "HTTP-request-trailer-section-size",
  "HTTP-request-trailer-size", "HTTP-response-incomplete", "HTTP-response-header-section-size",
  "HTTP-response-header-size", "HTTP-response-body-size", "HTTP-response-trailer-section-size",
  "HTTP-response-trailer-size", "HTTP-response-transfer-coding", "HTTP-response-content-coding",
  "HTTP-response-timeout", "HTTP-upgrade-failed", "HTTP-protocol-error", "loop-detected", "configuration-error",
  "internal-error"};

// a growable output buffer on the bump heap
typedef struct { char *p; uint32_t len, cap; } buf_t;
static void buf_put(buf_t *b, const void *s, uint32_t n) {
  if (b->len + n > b->cap) {
    uint32_t cap = b->cap ? b->cap * 2 : 256;
    while (cap < b->len + n) cap *= 2;
    b->p = cabi_realloc(b->p, b->len, 1, cap); b->cap = cap;
  }
  memcpy(b->p + b->len, s, n); b->len += n;
}
static void buf_str(buf_t *b, const char *s) { buf_put(b, s, slen(s)); }
static void buf_u32(buf_t *b, uint32_t v) {
  char t[10]; int n = 0;
  do { t[n++] = (char)('0' + v % 10); v /= 10; } while (v);
  while (n) buf_put(b, &t[--n], 1);
}

// appends name: value; returns the header-error discriminant, or -1 on success
static int append_header(h32 f, const char *name, const char *value) {
  fields_append(f, name, slen(name), value, slen(value), RET);
  return RU8(0) ? (int)RU8(1) : -1;
}

// writes all of s through blocking-write-and-flush (at most 4096 bytes per call); 0 on success
static int write_all(h32 out, const void *s, uint32_t n) {
  const uint8_t *p = s;
  while (n) {
    uint32_t k = n > 4096 ? 4096 : n;
    output_stream_blocking_write_and_flush(out, p, k, RET);
    if (RU8(0)) { if (RU8(4) == 0) io_error_drop((h32)RU32(8)); return -1; }
    p += k; n -= k;
  }
  return 0;
}

static void set_response(h32 outparam, h32 response) { response_outparam_set(outparam, 0, response, 0, 0, 0, 0, 0, 0); }

// a response with status and content-type; *body gets its outgoing-body, *out its stream
static h32 start_response(h32 outparam, int status, const char *content_type, h32 *body, h32 *out) {
  h32 h = fields_new();
  if (content_type) append_header(h, "content-type", content_type);
  h32 resp = outgoing_response_new(h);
  if (status != 200) outgoing_response_set_status(resp, status);
  outgoing_response_body(resp, RET); *body = (h32)RU32(4);
  set_response(outparam, resp);
  outgoing_body_write(*body, RET); *out = (h32)RU32(4);
  return resp;
}

static void end_response(h32 body, h32 out, h32 trailers) {
  output_stream_drop(out);
  outgoing_body_finish(body, trailers >= 0, trailers >= 0 ? trailers : 0, RET);
}

static void respond_text(h32 outparam, int status, const char *text, uint32_t n) {
  h32 body, out;
  start_response(outparam, status, "text/plain", &body, &out);
  write_all(out, text, n);
  end_response(body, out, -1);
}
#endif

#ifndef VIRGA_WASI_HTTP_HELPERS2
#define VIRGA_WASI_HTTP_HELPERS2
// the first value of header `name`, or 0
static int get_header(h32 fields, const char *name, const char **ptr, uint32_t *len) {
  fields_get(fields, name, slen(name), RET);
  uint32_t lp = RU32(0), n = RU32(4);
  if (!n) return 0;
  uint32_t *e = (uint32_t *)(uintptr_t)lp;
  *ptr = (const char *)(uintptr_t)e[0]; *len = e[1];
  return 1;
}
static const char *METHOD[] = {"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"};
#endif
