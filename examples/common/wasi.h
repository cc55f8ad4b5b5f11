// The WASI 0.2.12 calls the example guests make, with the canonical ABI written by hand (CanonicalABI.md): no
// libc, no wit-bindgen, so every component imports exactly the interfaces its source calls. Functions with a
// `void *ret` parameter return their result through that return area (more than one flat result value).
// Memory comes from the bump allocator of guests/common/bump.h; long-running loops release it per iteration
// with bump_mark()/bump_release() because it never frees.
#ifndef EXAMPLES_WASI_H
#define EXAMPLES_WASI_H
#include "../../guests/common/bump.h"

#define IMPORT(m, n) __attribute__((import_module(m), import_name(n)))
#define EXPORT(n) __attribute__((export_name(n)))
typedef int32_t h32; // a resource handle

#define STREAMS "wasi:io/streams@0.2.12"
IMPORT("wasi:io/error@0.2.12", "[resource-drop]error") void io_error_drop(h32);
IMPORT("wasi:io/poll@0.2.12", "[method]pollable.block") void pollable_block(h32);
IMPORT("wasi:io/poll@0.2.12", "[resource-drop]pollable") void pollable_drop(h32);
// result<list<u8>, stream-error>: tag @0, ok list (ptr @4, len @8); err stream-error tag @4 (0 = failed, error @8)
IMPORT(STREAMS, "[method]input-stream.blocking-read") void input_stream_blocking_read(h32, int64_t len, void *ret);
IMPORT(STREAMS, "[resource-drop]input-stream") void input_stream_drop(h32);
// result<_, stream-error>: tag @0, err stream-error tag @4 (0 = failed, error @8)
IMPORT(STREAMS, "[method]output-stream.blocking-write-and-flush")
void output_stream_blocking_write_and_flush(h32, const void *, uint32_t, void *ret);
IMPORT(STREAMS, "[resource-drop]output-stream") void output_stream_drop(h32);

IMPORT("wasi:cli/stdout@0.2.12", "get-stdout") h32 get_stdout(void);
IMPORT("wasi:cli/stderr@0.2.12", "get-stderr") h32 get_stderr(void);
// list<tuple<string, string>>: ptr @0, len @4
IMPORT("wasi:cli/environment@0.2.12", "get-environment") void get_environment(void *ret);
IMPORT("wasi:clocks/monotonic-clock@0.2.12", "subscribe-duration") h32 subscribe_duration(int64_t nanos);

static uint64_t ret_area[8]; // 64 bytes, 8-aligned: every return area used here fits
#define RET ((uint8_t *)ret_area)
#define RU8(off) (*(uint8_t *)(RET + (off)))
#define RU16(off) (*(uint16_t *)(RET + (off)))
#define RU32(off) (*(uint32_t *)(RET + (off)))

// ---- strings and buffers ----
typedef struct { const char *p; uint32_t n; } str_t;  // the canonical layout of `string`
typedef struct { str_t key, value; } kv_t;            // the canonical layout of `tuple<string, string>`

static uint32_t slen(const char *s) { uint32_t n = 0; while (s[n]) n++; return n; }
static str_t S(const char *s) { str_t r = {s, slen(s)}; return r; }
static int str_eq(str_t a, str_t b) {
  if (a.n != b.n) return 0;
  for (uint32_t i = 0; i < a.n; i++) if (a.p[i] != b.p[i]) return 0;
  return 1;
}
static int str_cmp(str_t a, str_t b) { // bytewise, like Rust's and Java's sort of ASCII keys
  uint32_t n = a.n < b.n ? a.n : b.n;
  for (uint32_t i = 0; i < n; i++)
    if (a.p[i] != b.p[i]) return (unsigned char)a.p[i] < (unsigned char)b.p[i] ? -1 : 1;
  return a.n < b.n ? -1 : a.n > b.n;
}
static void sort_by_key(kv_t *kv, uint32_t n) { // insertion sort: config maps are small
  for (uint32_t i = 1; i < n; i++) {
    kv_t x = kv[i]; uint32_t j = i;
    while (j > 0 && str_cmp(kv[j - 1].key, x.key) > 0) { kv[j] = kv[j - 1]; j--; }
    kv[j] = x;
  }
}
static int parse_u32(str_t s, uint32_t *out) {
  if (!s.n) return 0;
  uint32_t v = 0;
  for (uint32_t i = 0; i < s.n; i++) {
    if (s.p[i] < '0' || s.p[i] > '9') return 0;
    v = v * 10 + (uint32_t)(s.p[i] - '0');
  }
  *out = v;
  return 1;
}

typedef struct { char *p; uint32_t len, cap; } buf_t; // a growable byte buffer on the bump heap
static void buf_put(buf_t *b, const void *s, uint32_t n) {
  if (b->len + n > b->cap) {
    uint32_t cap = b->cap ? b->cap * 2 : 256;
    while (cap < b->len + n) cap *= 2;
    b->p = cabi_realloc(b->p, b->len, 1, cap); b->cap = cap;
  }
  memcpy(b->p + b->len, s, n); b->len += n;
}
static void buf_str(buf_t *b, const char *s) { buf_put(b, s, slen(s)); }
static void buf_s(buf_t *b, str_t s) { buf_put(b, s.p, s.n); }
static void buf_u64(buf_t *b, uint64_t v) {
  char t[20]; int n = 0;
  do { t[n++] = (char)('0' + v % 10); v /= 10; } while (v);
  while (n) buf_put(b, &t[--n], 1);
}
static void buf_kv_lines(buf_t *b, const kv_t *kv, uint32_t n) { // KEY=VALUE\n per entry
  for (uint32_t i = 0; i < n; i++) { buf_s(b, kv[i].key); buf_str(b, "="); buf_s(b, kv[i].value); buf_str(b, "\n"); }
}

static uintptr_t bump_mark(void) { if (!bump_top) bump_top = (uintptr_t)&__heap_base; return bump_top; }
static void bump_release(uintptr_t mark) { bump_top = mark; }

// ---- streams ----
// writes all of s (at most 4096 bytes per blocking-write-and-flush, as WASI demands); 0 on success
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

static h32 stdout_h = -1, stderr_h = -1;
static void print_buf(const buf_t *b) { if (stdout_h < 0) stdout_h = get_stdout(); write_all(stdout_h, b->p, b->len); }
static void eprint(const char *s) { if (stderr_h < 0) stderr_h = get_stderr(); write_all(stderr_h, s, slen(s)); }

// ---- environment (wasi:cli/environment), read once per instance ----
static kv_t *env_list; static uint32_t env_len; static int env_read;
static int env_get(const char *name, str_t *value) {
  if (!env_read) { get_environment(RET); env_list = (kv_t *)(uintptr_t)RU32(0); env_len = RU32(4); env_read = 1; }
  for (uint32_t i = 0; i < env_len; i++) if (str_eq(env_list[i].key, S(name))) { *value = env_list[i].value; return 1; }
  return 0;
}
static uint32_t env_u32(const char *name, uint32_t dflt) {
  str_t v; uint32_t n;
  return env_get(name, &v) && parse_u32(v, &n) ? n : dflt;
}

// ---- clocks ----
static void sleep_ms(uint32_t ms) {
  h32 p = subscribe_duration((int64_t)ms * 1000000);
  pollable_block(p);
  pollable_drop(p);
}
#endif
