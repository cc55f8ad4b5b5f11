// Hand-written canonical ABI, no libc: every export returns a value the lifting side must truncate, normalise
// or reject (trap), and cabi_realloc can be switched to return misaligned or out-of-bounds memory.
#include <stdint.h>
#include <stddef.h>

#define EXPORT(name) __attribute__((export_name("example:malformed/bad@0.1.0#" name)))

extern unsigned char __heap_base;
static uintptr_t top;
static uint32_t realloc_mode;
static uint64_t area[4];          // 8-aligned return area
static unsigned char data[64];    // guest-made list and string contents

__attribute__((export_name("cabi_realloc")))
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
  (void)old; (void)old_size;
  if (realloc_mode == 2) return (void *)0xFFFFFFF0u;  // beyond any memory this module has
  if (!top) top = (uintptr_t)&__heap_base;
  uintptr_t p = (top + align - 1) & ~(uintptr_t)(align - 1);
  top = p + new_size + 1;
  if (top > __builtin_wasm_memory_size(0) * 65536u) __builtin_trap();
  return (void *)(realloc_mode == 1 ? p + 1 : p);     // mode 1: one byte off the requested alignment
}

EXPORT("bool-two") int32_t bool_two(void) { return 2; }
EXPORT("bool-neg") int32_t bool_neg(void) { return -1; }
EXPORT("u8-wide") int32_t u8_wide(void) { return 300; }
EXPORT("s8-wide") int32_t s8_wide(void) { return 200; }
EXPORT("u16-wide") int32_t u16_wide(void) { return 0x12345; }
EXPORT("s16-wide") int32_t s16_wide(void) { return 0x18000; }
EXPORT("flags-extra") int32_t flags_extra(void) { return 0xFF; }
EXPORT("f32-nan-payload") float f32_nan_payload(void) {
  union { uint32_t u; float f; } v = { 0x7FC00001u };
  return v.f;
}
static void *list(const unsigned char *bytes, uint32_t n, uint32_t count) {
  for (uint32_t i = 0; i < n; i++) data[i] = bytes[i];
  area[0] = (uint64_t)(uintptr_t)data | ((uint64_t)count << 32);
  return area;
}
EXPORT("list-bool") void *list_bool(void) { static const unsigned char b[] = {0, 1, 2, 255}; return list(b, 4, 4); }
EXPORT("char-surrogate") int32_t char_surrogate(void) { return 0xD800; }
EXPORT("char-too-big") int32_t char_too_big(void) { return 0x110000; }
EXPORT("list-char-surrogate") void *list_char_surrogate(void) {
  static const unsigned char b[] = {0x41, 0, 0, 0, 0xFF, 0xDF, 0, 0}; return list(b, 8, 2);
}
EXPORT("enum-bad") int32_t enum_bad(void) { return 2; }
EXPORT("option-bad") void *option_bad(void) { ((unsigned char *)area)[0] = 2; ((unsigned char *)area)[1] = 7; return area; }
EXPORT("variant-bad") void *variant_bad(void) { ((unsigned char *)area)[0] = 7; ((uint32_t *)area)[1] = 1; return area; }
EXPORT("result-bad") void *result_bad(void) { ((unsigned char *)area)[0] = 2; ((unsigned char *)area)[1] = 1; return area; }
EXPORT("string-bad-utf8") void *string_bad_utf8(void) { static const unsigned char b[] = {'a', 0xFF, 0xFE, 'b'}; return list(b, 4, 4); }
EXPORT("string-oob") void *string_oob(void) { area[0] = 0xFFFFFF00u | ((uint64_t)1000 << 32); return area; }
EXPORT("list-oob") void *list_oob(void) {   // 4 u64s from 16 bytes before the end of memory: 16 bytes too many
  area[0] = (uint64_t)(__builtin_wasm_memory_size(0) * 65536u - 16) | ((uint64_t)4 << 32); return area;
}
EXPORT("list-unaligned") void *list_unaligned(void) {
  area[0] = (uint64_t)((uintptr_t)data + 1) | ((uint64_t)2 << 32); return area;
}
EXPORT("retptr-unaligned") void *retptr_unaligned(void) {
  unsigned char *p = (unsigned char *)area + 1;   // a string's return area needs 4-byte alignment
  for (int i = 0; i < 8; i++) p[i] = 0;
  return p;
}
EXPORT("retptr-oob") void *retptr_oob(void) { return (void *)(__builtin_wasm_memory_size(0) * 65536u - 8); }
EXPORT("set-realloc-mode") void set_realloc_mode(int32_t m) { realloc_mode = (uint32_t)m; }
EXPORT("sum-list") int32_t sum_list(int32_t ptr, int32_t len) {
  uint32_t s = 0; const uint32_t *p = (const uint32_t *)(uintptr_t)ptr;
  for (int32_t i = 0; i < len; i++) s += p[i];
  return (int32_t)s;
}
EXPORT("str-len") int32_t str_len(int32_t ptr, int32_t len) { (void)ptr; return len; }
