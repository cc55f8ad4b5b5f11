// TCP echo guest on wasi:sockets@0.2.12 imported directly, canonical ABI written by hand (after
// /work/shared/examples/guests/c/tcp_echo.c). Config (wasi:config/store):
//   mode=serve (default): listen on 127.0.0.1:<port>, serve <count> (default 1) connections one after
//                         another: read one chunk, reply "echo: <chunk>", close.
//   mode=connect:         connect to 127.0.0.1:<port>, send <message>, print the reply.
// Every failure prints "<step> failed <error-code number>" and makes run return err.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

__attribute__((export_name("cabi_realloc")))
void *cabi_realloc(void *ptr, size_t old_size, size_t align, size_t new_size) {
  (void)old_size; if (new_size == 0) return (void *)align;
  void *r = realloc(ptr, new_size); if (!r) abort(); return r;
}
#define IMPORT(mod, name) __attribute__((import_module(mod), import_name(name)))
#define TCP "wasi:sockets/tcp@0.2.12"
IMPORT("wasi:config/store@0.2.0-draft", "get") extern void config_get(const char *k, size_t kl, uint8_t *ret);
IMPORT("wasi:sockets/instance-network@0.2.12", "instance-network") extern int32_t instance_network(void);
IMPORT("wasi:sockets/tcp-create-socket@0.2.12", "create-tcp-socket") extern void create_tcp_socket(int32_t af, uint8_t *ret);
IMPORT(TCP, "[method]tcp-socket.start-bind") extern void tcp_start_bind(
  int32_t self, int32_t net, int32_t disc, int32_t p0, int32_t p1, int32_t p2, int32_t p3, int32_t p4,
  int32_t p5, int32_t p6, int32_t p7, int32_t p8, int32_t p9, int32_t p10, uint8_t *ret);
IMPORT(TCP, "[method]tcp-socket.start-connect") extern void tcp_start_connect(
  int32_t self, int32_t net, int32_t disc, int32_t p0, int32_t p1, int32_t p2, int32_t p3, int32_t p4,
  int32_t p5, int32_t p6, int32_t p7, int32_t p8, int32_t p9, int32_t p10, uint8_t *ret);
IMPORT(TCP, "[method]tcp-socket.finish-bind") extern void tcp_finish_bind(int32_t self, uint8_t *ret);
IMPORT(TCP, "[method]tcp-socket.finish-connect") extern void tcp_finish_connect(int32_t self, uint8_t *ret);
IMPORT(TCP, "[method]tcp-socket.start-listen") extern void tcp_start_listen(int32_t self, uint8_t *ret);
IMPORT(TCP, "[method]tcp-socket.finish-listen") extern void tcp_finish_listen(int32_t self, uint8_t *ret);
IMPORT(TCP, "[method]tcp-socket.accept") extern void tcp_accept(int32_t self, uint8_t *ret);
IMPORT(TCP, "[method]tcp-socket.subscribe") extern int32_t tcp_subscribe(int32_t self);
IMPORT(TCP, "[resource-drop]tcp-socket") extern void tcp_drop(int32_t h);
IMPORT("wasi:io/poll@0.2.12", "[method]pollable.block") extern void pollable_block(int32_t self);
IMPORT("wasi:io/poll@0.2.12", "[resource-drop]pollable") extern void pollable_drop(int32_t h);
IMPORT("wasi:io/streams@0.2.12", "[method]input-stream.blocking-read") extern void in_blocking_read(int32_t self, int64_t len, uint8_t *ret);
IMPORT("wasi:io/streams@0.2.12", "[method]output-stream.blocking-write-and-flush") extern void out_write_flush(int32_t self, const uint8_t *p, size_t l, uint8_t *ret);
IMPORT("wasi:io/streams@0.2.12", "[resource-drop]input-stream") extern void in_drop(int32_t h);
IMPORT("wasi:io/streams@0.2.12", "[resource-drop]output-stream") extern void out_drop(int32_t h);

static uint8_t ret[64] __attribute__((aligned(8)));
#define OK() (ret[0] == 0)
// the error-code of result<_, error-code> sits at offset 1, of result<handle(s), error-code> at offset 4
#define ERRCODE() ((int)ret[4])
#define UNIT_ERRCODE() ((int)ret[1])
#define WOULD_BLOCK 8

// config value of `key` copied into buf (NUL-terminated), or def when absent
static const char *config(const char *key, char *buf, size_t cap, const char *def) {
  config_get(key, strlen(key), ret);
  if (ret[0] == 0 && *(uint32_t *)(ret + 4) == 1) {
    uint32_t l = *(uint32_t *)(ret + 12);
    char *p = (char *)(uintptr_t)*(uint32_t *)(ret + 8);
    if (l >= cap) l = cap - 1;
    memcpy(buf, p, l); buf[l] = 0; free(p);
    return buf;
  }
  return def;
}

