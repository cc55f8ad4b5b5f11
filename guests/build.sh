#!/usr/bin/env bash
# Rebuilds every guest fixture from source into guests/wasm/<name>.wasm (see guests/README.md).
#   guests/build.sh            build all fixtures (idempotent), printing one line per fixture
#   guests/build.sh NAME...    build only these fixtures
#   guests/build.sh --check    rebuild the reproducible fixtures (C, Rust, WAT) into a temp dir and fail,
#                              listing them, if any differs from the committed bytes (JS is skipped)
# Toolchains: clang/lld/wasi-libc (Debian), /usr/bin/rustc 1.63 + libstd-rust-dev-wasm32 (Debian), and jco /
# componentize-qjs from guests/tools/node_modules (cd guests/tools && npm install).
set -euo pipefail
G=$(cd "$(dirname "$0")" && pwd)
BIN=$G/tools/node_modules/.bin
CHECK=0
if [ "${1:-}" = "--check" ]; then CHECK=1; shift; fi

# name    kind          (kinds: c = C without libc/WASI, c-wasi = C + wasi-libc + preview1 reactor adapter,
#                        rust-wasi = Rust 1.63 wasm32-wasi + reactor adapter, rust = Rust 1.63 std for
#                        wasm32-unknown-unknown (no WASI) with a hand-written canonical ABI, wat = component text, js = QuickJS,
#                        c-empty-names = c, then <name>/empty-names.sed empties import names in `jco print` text,
#                        nest = <name>/<name>.wat with each `;; @inner X` line replaced by `jco print` of fixture X
#                        (built before it, else the committed one), as the nested component $X)
FIXTURES=(
  "kinds c" "sweep c" "malformed c" "resources c" "nested-resources nest" "blob-provider c" "composed-resources nest" "borrow-user c" "borrow-scope nest" "bulk-user c" "bulk-scope nest" "layout rust" "misuse c" "reenter c" "bench c" "reverse c" "world-resource c"
  "encodings wat" "utf16-edge wat" "nested wat" "composed wat" "composed-latin1 wat" "empty-import wat" "empty-import-c c-empty-names"
  "cguest c-wasi" "rguest rust-wasi" "jsapp js"
)

