#!/usr/bin/env bash
# HTTP load benchmark: `host serve` of guests/wasm/wasi-http-hello.wasm (a fresh component instance per request)
# against node `jco serve` of the same component, one after the other in this run, under the same wrk load on
# loopback. Prints a markdown report (also written to bench/http/last-run.md).
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
PIDS=()
# every server runs in its own process group (jco serve forks the node process that listens): stop the group
stop() { kill -- "-$1" 2>/dev/null || kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
cleanup() { for p in "${PIDS[@]}"; do stop "$p"; done; rm -rf "$WORK"; }
trap cleanup EXIT

# `host serve`, or the launcher when the lead has not registered the subcommand yet
SERVE=(java ${VIRGA_JAVA_OPTS:-} -jar "$JAR" serve)
if ! java -jar "$JAR" serve --help 2>&1 | grep -q -- --addr; then
  mkdir -p "$WORK/launcher"
  javac -d "$WORK/launcher" -cp "$JAR" "$HERE/ServeLauncher.java"
  SERVE=(java ${VIRGA_JAVA_OPTS:-} -cp "$JAR:$WORK/launcher" virga.host.cli.ServeLauncher)
fi

free() { # port
  if curl -s -o /dev/null "http://127.0.0.1:$1/"; then die "port $1 is already in use"; fi
}
wait_up() { # port
  for _ in $(seq 1 300); do
    if curl -fs -o /dev/null "http://127.0.0.1:$1/"; then return 0; fi
    sleep 0.2
  done
  die "nothing answers on port $1"
}
ticks() { # CPU clock ticks used so far by process group $1 (a load-independent cost: CPU time per request)
  ps -o pid= -g "$1" | while read -r p; do awk '{print $14+$15}' "/proc/$p/stat" 2>/dev/null; done | awk '{s+=$1} END{print s+0}'
}
load() { # port label pgid -> $WORK/label.wrk, $WORK/label.cpu (µs of server CPU per request)
  wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" "http://127.0.0.1:$1/" >/dev/null 2>&1 || true
  local t0; t0=$(ticks "$3")
  wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "http://127.0.0.1:$1/" >"$WORK/$2.wrk" 2>&1
  local t1; t1=$(ticks "$3")
  awk -v t=$((t1 - t0)) -v hz="$(getconf CLK_TCK)" -v n="$(awk '/requests in/ {print $1}' "$WORK/$2.wrk")" \
    'BEGIN{ if (n) printf "%.0f", t * 1e6 / hz / n; else print "n/a" }' >"$WORK/$2.cpu"
}
rps() { awk '/^Requests\/sec/ {print $2}' "$1"; }
p99() { awk '$1=="99%" {print $2}' "$1"; }
p50() { awk '$1=="50%" {print $2}' "$1"; }
errs() { awk '/Non-2xx|Socket errors/ {print}' "$1" | tr '\n' ' '; }
ms() { # wrk latency (e.g. 1.23ms, 850.00us, 1.20s) in ms
  awk -v v="$1" 'BEGIN{ if (v ~ /us$/) {sub(/us/,"",v); print v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v); print v+0} else if (v ~ /s$/) {sub(/s/,"",v); print v*1000} else print v }'
}

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
  (cd "$WORK" && exec setsid node "$JCO" serve "$@" --host 127.0.0.1 --port "$NODE_PORT" "$WASM") >"$WORK/$label.out" 2>&1 &
  local pid=$!; PIDS+=("$pid")
  wait_up "$NODE_PORT"
  curl -s "http://127.0.0.1:$NODE_PORT/" >"$WORK/node.body"
  load "$NODE_PORT" "$label.$r" "$pid"
  stop "$pid"
}
free "$JAVA_PORT"; free "$NODE_PORT"
for r in $(seq 1 "$ROUNDS"); do # alternate, so load from elsewhere on the machine hits both alike
  run_java "$r"
  run_node "$r" node
done
run_node 1 iso --isolate-requests instance
# per-request costs in host serve: the --stats lines of each measured window (the last 3 before shutdown)
stat_mean() { # column-from-end
  for r in $(seq 1 "$ROUNDS"); do grep '^stats:' "$WORK/java.$r.err" | tail -n 3; done |
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
{
  echo "### HTTP: \`host serve\` vs node \`jco serve\` (wasi-http-hello, $(date -u +%Y-%m-%d))"
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
} | tee "$HERE/last-run.md"
