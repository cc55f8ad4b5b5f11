// message-echo: exports wasmcloud:messaging/handler#handle-message; a message with a reply-to is answered by
// publishing "echo: " + its body to the reply-to subject through wasmcloud:messaging/consumer#publish (the
// component replies itself, as in wasmCloud). A message without reply-to is accepted and dropped. The body
// "trap" traps the handler (to show that one bad message does not end the subscription). Memory: the bump heap
// is reset in the post-return function.
#include "../common/messaging.h"

static const char PREFIX[] = "echo: ";

EXPORT(HANDLE_MESSAGE_EXPORT)
uint32_t *handle_message(const char *subject, uint32_t subject_len, const uint8_t *body, uint32_t body_len,
                         int32_t has_reply_to, const char *reply_to, uint32_t reply_to_len) {
  (void)subject; (void)subject_len;
  if (body_len == 4 && body[0] == 't' && body[1] == 'r' && body[2] == 'a' && body[3] == 'p') __builtin_trap();
  if (!has_reply_to) return handled_ok();
  uint32_t n = sizeof PREFIX - 1 + body_len;
  uint8_t *reply = bump_alloc(1, n);
  memcpy(reply, PREFIX, sizeof PREFIX - 1);
  memcpy(reply + sizeof PREFIX - 1, body, body_len);
  str_t to = {reply_to, reply_to_len};
  bytes_t b = {reply, n};
  str_t err;
  if (publish(to, b, &err)) return handled_err(err);
  return handled_ok();
}

// After the host has read the result: everything on the bump heap (arguments, reply, error string) belonged
// to this call, so a pooled instance starts the next message with an empty heap.
EXPORT("cabi_post_" HANDLE_MESSAGE_EXPORT)
void handle_message_post_return(uint32_t *result) {
  (void)result;
  bump_release((uintptr_t)&__heap_base);
}
