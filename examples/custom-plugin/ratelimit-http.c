// ratelimit-http: the HTTP component of the custom-plugin example. Every request asks the host's rate limiter
// (example:ratelimit/limiter, a Java plugin) for one token from the bucket named by the request path, and
// answers 200 "allowed\n" or 429 "limited\n".
#include "../common/http.h"

IMPORT("example:ratelimit/limiter", "try-acquire") int32_t try_acquire(const char *key, uint32_t len, int32_t tokens);

EXPORT(HANDLE_EXPORT) void handle(h32 request, h32 outparam) {
  static uintptr_t heap; // nothing outlives a request: a pooled instance reuses the same memory
  if (!heap) heap = bump_mark(); else bump_release(heap);
  str_t key = request_path(request);
  int allowed = try_acquire(key.p, key.n, 1);
  incoming_request_drop(request);
  if (allowed) respond_str(outparam, 200, "allowed\n");
  else respond_str(outparam, 429, "limited\n");
}
