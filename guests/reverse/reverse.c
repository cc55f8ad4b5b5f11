// World example:reverse/reverse: reverse(s) by code points; the argument buffer (from cabi_realloc) is reused
// as scratch. Result memory is reclaimed in cabi_post_reverse by rewinding the bump allocator.
#include "../common/bump.h"

static uint32_t ret_area[2];
static uintptr_t mark;
__attribute__((export_name("reverse")))
uint32_t *reverse(const uint8_t *p, uint32_t len) {
  uint8_t *out = bump_alloc(1, len ? len : 1);
  uint32_t o = len;
  for (uint32_t i = 0; i < len;) {
    uint32_t n = 1; uint8_t c = p[i];
    if (c >= 0xF0) n = 4; else if (c >= 0xE0) n = 3; else if (c >= 0xC0) n = 2;
    o -= n; memcpy(out + o, p + i, n); i += n;
  }
  ret_area[0] = (uint32_t)(uintptr_t)out; ret_area[1] = len;
  return ret_area;
}
// everything allocated since the first call's argument is garbage once the host has lifted the result
__attribute__((export_name("cabi_post_reverse")))
void post_reverse(uint32_t *ret) { (void)ret; if (!mark) mark = (uintptr_t)&__heap_base; bump_top = mark; }
