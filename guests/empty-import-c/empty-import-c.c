// Hand-written canonical ABI for world example:empty-import/empty-import-c (no libc, no WASI), componentized by
// wit-component (`jco new`) like wit-bindgen's C output. build.sh then empties the names of the host imports:
// see README.md ("empty-import-c").
#include "../common/bump.h"

#define HOST "example:empty-import/host@0.1.0"
#define API "example:empty-import/api@0.1.0"

__attribute__((import_module(HOST), import_name("double"))) extern uint32_t host_double(uint32_t x);
__attribute__((import_module(HOST), import_name("greet"))) extern void host_greet(const char *p, int32_t len, int32_t *ret);

__attribute__((export_name(API "#run")))
uint32_t run(uint32_t x) { return host_double(x) + 1; }

static int32_t ret_area[2];
__attribute__((export_name(API "#hello")))
int32_t *hello(const char *p, int32_t len) {
  host_greet(p, len, ret_area);
  return ret_area;
}
