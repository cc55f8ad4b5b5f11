// wasi-http-fetch: makes one outgoing request and answers with what came back. The target comes from the
// request headers x-target-authority (host:port, required) and x-target-path (default "/"); x-timeout-ms sets
// request-options.first-byte-timeout. Answers 200 "upstream=<status>\n<upstream body>" or 502 "error=<code>".
#include "wasi_http.h"

static uint32_t parse_u32(const char *p, uint32_t n) { uint32_t v = 0; for (uint32_t i = 0; i < n; i++) v = v * 10 + (uint32_t)(p[i] - '0'); return v; }

static void fail(h32 outparam, uint32_t code) {
  buf_t b = {0};
  buf_str(&b, "error="); buf_str(&b, ERROR_CODE[code]); buf_str(&b, "\n");
  respond_text(outparam, 502, b.p, b.len);
}

__attribute__((export_name("wasi:http/incoming-handler@0.2.12#handle")))
void handle(h32 request, h32 outparam) {
  h32 rh = incoming_request_headers(request);
  const char *auth, *path = "/", *tmo; uint32_t alen, plen = 1, tlen;
  if (!get_header(rh, "x-target-authority", &auth, &alen)) { respond_text(outparam, 400, "no x-target-authority\n", 22); return; }
  get_header(rh, "x-target-path", &path, &plen);
  int has_timeout = get_header(rh, "x-timeout-ms", &tmo, &tlen);

  h32 h = fields_new();
  append_header(h, "x-from", "virga-fetch");
  h32 req = outgoing_request_new(h);
  outgoing_request_set_scheme(req, 1, 0, 0, 0);
  if (outgoing_request_set_authority(req, 1, auth, alen)) { respond_text(outparam, 400, "bad authority\n", 14); return; }
  outgoing_request_set_path(req, 1, path, plen);
  h32 opts = 0;
  if (has_timeout) { opts = request_options_new(); request_options_set_first_byte(opts, 1, (int64_t)parse_u32(tmo, tlen) * 1000000); }
  outgoing_handler_handle(req, has_timeout, opts, RET);
  if (RU8(0)) { fail(outparam, RU8(8)); return; }
  h32 fut = (h32)RU32(8);
  h32 p = future_response_subscribe(fut);
  pollable_block(p);
  pollable_drop(p);
  future_response_get(fut, RET);
  if (!RU8(0) || RU8(8)) { respond_text(outparam, 500, "future not ready\n", 17); return; }
  if (RU8(16)) { fail(outparam, RU8(24)); return; }
  h32 resp = (h32)RU32(24);
  future_response_drop(fut);
  int32_t status = incoming_response_status(resp);
  incoming_response_consume(resp, RET);
  h32 body = (h32)RU32(4);
  incoming_body_stream(body, RET);
  h32 in = (h32)RU32(4);
  buf_t b = {0};
  buf_str(&b, "upstream="); buf_u32(&b, (uint32_t)status); buf_str(&b, "\n");
  for (;;) {
    input_stream_blocking_read(in, 65536, RET);
    if (RU8(0)) break;
    buf_put(&b, (const void *)(uintptr_t)RU32(4), RU32(8));
  }
  input_stream_drop(in);
  incoming_body_drop(body);
  incoming_response_drop(resp);
  fields_drop(rh);
  incoming_request_drop(request);
  respond_text(outparam, 200, b.p, b.len);
}
