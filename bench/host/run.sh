#!/usr/bin/env bash
# Host benchmarks (issue 8): the WorkloadHost of runtime/host with the HostRouter ingress, in this order:
#   a. workload start latency, start request -> RUNNING, component cached (JMH SampleTime, WorkloadStartBench),
#      and what a fresh instance per request costs before the guest runs, step by step (RequestInstantiateBench);
#   b. heap per idle workload with 100 and 1,000 small HTTP workloads on one host, in a JVM with -Xmx1g (HostBench
#      memory), and 1,000 after one request each with poolSize 1 (a warm instance each);
#   c. HTTP requests/s through Host-header routing, a pool (poolSize $POOL_SIZE) and a fresh instance per request,
#      against node `jco serve` of the same component in the same run, under the same wrk load (HostBench serve);
#   d. service restart latency: the cron-service example's service trapping on its first tick, crash -> next
#      incarnation's first output, RESTARTS times (HostBench restart).
# Writes its section of bench/RESULTS.md (bench/results/host.md) and reassembles bench/RESULTS.md.
#   bench/host/run.sh                 full run
#   bench/host/run.sh --smoke         every part briefly, to prove the harness (the section says so)
#   SKIP_BUILD=1 bench/host/run.sh    reuse bench/target/benchmarks.jar
#   PARTS="start http" bench/host/run.sh          a subset (start memory http restart); the others are "not run"
#   DURATION=15s CONNS=32 THREADS=2 WARMUP=15s ROUNDS=2 POOL_SIZE=8 WORKERS=8 COUNTS="100 1000" RESTARTS=20 JMH_ARGS=...
# Needs: JDK 17+, Maven, wrk, node + guests/tools/node_modules (cd guests/tools && npm install).
# CPU-heavy: do not run it next to other benchmarks. Every server runs in its own process group, stopped on exit.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
B=$(cd "$HERE/.." && pwd)
ROOT=$(cd "$B/.." && pwd)
T=$B/target/host
JAR=$B/target/benchmarks.jar
JCO=$ROOT/guests/tools/node_modules/.bin/jco
WASM=$ROOT/guests/wasm/wasi-http-hello.wasm
SMOKE=0
[ "${1:-}" = "--smoke" ] && SMOKE=1
if [ $SMOKE = 1 ]; then
  DURATION=${DURATION:-3s}; WARMUP=${WARMUP:-2s}; ROUNDS=${ROUNDS:-1}; RESTARTS=${RESTARTS:-5}
  JMH_OPTS="-f 1 -wi 1 -w 1 -i 2 -r 1"
else
  DURATION=${DURATION:-15s}; WARMUP=${WARMUP:-15s}; ROUNDS=${ROUNDS:-2}; RESTARTS=${RESTARTS:-20}
  JMH_OPTS=""
fi
CONNS=${CONNS:-32}; THREADS=${THREADS:-2}; POOL_SIZE=${POOL_SIZE:-8}; WORKERS=${WORKERS:-8}; COUNTS=${COUNTS:-100 1000}
HOST_PORT=${HOST_PORT:-18490}; NODE_PORT=${NODE_PORT:-18491}
PARTS=${PARTS:-start memory http restart}
part() { [[ " $PARTS " == *" $1 "* ]]; }

die() { echo "bench/host/run.sh: $*" >&2; exit 1; }
for t in java node; do command -v $t >/dev/null || die "missing $t"; done
if part http; then
  command -v wrk >/dev/null || die "missing wrk (apt-get install wrk)"
  [ -x "$JCO" ] || die "missing $JCO (cd guests/tools && npm install)"
fi
[ -f "$WASM" ] || die "missing $WASM (guests/build.sh wasi-http-hello)"
if part restart; then
  for f in examples/cron-service/cron-service.wasm examples/cron-service/cron-component.wasm; do
    [ -f "$ROOT/$f" ] || die "missing $f (examples/build.sh)"
  done
fi

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "== build (mvn install -pl bench -am)" >&2
  (cd "$ROOT" && mvn -B -q ${MVN_OFFLINE--o} install -DskipTests -Dspotless.check.skip=true -pl bench -am) >&2
fi
[ -f "$JAR" ] || die "no $JAR (run without SKIP_BUILD)"

rm -rf "$T"; mkdir -p "$T"
WORK=$T
# shellcheck source=bench/http/wrk.sh
. "$B/http/wrk.sh"
trap stop_all EXIT
export VIRGA_ROOT=$ROOT # where the harness finds guests/ and examples/ (JMH forks inherit it)
QUIET=-Dorg.slf4j.simpleLogger.defaultLogLevel=warn
HOSTBENCH=(java $QUIET -Xmx1g -cp "$JAR" virga.bench.host.HostBench)

