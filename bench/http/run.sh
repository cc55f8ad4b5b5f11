#!/usr/bin/env bash
# HTTP load benchmark: `host serve` of guests/wasm/wasi-http-hello.wasm (a fresh component instance per request)
# against node `jco serve` of the same component, one after the other in this run, under the same wrk load on
# loopback. Writes its section of bench/RESULTS.md (bench/results/http.md, also printed) and reassembles
# bench/RESULTS.md (bench/assemble.sh).
#   bench/http/run.sh                  build the host, then measure
#   SKIP_BUILD=1 bench/http/run.sh     reuse runtime/host/target/virga-host-*-cli.jar
#   DURATION=15s CONNS=32 THREADS=2 WARMUP=15s ROUNDS=2 bench/http/run.sh
# Needs: wrk (apt-get install wrk), node + guests/tools/node_modules (cd guests/tools && npm install), a JDK 17.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE=$ROOT/bench/http
DURATION=${DURATION:-15s}; CONNS=${CONNS:-32}; THREADS=${THREADS:-2}; WARMUP=${WARMUP:-15s}
JAVA_PORT=${JAVA_PORT:-18480}; NODE_PORT=${NODE_PORT:-18481}
WASM=$ROOT/guests/wasm/wasi-http-hello.wasm
JCO=$ROOT/guests/tools/node_modules/.bin/jco
die() { echo "bench/http/run.sh: $*" >&2; exit 1; }
command -v wrk >/dev/null || die "missing wrk (apt-get install wrk)"
command -v node >/dev/null || die "missing node"
[ -x "$JCO" ] || die "missing $JCO (cd guests/tools && npm install)"
[ -f "$WASM" ] || die "missing $WASM (guests/build.sh wasi-http-hello)"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "building the host (mvn install -pl runtime/host -am)..." >&2
  (cd "$ROOT" && mvn -B -q -o install -DskipTests -Dspotless.check.skip=true -pl runtime/host -am) >&2
fi
JAR=$(ls "$ROOT"/runtime/host/target/virga-host-*-cli.jar 2>/dev/null | head -1 || true)
[ -n "$JAR" ] || die "no runtime/host/target/virga-host-*-cli.jar (run without SKIP_BUILD)"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/virga-http-bench.XXXXXX")
# shellcheck source=bench/http/wrk.sh
. "$HERE/wrk.sh"
cleanup() { stop_all; rm -rf "$WORK"; }
trap cleanup EXIT

# `host serve`, or the launcher when the lead has not registered the subcommand yet
SERVE=(java ${VIRGA_JAVA_OPTS:-} -jar "$JAR" serve)
if ! java -jar "$JAR" serve --help 2>&1 | grep -q -- --addr; then
  mkdir -p "$WORK/launcher"
  javac -d "$WORK/launcher" -cp "$JAR" "$HERE/ServeLauncher.java"
  SERVE=(java ${VIRGA_JAVA_OPTS:-} -cp "$JAR:$WORK/launcher" virga.host.cli.ServeLauncher)
fi

ROUNDS=${ROUNDS:-2}
run_java() { # round
  echo "== round $1: host serve (Java, fresh instance per request)" >&2
  setsid "${SERVE[@]}" "$WASM" --addr "127.0.0.1:$JAVA_PORT" --stats 5s >"$WORK/java.out" 2>"$WORK/java.$1.err" &
  local pid=$!; PIDS+=("$pid")
  wait_up "$JAVA_PORT"
  curl -s "http://127.0.0.1:$JAVA_PORT/" >"$WORK/java.body"
  load "$JAVA_PORT" "java.$1" "$pid"
  stop "$pid"
}
run_node() { # round label extra-args...
  local r=$1 label=$2; shift 2
  echo "== round $r: jco serve $* (node)" >&2
  start_jco "$WASM" "$NODE_PORT" "$WORK/$label.out" "$@"
  local pid=${PIDS[-1]}
  wait_up "$NODE_PORT"
  curl -s "http://127.0.0.1:$NODE_PORT/" >"$WORK/node.body"
  load "$NODE_PORT" "$label.$r" "$pid"
  stop "$pid"
}
port_free "$JAVA_PORT"; port_free "$NODE_PORT"
for r in $(seq 1 "$ROUNDS"); do # alternate, so load from elsewhere on the machine hits both alike
  run_java "$r"
  run_node "$r" node
