#!/usr/bin/env bash
# HTTP load benchmark: `host serve` of guests/wasm/wasi-http-hello.wasm (a fresh component instance per request)
# against node `jco serve` of the same component, one after the other in this run, under the same wrk load on
# loopback. Prints a markdown report (also written to bench/http/last-run.md).
#   bench/http/run.sh                  build the host, then measure
#   SKIP_BUILD=1 bench/http/run.sh     reuse runtime/host/target/virga-host-*-cli.jar
#   DURATION=15s CONNS=32 THREADS=2 WARMUP=15s bench/http/run.sh
# Needs: wrk (apt-get install wrk), node + guests/tools/node_modules (cd guests/tools && npm install), a JDK 17.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE=$ROOT/bench/http
DURATION=${DURATION:-15s}; CONNS=${CONNS:-32}; THREADS=${THREADS:-2}; WARMUP=${WARMUP:-15s}
JAVA_PORT=${JAVA_PORT:-18480}; NODE_PORT=${NODE_PORT:-18481}; ISO_PORT=${ISO_PORT:-18482}
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
load() { # port label -> $WORK/label.wrk
  wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" "http://127.0.0.1:$1/" >/dev/null 2>&1 || true
  wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "http://127.0.0.1:$1/" >"$WORK/$2.wrk" 2>&1
}
rps() { awk '/^Requests\/sec/ {print $2}' "$1"; }
p99() { awk '$1=="99%" {print $2}' "$1"; }
p50() { awk '$1=="50%" {print $2}' "$1"; }
errs() { awk '/Non-2xx|Socket errors/ {print}' "$1" | tr '\n' ' '; }
ms() { # wrk latency (e.g. 1.23ms, 850.00us, 1.20s) in ms
  awk -v v="$1" 'BEGIN{ if (v ~ /us$/) {sub(/us/,"",v); print v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v); print v+0} else if (v ~ /s$/) {sub(/s/,"",v); print v*1000} else print v }'
}

echo "== host serve (Java, fresh instance per request)" >&2
free "$JAVA_PORT"; free "$NODE_PORT"; free "$ISO_PORT"
setsid "${SERVE[@]}" "$WASM" --addr "127.0.0.1:$JAVA_PORT" --stats 5s >"$WORK/java.out" 2>"$WORK/java.err" &
JPID=$!; PIDS+=("$JPID")
wait_up "$JAVA_PORT"
curl -s -D "$WORK/java.head" "http://127.0.0.1:$JAVA_PORT/" >"$WORK/java.body"
load "$JAVA_PORT" java
stop "$JPID"
# the stats lines of the measured window: the last ones before shutdown (5 s each)
INST=$(grep '^stats:' "$WORK/java.err" | tail -n 3 | awk '{n+=$2; i+=$2*$(NF-4)} END{ if (n) printf "%.1f", i/n; else print "n/a" }')
HANDLE=$(grep '^stats:' "$WORK/java.err" | tail -n 3 | awk '{n+=$2; h+=$2*$(NF-1)} END{ if (n) printf "%.1f", h/n; else print "n/a" }')

echo "== jco serve (node, one shared instance: jco's default)" >&2
(cd "$WORK" && exec setsid node "$JCO" serve --host 127.0.0.1 --port "$NODE_PORT" "$WASM") >"$WORK/node.out" 2>&1 &
NPID=$!; PIDS+=("$NPID")
wait_up "$NODE_PORT"
curl -s -D "$WORK/node.head" "http://127.0.0.1:$NODE_PORT/" >"$WORK/node.body"
load "$NODE_PORT" node
stop "$NPID"

echo "== jco serve --isolate-requests instance (node, fresh instance per request)" >&2
(cd "$WORK" && exec setsid node "$JCO" serve --isolate-requests instance --host 127.0.0.1 --port "$ISO_PORT" "$WASM") >"$WORK/iso.out" 2>&1 &
IPID=$!; PIDS+=("$IPID")
ISO_OK=1
if wait_up "$ISO_PORT" 2>/dev/null; then load "$ISO_PORT" iso; else ISO_OK=0; fi
stop "$IPID"

cmp -s "$WORK/java.body" "$WORK/node.body" || die "the two servers answered different bodies"
J=$(rps "$WORK/java.wrk"); N=$(rps "$WORK/node.wrk")
RATIO=$(awk -v a="$J" -v b="$N" 'BEGIN{printf "%.1f", a/b}')
row() { # label file
  printf '| %s | %s | %s ms | %s ms | %s |\n' "$1" "$(rps "$2")" "$(ms "$(p50 "$2")")" "$(ms "$(p99 "$2")")" "$(errs "$2")"
}
{
  echo "### HTTP: \`host serve\` vs node \`jco serve\` (wasi-http-hello, $(date -u +%Y-%m-%d))"
  echo
  echo "\`bench/http/run.sh\`: wrk -t$THREADS -c$CONNS -d$DURATION --latency on 127.0.0.1 after a $WARMUP warm-up of the same"
  echo "load, each server alone on the machine in turn; the component is guests/wasm/wasi-http-hello.wasm (C, 7.8 KB)."
  echo
  echo "| server | requests/s | p50 | p99 | errors |"
  echo "|---|---|---|---|---|"
  row "host serve (Java 17, Netty, fresh instance per request)" "$WORK/java.wrk"
  row "jco serve (node $(node -v), one shared instance)" "$WORK/node.wrk"
  if [ $ISO_OK = 1 ]; then row "jco serve --isolate-requests instance (fresh instance per request)" "$WORK/iso.wrk"; fi
  echo
  echo "host serve / jco serve: **${RATIO}x** the requests/s; p99 $(ms "$(p99 "$WORK/java.wrk")") ms vs $(ms "$(p99 "$WORK/node.wrk")") ms."
  echo "Per request in host serve (the measured window's --stats lines): link + instantiate **${INST} µs**, guest handle ${HANDLE} µs."
  echo
  echo "Machine: $(nproc) cores ($(lscpu | awk -F: '/Model name/ {gsub(/^ +/,"",$2); print $2}')), $(java -version 2>&1 | head -1), node $(node -v), wrk and servers share the cores;"
  echo "load average before/after: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo '<details><summary>wrk output</summary>'
  echo
  echo '```'
  for f in java node iso; do [ -f "$WORK/$f.wrk" ] && { echo "# $f"; cat "$WORK/$f.wrk"; }; done
  echo '```'
  echo '</details>'
} | tee "$HERE/last-run.md"
