// cron-service: a service (exports wasi:cli/run) that calls the imported wasmcloud:example/cron#invoke every
// second, forever, printing each result. Environment (wasi:cli/environment), all optional:
//   CRASH_AFTER=N   trap (wasm `unreachable`) on tick N instead of invoking: the host must restart the service
//                   in a fresh instance, whose ticks count from 1 again
//   TICKS=N         return ok after N ticks (a clean exit: the host must not restart it)
//   INTERVAL_MS=N   the interval (default 1000)
#include "../common/wasi.h"

// invoke: result<_, string>: tag @0, string (ptr @4, len @8), in memory the callee allocates via cabi_realloc
IMPORT("wasmcloud:example/cron@0.0.1", "invoke") void cron_invoke(void *ret);

static void say(buf_t *b) { buf_str(b, "\n"); print_buf(b); }

EXPORT("wasi:cli/run@0.2.12#run") int32_t run(void) {
  uint32_t crash_after = env_u32("CRASH_AFTER", 0), ticks = env_u32("TICKS", 0);
  uint32_t interval = env_u32("INTERVAL_MS", 1000);
  buf_t b = {0};
  if (interval == 1000) {
    buf_str(&b, "Starting cron-service with 1 second intervals...");
  } else {
    buf_str(&b, "Starting cron-service with "); buf_u64(&b, interval); buf_str(&b, " ms intervals...");
  }
  say(&b);
  uintptr_t mark = bump_mark();
  for (uint32_t tick = 1; !ticks || tick <= ticks; tick++) {
    bump_release(mark); // each tick's strings are garbage by the next one
    sleep_ms(interval);
    buf_t line = {0};
    buf_str(&line, "tick "); buf_u64(&line, tick);
    if (tick == crash_after) {
      buf_str(&line, ": crashing on purpose (CRASH_AFTER="); buf_u64(&line, crash_after); buf_str(&line, ")");
      say(&line);
      __builtin_trap();
    }
    cron_invoke(RET);
    if (RU8(0)) {
      buf_str(&line, ": invoke -> err(");
      buf_put(&line, (const char *)(uintptr_t)RU32(4), RU32(8));
      buf_str(&line, ")");
    } else {
      buf_str(&line, ": invoke -> ok");
    }
    say(&line);
  }
  buf_t done = {0};
  buf_str(&done, "cron-service done after "); buf_u64(&done, ticks); buf_str(&done, " ticks");
  say(&done);
  return 0; // ok
}
