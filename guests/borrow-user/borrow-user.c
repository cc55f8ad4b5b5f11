// Hand-written canonical ABI, no libc: borrow<blob> parameters of a resource implemented by another component
// arrive as borrow handles in this component's table; each must be dropped with [resource-drop] before returning.
#include <stdint.h>
#define API "example:borrow-user/api@0.1.0"
#define HOST "example:resources/host@0.1.0"
__attribute__((import_module(HOST), import_name("[method]blob.size"))) extern int32_t blob_size(int32_t self);
__attribute__((import_module(HOST), import_name("[resource-drop]blob"))) extern void blob_drop(int32_t handle);

__attribute__((export_name(API "#size-and-drop")))
int32_t size_and_drop(int32_t b) { int32_t n = blob_size(b); blob_drop(b); return n; }
__attribute__((export_name(API "#size-and-keep")))
int32_t size_and_keep(int32_t b) { return blob_size(b); }
__attribute__((export_name(API "#drop-then-use")))
int32_t drop_then_use(int32_t b) { blob_drop(b); return blob_size(b); }
__attribute__((export_name(API "#sum-sizes")))
int32_t sum_sizes(int32_t a, int32_t b) { int32_t n = blob_size(a) + blob_size(b); blob_drop(a); blob_drop(b); return n; }
