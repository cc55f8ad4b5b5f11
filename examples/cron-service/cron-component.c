// cron-component: exports wasmcloud:example/cron#invoke, which says hello on stderr and returns ok (as
// wasmCloud's cron-component fixture does).
#include "../common/wasi.h"

static uint32_t result_area[3]; // result<_, string>: tag @0, string (ptr @4, len @8)

EXPORT("wasmcloud:example/cron@0.0.1#invoke") uint32_t *invoke(void) {
  eprint("Hello from the cron-component!\n");
  result_area[0] = 0; // ok
  return result_area;
}