die() { echo "build.sh: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || die "missing $1 ($2)"; }
need clang "apt-get install clang lld wasi-libc libclang-rt-dev-wasm32"
[ -x "$BIN/jco" ] || die "missing $BIN/jco (cd guests/tools && npm install)"
[ -x /usr/bin/rustc ] || die "missing /usr/bin/rustc (apt-get install rustc libstd-rust-dev-wasm32)"
[ -d /usr/lib/rustlib/wasm32-wasi ] || die "missing Rust wasm32-wasi std (apt-get install libstd-rust-dev-wasm32)"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/virga-guests.XXXXXX"); trap 'rm -rf "$WORK"' EXIT
OUT=$G/wasm; [ $CHECK = 1 ] && OUT=$WORK/out
mkdir -p "$OUT"
# no absolute paths or timestamps reach the output: build from $G with relative paths, strip everything
CFLAGS=(-O2 -Wl,--strip-all -fno-ident)

build() { # name kind -> $OUT/name.wasm
  local n=$1 k=$2 core=$WORK/$1.core.wasm emb=$WORK/$1.embed.wasm
  case $k in
    c) clang --target=wasm32-unknown-unknown -nostdlib "${CFLAGS[@]}" -Wl,--no-entry -Wl,--allow-undefined \
         "$n/$n.c" -o "$core"
       "$BIN/jco" embed --wit "$n/wit" --world-name "$n" "$core" -o "$emb" >/dev/null
       "$BIN/jco" new "$emb" -o "$OUT/$n.wasm" >/dev/null ;;
    c-wasi) clang --target=wasm32-wasi --sysroot=/usr -mexec-model=reactor "${CFLAGS[@]}" "$n/$n.c" -o "$core"
       "$BIN/jco" embed --wit "$n/wit" --world-name "$n" "$core" -o "$emb" >/dev/null
       "$BIN/jco" new "$emb" --wasi-reactor -o "$OUT/$n.wasm" >/dev/null ;;
    rust-wasi) /usr/bin/rustc --edition 2021 --target wasm32-wasi --crate-type cdylib -O -C strip=symbols \
         --remap-path-prefix "$G=." "$n/$n.rs" -o "$core"
       "$BIN/jco" embed --wit "$n/wit" --world-name "$n" "$core" -o "$emb" >/dev/null
       "$BIN/jco" new "$emb" --wasi-reactor -o "$OUT/$n.wasm" >/dev/null ;;
    rust) /usr/bin/rustc --edition 2021 --target wasm32-unknown-unknown --crate-type cdylib -O -C strip=symbols \
         --remap-path-prefix "$G=." "$n/$n.rs" -o "$core"
       "$BIN/jco" embed --wit "$n/wit" --world-name "$n" "$core" -o "$emb" >/dev/null
       "$BIN/jco" new "$emb" -o "$OUT/$n.wasm" >/dev/null ;;
    c-empty-names) build "$n" c && "$BIN/jco" print "$OUT/$n.wasm" -o "$WORK/$n.wat" >/dev/null
       sed -f "$n/empty-names.sed" "$WORK/$n.wat" >"$WORK/$n.empty.wat"
       # every substitution must apply: fail if a jco update changes the printed wiring
       [ "$(diff "$WORK/$n.wat" "$WORK/$n.empty.wat" | grep -c '^>')" = "$(grep -c '^s|' "$n/empty-names.sed")" ] \
         || die "$n/empty-names.sed no longer matches the jco print output"
       "$BIN/jco" parse "$WORK/$n.empty.wat" -o "$OUT/$n.wasm" >/dev/null ;;
    wat) "$BIN/jco" parse "$n/$n.wat" -o "$OUT/$n.wasm" >/dev/null ;;
    nest) cp "$n/$n.wat" "$WORK/$n.wat"
       local inner inners; inners=$(sed -n 's/^ *;; @inner \([a-z0-9-]*\)$/\1/p' "$n/$n.wat")
       [ -n "$inners" ] || die "$n: no ';; @inner NAME' line"
       for inner in $inners; do
         local src=$OUT/$inner.wasm; [ -f "$src" ] || src=$G/wasm/$inner.wasm  # NAME not rebuilt in this run
         "$BIN/jco" print "$src" -o "$WORK/$inner.print.wat" >/dev/null
         sed "1s/^(component/(component \$$inner/" "$WORK/$inner.print.wat" >"$WORK/$inner.nested.wat"
         sed -e "/^ *;; @inner $inner\$/{r $WORK/$inner.nested.wat" -e 'd}' "$WORK/$n.wat" >"$WORK/$n.next.wat"
         mv "$WORK/$n.next.wat" "$WORK/$n.wat"
       done
       "$BIN/jco" parse "$WORK/$n.wat" -o "$OUT/$n.wasm" >/dev/null ;;
    js) "$BIN/componentize-qjs" --wit "$n/wit" --world app --js "$n/app.js" --sync -o "$OUT/$n.wasm" >/dev/null ;;
    *) die "unknown kind $k" ;;
  esac
}

