#!/usr/bin/env bash
# Cluster-mode benchmarks (issue 9 point 8), against REAL `bin/host cluster` processes and a real nats-server
# (/usr/sbin/nats-server on a free 127.0.0.1 port), driven by virga.bench.cluster.ClusterBench:
#   a. start latency over NATS: request runtime.host.<id>.workload.start -> the reply with state RUNNING, for the
#      wasi-http-hello component: cached (the same component again: a compile-cache hit), uncached on a warm host
#      (a distinct valid copy per sample: the component + a custom section, so a new SHA-256 and a compilation),
#      and the first start on a freshly started host process (restarted between samples); p50/p90/p99;
#   b. failover times (issue 9 point 5): the operator's shaded jar, a real kube-apiserver + etcd (kube-api-test),
#      3 real hosts and $COUNT WorkloadDeployments Ready; then (1) the Pod of the busiest host deleted (bare Pod
#      objects with the operator's finalizer and the host's IP, as FailoverIT; the host gets SIGTERM at the same
#      time) -> every replica Ready elsewhere (goal < 10 s); (2) a fourth host joins, the busiest host is killed
#      with SIGKILL -> every replica Ready elsewhere (goal < 2 heartbeat intervals (30 s) + the start time);
#   c. (opt-in: PARTS="... scale") $SCALE WorkloadDeployments Ready on 3 real hosts under the operator's jar (its
#      default timings), created at once by $THREADS threads: first create -> all Ready, the operator's and the
#      hosts' heap (GC logs: peak before a collection, largest after one) and RSS (goal: 1,000 in < 60 s).
# Writes its section of bench/RESULTS.md (bench/results/cluster.md) and reassembles bench/RESULTS.md.
#   bench/cluster/run.sh                  full run
#   bench/cluster/run.sh --smoke          every part briefly, to prove the harness (the section says so)
#   SKIP_BUILD=1 bench/cluster/run.sh     reuse bench/target/benchmarks.jar and the host and operator jars
#   PARTS="start" bench/cluster/run.sh    a subset of: start failover scale (default: start failover)
#   SAMPLES=100 WARMUP=20 FRESH=10 COUNT=9 TTL=default HOST_INTERVAL=default TIMEOUT=180 HOST_JAVA_OPTS=-Xmx256m
#   SCALE=1000 THREADS=8 SCALE_TIMEOUT=600 OPERATOR_XMX=512m
#   QUIET_MACHINE=1                       say in the section that nothing else ran (default: a shared machine)
# TTL is the operator's --heartbeat-ttl and HOST_INTERVAL its --host-reconcile-interval; "default" (the default)
# runs the operator with its own settings (20 s and 1 m), as users run it.
# Needs: JDK 17+, Maven, nats-server, setsid, ss; for part b the kube-apiserver + etcd of scripts/install-prereqs.sh.
# The jars run from copies in bench/target/cluster/jars (builds elsewhere in the tree replace target/*.jar).
# nats-server, the driver (with its children: kube-apiserver, etcd, the operator) and each host run in process
# groups of their own; all are killed on exit, children included, and the script fails if one of them still listens
# (ss -ltnp) or survives.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
B=$(cd "$HERE/.." && pwd)
ROOT=$(cd "$B/.." && pwd)
T=$B/target/cluster
JAR=$B/target/benchmarks.jar
NATS_SERVER=${NATS_SERVER:-/usr/sbin/nats-server}
WASM=$ROOT/guests/wasm/wasi-http-hello.wasm
SMOKE=0
[ "${1:-}" = "--smoke" ] && SMOKE=1
if [ $SMOKE = 1 ]; then
  SAMPLES=${SAMPLES:-20}; WARMUP=${WARMUP:-5}; FRESH=${FRESH:-3}; COUNT=${COUNT:-6}
else
  SAMPLES=${SAMPLES:-100}; WARMUP=${WARMUP:-20}; FRESH=${FRESH:-10}; COUNT=${COUNT:-9}
