// http-api: the HTTP component of the tcp-adapter example. For every request it connects to the workload's
// service on 127.0.0.1:7777 (the workload's own loopback), sends the request path as the key, and answers 200
// with the service's reply line (the key's new count), or 502 when the service cannot be reached or reports
// an error.
#include "../common/http.h"
#include "../common/sockets.h"

EXPORT(HANDLE_EXPORT) void handle(h32 request, h32 outparam) {
  static uintptr_t heap; // nothing outlives a request: a pooled instance reuses the same memory
  static h32 net = -1;
  if (!heap) heap = bump_mark(); else bump_release(heap);
  if (net < 0) net = instance_network();
  str_t path = request_path(request);
  buf_t key = {0};
  buf_s(&key, path); buf_str(&key, "\n");
  incoming_request_drop(request);

  addr_t service = {0, 7777, {127, 0, 0, 1}};
  conn_t c;
  int e = tcp_connect(net, service, &c);
  buf_t body = {0};
  if (e >= 0) {
    buf_str(&body, "error: cannot connect to the service at 127.0.0.1:7777: "); buf_str(&body, error_name(e)); buf_str(&body, "\n");
    respond_buf(outparam, 502, &body);
    return;
  }
  int complete = write_all(c.out, key.p, key.len) == 0 && read_until(c.in, &body, "\n");
  conn_close(&c);
  if (!complete) { body.len = 0; buf_str(&body, "error: the service closed the connection without an answer\n"); }
  str_t head = {body.p, body.len < 6 ? body.len : 6};
  int is_error = !complete || str_eq(head, S("error:"));
  respond_buf(outparam, is_error ? 502 : 200, &body);
}
