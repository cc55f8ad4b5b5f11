// Hand-written canonical ABI for world example:world-resource/world-resource (no libc, no WASI): the host
// resource `cell` and the functions `make` and `take` are world-level imports, so their core import module is
// "$root" (wit-component's name for the world's own imports) instead of an interface name.
#include "../common/bump.h"

__attribute__((import_module("$root"), import_name("[constructor]cell"))) extern int32_t cell_new(uint32_t v);
__attribute__((import_module("$root"), import_name("[method]cell.get"))) extern uint32_t cell_get(int32_t self);
__attribute__((import_module("$root"), import_name("[static]cell.merge"))) extern int32_t cell_merge(int32_t a, int32_t b);
__attribute__((import_module("$root"), import_name("[resource-drop]cell"))) extern void cell_drop(int32_t handle);
__attribute__((import_module("$root"), import_name("make"))) extern int32_t make(uint32_t v);
__attribute__((import_module("$root"), import_name("take"))) extern uint32_t take(int32_t handle);

static uint32_t ret_area[3];
__attribute__((export_name("run")))
uint32_t *run(uint32_t v) {
  int32_t a = make(v);
  int32_t b = cell_new(10);
  int32_t m = cell_merge(a, b);   // two borrows
  ret_area[0] = cell_get(a);
  ret_area[1] = cell_get(m);
  ret_area[2] = take(m);          // ownership of m moves to the host
  cell_drop(b);
  cell_drop(a);
  return ret_area;
}
