// The wasmcloud:secrets@2.1.0 calls of an example component (store and reveal, the synchronous shape P2
// guests import), with the canonical ABI written by hand (like wasi.h). Layouts of the return areas:
//   result<secret, secrets-error>   tag @0; ok handle @4; err: secrets-error tag @4 (0 upstream, 1 io,
//                                   2 not-found), upstream's/io's string ptr @8, len @12
//   secret-value                    tag @0 (0 string, 1 bytes); ptr @4, len @8
#ifndef EXAMPLES_SECRETS_H
#define EXAMPLES_SECRETS_H
#include "wasi.h"

#define SECRETS_STORE "wasmcloud:secrets/store@2.1.0"
#define SECRETS_REVEAL "wasmcloud:secrets/reveal@2.1.0"

IMPORT(SECRETS_STORE, "get") void secrets_get(const char *key, uint32_t key_len, void *ret);
IMPORT(SECRETS_STORE, "[resource-drop]secret") void secret_drop(h32 secret);
IMPORT(SECRETS_REVEAL, "reveal") void secrets_reveal(h32 secret, void *ret);

// reads secret key into *value: 1 found, 0 not-found, -1 another error (its text appended to err). The
// handle is dropped at once: the host overwrites its copy then.
static int secret_read(str_t key, str_t *value, buf_t *err) {
  secrets_get(key.p, key.n, RET);
  if (RU8(0)) {
    uint8_t e = RU8(4);
    if (e == 2) return 0;
    str_t m = {(const char *)(uintptr_t)RU32(8), RU32(12)};
    buf_str(err, e == 0 ? "upstream: " : "io: "); buf_s(err, m);
    return -1;
  }
  h32 s = (h32)RU32(4);
  secrets_reveal(s, RET);
  value->p = (const char *)(uintptr_t)RU32(4); value->n = RU32(8);
  secret_drop(s);
  return 1;
}
#endif