static int fail_code(const char *step, int code) { printf("%s failed %d\n", step, code); fflush(stdout); return 1; }
static int fail(const char *step) { return fail_code(step, ERRCODE()); }
static int fail_unit(const char *step) { return fail_code(step, UNIT_ERRCODE()); }

static int serve(int32_t net, int port, int count) {
  create_tcp_socket(0 /* ipv4 */, ret); if (!OK()) return fail("create");
  int32_t sock = *(int32_t *)(ret + 4);
  // ip-socket-address::ipv4 { port, (127,0,0,1) }, padded to the 11-slot joined variant payload
  tcp_start_bind(sock, net, 0, port, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, ret); if (!OK()) return fail_unit("start-bind");
  tcp_finish_bind(sock, ret); if (!OK()) return fail_unit("finish-bind");
  tcp_start_listen(sock, ret); if (!OK()) return fail_unit("start-listen");
  tcp_finish_listen(sock, ret); if (!OK()) return fail_unit("finish-listen");
  printf("listening on 127.0.0.1:%d\n", port); fflush(stdout);
  for (int i = 0; i < count; i++) {
    int32_t client, in, out;
    for (;;) {   // accept returns would-block until a client connects: wait on the socket's pollable
      tcp_accept(sock, ret);
      if (OK()) { client = *(int32_t *)(ret + 4); in = *(int32_t *)(ret + 8); out = *(int32_t *)(ret + 12); break; }
      if (ERRCODE() != WOULD_BLOCK) return fail("accept");
      int32_t p = tcp_subscribe(sock); pollable_block(p); pollable_drop(p);
    }
    in_blocking_read(in, 1024, ret);
    if (!OK()) { printf("read failed\n"); return 1; }
    uint8_t *data = (uint8_t *)(uintptr_t)*(uint32_t *)(ret + 4); uint32_t n = *(uint32_t *)(ret + 8);
    printf("received %u bytes: %.*s\n", n, (int)n, (char *)data); fflush(stdout);
    uint8_t reply[1100]; memcpy(reply, "echo: ", 6); memcpy(reply + 6, data, n); free(data);
    out_write_flush(out, reply, 6 + n, ret); if (!OK()) { printf("write failed\n"); return 1; }
    in_drop(in); out_drop(out); tcp_drop(client);
  }
  tcp_drop(sock);
  printf("done\n"); fflush(stdout);
  return 0;
}

static int connect_out(int32_t net, int port, const char *message) {
  create_tcp_socket(0 /* ipv4 */, ret); if (!OK()) return fail("create");
  int32_t sock = *(int32_t *)(ret + 4);
  tcp_start_connect(sock, net, 0, port, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, ret); if (!OK()) return fail_unit("start-connect");
  int32_t in, out;
  for (int tries = 0;; tries++) {
    tcp_finish_connect(sock, ret);
    if (OK()) { in = *(int32_t *)(ret + 4); out = *(int32_t *)(ret + 8); break; }
    if (ERRCODE() != WOULD_BLOCK || tries > 1000) return fail("finish-connect");
    int32_t p = tcp_subscribe(sock); pollable_block(p); pollable_drop(p);
  }
  printf("connected to 127.0.0.1:%d\n", port); fflush(stdout);
  out_write_flush(out, (const uint8_t *)message, strlen(message), ret); if (!OK()) { printf("write failed\n"); return 1; }
  in_blocking_read(in, 1024, ret);
  if (!OK()) { printf("read failed\n"); return 1; }
  uint8_t *data = (uint8_t *)(uintptr_t)*(uint32_t *)(ret + 4); uint32_t n = *(uint32_t *)(ret + 8);
  printf("reply %u bytes: %.*s\n", n, (int)n, (char *)data); fflush(stdout);
  free(data);
  in_drop(in); out_drop(out); tcp_drop(sock);
  return 0;
}

__attribute__((export_name("wasi:cli/run@0.2.0#run")))
int32_t run(void) {
  char mode[16], portbuf[16], countbuf[16], message[256];
  const char *m = config("mode", mode, sizeof mode, "serve");
  int port = atoi(config("port", portbuf, sizeof portbuf, "8089"));
  int count = atoi(config("count", countbuf, sizeof countbuf, "1"));
  const char *msg = config("message", message, sizeof message, "hello from guest");
  int32_t net = instance_network();
  if (strcmp(m, "connect") == 0) return connect_out(net, port, msg);
  return serve(net, port, count < 1 ? 1 : count);
}
