// Hand-written canonical ABI for world example:composed-resources/blob-provider (no libc, no WASI): the
// resource `blob` of example:resources/host implemented by a guest. Methods and borrow<blob> params of its own
// type arrive as the rep (slot index + 1); own<blob> params arrive as a handle ([resource-rep] resolves it,
// [resource-drop] releases it and runs [dtor]blob); returned blobs are new handles from [resource-new].
#include "../common/bump.h"
#define HOST "example:resources/host@0.1.0"
#define STATS "example:blob-provider/stats@0.1.0"
#define BULK "example:blob-provider/bulk@0.1.0"

__attribute__((import_module("[export]" HOST), import_name("[resource-new]blob"))) extern int32_t blob_new(int32_t rep);
__attribute__((import_module("[export]" HOST), import_name("[resource-rep]blob"))) extern int32_t blob_rep(int32_t handle);
__attribute__((import_module("[export]" HOST), import_name("[resource-drop]blob"))) extern void blob_drop(int32_t handle);

#define MAX 16
#define CAP 256
static struct { uint32_t used, len; uint8_t bytes[CAP]; } blobs[MAX];
static uint32_t dtor_runs;
#define B(rep) (blobs[(rep) - 1])

static int32_t alloc_blob(void) {
  for (int i = 0; i < MAX; i++) if (!blobs[i].used) { blobs[i].used = 1; blobs[i].len = 0; return i + 1; }
  __builtin_trap();
}
static void put(int32_t rep, const uint8_t *p, uint32_t len) {
  if (B(rep).len + len > CAP) __builtin_trap();
  memcpy(B(rep).bytes + B(rep).len, p, len);
  B(rep).len += len;
}

__attribute__((export_name(HOST "#[constructor]blob")))
int32_t ctor(const uint8_t *p, int32_t len) { int32_t rep = alloc_blob(); put(rep, p, (uint32_t)len); return blob_new(rep); }
__attribute__((export_name(HOST "#[method]blob.size")))
uint32_t size(int32_t self) { return B(self).len; }
__attribute__((export_name(HOST "#[method]blob.append")))
void append(int32_t self, const uint8_t *p, int32_t len) { put(self, p, (uint32_t)len); }
__attribute__((export_name(HOST "#[static]blob.concat")))
int32_t concat(int32_t a, int32_t b) {
  int32_t rep = alloc_blob();
  put(rep, B(a).bytes, B(a).len);
  put(rep, B(b).bytes, B(b).len);
  return blob_new(rep);
}
__attribute__((export_name(HOST "#consume")))
uint32_t consume(int32_t handle) {
  int32_t rep = blob_rep(handle);
  uint32_t sum = 0;
  for (uint32_t i = 0; i < B(rep).len; i++) sum += B(rep).bytes[i];
  blob_drop(handle);   // own handle of our own resource type: runs [dtor]blob
  return sum;
}
__attribute__((export_name(HOST "#[dtor]blob")))
void dtor(int32_t rep) { B(rep).used = 0; dtor_runs++; }

__attribute__((export_name(STATS "#live")))
uint32_t live(void) { uint32_t n = 0; for (int i = 0; i < MAX; i++) n += blobs[i].used; return n; }
__attribute__((export_name(STATS "#dropped")))
uint32_t dropped(void) { return dtor_runs; }

// ---- bulk: blob handles inside lists, options, results and tuples
static const uint8_t ones[CAP] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
static int32_t new_blob(uint32_t len) { int32_t rep = alloc_blob(); put(rep, ones, len); return blob_new(rep); }
static int32_t area[4];
__attribute__((export_name(BULK "#make-many")))
int32_t *make_many(uint32_t n) {
  int32_t *hs = bump_alloc(4, n * 4);
  for (uint32_t i = 0; i < n; i++) hs[i] = new_blob(i + 1);
  area[0] = (int32_t)(uintptr_t)hs; area[1] = (int32_t)n;
  return area;
}
__attribute__((export_name(BULK "#maybe")))
int32_t *maybe(int32_t want) {
  area[0] = want ? 1 : 0;
  if (want) area[1] = new_blob(7);
  return area;
}
__attribute__((export_name(BULK "#pick")))
int32_t *pick(int32_t ok) {
  static const char msg[] = "no blob";
  if (ok) { area[0] = 0; area[1] = new_blob(5); }
  else { area[0] = 1; area[1] = (int32_t)(uintptr_t)msg; area[2] = 7; }
  return area;
}
__attribute__((export_name(BULK "#pair")))
int32_t *pair(void) { area[0] = new_blob(2); area[1] = new_blob(3); return area; }
__attribute__((export_name(BULK "#sizes")))
int32_t *sizes(const int32_t *reps, int32_t n) {   // borrows of our own type arrive as reps
  uint32_t *out = bump_alloc(4, (uint32_t)n * 4);
  for (int32_t i = 0; i < n; i++) out[i] = B(reps[i]).len;
  area[0] = (int32_t)(uintptr_t)out; area[1] = n;
  return area;
}
__attribute__((export_name(BULK "#total")))
uint32_t total(const int32_t *handles, int32_t n) {   // owns arrive as handles: resolve, then drop (dtor runs)
  uint32_t sum = 0;
  for (int32_t i = 0; i < n; i++) { sum += B(blob_rep(handles[i])).len; blob_drop(handles[i]); }
  return sum;
}
