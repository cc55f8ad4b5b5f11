// The wasmcloud:messaging@0.2.0 calls and export of an example messaging component, with the canonical ABI
// written by hand (like wasi.h). broker-message flattens to 7 i32 (subject ptr/len, body ptr/len, reply-to
// option tag/ptr/len); in memory it is subject @0/@4, body @8/@12, reply-to tag @16, ptr @20, len @24.
#ifndef EXAMPLES_MESSAGING_H
#define EXAMPLES_MESSAGING_H
#include "wasi.h"

#define CONSUMER "wasmcloud:messaging/consumer@0.2.0"
#define HANDLE_MESSAGE_EXPORT "wasmcloud:messaging/handler@0.2.0#handle-message"

// publish(msg) -> result<_, string>: tag @0, err string ptr @4, len @8
IMPORT(CONSUMER, "publish")
void consumer_publish(const char *subject, uint32_t subject_len, const void *body, uint32_t body_len,
                      int32_t has_reply_to, const char *reply_to, uint32_t reply_to_len, void *ret);
// request(subject, body, timeout-ms) -> result<broker-message, string>: tag @0; ok: the message at @4
// (subject @4/@8, body @12/@16, reply-to tag @20, ptr @24, len @28); err: string @4/@8
IMPORT(CONSUMER, "request")
void consumer_request(const char *subject, uint32_t subject_len, const void *body, uint32_t body_len,
                      uint32_t timeout_ms, void *ret);

typedef struct { const uint8_t *p; uint32_t n; } bytes_t; // the canonical layout of `list<u8>`

// publishes body to subject, without reply-to; 0 when published, else the error string in *err
static int publish(str_t subject, bytes_t body, str_t *err) {
  consumer_publish(subject.p, subject.n, body.p, body.n, 0, 0, 0, RET);
  if (!RU8(0)) return 0;
  err->p = (const char *)(uintptr_t)RU32(4);
  err->n = RU32(8);
  return 1;
}

// result<_, string> returned by handle-message: tag @0, err string ptr @4, len @8
static uint32_t handle_result[3];
static uint32_t *handled_ok(void) { handle_result[0] = 0; return handle_result; }
static uint32_t *handled_err(str_t e) {
  handle_result[0] = 1; handle_result[1] = (uint32_t)(uintptr_t)e.p; handle_result[2] = e.n;
  return handle_result;
}
#endif