fi
TTL=${TTL:-default}; HOST_INTERVAL=${HOST_INTERVAL:-default}; TIMEOUT=${TIMEOUT:-180}
SCALE=${SCALE:-1000}; THREADS=${THREADS:-8}; SCALE_TIMEOUT=${SCALE_TIMEOUT:-600}; OPERATOR_XMX=${OPERATOR_XMX:-512m}
HOST_JAVA_OPTS=${HOST_JAVA_OPTS:--Xmx256m}
PARTS=${PARTS:-start failover}
part() { [[ " $PARTS " == *" $1 "* ]]; }

die() { echo "bench/cluster/run.sh: $*" >&2; exit 1; }
for t in java setsid ss; do command -v $t >/dev/null || die "missing $t"; done
[ -x "$NATS_SERVER" ] || die "missing $NATS_SERVER (apt-get install nats-server)"
[ -f "$WASM" ] || die "missing $WASM (guests/build.sh wasi-http-hello)"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mods=bench,runtime/host
  if part failover || part scale; then mods=$mods,operator; fi
  echo "== build (mvn install -pl $mods -am)" >&2
  (cd "$ROOT" && mvn -B -q ${MVN_OFFLINE--o} install -DskipTests -Dspotless.check.skip=true -pl "$mods" -am) >&2
fi
[ -f "$JAR" ] || die "no $JAR (run without SKIP_BUILD)"
ls "$ROOT"/runtime/host/target/virga-host-*-cli.jar >/dev/null 2>&1 || die "bin/host is not built (run without SKIP_BUILD)"
OPERATOR_JAR=$(ls "$ROOT"/operator/target/virga-operator-*-all.jar 2>/dev/null | head -1 || true)
if part failover || part scale; then
  [ -n "$OPERATOR_JAR" ] || die "no operator/target/virga-operator-*-all.jar (run without SKIP_BUILD)"
fi

