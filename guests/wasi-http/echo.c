// wasi-http-echo: streams the request body back (blocking-read -> blocking-write-and-flush, 64 KiB reads), with
// the request's content-type, x-echo-method and the request trailers as response trailers. Other paths:
//   /trap        traps before answering          /noresponse  returns without setting a response
//   /count       reads the whole body, answers "bytes=N" (or 413 "error=<error-code>" when the read fails)
//   /headers     exercises the fields rules and answers one "op=outcome" line each
#include "wasi_http.h"

static void error_name(buf_t *b, h32 err) {
  http_error_code(err, RET);
  if (RU8(0)) buf_str(b, ERROR_CODE[RU8(8)]); else buf_str(b, "none");
  io_error_drop(err);
}

static void outcome(buf_t *b, const char *op, int e) {
  buf_str(b, op); buf_str(b, "="); buf_str(b, e < 0 ? "ok" : HEADER_ERROR[e]); buf_str(b, "\n");
}

static void headers_checks(h32 request, h32 outparam) {
  buf_t b = {0};
  h32 f = fields_new();
  outcome(&b, "append-bad-name", append_header(f, "bad name", "x"));
  outcome(&b, "append-bad-value", append_header(f, "x-ok", "a\r\nb"));
  outcome(&b, "append-connection", append_header(f, "Connection", "close"));
  outcome(&b, "append-host", append_header(f, "host", "example.com"));
  outcome(&b, "append-ok", append_header(f, "X-Fine", "1"));
  fields_set(f, "bad:name", 8, 0, 0, RET);
  outcome(&b, "set-bad-name", RU8(0) ? RU8(1) : -1);
  fields_delete(f, "transfer-encoding", 17, RET);
  outcome(&b, "delete-transfer-encoding", RU8(0) ? RU8(1) : -1);
  h32 rh = incoming_request_headers(request);
  outcome(&b, "request-headers-append", append_header(rh, "x-new", "1"));
  const char *v; uint32_t n;
  buf_str(&b, "x-test=");
  if (get_header(rh, "X-Test", &v, &n)) buf_put(&b, v, n); else buf_str(&b, "(none)");
  buf_str(&b, "\n");
  buf_str(&b, "host-visible=");
  buf_str(&b, get_header(rh, "host", &v, &n) ? "yes" : "no");
  buf_str(&b, "\n");
  struct { const char *np; uint32_t nl; const char *vp; uint32_t vl; } list[1] = {{"bad name", 8, "x", 1}};
  fields_from_list(list, 1, RET);
  if (RU8(0)) outcome(&b, "from-list-bad-name", RU8(4)); else { outcome(&b, "from-list-bad-name", -1); fields_drop((h32)RU32(4)); }
  fields_drop(rh);
  fields_drop(f);
  incoming_request_drop(request);
  respond_text(outparam, 200, b.p, b.len);
}

static void count(h32 request, h32 outparam) {
  incoming_request_consume(request, RET);
  h32 in_body = (h32)RU32(4);
  incoming_body_stream(in_body, RET);
  h32 in = (h32)RU32(4);
  uint32_t total = 0; buf_t b = {0}; int status = 200;
  uintptr_t mark = bump_top;
  for (;;) {
    input_stream_blocking_read(in, 65536, RET);
    if (RU8(0) == 0) { total += RU32(8); bump_top = mark; continue; }
    if (RU8(4) == 0) { buf_str(&b, "error="); error_name(&b, (h32)RU32(8)); buf_str(&b, "\n"); status = 413; }
    break;
  }
  input_stream_drop(in);
  incoming_body_drop(in_body);
  incoming_request_drop(request);
  if (status == 200) { buf_str(&b, "bytes="); buf_u32(&b, total); buf_str(&b, "\n"); }
  respond_text(outparam, status, b.p, b.len);
}

static void echo(h32 request, h32 outparam) {
  h32 rh = incoming_request_headers(request);
  h32 h = fields_new();
  const char *v; uint32_t n;
  if (get_header(rh, "content-type", &v, &n)) fields_append(h, "content-type", 12, v, n, RET);
  incoming_request_method(request, RET);
  if (RU8(0) < 9) append_header(h, "x-echo-method", METHOD[RU8(0)]);
  else fields_append(h, "x-echo-method", 13, (const char *)(uintptr_t)RU32(4), RU32(8), RET);
  fields_drop(rh);
  h32 resp = outgoing_response_new(h);
  outgoing_response_body(resp, RET);
  h32 body = (h32)RU32(4);
  set_response(outparam, resp);
  outgoing_body_write(body, RET);
  h32 out = (h32)RU32(4);

  incoming_request_consume(request, RET);
  h32 in_body = (h32)RU32(4);
  incoming_body_stream(in_body, RET);
  h32 in = (h32)RU32(4);
  uintptr_t mark = bump_top;
  for (;;) {
    input_stream_blocking_read(in, 65536, RET);
    if (RU8(0) == 0) {
      uint32_t p = RU32(4), len = RU32(8);
      if (write_all(out, (const void *)(uintptr_t)p, len)) break;
      bump_top = mark;
      continue;
    }
    if (RU8(4) == 0) { // the request body failed: abandon the response (the host aborts it)
      io_error_drop((h32)RU32(8));
      input_stream_drop(in); incoming_body_drop(in_body); incoming_request_drop(request);
      output_stream_drop(out); outgoing_body_drop(body);
      return;
    }
    break; // closed: the end
  }
  input_stream_drop(in);
  h32 ft = incoming_body_finish(in_body);
  h32 p = future_trailers_subscribe(ft);
  pollable_block(p);
  pollable_drop(p);
  future_trailers_get(ft, RET);
  h32 trailers = -1;
  if (RU8(0) && RU8(8) == 0 && RU8(16) == 0 && RU8(24)) trailers = (h32)RU32(28);
  future_trailers_drop(ft);
  incoming_request_drop(request);
  end_response(body, out, trailers);
}

__attribute__((export_name("wasi:http/incoming-handler@0.2.12#handle")))
void handle(h32 request, h32 outparam) {
  incoming_request_path(request, RET);
  const char *path = RU8(0) ? (const char *)(uintptr_t)RU32(4) : "/";
  uint32_t plen = RU8(0) ? RU32(8) : 1;
  if (seq(path, plen, "/trap")) __builtin_trap();
  if (seq(path, plen, "/noresponse")) { incoming_request_drop(request); return; }
  if (seq(path, plen, "/headers")) { headers_checks(request, outparam); return; }
  if (seq(path, plen, "/count")) { count(request, outparam); return; }
  echo(request, outparam);
}
