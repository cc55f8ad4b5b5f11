// redis-adapter: the service of the tcp-adapter example (exports wasi:cli/run). It keeps ONE long-lived TCP
// connection to redis and serves the workload's components on 127.0.0.1:7777 with a line protocol: a client
// sends a key and "\n", the service runs `INCR key` over the redis connection and answers the new count and
// "\n" (or "error: <why>\n"), then closes the client connection. Clients are served one after another.
// Environment: REDIS_ADDR=host:port (default 127.0.0.1:6379; the host may be an IPv4 literal or a name, which
// is resolved with wasi:sockets/ip-name-lookup). The redis connection is reopened once when a command fails on
// it (redis restarted); if redis cannot be reached at start, run returns err and the host restarts the service
// within its maxRestarts budget.
#include "../common/sockets.h"

#define LISTEN_PORT 7777

static h32 net;
static str_t redis_at;
static addr_t redis_addr;
static conn_t redis;
static int redis_open;

static void log_line(buf_t *b) { buf_str(b, "\n"); print_buf(b); }
static void log_error(const char *what, str_t who, int code) {
  buf_t b = {0};
  buf_str(&b, "redis-adapter: "); buf_str(&b, what); buf_s(&b, who); buf_str(&b, ": "); buf_str(&b, error_name(code));
  log_line(&b);
}

static int redis_connect(void) {
  int e = tcp_connect(net, redis_addr, &redis);
  redis_open = e < 0;
  if (redis_open) { buf_t b = {0}; buf_str(&b, "redis-adapter: connected to redis at "); buf_s(&b, redis_at); log_line(&b); }
  else log_error("cannot connect to redis at ", redis_at, e);
  return e;
}

// one RESP round trip: INCR key; the raw reply line (":<n>\r\n" or "-ERR ...\r\n") into reply; 0 on I/O failure
static int redis_incr_once(str_t key, buf_t *reply) {
  if (!redis_open && redis_connect() >= 0) return 0;
  buf_t cmd = {0};
  buf_str(&cmd, "*2\r\n$4\r\nINCR\r\n$"); buf_u64(&cmd, key.n); buf_str(&cmd, "\r\n"); buf_s(&cmd, key); buf_str(&cmd, "\r\n");
  reply->len = 0;
  if (write_all(redis.out, cmd.p, cmd.len) == 0 && read_until(redis.in, reply, "\r\n")) return 1;
  conn_close(&redis); // the connection is broken: the next attempt reconnects
  redis_open = 0;
  return 0;
}

// the answer line for key, without its "\n"
static void answer(str_t key, buf_t *out) {
  buf_t reply = {0};
  if (!key.n) { buf_str(out, "error: empty key"); return; }
  if (!redis_incr_once(key, &reply) && !redis_incr_once(key, &reply)) { buf_str(out, "error: redis unavailable"); return; }
  if (reply.len < 3) { buf_str(out, "error: unexpected redis reply"); return; }
  str_t line = {reply.p + 1, reply.len - 3}; // without the type byte and "\r\n"
  if (reply.p[0] == ':') buf_s(out, line);
  else if (reply.p[0] == '-') { buf_str(out, "error: redis said "); buf_s(out, line); }
  else buf_str(out, "error: unexpected redis reply");
}

static void serve_client(conn_t *c) {
  buf_t line = {0};
  read_until(c->in, &line, "\n");
  str_t key = {line.p, line.len};
  while (key.n && (key.p[key.n - 1] == '\n' || key.p[key.n - 1] == '\r')) key.n--;
  buf_t out = {0};
  answer(key, &out);
  buf_t log = {0};
  buf_str(&log, "redis-adapter: INCR "); buf_s(&log, key); buf_str(&log, " -> "); buf_put(&log, out.p, out.len);
  log_line(&log);
  buf_str(&out, "\n");
  write_all(c->out, out.p, out.len);
}

EXPORT("wasi:cli/run@0.2.12#run") int32_t run(void) {
  net = instance_network();
  if (!env_get("REDIS_ADDR", &redis_at)) redis_at = S("127.0.0.1:6379");
  int e = resolve(net, redis_at, &redis_addr);
  if (e >= 0) { log_error("cannot resolve REDIS_ADDR ", redis_at, e); return 1; }
  if (redis_connect() >= 0) return 1;
  h32 listener;
  addr_t local = {0, LISTEN_PORT, {127, 0, 0, 1}};
  e = tcp_listen(net, local, &listener);
  if (e >= 0) { log_error("cannot listen on ", S("127.0.0.1:7777"), e); return 1; }
  buf_t b = {0};
  buf_str(&b, "redis-adapter: listening on 127.0.0.1:7777");
  log_line(&b);
  uintptr_t mark = bump_mark();
  for (;;) {
    bump_release(mark); // nothing of one client outlives it
    conn_t c;
    e = tcp_accept_wait(listener, &c);
    if (e >= 0) { log_error("accept failed on ", S("127.0.0.1:7777"), e); return 1; }
    serve_client(&c);
    conn_close(&c);
  }
}
