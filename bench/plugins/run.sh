#!/usr/bin/env bash
# Plugin benchmarks (plugin issue point 7), driven by virga.bench.plugins.PluginBench in a JVM of its own, which
# starts the real servers it needs as its children on free 127.0.0.1 ports (test-support: nats-server -js,
# redis-server) and a real WorkloadHost (runtime/host) with the built-in plugins:
#   a. wasi:keyvalue get/set round trip from a guest, per backend (in-memory, filesystem, nats, redis): the
#      examples/kv-counter component's /set/K/V, /get/K and /ping (no keyvalue call) handed to its
#      wasi:http/incoming-handler in the driver's process (a warm pool), against the same set and get done by the
#      backend's plain Java client (a ConcurrentHashMap, temp file + rename, jnats KeyValue, jedis) in the same
#      run, interleaved in blocks; ops/s, p50/p99 and the ratio;
#   b. wasmcloud:messaging request/reply through the examples/message-echo component (from its workload.yaml,
#      then again with a warm pool of $MSG_POOL_SIZE), driven by jnats requesters (sequential and concurrent),
#      against a plain jnats echo responder on the same nats-server in the same run; req/s, p50/p99, the ratio.
# Writes its section of bench/RESULTS.md (bench/results/plugins.md) and reassembles bench/RESULTS.md.
#   bench/plugins/run.sh                 full run (about 4 minutes)
#   bench/plugins/run.sh --smoke         every part briefly, to prove the harness (the section says so)
#   SKIP_BUILD=1 bench/plugins/run.sh    reuse bench/target/benchmarks.jar
#   PARTS="keyvalue" bench/plugins/run.sh          a subset of: keyvalue messaging
#   BACKENDS="in-memory nats" KV_WARMUP=1000 KV_JIT_WARMUP=20000 KV_ROUNDS=20 KV_BATCH=100 KV_POOL_SIZE=2
#   VALUE_BYTES=64 LEVELS="1 8" MSG_ROUNDS=2 MSG_SECONDS=5 MSG_WARMUP=2 MSG_POOL_SIZE=8 BODY_BYTES=64
#   QUIET_MACHINE=1                      say in the section that nothing else ran (default: a shared machine)
# Needs: JDK 17+, Maven, /usr/sbin/nats-server (or NATS_SERVER_BIN), redis-server, setsid, ss.
# The driver runs in a process group of its own (its servers with it); on exit the group and every descendant are
# killed, and the script fails if one of them survives or still listens (ss -ltnp).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
B=$(cd "$HERE/.." && pwd)
ROOT=$(cd "$B/.." && pwd)
T=$B/target/plugins
JAR=$B/target/benchmarks.jar
SMOKE=0
[ "${1:-}" = "--smoke" ] && SMOKE=1
if [ $SMOKE = 1 ]; then
  KV_WARMUP=${KV_WARMUP:-100}; KV_JIT_WARMUP=${KV_JIT_WARMUP:-200}; KV_ROUNDS=${KV_ROUNDS:-2}; KV_BATCH=${KV_BATCH:-50}
  MSG_ROUNDS=${MSG_ROUNDS:-1}; MSG_SECONDS=${MSG_SECONDS:-1}; MSG_WARMUP=${MSG_WARMUP:-1}
else
  KV_WARMUP=${KV_WARMUP:-1000}; KV_JIT_WARMUP=${KV_JIT_WARMUP:-20000}; KV_ROUNDS=${KV_ROUNDS:-20}; KV_BATCH=${KV_BATCH:-100}
  MSG_ROUNDS=${MSG_ROUNDS:-2}; MSG_SECONDS=${MSG_SECONDS:-5}; MSG_WARMUP=${MSG_WARMUP:-2}
fi
BACKENDS=${BACKENDS:-in-memory filesystem nats redis}; KV_POOL_SIZE=${KV_POOL_SIZE:-2}; VALUE_BYTES=${VALUE_BYTES:-64}
LEVELS=${LEVELS:-1 8}; MSG_POOL_SIZE=${MSG_POOL_SIZE:-8}; BODY_BYTES=${BODY_BYTES:-64}
PARTS=${PARTS:-keyvalue messaging}
part() { [[ " $PARTS " == *" $1 "* ]]; }