cd "$G"
want=("$@"); failed=(); differ=(); total_start=$(date +%s.%N)
for f in "${FIXTURES[@]}"; do
  read -r name kind <<<"$f"
  if [ ${#want[@]} -gt 0 ] && [[ " ${want[*]} " != *" $name "* ]]; then continue; fi
  if [ $CHECK = 1 ] && [ "$kind" = js ]; then printf '  %-16s %-9s skipped (JS builds are not reproducible)\n' "$name" "$kind"; continue; fi
  s=$(date +%s.%N)
  if ! build "$name" "$kind" 2>"$WORK/$name.log"; then
    printf '  %-16s %-9s FAILED\n' "$name" "$kind"; sed 's/^/      /' "$WORK/$name.log" >&2; failed+=("$name"); continue
  fi
  secs=$(awk "BEGIN{printf \"%.1f\", $(date +%s.%N) - $s}")
  size=$(stat -c %s "$OUT/$name.wasm")
  status=built
  if [ $CHECK = 1 ]; then
    if cmp -s "$OUT/$name.wasm" "$G/wasm/$name.wasm"; then status="identical"; else status="DIFFERS from wasm/$name.wasm"; differ+=("$name"); fi
  fi
  printf '  %-16s %-9s %8d bytes %5ss  %s\n' "$name" "$kind" "$size" "$secs" "$status"
done
printf 'total %ss\n' "$(awk "BEGIN{printf \"%.1f\", $(date +%s.%N) - $total_start}")"
[ ${#failed[@]} -eq 0 ] || die "failed: ${failed[*]}"
[ ${#differ[@]} -eq 0 ] || die "not reproducible (rebuild differs from committed bytes): ${differ[*]}"

# ---- WASI host fixtures (runtime/wasi; maintained with that module) ----------------------------------------
# wasi-command: C + wasi-libc as a preview1 *command* module, adapted with jco's command adapter (exports
# wasi:cli/run). Built when no names are given or when `wasi-command` is named; honours --check.
if [ ${#want[@]} -eq 0 ] || [[ " ${want[*]} " == *" wasi-command "* ]]; then
  clang --target=wasm32-wasi --sysroot=/usr "${CFLAGS[@]}" wasi-command/wasi-command.c -o "$WORK/wasi-command.core.wasm"
  "$BIN/jco" new "$WORK/wasi-command.core.wasm" --wasi-command -o "$OUT/wasi-command.wasm" >/dev/null
  if [ $CHECK = 1 ] && ! cmp -s "$OUT/wasi-command.wasm" "$G/wasm/wasi-command.wasm"; then
    die "not reproducible (rebuild differs from committed bytes): wasi-command"
  fi
  printf '  %-16s %-9s %8d bytes\n' wasi-command c-command "$(stat -c %s "$OUT/wasi-command.wasm")"
fi
# wasi-semver: WAT component importing wasi:random 0.2.0, io/poll 0.2.0 and clocks 0.2.3 (semver matching).
if [ ${#want[@]} -eq 0 ] || [[ " ${want[*]} " == *" wasi-semver "* ]]; then
  "$BIN/jco" parse wasi-semver/wasi-semver.wat -o "$OUT/wasi-semver.wasm" >/dev/null
  if [ $CHECK = 1 ] && ! cmp -s "$OUT/wasi-semver.wasm" "$G/wasm/wasi-semver.wasm"; then
    die "not reproducible (rebuild differs from committed bytes): wasi-semver"
  fi
  printf '  %-16s %-9s %8d bytes\n' wasi-semver wat "$(stat -c %s "$OUT/wasi-semver.wasm")"
fi
# tcp-echo (wasi:sockets; runtime/wasi sockets): C + wasi-libc reactor importing wasi:sockets@0.2.12 directly
# (hand-written canonical ABI), config-driven serve/connect modes. Built when no names are given or when
# `tcp-echo` is named; honours --check.
if [ ${#want[@]} -eq 0 ] || [[ " ${want[*]} " == *" tcp-echo "* ]]; then
  build tcp-echo c-wasi
  if [ $CHECK = 1 ] && ! cmp -s "$OUT/tcp-echo.wasm" "$G/wasm/tcp-echo.wasm"; then
    die "not reproducible (rebuild differs from committed bytes): tcp-echo"
  fi
  printf '  %-16s %-9s %8d bytes\n' tcp-echo c-wasi "$(stat -c %s "$OUT/tcp-echo.wasm")"
fi
# wasi-fs: C + wasi-libc command (preview1 command adapter) exercising wasi:filesystem in the directory given
# as argv[1]; runtime/wasi's WasiFsGuestTest and WasiFsIT (against `jco run`) use it. Built when no names are
# given or when `wasi-fs` is named; honours --check.
if [ ${#want[@]} -eq 0 ] || [[ " ${want[*]} " == *" wasi-fs "* ]]; then
  clang --target=wasm32-wasi --sysroot=/usr "${CFLAGS[@]}" wasi-fs/wasi-fs.c -o "$WORK/wasi-fs.core.wasm"
  "$BIN/jco" new "$WORK/wasi-fs.core.wasm" --wasi-command -o "$OUT/wasi-fs.wasm" >/dev/null
  if [ $CHECK = 1 ] && ! cmp -s "$OUT/wasi-fs.wasm" "$G/wasm/wasi-fs.wasm"; then
    die "not reproducible (rebuild differs from committed bytes): wasi-fs"
  fi
  printf '  %-16s %-9s %8d bytes\n' wasi-fs c-command "$(stat -c %s "$OUT/wasi-fs.wasm")"
fi
# ---- multi-language command guests (runtime/wasi virga.wasi.guests: Rust/JS command tests + differential IT) --
# wasi-rust-command: Rust 1.63 std (no crates) as a preview1 *command* module, adapted with jco's command adapter
# (exports wasi:cli/run); honours --check. wasi-js-command: componentize-qjs --sync exporting wasi:cli/run and
# importing wasi:cli/clocks/random directly; built, never checked (JS builds are not reproducible). Built when no
# names are given or when named.
if [ ${#want[@]} -eq 0 ] || [[ " ${want[*]} " == *" wasi-rust-command "* ]]; then
  /usr/bin/rustc --edition 2021 --target wasm32-wasi -O -C strip=symbols --remap-path-prefix "$G=." \
    wasi-rust-command/wasi-rust-command.rs -o "$WORK/wasi-rust-command.core.wasm"
  "$BIN/jco" new "$WORK/wasi-rust-command.core.wasm" --wasi-command -o "$OUT/wasi-rust-command.wasm" >/dev/null
  if [ $CHECK = 1 ] && ! cmp -s "$OUT/wasi-rust-command.wasm" "$G/wasm/wasi-rust-command.wasm"; then
    die "not reproducible (rebuild differs from committed bytes): wasi-rust-command"
  fi
  printf '  %-16s %-9s %8d bytes\n' wasi-rust-command rust-command "$(stat -c %s "$OUT/wasi-rust-command.wasm")"
fi
if [ ${#want[@]} -eq 0 ] || [[ " ${want[*]} " == *" wasi-js-command "* ]]; then
  if [ $CHECK = 1 ]; then
    printf '  %-16s %-9s skipped (JS builds are not reproducible)\n' wasi-js-command js-command
  else
    "$BIN/componentize-qjs" --wit wasi-js-command/wit --world wasi-js-command --js wasi-js-command/app.js --sync \
      -o "$OUT/wasi-js-command.wasm" >/dev/null
    printf '  %-16s %-9s %8d bytes\n' wasi-js-command js-command "$(stat -c %s "$OUT/wasi-js-command.wasm")"
  fi
fi

# ---- wasi:http fixtures (runtime/wasi virga.wasi.http; maintained with that module) --------------------------
# wasi-http-{hello,echo,fetch}: C without libc, hand-written canonical ABI (wasi-http/wasi_http.h) against
# wasi:http@0.2.12, exporting wasi:http/incoming-handler. Each world is its own file in wasi-http/wit/ (jco embed
# cannot choose among several worlds of one package), paired with wasi-http/wit/deps/ at build time. Built when no
# names are given or when `wasi-http` or one of them is named; honours --check.
for hw in hello echo fetch; do
  if [ ${#want[@]} -eq 0 ] || [[ " ${want[*]} " == *" wasi-http "* ]] || [[ " ${want[*]} " == *" wasi-http-$hw "* ]]; then
    mkdir -p "$WORK/wit-http-$hw" && cp "wasi-http/wit/$hw.wit" "$WORK/wit-http-$hw/" && cp -r wasi-http/wit/deps "$WORK/wit-http-$hw/"
    clang --target=wasm32-unknown-unknown -nostdlib "${CFLAGS[@]}" -Wl,--no-entry -Wl,--allow-undefined \
      "wasi-http/$hw.c" -o "$WORK/wasi-http-$hw.core.wasm"
    "$BIN/jco" embed --wit "$WORK/wit-http-$hw" --world-name "$hw" "$WORK/wasi-http-$hw.core.wasm" \
      -o "$WORK/wasi-http-$hw.embed.wasm" >/dev/null
    "$BIN/jco" new "$WORK/wasi-http-$hw.embed.wasm" -o "$OUT/wasi-http-$hw.wasm" >/dev/null
    if [ $CHECK = 1 ] && ! cmp -s "$OUT/wasi-http-$hw.wasm" "$G/wasm/wasi-http-$hw.wasm"; then
      die "not reproducible (rebuild differs from committed bytes): wasi-http-$hw"
    fi
    printf '  %-16s %-9s %8d bytes\n' "wasi-http-$hw" c "$(stat -c %s "$OUT/wasi-http-$hw.wasm")"
  fi
done

# ---- intra-workload linking fixtures (runtime/host virga.host.workload; maintained with that package) --------
# link-{greeter,caller,service,trap}: WAT components without WASI (link/*.wat, WIT in link/wit/link.wit).
# link-caller and link-service import example:link/greeter, which link-greeter exports; link-trap is a service
# whose run traps. Built when no names are given or when `link` or one of them is named; honours --check.
for lk in greeter caller service trap; do
  if [ ${#want[@]} -eq 0 ] || [[ " ${want[*]} " == *" link "* ]] || [[ " ${want[*]} " == *" link-$lk "* ]]; then
    "$BIN/jco" parse "link/link-$lk.wat" -o "$OUT/link-$lk.wasm" >/dev/null
    if [ $CHECK = 1 ] && ! cmp -s "$OUT/link-$lk.wasm" "$G/wasm/link-$lk.wasm"; then
      die "not reproducible (rebuild differs from committed bytes): link-$lk"
    fi
    printf '  %-16s %-9s %8d bytes\n' "link-$lk" wat "$(stat -c %s "$OUT/link-$lk.wasm")"
  fi
done

# ---- guests/SWEEP.md: the conformance sweep's counts, generated by oracle/sweep-report.mjs from the fixtures, case
# files and transcripts. Regenerated after a full build; `--check` fails when the committed file is stale.
if [ ${#want[@]} -eq 0 ]; then
  if [ $CHECK = 1 ]; then
    node oracle/sweep-report.mjs --check || die "guests/SWEEP.md is stale (run guests/build.sh or node guests/oracle/sweep-report.mjs)"
  else
    node oracle/sweep-report.mjs
  fi
  echo "  SWEEP.md         $(grep '^| \*\*total' SWEEP.md | cut -d'|' -f2-7 | tr -s ' ')"
fi
