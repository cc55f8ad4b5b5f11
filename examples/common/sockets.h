// The wasi:sockets@0.2.12 TCP calls of the examples (canonical ABI by hand, like wasi.h): connect to an
// address or a host name, listen on loopback, accept, and read a line. Every helper returns -1 on success or
// the wasi:sockets error-code (an enum index, see ERROR_CODE) on failure.
#ifndef EXAMPLES_SOCKETS_H
#define EXAMPLES_SOCKETS_H
#include "wasi.h"

#define TCP "wasi:sockets/tcp@0.2.12"
IMPORT("wasi:sockets/instance-network@0.2.12", "instance-network") h32 instance_network(void);
// result<tcp-socket, error-code>: tag @0, handle or error-code @4
IMPORT("wasi:sockets/tcp-create-socket@0.2.12", "create-tcp-socket") void create_tcp_socket(int32_t family, void *ret);
// (self, network, ip-socket-address as tag + 11 joined slots, ret): result<_, error-code>: tag @0, error-code @1
IMPORT(TCP, "[method]tcp-socket.start-bind") void tcp_start_bind(h32, h32, int32_t, int32_t, int32_t, int32_t,
  int32_t, int32_t, int32_t, int32_t, int32_t, int32_t, int32_t, int32_t, void *ret);
IMPORT(TCP, "[method]tcp-socket.start-connect") void tcp_start_connect(h32, h32, int32_t, int32_t, int32_t, int32_t,
  int32_t, int32_t, int32_t, int32_t, int32_t, int32_t, int32_t, int32_t, void *ret);
IMPORT(TCP, "[method]tcp-socket.finish-bind") void tcp_finish_bind(h32, void *ret);
IMPORT(TCP, "[method]tcp-socket.start-listen") void tcp_start_listen(h32, void *ret);
IMPORT(TCP, "[method]tcp-socket.finish-listen") void tcp_finish_listen(h32, void *ret);
// result<tuple<input-stream, output-stream>, error-code>: tag @0, streams @4 @8 or error-code @4
IMPORT(TCP, "[method]tcp-socket.finish-connect") void tcp_finish_connect(h32, void *ret);
// result<tuple<tcp-socket, input-stream, output-stream>, error-code>: tag @0, handles @4 @8 @12 or error-code @4
IMPORT(TCP, "[method]tcp-socket.accept") void tcp_accept(h32, void *ret);
IMPORT(TCP, "[method]tcp-socket.subscribe") h32 tcp_subscribe(h32);
IMPORT(TCP, "[resource-drop]tcp-socket") void tcp_drop(h32);

#define LOOKUP "wasi:sockets/ip-name-lookup@0.2.12"
// result<resolve-address-stream, error-code>: tag @0, handle or error-code @4
IMPORT(LOOKUP, "resolve-addresses") void resolve_addresses(h32 network, const char *, uint32_t, void *ret);
// result<option<ip-address>, error-code> (alignment 2): tag @0; ok: option tag @2, ip-address tag @4, its
// tuple @6 (4 x u8 or 8 x u16); err: error-code @2
IMPORT(LOOKUP, "[method]resolve-address-stream.resolve-next-address") void resolve_next_address(h32, void *ret);
IMPORT(LOOKUP, "[method]resolve-address-stream.subscribe") h32 resolve_subscribe(h32);
IMPORT(LOOKUP, "[resource-drop]resolve-address-stream") void resolve_drop(h32);

static const char *ERROR_CODE[] = {
  "unknown", "access-denied", "not-supported", "invalid-argument", "out-of-memory", "timeout",
  "concurrency-conflict", "not-in-progress", "would-block", "invalid-state", "new-socket-limit",
  "address-not-bindable", "address-in-use", "remote-unreachable", "connection-refused", "connection-reset",
  "connection-aborted", "datagram-too-large", "name-unresolvable", "temporary-resolver-failure",
  "permanent-resolver-failure"};
#define WOULD_BLOCK 8
#define INVALID_ARGUMENT 3
static const char *error_name(int code) { return code >= 0 && code <= 20 ? ERROR_CODE[code] : "?"; }

typedef struct { int ipv6; uint16_t port; uint16_t a[8]; } addr_t; // ipv4 uses a[0..3]
typedef struct { h32 sock, in, out; } conn_t;

static void wait_socket(h32 sock) { h32 p = tcp_subscribe(sock); pollable_block(p); pollable_drop(p); }

// the ip-socket-address variant flattened: tag, then ipv4 (port, a, b, c, d) or ipv6 (port, flow-info,
// 8 segments, scope-id), padded to 11 slots
#define ADDR_ARGS(x) 0, (x).port, (x).a[0], (x).a[1], (x).a[2], (x).a[3], 0, 0, 0, 0, 0, 0
#define ADDR6_ARGS(x) 1, (x).port, 0, (x).a[0], (x).a[1], (x).a[2], (x).a[3], (x).a[4], (x).a[5], (x).a[6], (x).a[7], 0

static int tcp_open(int ipv6, h32 *sock) {
  create_tcp_socket(ipv6, RET);
  if (RU8(0)) return RU8(4);
  *sock = (h32)RU32(4);
  return -1;
}

