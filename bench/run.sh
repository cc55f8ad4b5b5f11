#!/usr/bin/env bash
# Builds the benchmark module and guests, runs the engine's JMH benchmarks (JSON) and the node peer, writes the
# engine section of bench/RESULTS.md (bench/results/engine.md) and reassembles bench/RESULTS.md (bench/assemble.sh).
# The host benchmarks (package virga.bench.host) are bench/host/run.sh's, not run here.
#   bench/run.sh            full run (JMH defaults from the annotations: 1 fork, 3x2 s warm-up, 5x2 s measurement)
#   bench/run.sh --quick    short run to check the harness (1x1 s warm-up, 2x1 s measurement, fewer node samples)
#   JMH_ARGS='...' bench/run.sh   extra JMH options, e.g. JMH_ARGS='-f 2' or a benchmark regex ('HostCallBench')
#   MVN_OFFLINE='' bench/run.sh   let Maven download (default: -o)
# Needs: JDK 17+, Maven, clang + lld + wasi-libc, wat2wasm (wabt), node 20, jco in guests/tools (npm install there).
# Benchmarks are CPU-heavy: do not run two at once; RESULTS.md records the load average before and after.
set -euo pipefail
B=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$B/.." && pwd)
T=$B/target
W=$T/wasm
QUICK=0
[ "${1:-}" = "--quick" ] && QUICK=1
JCO=$ROOT/guests/tools/node_modules/.bin/jco

die() { echo "run.sh: $*" >&2; exit 1; }
for t in clang wat2wasm node java mvn; do command -v $t >/dev/null || die "missing $t"; done
[ -x "$JCO" ] || die "missing $JCO (cd guests/tools && npm install)"
[ -f "$ROOT/guests/wasm/reverse.wasm" ] || die "missing guests/wasm/reverse.wasm (guests/build.sh reverse)"

echo "== build"
(cd "$ROOT" && mvn -B -q ${MVN_OFFLINE--o} -pl bench -am install -DskipTests -Dspotless.check.skip=true)

echo "== guests -> $W"
rm -rf "$W"; mkdir -p "$W"
clang --target=wasm32-wasi --sysroot=/usr -O2 -mexec-model=reactor -Wl,--strip-all "$B/guest/bench.c" -o "$W/bench.core.wasm"
wat2wasm "$B/guest/hostcall.wat" -o "$W/hostcall.wasm"
# the reverse guest's core module, with the flags guests/build.sh uses for `c` fixtures
(cd "$ROOT/guests" && clang --target=wasm32-unknown-unknown -nostdlib -O2 -Wl,--strip-all -fno-ident -Wl,--no-entry \
  -Wl,--allow-undefined reverse/reverse.c -o "$W/reverse.core.wasm")
cp "$ROOT/guests/wasm/reverse.wasm" "$W/reverse.wasm"
"$JCO" transpile "$W/reverse.wasm" -o "$W/reverse-jco" --instantiation sync --no-typescript -q >/dev/null
"$JCO" parse "$B/guest/hostcall.component.wat" -o "$W/hostcall.component.wasm" >/dev/null
"$JCO" transpile "$W/hostcall.component.wasm" -o "$W/hostcall-jco" --instantiation sync --no-typescript -q >/dev/null

echo "== machine"
{
  echo "\$ date -u"; date -u
  echo "\$ nproc"; nproc
  echo "\$ lscpu | grep 'Model name'"; lscpu 2>/dev/null | grep 'Model name' || true
  echo "\$ free -g"; free -g
  echo "\$ java -version"; java -version 2>&1
  echo "\$ node -v"; node -v
  echo "\$ uptime (before)"; uptime
} >"$T/machine.txt"
LOAD_BEFORE=$(uptime | sed 's/.*load average: //')
cat "$T/machine.txt"

export VIRGA_BENCH_WASM=$W
if [ $QUICK = 1 ]; then
  JMH_OPTS="-f 1 -wi 1 -w 1 -i 2 -r 1"
  NODE_OPTS=--quick
else
  JMH_OPTS=""
  NODE_OPTS=""
fi
JMH_OPTS="$JMH_OPTS -foe false -e virga\.bench\.host\. ${JMH_ARGS:-}"

echo "== node peer"
if ! node "$B/node/peer.mjs" "$W" $NODE_OPTS >"$T/peer.json" 2>"$T/peer.err"; then
  echo "node peer failed:"; cat "$T/peer.err"
  node -e 'const fs=require("fs");fs.writeFileSync(process.argv[1],JSON.stringify({error:fs.readFileSync(process.argv[2],"utf8").split("\n").find(l=>/Error/.test(l))||"see peer.err",results:{}}))' "$T/peer.json" "$T/peer.err"
fi

echo "== JMH ($JMH_OPTS)"
rm -f "$T/jmh.json"
# shellcheck disable=SC2086
java -jar "$T/benchmarks.jar" $JMH_OPTS -rf json -rff "$T/jmh.json" 2>&1 | tee "$T/jmh.log" | grep -E '^(Benchmark|[A-Z][A-Za-z]+Bench\.)|Exception|Error' || true
[ -f "$T/jmh.json" ] || echo '[]' >"$T/jmh.json"

LOAD_AFTER=$(uptime | sed 's/.*load average: //')
echo "\$ uptime (after)" >>"$T/machine.txt"; uptime >>"$T/machine.txt"
node -e 'require("fs").writeFileSync(process.argv[1], JSON.stringify({date: new Date().toISOString(), quick: process.argv[2]==="1", loadBefore: process.argv[3], loadAfter: process.argv[4], nproc: process.argv[5], jmhArgs: process.argv[6].trim()}))' \
  "$T/run.json" "$QUICK" "$LOAD_BEFORE" "$LOAD_AFTER" "$(nproc)" "$JMH_OPTS"
mkdir -p "$B/results"
node "$B/node/report.mjs" "$T" "$B/results/engine.md"
"$B/assemble.sh"
