// Hand-written canonical ABI for world example:resources/resources (no libc, no WASI).
// Exported resource `counter`: the guest keeps the state (rep = slot index + 1) and asks the host for handles
// with [resource-new]; methods and borrow<counter> params of its own type arrive as the rep; own<counter>
// params arrive as a handle that [resource-rep] resolves and [resource-drop] releases (running the dtor).
#include "../common/bump.h"

#define API "example:resources/api@0.1.0"
#define HOST "example:resources/host@0.1.0"

// ---- canonical built-ins for the exported resource
__attribute__((import_module("[export]" API), import_name("[resource-new]counter"))) extern int32_t counter_new(int32_t rep);
__attribute__((import_module("[export]" API), import_name("[resource-rep]counter"))) extern int32_t counter_rep(int32_t handle);
__attribute__((import_module("[export]" API), import_name("[resource-drop]counter"))) extern void counter_drop(int32_t handle);

// ---- host resource blob
__attribute__((import_module(HOST), import_name("[constructor]blob"))) extern int32_t blob_new(const void *p, int32_t len);
__attribute__((import_module(HOST), import_name("[method]blob.size"))) extern int32_t blob_size(int32_t self);
__attribute__((import_module(HOST), import_name("[method]blob.append"))) extern void blob_append(int32_t self, const void *p, int32_t len);
__attribute__((import_module(HOST), import_name("[static]blob.concat"))) extern int32_t blob_concat(int32_t a, int32_t b);
__attribute__((import_module(HOST), import_name("[resource-drop]blob"))) extern void blob_drop(int32_t handle);
__attribute__((import_module(HOST), import_name("consume"))) extern int32_t host_consume(int32_t handle);

#define MAX 64
static struct { uint32_t value, used; } slots[MAX];
static uint32_t dtor_runs;

static int32_t alloc_slot(uint32_t start) {
  for (int i = 0; i < MAX; i++) if (!slots[i].used) { slots[i].used = 1; slots[i].value = start; return i + 1; }
  __builtin_trap();
}
#define SLOT(rep) (slots[(rep) - 1])

__attribute__((export_name(API "#[constructor]counter")))
int32_t counter_ctor(uint32_t start) { return counter_new(alloc_slot(start)); }

__attribute__((export_name(API "#[method]counter.inc")))
uint32_t counter_inc(int32_t self, uint32_t by) { return SLOT(self).value += by; }

__attribute__((export_name(API "#[method]counter.get")))
uint32_t counter_get(int32_t self) { return SLOT(self).value; }

__attribute__((export_name(API "#[static]counter.make")))
int32_t counter_make(uint32_t start) { return counter_new(alloc_slot(start * 10)); }

__attribute__((export_name(API "#[method]counter.absorb")))
uint32_t counter_absorb(int32_t self, int32_t other_handle) {
  int32_t other = counter_rep(other_handle);
  SLOT(self).value += SLOT(other).value;
  counter_drop(other_handle);   // own handle of our own resource type: runs [dtor]counter
  return SLOT(self).value;
}

__attribute__((export_name(API "#[dtor]counter")))
void counter_dtor(int32_t rep) { SLOT(rep).used = 0; dtor_runs++; }

__attribute__((export_name(API "#peek")))
uint32_t peek(int32_t rep) { return SLOT(rep).value; }

__attribute__((export_name(API "#dropped")))
uint32_t dropped(void) { return dtor_runs; }

static uint32_t ret_area[3];
__attribute__((export_name(API "#use-blob")))
uint32_t *use_blob(const uint8_t *data, int32_t len) {
  static const uint8_t bang[2] = {'!', '!'};
  int32_t a = blob_new(data, len);
  blob_append(a, bang, 2);
  uint32_t size_a = (uint32_t)blob_size(a);
  int32_t b = blob_concat(a, a);           // two borrows of the same handle
  uint32_t size_b = (uint32_t)blob_size(b);
  uint32_t consumed = (uint32_t)host_consume(b);   // ownership of b moves to the host
  blob_drop(a);
  ret_area[0] = size_a; ret_area[1] = size_b; ret_area[2] = consumed;
  return ret_area;
}