// connects to addr and waits until connected
static int tcp_connect(h32 net, addr_t addr, conn_t *c) {
  int e = tcp_open(addr.ipv6, &c->sock);
  if (e >= 0) return e;
  if (addr.ipv6) tcp_start_connect(c->sock, net, ADDR6_ARGS(addr), RET);
  else tcp_start_connect(c->sock, net, ADDR_ARGS(addr), RET);
  if (RU8(0)) { e = RU8(1); tcp_drop(c->sock); return e; }
  for (;;) {
    tcp_finish_connect(c->sock, RET);
    if (!RU8(0)) { c->in = (h32)RU32(4); c->out = (h32)RU32(8); return -1; }
    if (RU8(4) != WOULD_BLOCK) { e = RU8(4); tcp_drop(c->sock); return e; }
    wait_socket(c->sock);
  }
}

// listens on addr (IPv4) and returns the listening socket
static int tcp_listen(h32 net, addr_t addr, h32 *sock) {
  int e = tcp_open(0, sock);
  if (e >= 0) return e;
  tcp_start_bind(*sock, net, ADDR_ARGS(addr), RET);
  if (RU8(0)) return RU8(1);
  tcp_finish_bind(*sock, RET);
  if (RU8(0)) return RU8(1);
  tcp_start_listen(*sock, RET);
  if (RU8(0)) return RU8(1);
  tcp_finish_listen(*sock, RET);
  if (RU8(0)) return RU8(1);
  return -1;
}

// waits for the next connection (accept answers would-block until a client arrives)
static int tcp_accept_wait(h32 listener, conn_t *c) {
  for (;;) {
    tcp_accept(listener, RET);
    if (!RU8(0)) { c->sock = (h32)RU32(4); c->in = (h32)RU32(8); c->out = (h32)RU32(12); return -1; }
    if (RU8(4) != WOULD_BLOCK) return RU8(4);
    wait_socket(listener);
  }
}

// streams are children of the socket: drop them first
static void conn_close(conn_t *c) { input_stream_drop(c->in); output_stream_drop(c->out); tcp_drop(c->sock); }

// appends what arrives until `until` (e.g. "\n" or "\r\n") has been read or the stream ends; 1 if found
static int read_until(h32 in, buf_t *b, const char *until) {
  uint32_t u = slen(until);
  for (;;) {
    if (b->len >= u) {
      uint32_t i = 0;
      while (i < u && b->p[b->len - u + i] == until[i]) i++;
      if (i == u) return 1;
    }
    input_stream_blocking_read(in, 1, RET); // byte by byte: never read past the line
    if (RU8(0)) { if (RU8(4) == 0) io_error_drop((h32)RU32(8)); return 0; }
    buf_put(b, (const void *)(uintptr_t)RU32(4), RU32(8));
  }
}

// parses "a.b.c.d"; 1 if s is a dotted-quad IPv4 literal
static int parse_ipv4(str_t s, addr_t *addr) {
  uint32_t part = 0, v = 0, digits = 0;
  for (uint32_t i = 0; i <= s.n; i++) {
    if (i == s.n || s.p[i] == '.') {
      if (!digits || v > 255 || part > 3) return 0;
      addr->a[part++] = (uint16_t)v; v = 0; digits = 0;
    } else if (s.p[i] >= '0' && s.p[i] <= '9') {
      v = v * 10 + (uint32_t)(s.p[i] - '0'); digits++;
    } else {
      return 0;
    }
  }
  addr->ipv6 = 0;
  return part == 4;
}

// resolves "host:port" (an IPv4 literal, or a name through ip-name-lookup: the first address it yields)
static int resolve(h32 net, str_t hostport, addr_t *addr) {
  uint32_t colon = hostport.n;
  while (colon > 0 && hostport.p[colon - 1] != ':') colon--;
  uint32_t port;
  str_t host = {hostport.p, colon ? colon - 1 : 0}, port_s = {hostport.p + colon, hostport.n - colon};
  if (!colon || !host.n || !parse_u32(port_s, &port) || port > 65535) return INVALID_ARGUMENT;
  for (uint32_t i = 0; i < 8; i++) addr->a[i] = 0;
  addr->port = (uint16_t)port;
  if (parse_ipv4(host, addr)) return -1;
  resolve_addresses(net, host.p, host.n, RET);
  if (RU8(0)) return RU8(4);
  h32 stream = (h32)RU32(4);
  for (;;) {
    resolve_next_address(stream, RET);
    if (RU8(0)) {
      int e = RU8(2);
      if (e != WOULD_BLOCK) { resolve_drop(stream); return e; }
      h32 p = resolve_subscribe(stream); pollable_block(p); pollable_drop(p);
      continue;
    }
    if (!RU8(2)) { resolve_drop(stream); return 18; } // none: name-unresolvable
    addr->ipv6 = RU8(4);
    for (uint32_t i = 0; i < (addr->ipv6 ? 8u : 4u); i++) addr->a[i] = addr->ipv6 ? RU16(6 + 2 * i) : RU8(6 + i);
    resolve_drop(stream);
    return -1;
  }
}
#endif
