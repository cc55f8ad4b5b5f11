// The wasi:keyvalue@0.2.0-draft calls of an example component (store and atomics), with the canonical ABI
// written by hand (like wasi.h). Layouts of the return areas:
//   result<bucket, error>             tag @0; ok handle @4; err: error tag @4 (0 no-such-store, 1 access-denied,
//                                     2 other), other's string ptr @8, len @12
//   result<option<list<u8>>, error>   tag @0; ok: option tag @4, list ptr @8, len @12; err as above
//   result<_, error>                  tag @0; err as above
//   result<u64, error>                tag @0; ok u64 @8 (the payload is 8-aligned); err tag @8, string @12/@16
#ifndef EXAMPLES_KEYVALUE_H
#define EXAMPLES_KEYVALUE_H
#include "wasi.h"

#define KV_STORE "wasi:keyvalue/store@0.2.0-draft"
#define KV_ATOMICS "wasi:keyvalue/atomics@0.2.0-draft"

IMPORT(KV_STORE, "open") void kv_open(const char *id, uint32_t id_len, void *ret);
IMPORT(KV_STORE, "[method]bucket.get") void kv_get(h32 bucket, const char *key, uint32_t key_len, void *ret);
IMPORT(KV_STORE, "[method]bucket.set")
void kv_set(h32 bucket, const char *key, uint32_t key_len, const void *value, uint32_t value_len, void *ret);
IMPORT(KV_STORE, "[resource-drop]bucket") void kv_bucket_drop(h32 bucket);
IMPORT(KV_ATOMICS, "increment") void kv_increment(h32 bucket, const char *key, uint32_t key_len, int64_t delta, void *ret);

// the WIT error at offset off of RET, as text: "no-such-store", "access-denied" or "other: MESSAGE"
static void kv_error_text(buf_t *b, uint32_t off) {
  switch (RU8(off)) {
    case 0: buf_str(b, "no-such-store"); break;
    case 1: buf_str(b, "access-denied"); break;
    default: {
      str_t m = {(const char *)(uintptr_t)RU32(off + 4), RU32(off + 8)};
      buf_str(b, "other: "); buf_s(b, m);
    }
  }
}

// opens bucket id into *bucket; 0 on success, else the error text appended to err
static int open_bucket(str_t id, h32 *bucket, buf_t *err) {
  kv_open(id.p, id.n, RET);
  if (RU8(0)) { kv_error_text(err, 4); return -1; }
  *bucket = (h32)RU32(4);
  return 0;
}

// reads key: 1 found (*value set), 0 missing, -1 error (text appended to err)
static int kv_read(h32 bucket, str_t key, str_t *value, buf_t *err) {
  kv_get(bucket, key.p, key.n, RET);
  if (RU8(0)) { kv_error_text(err, 4); return -1; }
  if (!RU8(4)) return 0;
  value->p = (const char *)(uintptr_t)RU32(8); value->n = RU32(12);
  return 1;
}

// writes key; 0 on success, else -1 with the error text appended to err
static int kv_write(h32 bucket, str_t key, str_t value, buf_t *err) {
  kv_set(bucket, key.p, key.n, value.p, value.n, RET);
  if (RU8(0)) { kv_error_text(err, 4); return -1; }
  return 0;
}

// adds delta to the counter at key; 0 with the new value in *out, else -1 with the error text appended to err
static int kv_add(h32 bucket, str_t key, uint64_t delta, uint64_t *out, buf_t *err) {
  kv_increment(bucket, key.p, key.n, (int64_t)delta, RET);
  if (RU8(0)) { kv_error_text(err, 8); return -1; }
  *out = *(uint64_t *)(RET + 8);
  return 0;
}
#endif
