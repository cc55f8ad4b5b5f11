// Tiny freestanding runtime for no-libc guests (clang --target=wasm32-unknown-unknown -nostdlib):
// a bump allocator behind cabi_realloc (never frees; grows linear memory on demand) and memcpy.
#ifndef VIRGA_BUMP_H
#define VIRGA_BUMP_H
#include <stdint.h>
#include <stddef.h>

extern unsigned char __heap_base;
static uintptr_t bump_top;

static void *bump_alloc(size_t align, size_t size) {
  if (!bump_top) bump_top = (uintptr_t)&__heap_base;
  uintptr_t p = (bump_top + align - 1) & ~(uintptr_t)(align - 1);
  uintptr_t end = p + size;
  uintptr_t have = __builtin_wasm_memory_size(0) * 65536u;
  if (end > have) {
    size_t pages = (end - have + 65535u) / 65536u;
    if (__builtin_wasm_memory_grow(0, pages) == (size_t)-1) __builtin_trap();
  }
  bump_top = end;
  return (void *)p;
}

void *memcpy(void *d, const void *s, size_t n) {
  unsigned char *dd = d; const unsigned char *ss = s;
  while (n--) *dd++ = *ss++;
  return d;
}
void *memset(void *d, int c, size_t n) {
  unsigned char *dd = d;
  while (n--) *dd++ = (unsigned char)c;
  return d;
}

__attribute__((export_name("cabi_realloc")))
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
  if (new_size == 0) return (void *)align;
  void *p = bump_alloc(align, new_size);
  if (old && old_size) memcpy(p, old, old_size < new_size ? old_size : new_size);
  return p;
}
#endif