die() { echo "bench/plugins/run.sh: $*" >&2; exit 1; }
for t in java setsid ss; do command -v $t >/dev/null || die "missing $t"; done
NATS_BIN=${NATS_SERVER_BIN:-$(command -v nats-server || echo /usr/sbin/nats-server)}
[ -x "$NATS_BIN" ] || die "missing nats-server (apt-get install nats-server)"
export NATS_SERVER_BIN=$NATS_BIN # test-support reads it
if part keyvalue && [[ " $BACKENDS " == *" redis "* ]]; then
  command -v redis-server >/dev/null || [ -n "${REDIS_SERVER_BIN:-}" ] || die "missing redis-server (apt-get install redis-server)"
fi
for f in examples/kv-counter/kv-counter.wasm examples/message-echo/message-echo.wasm examples/message-echo/workload.yaml; do
  [ -f "$ROOT/$f" ] || die "missing $f (examples/build.sh)"
done

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "== build (mvn install -pl bench)" >&2
  (cd "$ROOT" && mvn -B -q ${MVN_OFFLINE--o} install -DskipTests -Dspotless.check.skip=true -pl bench) >&2
fi
[ -f "$JAR" ] || die "no $JAR (run without SKIP_BUILD)"

rm -rf "$T"; mkdir -p "$T/logs" "$T/jars"
# the driver runs from a copy: a build elsewhere in the tree may replace target/benchmarks.jar under it
cp "$JAR" "$T/jars/benchmarks.jar"; JAR=$T/jars/benchmarks.jar
jar tf "$JAR" >/dev/null 2>&1 || die "$JAR is not a readable jar (copied mid-build? run again)"

