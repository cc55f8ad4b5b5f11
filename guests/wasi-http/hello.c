// wasi-http-hello: the hello-world HTTP component (benchmark subject). Ignores the request, never reads its
// body, answers 200 text/plain "Hello from Virga!\n" in the usual order (set the response, write, finish).
#include "wasi_http.h"

static const char HELLO[] = "Hello from Virga!\n";

__attribute__((export_name("wasi:http/incoming-handler@0.2.12#handle")))
void handle(h32 request, h32 outparam) {
  incoming_request_drop(request);
  h32 body, out;
  start_response(outparam, 200, "text/plain", &body, &out);
  write_all(out, HELLO, sizeof HELLO - 1);
  end_response(body, out, -1);
}
