// config-injection: shows what a component sees of its ConfigMaps, Secrets and inline config.
//   GET /     one KEY=VALUE line per entry of wasi:config/store.get-all, sorted by key
//   GET /env  one KEY=VALUE line per entry of wasi:cli/environment.get-environment, sorted by key
//   other     404
// The canonical ABI is written by hand (examples/common); the guest sorts, so the output does not depend on
// the order in which the host lists the entries.
#include "../common/http.h"

// get-all: result<list<tuple<string, string>>, error>: tag @0; ok list (ptr @4, len @8); err variant error
// (upstream | io, both carrying a string): tag @4, string (ptr @8, len @12)
IMPORT("wasi:config/store@0.2.0-rc.1", "get-all") void config_get_all(void *ret);

static void answer_sorted(h32 outparam, kv_t *kv, uint32_t n) {
  sort_by_key(kv, n);
  buf_t b = {0};
  buf_kv_lines(&b, kv, n);
  respond_buf(outparam, 200, &b);
}

EXPORT(HANDLE_EXPORT) void handle(h32 request, h32 outparam) {
  static uintptr_t heap; // nothing outlives a request: a pooled instance reuses the same memory
  if (!heap) heap = bump_mark(); else bump_release(heap);
  str_t path = request_path(request);
  if (str_eq(path, S("/"))) {
    config_get_all(RET);
    if (RU8(0)) {
      buf_t b = {0};
      buf_str(&b, "wasi:config/store.get-all failed: ");
      buf_str(&b, RU8(4) ? "io(" : "upstream(");
      buf_put(&b, (const char *)(uintptr_t)RU32(8), RU32(12));
      buf_str(&b, ")\n");
      respond_buf(outparam, 500, &b);
    } else {
      answer_sorted(outparam, (kv_t *)(uintptr_t)RU32(4), RU32(8));
    }
  } else if (str_eq(path, S("/env"))) {
    get_environment(RET);
    answer_sorted(outparam, (kv_t *)(uintptr_t)RU32(0), RU32(4));
  } else {
    respond_str(outparam, 404, "not found: try / (wasi:config) or /env (environment)\n");
  }
  incoming_request_drop(request);
}
