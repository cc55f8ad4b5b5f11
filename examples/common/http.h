// The wasi:http@0.2.12 calls an example HTTP component makes to read the request path and answer with a text
// body (canonical ABI by hand, like wasi.h). Layouts: error-code has alignment 8, so the error payload of
// outgoing-body.finish's result sits at offset 8.
#ifndef EXAMPLES_HTTP_H
#define EXAMPLES_HTTP_H
#include "wasi.h"

#define HTTP_TYPES "wasi:http/types@0.2.12"
#define HANDLE_EXPORT "wasi:http/incoming-handler@0.2.12#handle"
// option<string>: tag @0, ptr @4, len @8
IMPORT(HTTP_TYPES, "[method]incoming-request.path-with-query") void incoming_request_path(h32, void *ret);
IMPORT(HTTP_TYPES, "[resource-drop]incoming-request") void incoming_request_drop(h32);
IMPORT(HTTP_TYPES, "[constructor]fields") h32 fields_new(void);
// result<_, header-error>: tag @0
IMPORT(HTTP_TYPES, "[method]fields.append") void fields_append(h32, const char *, uint32_t, const void *, uint32_t, void *ret);
IMPORT(HTTP_TYPES, "[constructor]outgoing-response") h32 outgoing_response_new(h32 headers);
IMPORT(HTTP_TYPES, "[method]outgoing-response.set-status-code") int32_t outgoing_response_set_status(h32, int32_t);
// result<outgoing-body>: tag @0, handle @4
IMPORT(HTTP_TYPES, "[method]outgoing-response.body") void outgoing_response_body(h32, void *ret);
// result<output-stream>: tag @0, handle @4
IMPORT(HTTP_TYPES, "[method]outgoing-body.write") void outgoing_body_write(h32, void *ret);
IMPORT(HTTP_TYPES, "[static]outgoing-body.finish") void outgoing_body_finish(h32, int32_t has_trailers, h32 trailers, void *ret);
// set(param, result<own outgoing-response, error-code>): 1 + 8 flat values (error-code joins an i64 in slot 3)
IMPORT(HTTP_TYPES, "[static]response-outparam.set")
void response_outparam_set(h32, int32_t is_err, int32_t a, int32_t b, int64_t c, int32_t d, int32_t e, int32_t f, int32_t g);

// the request's path with query ("/" when it has none); drops nothing
static str_t request_path(h32 request) {
  incoming_request_path(request, RET);
  if (!RU8(0)) return S("/");
  str_t r = {(const char *)(uintptr_t)RU32(4), RU32(8)};
  return r;
}

// answers status with a text/plain body (response set first, then the body written and finished)
static void respond(h32 outparam, int32_t status, const void *body, uint32_t n) {
  h32 headers = fields_new();
  fields_append(headers, "content-type", 12, "text/plain; charset=utf-8", 25, RET);
  h32 resp = outgoing_response_new(headers);
  if (status != 200) outgoing_response_set_status(resp, status);
  outgoing_response_body(resp, RET);
  h32 body_h = (h32)RU32(4);
  response_outparam_set(outparam, 0, resp, 0, 0, 0, 0, 0, 0);
  outgoing_body_write(body_h, RET);
  h32 out = (h32)RU32(4);
  write_all(out, body, n);
  output_stream_drop(out);
  outgoing_body_finish(body_h, 0, 0, RET);
}
static void respond_buf(h32 outparam, int32_t status, const buf_t *b) { respond(outparam, status, b->p, b->len); }
static void respond_str(h32 outparam, int32_t status, const char *s) { respond(outparam, status, s, slen(s)); }
#endif
