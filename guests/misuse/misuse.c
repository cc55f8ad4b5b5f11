// Hand-written canonical ABI, no libc: handle misuse that the canonical ABI must turn into traps (see wit/).
#include "../common/bump.h"
#define API "example:misuse/api@0.1.0"
#define HOST "example:resources/host@0.1.0"
__attribute__((import_module(HOST), import_name("[constructor]blob"))) extern int32_t blob_new(const void *p, int32_t len);
__attribute__((import_module(HOST), import_name("[method]blob.size"))) extern int32_t blob_size(int32_t self);
__attribute__((import_module(HOST), import_name("[resource-drop]blob"))) extern void blob_drop(int32_t handle);
__attribute__((import_module(HOST), import_name("consume"))) extern int32_t host_consume(int32_t handle);

static const uint8_t bytes[3] = {1, 2, 3};
__attribute__((export_name(API "#drop-twice")))
int32_t drop_twice(void) { int32_t b = blob_new(bytes, 3); blob_drop(b); blob_drop(b); return 1; }
__attribute__((export_name(API "#bogus-handle")))
int32_t bogus_handle(void) { return blob_size(1000); }
__attribute__((export_name(API "#use-after-move")))
int32_t use_after_move(void) { int32_t b = blob_new(bytes, 3); host_consume(b); return blob_size(b); }
__attribute__((export_name(API "#handle-zero")))
int32_t handle_zero(void) { return blob_size(0); }
__attribute__((export_name(API "#churn")))
int32_t churn(int32_t n) {
  static int32_t handles[64];
  static const uint8_t byte = 7;
  if (n > 64) __builtin_trap();
  for (int32_t i = 0; i < n; i++) handles[i] = blob_new(&byte, 1);
  int32_t total = 0;
  for (int32_t i = 0; i < n; i++) total += blob_size(handles[i]);
  for (int32_t i = n - 1; i >= 0; i--) blob_drop(handles[i]);
  return total;
}