{
  echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "smoke=$SMOKE"
  echo "nproc=$(nproc)"
  echo "cpu=$(lscpu 2>/dev/null | awk -F: '/Model name/ {gsub(/^ +/,"",$2); print $2}')"
  echo "java=$(java -version 2>&1 | head -1)"
  echo "node=$(node -v)"
  echo "commit=$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null)$(cd "$ROOT" && git diff --quiet -- runtime bench 2>/dev/null || echo '+uncommitted')"
  echo "load_before=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "parts=$PARTS"
  echo "duration=$DURATION"; echo "warmup=$WARMUP"; echo "conns=$CONNS"; echo "threads=$THREADS"
  echo "rounds=$ROUNDS"; echo "pool_size=$POOL_SIZE"; echo "workers=$WORKERS"; echo "counts=$COUNTS"; echo "restarts=$RESTARTS"
  echo "jmh_opts=$JMH_OPTS ${JMH_ARGS:-}"
} >"$T/run.txt"

if part start; then
  echo "== a. start latency and per-request instantiation (JMH $JMH_OPTS ${JMH_ARGS:-})" >&2
  # shellcheck disable=SC2086
  java -jar "$JAR" 'virga\.bench\.host\.' $JMH_OPTS -jvmArgsAppend "$QUIET" -foe false ${JMH_ARGS:-} \
    -rf json -rff "$T/jmh.json" >"$T/jmh.log" 2>&1 || true
  grep -E '^(Workload|Request)[A-Za-z]*Bench\.[a-z]+ ' "$T/jmh.log" >&2 || echo "JMH failed: see $T/jmh.log" >&2
fi

if part memory; then
  # each in its own JVM with a 1 GiB heap; exit 3 = OutOfMemoryError (reported, not fatal)
  for n in $COUNTS; do
    echo "== b. memory: $n idle HTTP workloads, -Xmx1g" >&2
    "${HOSTBENCH[@]}" memory --count "$n" >"$T/memory.$n.txt" 2>"$T/memory.$n.err" || true
    cat "$T/memory.$n.txt" >&2
  done
  n=$(echo "$COUNTS" | awk '{print $NF}')
  echo "== b. memory: $n HTTP workloads after one request each, poolSize 1, -Xmx1g" >&2
  "${HOSTBENCH[@]}" memory --count "$n" --pool-size 1 --touch >"$T/memory.$n.touched.txt" 2>"$T/memory.$n.touched.err" || true
  cat "$T/memory.$n.touched.txt" >&2
fi

if part http; then
  port_free "$HOST_PORT"; port_free "$NODE_PORT"
  echo "== c. HTTP: host (HostBench serve, pool $POOL_SIZE and fresh) and jco serve, wrk -t$THREADS -c$CONNS -d$DURATION" >&2
  setsid "${HOSTBENCH[@]}" serve --addr "127.0.0.1:$HOST_PORT" --pool-size "$POOL_SIZE" --workers "$WORKERS" >"$T/host.out" 2>"$T/host.err" &
  HOST_PID=$!; PIDS+=("$HOST_PID")
  wait_up "$HOST_PORT" pool.localhost
  start_jco "$WASM" "$NODE_PORT" "$T/jco.out"
  JCO_PID=${PIDS[-1]}
  wait_up "$NODE_PORT"
  curl -s -H 'Host: pool.localhost' "http://127.0.0.1:$HOST_PORT/" >"$T/pool.body"
  curl -s -H 'Host: fresh.localhost' "http://127.0.0.1:$HOST_PORT/" >"$T/fresh.body"
  curl -s "http://127.0.0.1:$NODE_PORT/" >"$T/jco.body"
  cmp -s "$T/pool.body" "$T/jco.body" && cmp -s "$T/fresh.body" "$T/jco.body" ||
    die "the host and jco serve answered different bodies (see $T/*.body)"
  curl -s -o /dev/null -w '%{http_code}\n' -H 'Host: nobody.localhost' "http://127.0.0.1:$HOST_PORT/" >"$T/unknown.status"
  for r in $(seq 1 "$ROUNDS"); do # alternate, so load from elsewhere on the machine hits all alike
    echo "   round $r: pool" >&2; load "$HOST_PORT" "pool.$r" "$HOST_PID" pool.localhost
    echo "   round $r: fresh" >&2; load "$HOST_PORT" "fresh.$r" "$HOST_PID" fresh.localhost
    echo "   round $r: jco serve" >&2; load "$NODE_PORT" "jco.$r" "$JCO_PID"
  done
  stop "$JCO_PID"
  echo "   jco serve --isolate-requests instance" >&2
  start_jco "$WASM" "$NODE_PORT" "$T/jco-iso.out" --isolate-requests instance
  JCO_PID=${PIDS[-1]}
  wait_up "$NODE_PORT"
  load "$NODE_PORT" "iso.1" "$JCO_PID"
  stop "$JCO_PID"
  stop "$HOST_PID" # prints the server's counters and meters to host.err
  # nothing the script started may still listen
  for p in "$HOST_PORT" "$NODE_PORT"; do
    if curl -s -o /dev/null "http://127.0.0.1:$p/"; then die "port $p still answers after the servers were stopped"; fi
  done
fi

if part restart; then
  echo "== d. service restart latency: $RESTARTS crashes of the cron-service example" >&2
  "${HOSTBENCH[@]}" restart --restarts "$RESTARTS" >"$T/restart.txt" 2>"$T/restart.err" || true
  cat "$T/restart.txt" >&2
fi

echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$T/run.txt"
mkdir -p "$B/results"
node "$HERE/report.mjs" "$T" "$B/results/host.md"
"$B/assemble.sh"