rm -rf "$T"; mkdir -p "$T/logs" "$T/jars"
# run from copies: other builds in this tree replace target/*.jar, and a JVM whose jar is replaced under it fails on
# its next class load (NoClassDefFoundError in a host and the operator spoilt a run that way)
cp "$JAR" "$T/jars/benchmarks.jar"; JAR=$T/jars/benchmarks.jar
HOST_JAR=$(ls "$ROOT"/runtime/host/target/virga-host-*-cli.jar | head -1)
cp "$HOST_JAR" "$T/jars/virga-host-cli.jar"; HOST_JAR=$T/jars/virga-host-cli.jar
if [ -n "$OPERATOR_JAR" ]; then cp "$OPERATOR_JAR" "$T/jars/virga-operator-all.jar"; OPERATOR_JAR=$T/jars/virga-operator-all.jar; fi
for j in "$T"/jars/*.jar; do # a jar copied while a build rewrote it has no readable central directory
  jar tf "$j" >/dev/null 2>&1 || die "$j is not a readable jar (copied mid-build? run again)"
done
# "pid start-time" per line: ours here, the driver's hosts and operator appended by the driver; each is the leader
# of its own process group, except the operator (in the driver's group). The start time (field 22 of /proc/PID/stat)
# tells our process from a later one that reuses its pid: cleanup never signals what it did not start.
PIDFILE=$T/pids
: >"$PIDFILE"
started() { # pid -> its start time, or nothing when it is gone
  [ -r "/proc/$1/stat" ] && sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | awk '{print $20}'
}
record() { echo "$1 $(started "$1")" >>"$PIDFILE"; }
ours() { # the recorded pids still alive with their recorded start time
  local p s
  while read -r p s; do [ -n "$p" ] && [ "$(started "$p" || true)" = "$s" ] && echo "$p"; done <"$PIDFILE" | sort -u
}
descendants() { # pid -> the pids of its children, grandchildren, ...
  local c
  for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do echo "$c"; descendants "$c"; done
}
stop_all() {
  local rc=$? p pids=() leaders=() left
  set +e
  for p in $(ours); do leaders+=("$p"); pids+=("$p" $(descendants "$p")); done
  # a leader that died first (a crashed driver) leaves its group's members behind, reparented: while a group
  # exists its id is not reused as a pid, so a group named after a recorded pid that no process has is ours
  for p in $(awk '{print $1}' "$PIDFILE" | sort -u); do
    [ -z "$(started "$p")" ] && pids+=($(pgrep -g "$p" 2>/dev/null))
  done
  # process groups first (a leader's group holds its children), then every descendant by pid
  for p in "${leaders[@]}"; do [ "$(ps -o pgid= -p "$p" | tr -d ' ')" = "$p" ] && kill -TERM -- "-$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for _ in $(seq 1 100); do # 10 s for drains and the API server's shutdown hook
    left=0
    for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && left=1; done
    [ $left = 0 ] && break
    sleep 0.1
  done
  for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  sleep 0.2
  for p in "${pids[@]}"; do
    if kill -0 "$p" 2>/dev/null; then echo "bench/cluster/run.sh: process $p survived SIGKILL" >&2; rc=1; fi
  done
  if [ ${#pids[@]} -gt 0 ] && ss -ltnpH 2>/dev/null | grep -E "pid=($(IFS='|'; echo "${pids[*]}"))," >&2; then
    echo "bench/cluster/run.sh: the listeners above belong to processes this script started" >&2; rc=1
  fi
  if [ -n "${NATS_PORT:-}" ] && ss -ltnH "sport = :$NATS_PORT" | grep -q .; then
    echo "bench/cluster/run.sh: port $NATS_PORT still listens" >&2; rc=1
  fi
  [ $rc = 0 ] && echo "== stopped everything this run started; nothing of it listens (ss -ltnp)" >&2
  exit $rc
}
trap stop_all EXIT
trap 'exit 130' INT TERM

free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 40000))
    ss -ltnH "sport = :$p" | grep -q . || { echo "$p"; return; }
  done
  die "no free port"
}
NATS_PORT=$(free_port)
setsid "$NATS_SERVER" -a 127.0.0.1 -p "$NATS_PORT" >"$T/logs/nats-server.log" 2>&1 &
record $!
for _ in $(seq 1 100); do ss -ltnH "sport = :$NATS_PORT" | grep -q . && break; sleep 0.1; done
ss -ltnH "sport = :$NATS_PORT" | grep -q . || die "nats-server did not listen on $NATS_PORT (see $T/logs/nats-server.log)"
NATS_URL=nats://127.0.0.1:$NATS_PORT

{
  echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "smoke=$SMOKE"
  echo "nproc=$(nproc)"
  echo "cpu=$(lscpu 2>/dev/null | awk -F: '/Model name/ {gsub(/^ +/,"",$2); print $2}')"
  echo "java=$(java -version 2>&1 | head -1)"
  echo "nats=$("$NATS_SERVER" --version 2>&1 | head -1)"
  echo "commit=$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null)$(cd "$ROOT" && git diff --quiet -- runtime operator bench 2>/dev/null || echo '+uncommitted')"
  echo "load_before=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "parts=$PARTS"
} >"$T/run.txt"

FAILED=""
DRIVER=(java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$JAR" virga.bench.cluster.ClusterBench)
COMMON=(--nats "$NATS_URL" --root "$ROOT" --host-jar "$HOST_JAR" --logs "$T/logs" --pids "$PIDFILE" --host-java-opts "$HOST_JAVA_OPTS")
run_driver() { # part args... : the driver in its own process group; its exit code
  local rc=0
  setsid "${DRIVER[@]}" "$@" "${COMMON[@]}" 2>"$T/logs/driver-$1.log" &
  local pid=$!
  record "$pid"
  wait "$pid" || rc=$?
  return $rc
}

if part start; then
  echo "== a. start latency over NATS: $SAMPLES cached, $SAMPLES uncached, $FRESH on a fresh host (warm-up $WARMUP)" >&2
  if run_driver start --out "$T/start.txt" --warmup "$WARMUP" --samples "$SAMPLES" --fresh "$FRESH"; then
    grep -E '_p(50|99)_ms' "$T/start.txt" >&2 || true
  else
    echo "   start failed: see $T/logs/driver-start.log" >&2; FAILED="$FAILED start"; rm -f "$T/start.txt"
  fi
fi

if part failover; then
  echo "== b. failover: operator + 3 hosts, $COUNT WorkloadDeployments, --heartbeat-ttl $TTL --host-reconcile-interval $HOST_INTERVAL" >&2
  if run_driver failover --out "$T/failover.txt" --operator-jar "$OPERATOR_JAR" --count "$COUNT" --ttl "$TTL" \
    --host-interval "$HOST_INTERVAL" --timeout "$TIMEOUT" --operator-xmx "$OPERATOR_XMX"; then
    grep -E '_seconds' "$T/failover.txt" >&2 || true
  else
    echo "   failover failed: see $T/logs/driver-failover.log and $T/logs/operator-failover.log" >&2
    FAILED="$FAILED failover"; rm -f "$T/failover.txt"
  fi
fi

if part scale; then
  echo "== c. scale: $SCALE WorkloadDeployments on 3 real hosts, operator -Xmx$OPERATOR_XMX" >&2
  if run_driver scale --out "$T/scale.txt" --operator-jar "$OPERATOR_JAR" --count "$SCALE" \
    --create-threads "$THREADS" --timeout "$SCALE_TIMEOUT" --operator-xmx "$OPERATOR_XMX"; then
    grep -E '^scale_(all_ready|ready_seconds|operator_heap|host_heap)' "$T/scale.txt" >&2 || true
  else
    echo "   scale failed: see $T/logs/driver-scale.log and $T/logs/operator-scale.log" >&2
    FAILED="$FAILED scale"; rm -f "$T/scale.txt"
  fi
fi
echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$T/run.txt"

# ---- the section, from run.txt, start.txt and failover.txt (key=value lines) ----
val() { [ -f "$1" ] && sed -n "s/^$2=//p" "$1" | head -1; }
R=$T/run.txt S=$T/start.txt F=$T/failover.txt C=$T/scale.txt
if [ "${QUIET_MACHINE:-0}" = 1 ]; then
  MACHINE="a quiet machine (nothing else ran)"
else
  MACHINE="a **shared** machine: other engineers built and tested on the same cores at the same time, so the figures are noisy upper bounds"
fi
NOTE="shared machine"
[ "${QUIET_MACHINE:-0}" != 1 ] || NOTE="quiet machine"
[ $SMOKE != 1 ] || NOTE="smoke run: proves the harness, not figures to quote; $NOTE"
goal() { awk -v v="$1" -v g="$2" 'BEGIN{ if (v == "" || v < 0) print "not measured"; else if (v < g) print "**met**"; else print "**not met**" }'; }
SECTION=$B/results/cluster.md
mkdir -p "$B/results"
{
  echo "<!-- section: cluster | script: bench/cluster/run.sh | date: $(val "$R" date) | note: $NOTE -->"
  echo "## Cluster mode (bench/cluster/run.sh): start over NATS, failover and scale with real hosts"
  echo
  echo "Real host processes (\`java $HOST_JAVA_OPTS -jar virga-host-*-cli.jar cluster\`: what \`bin/host cluster\` runs, from a copy of the jar"
  echo "taken at the start, as are the operator's and the driver's) and a real nats-server ($(val "$R" nats)) on 127.0.0.1,"
  echo "driven by \`virga.bench.cluster.ClusterBench\`; run on $MACHINE."
  [ $SMOKE = 1 ] && echo "**Smoke run** (\`--smoke\`): few samples, to prove the harness; not figures to quote."
  echo
  echo "### a. Start latency over NATS (request \`runtime.host.<id>.workload.start\` → reply RUNNING)"
  echo
  if [ -f "$S" ]; then
    echo "One-component HTTP workload, \`guests/wasm/wasi-http-hello.wasm\` ($(val "$S" component_bytes) bytes), measured in the driver around"
    echo "the NATS request; each workload is stopped after its sample, outside the time."
    echo
    echo "| case | samples | p50 | p90 | p99 | max |"
    echo "|---|---|---|---|---|---|"
    for c in cached:"cached: the same component again (compile-cache hit), warm host" \
      uncached:"uncached: a new component per sample on the warm host (compiled)" \
      fresh_host:"first start on a freshly started host process (cold JVM, empty cache)"; do
      k=${c%%:*}; label=${c#*:}
      printf '| %s | %s | %s ms | %s ms | %s ms | %s ms |\n' "$label" "$(val "$S" ${k}_n)" "$(val "$S" ${k}_p50_ms)" \
        "$(val "$S" ${k}_p90_ms)" "$(val "$S" ${k}_p99_ms)" "$(val "$S" ${k}_max_ms)"
    done
    echo
    echo "Uncached samples: each is the same component with a custom section appended (name \`virga-bench-variant\`, the"
    echo "sample's number): a valid component doing the same work with its own SHA-256, so the host's digest-keyed cache"
    echo "misses and compiles it. Distinct components from \`guests/wasm\` would mix sizes and worlds in one percentile, and"
    echo "only a few are HTTP components. The fresh-host case restarts the host (SIGTERM, new process, same id) between"
    echo "samples, outside the time, and measures its first start after it answers on NATS."
  else
    echo "Not run (\`PARTS\` without \`start\`, or the driver failed: \`bench/target/cluster/logs/driver-start.log\`)."
  fi
  echo
  echo "### b. Failover (issue 9 point 5)"
  echo
  if [ -f "$F" ]; then
    if [ "$(val "$F" ttl)" = default ] && [ "$(val "$F" host_interval)" = default ]; then
      TIMINGS="its default timings: \`--heartbeat-ttl 20s --host-reconcile-interval 1m\`"
    else
      TIMINGS="\`--heartbeat-ttl $(val "$F" ttl) --host-reconcile-interval $(val "$F" host_interval)\`"
    fi
    echo "The operator's shaded jar ($TIMINGS), a real kube-apiserver + etcd,"
    echo "3 real hosts (heartbeat every 15 s), $(val "$F" count) WorkloadDeployments of one replica (the hello component) Ready in $(val "$F" initial_ready_seconds) s"
    echo "(spread $(val "$F" spread_initial)). Times until every replica is Ready (Workload and WorkloadDeployment) on another host."
    echo
    echo "| event | replicas moved | Host object gone after | all Ready elsewhere after | goal |"
    echo "|---|---|---|---|---|"
    printf '| host Pod deleted (+ SIGTERM to the host) | %s | %s s | **%s s** | < 10 s: %s |\n' "$(val "$F" pod_moved)" \
      "$(val "$F" pod_host_deleted_seconds)" "$(val "$F" pod_to_ready_seconds)" "$(goal "$(val "$F" pod_to_ready_seconds)" 10)"
    # the start time in the goal: part a's first start on a fresh host (the slowest kind), else 0.5 s
    START_S=$(awk -v ms="$(val "$S" fresh_host_p50_ms)" 'BEGIN{ printf "%.2f", (ms == "" ? 500 : ms) / 1000 }')
    printf '| host killed (SIGKILL), its last heartbeat %s s before | %s | %s s | **%s s** (%s s after its last heartbeat) | < 2 × 15 s + start (%s s): %s |\n' \
      "$(val "$F" kill_heartbeat_age_seconds)" "$(val "$F" kill_moved)" "$(val "$F" kill_host_deleted_seconds)" \
      "$(val "$F" kill_to_ready_seconds)" "$(val "$F" last_heartbeat_to_ready_seconds)" "$START_S" \
      "$(goal "$(val "$F" kill_to_ready_seconds)" "$(awk -v s="$START_S" 'BEGIN{print 30 + s}')")"
    echo
    echo "The Pods are bare objects (no kubelet here): the operator's \`HostPodReconciler\` puts its finalizer on them and"
    echo "deletes the Host whose hostname is the Pod's IP (\`--host-name\` of each host); the host process gets SIGTERM at the"
    echo "moment of the deletion, as the kubelet would send it. After the Pod case a fourth host joins, so that three are"
    echo "live again when the busiest one is killed. A kill's time depends on when the host last showed life (a heartbeat"
    echo "or an answered heartbeat request): the TTL counts from then, and the Host controller looks again exactly when it"
    echo "runs out; then the Host is deleted, its replicas are released, re-placed and started. With the 20 s default the"
    echo "worst case is 20 s plus the re-placement and the start, under the goal wherever the kill falls. One run of each;"
    echo "the goal column compares that one run. Replica placement: \`events-pod.txt\` and \`events-kill.txt\` in"
    echo "\`bench/target/cluster/logs/\`."
  else
    echo "Not run (\`PARTS\` without \`failover\`, or the driver failed: \`bench/target/cluster/logs/driver-failover.log\`)."
  fi
  echo
  echo "### c. WorkloadDeployments Ready on 3 real hosts"
  echo
  if [ -f "$C" ]; then
    echo "The operator's shaded jar (\`-Xmx$OPERATOR_XMX\`, its default timings, \`--cpu-backpressure-threshold 100\`: the three hosts share this"
    echo "machine, so each reports the whole machine's CPU, which the operator and the API server load; with the default 80 the"
    echo "burst itself kept every host refused for ~40 s), 3 real hosts, $(val "$C" scale_count) WorkloadDeployments of one"
    echo "replica (the hello component, one Host name each) created at once by $THREADS threads."
    echo
    echo "| WDs | all Ready | create time | first create → all Ready | operator heap peak / max after GC / RSS | host heap peak / max after GC / RSS (largest of 3) | spread |"
    echo "|---|---|---|---|---|---|---|"
    printf '| %s | %s (%s) | %s s | **%s s** | %s / %s / %s MB | %s / %s / %s MB | %s |\n' "$(val "$C" scale_count)" \
      "$(val "$C" scale_all_ready)" "$(val "$C" scale_ready)" "$(val "$C" scale_create_seconds)" "$(val "$C" scale_ready_seconds)" \
      "$(val "$C" scale_operator_heap_peak_mb)" "$(val "$C" scale_operator_heap_after_gc_max_mb)" "$(val "$C" scale_operator_rss_mb)" \
      "$(val "$C" scale_host_heap_peak_mb)" "$(val "$C" scale_host_heap_after_gc_max_mb)" "$(val "$C" scale_host_rss_max_mb)" \
      "$(val "$C" scale_spread)"
    echo
    if [ "$(val "$C" scale_count)" = 1000 ]; then
      echo "Goal (1,000 Ready in < 60 s): $(goal "$( [ "$(val "$C" scale_all_ready)" = true ] && val "$C" scale_ready_seconds || echo 1e9)" 60)."
    else
      echo "Goal (1,000 Ready in < 60 s): not checked, this run had $(val "$C" scale_count)."
    fi
    echo "Ready over time (seconds since the first create: WorkloadDeployments Ready): $(val "$C" scale_progress)."
    echo "The same run with FakeHosts is the operator section's; here the 2 cores also carry three host JVMs that start"
    echo "every workload for real. Heap from each JVM's GC log: the peak is the occupancy before a collection (how far the"
    echo "heap filled), the max after GC bounds the live set; RSS at the end of the run."
  else
    echo "Not run (opt-in: \`PARTS=\"start failover scale\"\`; or the driver failed: \`bench/target/cluster/logs/driver-scale.log\`)."
  fi
  echo
  echo "Machine: $(val "$R" nproc) x $(val "$R" cpu), $(val "$R" java); commit $(val "$R" commit); load average $(val "$R" load_before) before,"
  echo "$(val "$R" load_after) after (nats-server, the driver, the hosts and, for b, kube-apiserver, etcd and the operator share these cores)."
} >"$SECTION.tmp"
mv "$SECTION.tmp" "$SECTION"
"$B/assemble.sh"
[ -z "$FAILED" ] || die "failed:$FAILED (the section says not run)"
