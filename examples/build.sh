#!/usr/bin/env bash
# Rebuilds every example component from source into examples/<example>/<name>.wasm (see the examples' READMEs).
#   examples/build.sh            build all (idempotent), printing one line per component
#   examples/build.sh NAME...    build only these components (or every component of these examples)
#   examples/build.sh --check    rebuild into a temp dir and fail, listing them, if any differs from the
#                                committed bytes (every example is reproducible: C without libc)
# Each component is C without libc and with the canonical ABI written by hand (examples/common/*.h), so it
# imports exactly the interfaces its source calls: clang -> core module, WIT embedded (common/embed.mjs picks
# the world), `jco new` -> component. Toolchains: clang + lld (Debian `clang lld`) and jco from
# guests/tools/node_modules (cd guests/tools && npm install).
set -euo pipefail
E=$(cd "$(dirname "$0")" && pwd)
TOOLS=$E/../guests/tools
BIN=$TOOLS/node_modules/.bin
CHECK=0
if [ "${1:-}" = "--check" ]; then CHECK=1; shift; fi

# example           component        world (in <example>/wit; WASI and wasi:config packages come from common/wit)
COMPONENTS=(
  "config-injection config-injection config-injection"
  "cron-service     cron-service     service"
  "cron-service     cron-component   component"
  "tcp-adapter      redis-adapter    service"
  "tcp-adapter      http-api         http-api"
  "custom-plugin    ratelimit-http   ratelimit-http"
  "blob-store       blob-store       blob-store"
  "message-echo     message-echo     message-echo"
  "kv-counter       kv-counter       kv-counter"
  "secret-check     secret-check     secret-check"
  "pg-query         pg-query         pg-query"
)

die() { echo "build.sh: $*" >&2; exit 1; }
command -v clang >/dev/null 2>&1 || die "missing clang (apt-get install clang lld)"
command -v node >/dev/null 2>&1 || die "missing node"
[ -x "$BIN/jco" ] || die "missing $BIN/jco (cd guests/tools && npm install)"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/virga-examples.XXXXXX"); trap 'rm -rf "$WORK"' EXIT
# no absolute paths or timestamps reach the output: build from $E with relative paths, strip everything
CFLAGS=(--target=wasm32-unknown-unknown -nostdlib -O2 -Wl,--strip-all -fno-ident -Wl,--no-entry -Wl,--allow-undefined)

build() { # example name world -> $2.wasm in $out
  local ex=$1 n=$2 world=$3 out=$4 wit=$WORK/wit-$1-$2
  mkdir -p "$wit/deps"
  cp "$ex"/wit/*.wit "$wit/"
  cp common/wit/*.wit "$wit/deps/"
  clang "${CFLAGS[@]}" "$ex/$n.c" -o "$WORK/$n.core.wasm"
  node common/embed.mjs "$TOOLS" "$WORK/$n.core.wasm" "$wit" "$world" "$WORK/$n.embed.wasm"
  "$BIN/jco" new "$WORK/$n.embed.wasm" -o "$out/$n.wasm" >/dev/null
}

cd "$E"
want=("$@"); failed=(); differ=(); total_start=$(date +%s.%N)
for c in "${COMPONENTS[@]}"; do
  read -r ex name world <<<"$c"
  if [ ${#want[@]} -gt 0 ] && [[ " ${want[*]} " != *" $name "* ]] && [[ " ${want[*]} " != *" $ex "* ]]; then continue; fi
  out=$ex; [ $CHECK = 1 ] && { out=$WORK/out/$ex; mkdir -p "$out"; }
  s=$(date +%s.%N)
  if ! build "$ex" "$name" "$world" "$out" 2>"$WORK/$name.log"; then
    printf '  %-40s FAILED\n' "$ex/$name.wasm"; sed 's/^/      /' "$WORK/$name.log" >&2; failed+=("$name"); continue
  fi
  secs=$(awk "BEGIN{printf \"%.1f\", $(date +%s.%N) - $s}")
  status=built
  if [ $CHECK = 1 ]; then
    if cmp -s "$out/$name.wasm" "$ex/$name.wasm"; then status=identical; else status="DIFFERS from $ex/$name.wasm"; differ+=("$name"); fi
  fi
  printf '  %-40s %7d bytes %5ss  %s\n' "$ex/$name.wasm" "$(stat -c %s "$out/$name.wasm")" "$secs" "$status"
done
printf 'total %ss\n' "$(awk "BEGIN{printf \"%.1f\", $(date +%s.%N) - $total_start}")"
[ ${#failed[@]} -eq 0 ] || die "failed: ${failed[*]}"
[ ${#differ[@]} -eq 0 ] || die "not reproducible (rebuild differs from committed bytes): ${differ[*]}"
