// Hand-written canonical ABI, no libc: blob handles inside compound values of imports. Results wider than one flat
// value come back through a return area (trailing pointer parameter); list<borrow<blob>> and list<blob>
// parameters are arrays of this component's handle indexes.
#include "../common/bump.h"
#define API "example:bulk-user/api@0.1.0"
#define HOST "example:resources/host@0.1.0"
#define BULK "example:blob-provider/bulk@0.1.0"
__attribute__((import_module(HOST), import_name("[method]blob.size"))) extern int32_t blob_size(int32_t self);
__attribute__((import_module(HOST), import_name("[resource-drop]blob"))) extern void blob_drop(int32_t handle);
__attribute__((import_module(BULK), import_name("make-many"))) extern void make_many(int32_t n, int32_t *ret);
__attribute__((import_module(BULK), import_name("maybe"))) extern void maybe(int32_t want, int32_t *ret);
__attribute__((import_module(BULK), import_name("pick"))) extern void pick(int32_t ok, int32_t *ret);
__attribute__((import_module(BULK), import_name("pair"))) extern void pair(int32_t *ret);
__attribute__((import_module(BULK), import_name("sizes"))) extern void sizes(const int32_t *hs, int32_t n, int32_t *ret);
__attribute__((import_module(BULK), import_name("total"))) extern int32_t total(const int32_t *hs, int32_t n);

static int32_t r[4];
#define DISC (*(const uint8_t *)r)   // option/result discriminants are one byte; the rest of r[0] is stale
static int32_t out[2];
__attribute__((export_name(API "#run")))
int32_t *run(int32_t n) {
  uint32_t *res = bump_alloc(4, 10 * 4);
  res[0] = (uint32_t)n;
  make_many(n, r);                                   // own handles, now in our table
  const int32_t *hs = (const int32_t *)(uintptr_t)r[0];
  sizes(hs, r[1], r);                                // lent as borrows
  uint32_t s = 0;
  for (int32_t i = 0; i < r[1]; i++) s += ((const uint32_t *)(uintptr_t)r[0])[i];
  res[1] = s;
  res[2] = (uint32_t)total(hs, n);                   // moved back as owns: our handles are gone
  maybe(1, r); res[3] = DISC == 1 ? (uint32_t)blob_size(r[1]) : 999; if (DISC == 1) blob_drop(r[1]);
  maybe(0, r); res[4] = DISC == 0;
  pick(1, r); res[5] = DISC == 0 ? (uint32_t)blob_size(r[1]) : 999; if (DISC == 0) blob_drop(r[1]);
  pick(0, r); res[6] = DISC == 1 ? (uint32_t)r[2] : 999;
  pair(r); res[7] = (uint32_t)blob_size(r[0]); res[8] = (uint32_t)blob_size(r[1]); blob_drop(r[0]); blob_drop(r[1]);
  out[0] = (int32_t)(uintptr_t)res; out[1] = 9;
  return out;
}
