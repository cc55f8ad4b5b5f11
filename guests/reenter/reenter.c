// Hand-written canonical ABI, no libc: an export that calls a host import which may call back into it.
#include <stdint.h>
__attribute__((import_module("example:reenter/host@0.1.0"), import_name("callback"))) extern int32_t callback(int32_t depth);
__attribute__((export_name("example:reenter/api@0.1.0#enter")))
int32_t enter(int32_t depth) { return depth == 0 ? 100 : callback(depth); }