# Every driver is the leader of its own process group (setsid); its servers are its children in that group.
LEADERS=()
alive_in() { ps -o pid= -g "$1" 2>/dev/null | tr -d ' '; } # the members of process group $1
descendants() { local c; for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do echo "$c"; descendants "$c"; done; }
stop_all() {
  local rc=$? bad=0 g p pids=() left
  set +e
  for g in "${LEADERS[@]}"; do pids+=($(alive_in "$g") $(descendants "$g")); done
  for g in "${LEADERS[@]}"; do kill -TERM -- "-$g" 2>/dev/null; done
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null; done
  for _ in $(seq 1 100); do
    left=0
    for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && left=1; done
    [ $left = 0 ] && break
    sleep 0.1
  done
  for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null; done
  sleep 0.2
  for p in "${pids[@]}"; do
    if kill -0 "$p" 2>/dev/null; then echo "bench/plugins/run.sh: process $p survived SIGKILL" >&2; bad=1; fi
  done
  if [ ${#pids[@]} -gt 0 ] && ss -ltnpH 2>/dev/null | grep -E "pid=($(IFS='|'; echo "${pids[*]}"))," >&2; then
    echo "bench/plugins/run.sh: the listeners above belong to processes this script started" >&2; bad=1
  fi
  # the ports the drivers reported for their servers
  for p in $(cat "$T"/*.txt 2>/dev/null | sed -n 's/^\(nats\|redis\)_port=//p' | sort -u); do
    if ss -ltnH "sport = :$p" | grep -q .; then echo "bench/plugins/run.sh: port $p still listens" >&2; bad=1; fi
  done
  if [ $bad = 0 ]; then echo "== stopped everything this run started; nothing of it listens (ss -ltnp)" >&2; else rc=1; fi
  exit $rc
}
trap stop_all EXIT
trap 'exit 130' INT TERM

{
  echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "smoke=$SMOKE"
  echo "nproc=$(nproc)"
  echo "cpu=$(lscpu 2>/dev/null | awk -F: '/Model name/ {gsub(/^ +/,"",$2); print $2}')"
  echo "java=$(java -version 2>&1 | head -1)"
  echo "nats=$("$NATS_BIN" --version 2>&1 | head -1)"
  echo "redis=$( (${REDIS_SERVER_BIN:-redis-server} --version 2>/dev/null || true) | awk '{print $3}' | sed 's/^v=//')"
  echo "commit=$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null)$(cd "$ROOT" && git diff --quiet -- runtime plugins bench 2>/dev/null || echo '+uncommitted')"
  echo "load_before=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "parts=$PARTS"
} >"$T/run.txt"

FAILED=""
DRIVER=(java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$JAR" virga.bench.plugins.PluginBench)
run_driver() { # out log args... : the driver in its own process group, stdout to out; its exit code
  local out=$1 log=$2 rc=0; shift 2
  setsid "${DRIVER[@]}" "$@" >"$out" 2>"$log" &
  local pid=$!
  LEADERS+=("$pid")
  tail -f --pid="$pid" "$log" 2>/dev/null | sed -u 's/^/   /' >&2 & # progress
  wait "$pid" || rc=$?
  return $rc
}

if part keyvalue; then
  echo "== a. wasi:keyvalue from the kv-counter guest vs plain clients: $BACKENDS ($KV_ROUNDS rounds of $KV_BATCH per op)" >&2
  if run_driver "$T/keyvalue.txt" "$T/logs/keyvalue.log" keyvalue --example "$ROOT/examples/kv-counter" --dir "$T/kv" \
    --backends "$BACKENDS" --warmup "$KV_WARMUP" --jit-warmup "$KV_JIT_WARMUP" --rounds "$KV_ROUNDS" --batch "$KV_BATCH" \
    --value-bytes "$VALUE_BYTES" --pool-size "$KV_POOL_SIZE"; then
    grep -E '_(ratio|over_ping_us)=' "$T/keyvalue.txt" >&2 || true
  else
    echo "   keyvalue failed: see $T/logs/keyvalue.log" >&2; FAILED="$FAILED keyvalue"; rm -f "$T/keyvalue.txt"
  fi
fi

if part messaging; then
  for v in yaml pool; do
    if [ $v = yaml ]; then pool=-1; what="as workload.yaml"; else pool=$MSG_POOL_SIZE; what="poolSize $MSG_POOL_SIZE"; fi
    echo "== b. wasmcloud:messaging request/reply, message-echo ($what) vs a plain jnats responder: requesters $LEVELS" >&2
    if run_driver "$T/messaging-$v.txt" "$T/logs/messaging-$v.log" messaging --example "$ROOT/examples/message-echo" \
      --levels "$LEVELS" --rounds "$MSG_ROUNDS" --seconds "$MSG_SECONDS" --warmup-seconds "$MSG_WARMUP" \
      --body-bytes "$BODY_BYTES" --pool-size "$pool"; then
      grep -E '_(rps|ratio)=' "$T/messaging-$v.txt" >&2 || true
    else
      echo "   messaging ($what) failed: see $T/logs/messaging-$v.log" >&2; FAILED="$FAILED messaging-$v"; rm -f "$T/messaging-$v.txt"
    fi
  done
fi
echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$T/run.txt"

# ---- the section ----
val() { [ -f "$1" ] && sed -n "s/^$2=//p" "$1" | head -1; true; }
us() { # microseconds, in µs or ms
  awk -v v="$1" 'BEGIN{ if (v == "") { print "–"; exit } a = v < 0 ? -v : v;
    if (a < 1) printf "%.2f µs", v; else if (a < 100) printf "%.1f µs", v; else if (a < 1000) printf "%.0f µs", v;
    else if (a < 10000) printf "%.2f ms", v / 1000; else printf "%.1f ms", v / 1000 }'
}
num() { # an integer with thousands separators
  awk -v v="$1" 'BEGIN{ if (v == "") { print "–"; exit } s = sprintf("%.0f", v); o = "";
    while (length(s) > 3) { o = "," substr(s, length(s) - 2) o; s = substr(s, 1, length(s) - 3) } print s o }'
}
R=$T/run.txt
K=$T/keyvalue.txt
if [ "${QUIET_MACHINE:-0}" = 1 ]; then
  MACHINE="a quiet machine (nothing else ran)"; NOTE="quiet machine"
else
  MACHINE="a **shared** machine: other engineers built and tested on the same 2 cores at the same time, so the figures are noisy upper bounds"
  NOTE="shared machine"
fi
[ $SMOKE = 1 ] && NOTE="$NOTE, smoke run"
SECTION=$B/results/plugins.md
mkdir -p "$B/results"
{
  echo "<!-- section: plugins | script: bench/plugins/run.sh | date: $(val "$R" date) | note: $NOTE -->"
  echo "## Plugins (bench/plugins/run.sh): wasi:keyvalue and wasmcloud:messaging through a guest vs plain clients"
  echo
  echo "A real \`WorkloadHost\` with the built-in plugins in the driver \`virga.bench.plugins.PluginBench\`, real servers on"
  echo "127.0.0.1 started by it ($(val "$R" nats), redis-server $(val "$R" redis)); run on $MACHINE."
  [ $SMOKE = 1 ] && echo "**Smoke run** (\`--smoke\`): few samples, to prove the harness; not figures to quote."
  echo
  echo "### a. wasi:keyvalue get/set round trip from a guest, per backend"
  echo
  if [ -f "$K" ]; then
    echo "The \`examples/kv-counter\` component (poolSize $(val "$K" kv_pool_size): warm instances) on plugin \`wasi-keyvalue\` with each"
    echo "\`backend\`; keys of $(val "$K" kv_key_bytes) bytes ($(val "$K" kv_keys) of them, in turn), values of $(val "$K" kv_value_bytes) bytes. A guest op is one"
    echo "\`GET /set/K/V\` or \`GET /get/K\`: the guest opens bucket \`kv-counter\`, then calls \`set\` or \`get\`, and answers."
    echo "The plain client does the same \`set\`/\`get\` on the same server (its own bucket or key prefix), without a guest:"
    echo "in-memory a \`ConcurrentHashMap\` (a copy of the value stored), filesystem a temp file + atomic rename and"
    echo "\`Files.readAllBytes\`, nats jnats \`KeyValue.put\`/\`get\` on its own connection, redis jedis \`SET\`/\`GET\` from a \`JedisPool\`."
    echo "One caller, ops back to back: ops/s = calls / their summed time. $(val "$K" kv_rounds) rounds of $(val "$K" kv_batch) calls of each of the"
    echo "five ops in turn (every answer checked after its timing), after $(val "$K" kv_warmup) calls of each (the first backend $(val "$K" kv_jit_warmup) more, to"
    echo "warm the JIT for all)."
    echo
    for op in set get; do
      echo "**\`$op\`**"
      echo
      echo "| backend | guest \`/ping\` p50 | guest $op ops/s | p50 | p99 | plain $op ops/s | p50 | p99 | ratio p50 (mean) | over \`/ping\` p50 (mean) |"
      echo "|---|---|---|---|---|---|---|---|---|---|"
      for b in $BACKENDS; do
        p=kv_${b//-/_}
        [ -n "$(val "$K" ${p}_ping_p50_us)" ] || continue
        printf '| %s | %s | %s | %s | %s | %s | %s | %s | **%s×** (%s×) | %s (%s) |\n' "$b" "$(us "$(val "$K" ${p}_ping_p50_us)")" \
          "$(num "$(val "$K" ${p}_${op}_ops_s)")" "$(us "$(val "$K" ${p}_${op}_p50_us)")" "$(us "$(val "$K" ${p}_${op}_p99_us)")" \
          "$(num "$(val "$K" ${p}_plain_${op}_ops_s)")" "$(us "$(val "$K" ${p}_plain_${op}_p50_us)")" "$(us "$(val "$K" ${p}_plain_${op}_p99_us)")" \
          "$(val "$K" ${p}_${op}_ratio_p50)" "$(val "$K" ${p}_${op}_ratio)" \
          "$(us "$(val "$K" ${p}_${op}_over_ping_p50_us)")" "$(us "$(val "$K" ${p}_${op}_over_ping_us)")"
      done
      echo
    done
    echo "Ratio = a guest op's time / the plain client's (by median, and by mean = the ops/s ratio); over \`/ping\` = a guest"
    echo "op's time minus \`/ping\`'s on the same host: what the \`open\` and the \`set\`/\`get\` calls add, store round trip included."
    echo "On a loaded machine the means carry every scheduling stall; the medians are the steadier figures."
    echo
    echo "The plugin's \`virga.wasi.keyvalue.calls\` meter counted exactly one ok \`open\` and one ok \`set\`/\`get\` per guest op on"
    echo "every backend (checked by the driver; $(for b in $BACKENDS; do p=kv_${b//-/_}; printf '%s %s, ' "$b" "$(num "$(val "$K" ${p}_plugin_calls_ok)")"; done | sed 's/, $//') calls)."
    echo
    echo "\`/ping\` (no keyvalue call) per backend's host: ops/s $(for b in $BACKENDS; do p=kv_${b//-/_}; printf '%s %s, ' "$b" "$(num "$(val "$K" ${p}_ping_ops_s)")"; done | sed 's/, $//')."
    echo
    echo "Method: the request goes straight to the workload's \`wasi:http/incoming-handler\` (\`RunningWorkload.http().handler()\`,"
    echo "what the host's HTTP server calls after parsing), in the driver's thread: no sockets, no HTTP parsing and no load tool"
    echo "competing for the 2 cores, so a guest op is the guest, the host's WIT glue, the plugin and the backend's own round trip,"
    echo "and \`/ping\` is the same minus the keyvalue calls. Over HTTP with wrk the keyvalue calls' cost would sit under"
    echo "sockets, HTTP parsing, a load tool on the same 2 cores and their noise, about 1 ms per request on this machine"
    echo "(\`plugins/wasi-keyvalue/README.md\`, \`KvRoundTripTimingIT\`: \`/ping\` 1.01 ms vs \`/set\` 1.09 ms). The in-memory"
    echo "ratio compares with a bare map access (tens of nanoseconds, \`System.nanoTime\`'s own cost included), so it is the whole"
    echo "guest round trip's cost, not the plugin's; for the servers the ratio shows what a guest pays over a Java app. The redis backend's \`open\` sends a"
    echo "\`PING\` (a round trip) on every request, the nats backend's \`open\` is answered from its handle cache after the first."
  else
    echo "Not run (\`PARTS\` without \`keyvalue\`, or the driver failed: \`bench/target/plugins/logs/keyvalue.log\`)."
  fi
  echo
  echo "### b. wasmcloud:messaging request/reply through a component"
  echo
  if [ -f "$T/messaging-yaml.txt" ] || [ -f "$T/messaging-pool.txt" ]; then
    M=$T/messaging-yaml.txt; [ -f "$M" ] || M=$T/messaging-pool.txt
    echo "\`examples/message-echo\` from its \`workload.yaml\` (plugin \`wasmcloud-messaging\`, subscription \`echo.request\`, the default"
    echo "consumer group) on the host's shared data connection, against a plain jnats responder (one \`Dispatcher\` on its own"
    echo "connection answering \`\"echo: \"\` + the body) on the same nats-server, in the same JVM. Requesters: jnats \`request\` on one"
    echo "client connection, each waiting for its reply before the next, $(val "$M" msg_seconds) s per measurement after $(val "$M" msg_warmup_seconds) s of"
    echo "warm-up, guest and plain alternating, $(val "$M" msg_rounds) rounds; bodies of $(val "$M" msg_body_bytes) bytes, every reply checked. Ratio = plain req/s / guest req/s."
    echo
    echo "| component pool | requesters | guest req/s | p50 | p99 | plain req/s | p50 | p99 | ratio | wrong/missing replies (guest, plain) |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
    for v in yaml pool; do
      M=$T/messaging-$v.txt
      [ -f "$M" ] || continue
      if [ "$(val "$M" msg_pool_size)" = 0 ]; then pl="0 (workload.yaml: a fresh instance per message)"; else pl="$(val "$M" msg_pool_size) (warm instances)"; fi
      for c in $LEVELS; do
        printf '| %s | %s | %s | %s | %s | %s | %s | %s | **%s×** | %s, %s |\n' "$pl" "$c" \
          "$(num "$(val "$M" msg_guest_c${c}_rps)")" "$(us "$(val "$M" msg_guest_c${c}_p50_us)")" "$(us "$(val "$M" msg_guest_c${c}_p99_us)")" \
          "$(num "$(val "$M" msg_plain_c${c}_rps)")" "$(us "$(val "$M" msg_plain_c${c}_p50_us)")" "$(us "$(val "$M" msg_plain_c${c}_p99_us)")" \
          "$(val "$M" msg_c${c}_ratio)" "$(val "$M" msg_guest_c${c}_errors)" "$(val "$M" msg_plain_c${c}_errors)"
      done
    done
    echo
    for v in yaml pool; do
      M=$T/messaging-$v.txt
      [ -f "$M" ] || continue
      echo "Host meters, poolSize $(val "$M" msg_pool_size), $(val "$M" msg_guest_requests) requests sent to the guest (warm-ups included): \`virga.messaging.handled\` ok $(val "$M" msg_handled_ok), error $(val "$M" msg_handled_error), trap $(val "$M" msg_handled_trap); shed $(val "$M" msg_shed)."
    done
    echo
    echo "Both paths are requester → nats-server → responder → nats-server → requester. On the guest's, the host's subscription"
    echo "delivers the message, a worker thread takes an instance (a one-shot instance per message with poolSize 0) and calls"
    echo "\`handle-message\`, and the guest's \`consumer.publish\` sends the reply on the host's connection; the plain responder"
    echo "answers on its dispatcher thread, one message at a time, while the host runs up to 32 handlers of the component at"
    echo "once (the per-component default)."
  else
    echo "Not run (\`PARTS\` without \`messaging\`, or the driver failed: \`bench/target/plugins/logs/messaging-*.log\`)."
  fi
  echo
  echo "Machine: $(val "$R" nproc) x $(val "$R" cpu), $(val "$R" java); commit $(val "$R" commit); load average $(val "$R" load_before) before,"
  echo "$(val "$R" load_after) after (the driver, the host and the servers share these cores)."
} >"$SECTION.tmp"
mv "$SECTION.tmp" "$SECTION"
"$B/assemble.sh"
[ -z "$FAILED" ] || die "failed:$FAILED (the section says not run)"