done
run_node 1 iso --isolate-requests instance
# per-request costs in host serve: the --stats lines of each measured window (the last 3 before shutdown)
stat_mean() { # column-from-end
  for r in $(seq 1 "$ROUNDS"); do { grep '^stats:' "$WORK/java.$r.err" || true; } | tail -n 3; done |
    awk -v c="$1" '{n+=$2; s+=$2*$(NF-c)} END{ if (n) printf "%.1f", s/n; else print "n/a" }'
}
INST=$(stat_mean 4); HANDLE=$(stat_mean 1)
cmp -s "$WORK/java.body" "$WORK/node.body" || die "the two servers answered different bodies"
mean_rps() { for r in $(seq 1 "$ROUNDS"); do rps "$WORK/$1.$r.wrk"; done | awk '{s+=$1} END{printf "%.0f", s/NR}'; }
mean_p99() { for r in $(seq 1 "$ROUNDS"); do ms "$(p99 "$WORK/$1.$r.wrk")"; done | awk '{s+=$1} END{printf "%.1f", s/NR}'; }
J=$(mean_rps java); N=$(mean_rps node)
RATIO=$(awk -v a="$J" -v b="$N" 'BEGIN{printf "%.1f", a/b}')
row() { # label file
  printf '| %s | %s | %s ms | %s ms | %s µs | %s |\n' "$1" "$(rps "$2")" "$(ms "$(p50 "$2")")" "$(ms "$(p99 "$2")")" \
    "$(cat "${2%.wrk}.cpu")" "$(errs "$2")"
}
SECTION=$ROOT/bench/results/http.md
mkdir -p "$(dirname "$SECTION")"
{
  echo "<!-- section: http | script: bench/http/run.sh | date: $(date -u +%Y-%m-%dT%H:%M:%SZ) -->"
  echo "## HTTP (bench/http/run.sh): host serve vs node jco serve"
  echo
  echo "\`bench/http/run.sh\`: wrk -t$THREADS -c$CONNS -d$DURATION --latency on 127.0.0.1 after a $WARMUP warm-up of the same"
  echo "load; each server alone in turn, $ROUNDS alternating rounds; the component is guests/wasm/wasi-http-hello.wasm (C, 7.8 KB)."
  echo
  echo "| server | requests/s | p50 | p99 | server CPU / request | errors |"
  echo "|---|---|---|---|---|---|"
  for r in $(seq 1 "$ROUNDS"); do
    row "round $r: host serve (Java 17, Netty, fresh instance per request)" "$WORK/java.$r.wrk"
    row "round $r: jco serve (node $(node -v), one shared instance)" "$WORK/node.$r.wrk"
  done
  [ -f "$WORK/iso.1.wrk" ] && row "jco serve --isolate-requests instance (fresh instance per request)" "$WORK/iso.1.wrk"
  echo
  echo "Mean over the rounds: host serve $J req/s, p99 $(mean_p99 java) ms; jco serve $N req/s, p99 $(mean_p99 node) ms: **${RATIO}x** the requests/s."
  echo "Per request in host serve (wall time in the measured windows, from --stats): link + instantiate **${INST} µs**, guest handle ${HANDLE} µs."
  echo
  echo "Machine: $(nproc) cores ($(lscpu | awk -F: '/Model name/ {gsub(/^ +/,"",$2); print $2}')), $(java -version 2>&1 | head -1), node $(node -v); wrk and the server share the cores;"
  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine included)."
  echo
  echo '<details><summary>wrk output</summary>'
  echo
  echo '```'
  for f in "$WORK"/*.wrk; do echo "# $(basename "$f" .wrk)"; cat "$f"; done
  echo '```'
  echo '</details>'
} >"$SECTION.tmp"
mv "$SECTION.tmp" "$SECTION"
tail -n +2 "$SECTION"
"$ROOT/bench/assemble.sh"
