#!/usr/bin/env bash
# Cold start of large JS components (engine issue, point 5, and its row of point 6): the first-request latency of a
# host process with an empty compile cache (cold) and with the cache an earlier process filled (warm, a new process
# on the same --compile-cache-dir), SAMPLES times each:
#   StarlingMonkey  sm-http (componentize-js 0.23, ~12 MB) as a WorkloadDeployment on `bin/host run MANIFEST`:
#                   process start -> first HTTP 200; compile time and workload start time from the host's /metrics
#   QuickJS         qjs-http (componentize-qjs 0.4.5 --sync) the same way when it builds; when it does not, the
#                   section says why, and the QuickJS command guest guests/wasm/wasi-js-command.wasm is measured
#                   with `bin/host run COMPONENT` instead: process start -> exit
#   baseline        guests/wasm/wasi-command.wasm (C, 72 KB) with `bin/host run COMPONENT`: the JVM and host share
# Writes bench/results/coldstart.md and reassembles bench/RESULTS.md.
#   bench/coldstart/run.sh                  build the JS guests when missing (into bench/target/coldstart), measure
#   SAMPLES=5 bench/coldstart/run.sh        more samples (default 3)
#   QUIET_MACHINE=1 bench/coldstart/run.sh  the section does not say "shared machine"
# Needs: runtime/host built (bin/host), JDK 17+, node + guests/tools/node_modules (cd guests/tools && npm install), curl.
# About 4-6 minutes on 2 busy cores, most of it compiling the StarlingMonkey component cold.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
B=$(cd "$HERE/.." && pwd)
ROOT=$(cd "$B/.." && pwd)
T=$B/target/coldstart
BIN=$ROOT/guests/tools/node_modules/.bin
HOST=$ROOT/bin/host
SAMPLES=${SAMPLES:-3}
PORT=${PORT:-18530}
MPORT=${MPORT:-18531}
TIMEOUT_S=${TIMEOUT_S:-240}
TICK=$(getconf CLK_TCK)

die() { echo "bench/coldstart/run.sh: $*" >&2; exit 1; }
for t in java node curl; do command -v $t >/dev/null || die "missing $t"; done
[ -x "$BIN/componentize-js" ] && [ -x "$BIN/componentize-qjs" ] || die "missing $BIN/componentize-* (cd guests/tools && npm install)"
ls "$ROOT"/runtime/host/target/virga-host-*-cli.jar >/dev/null 2>&1 || die "runtime/host is not built (mvn -q -o install -DskipTests -pl runtime/host)"
for f in wasi-js-command.wasm wasi-command.wasm; do [ -f "$ROOT/guests/wasm/$f" ] || die "missing guests/wasm/$f"; done
mkdir -p "$T"

PID=
stop_host() { # the host runs in its own process group: stop all of it
  if [ -n "$PID" ]; then
    kill -TERM -- "-$PID" 2>/dev/null || true
    wait "$PID" 2>/dev/null || true
    PID=
  fi
}
trap stop_host EXIT
now_ns() { date +%s%N; }
ms_since() { echo $((($(now_ns) - $1) / 1000000)); }
cpu_ms() { awk -v t="$TICK" '{printf "%d", ($14 + $15) * 1000 / t}' "/proc/$1/stat"; }
metric() { # prometheus-text name -> value (0 when absent)
  awk -v n="$2" '$1 == n || index($1, n "{") == 1 {v = $2} END {printf "%s", v == "" ? 0 : v}' "$1"
}

# --- guests -----------------------------------------------------------------------------------------------------
build_sm() { # componentize-js takes 30-60 s; JS builds are not reproducible, so the component is built, not committed
  local wit=$T/sm-wit
  if [ -f "$T/sm-http.wasm" ] && [ "$T/sm-http.wasm" -nt "$HERE/sm-http/app.js" ] && [ "$T/sm-http.wasm" -nt "$HERE/sm-http/world.wit" ]; then
    return
  fi
  echo "== build sm-http (componentize-js)" >&2
  rm -rf "$wit" && mkdir -p "$wit/deps"
  cp "$HERE/sm-http/world.wit" "$wit/"
  for f in "$ROOT"/guests/wasi-http/wit/deps/*.wit; do sed 's/@0\.2\.12/@0.2.10/g' "$f" >"$wit/deps/$(basename "$f")"; done
  local t0; t0=$(now_ns)
  (cd "$T" && "$BIN/componentize-js" "$HERE/sm-http/app.js" --wit "$wit" -n sm-http -o "$T/sm-http.wasm") >"$T/sm-build.log" 2>&1 ||
    die "componentize-js failed: see $T/sm-build.log"
  echo "sm_build_ms=$(ms_since "$t0")" >>"$T/run.txt"
}

build_qjs() { # 0 when qjs-http.wasm exists; otherwise the reason goes to $T/qjs-build.reason
  local wit=$T/qjs-wit
  rm -rf "$wit" "$T/qjs-http.wasm" && mkdir -p "$wit"
  cp "$HERE/qjs-http/world.wit" "$wit/" && cp -r "$ROOT/guests/wasi-http/wit/deps" "$wit/"
  if (cd "$T" && "$BIN/componentize-qjs" --wit "$wit" --world qjs-http --js "$HERE/qjs-http/app.js" --sync -o "$T/qjs-http.wasm") >"$T/qjs-build.log" 2>&1 &&
    [ -f "$T/qjs-http.wasm" ]; then
    return 0
  fi
  grep -m1 -i 'error' "$T/qjs-build.log" | sed "s/^Error: //; s/\`/'/g" >"$T/qjs-build.reason" || echo "see $T/qjs-build.log" >"$T/qjs-build.reason"
  return 1
}

manifest() { # name host -> a WorkloadDeployment serving $T/name.wasm for Host: host
  cat >"$T/$1.yaml" <<EOF
apiVersion: runtime.wasmcloud.dev/v1alpha1
kind: WorkloadDeployment
metadata:
  name: $1
spec:
  replicas: 1
  template:
    spec:
      hostInterfaces:
        - namespace: wasi
          package: http
          interfaces: [incoming-handler]
          config:
            host: $2
      components:
        - name: $1
          image: ./$1.wasm
EOF
}

# --- samples ------------------------------------------------------------------------------------------------------
# One line per sample in $T/samples.txt:
#   guest mode kind n first_ms cpu_ms compile_ms start_ms compiled loaded
# kind http: first_ms = process start -> first 200; compile_ms, start_ms from /metrics (virga_component_compile_seconds,
# virga_workload_start_latency_seconds); kind cmd: first_ms = process start -> exit (compile and start not split).
sample_http() { # guest host-header cache-dir mode n
  local g=$1 h=$2 dir=$3 mode=$4 n=$5 log=$T/$1.$4.$5.log code t0 first cpu m=$T/$1.$4.$5.metrics
  t0=$(now_ns)
  setsid "$HOST" run "$T/$g.yaml" --http-addr "127.0.0.1:$PORT" --metrics-addr "127.0.0.1:$MPORT" \
    --compile-cache-dir "$dir" >"$log" 2>&1 &
  PID=$!
  while :; do
    code=$(curl -s -o "$T/$g.body" -w '%{http_code}' -H "Host: $h" "http://127.0.0.1:$PORT/" 2>/dev/null || true)
    [ "$code" = 200 ] && break
    kill -0 "$PID" 2>/dev/null || die "$g: the host exited before answering: $(tail -3 "$log")"
    [ $((($(now_ns) - t0) / 1000000000)) -lt "$TIMEOUT_S" ] || die "$g: no 200 within ${TIMEOUT_S}s (see $log)"
    sleep 0.02
  done
  first=$(ms_since "$t0")
  cpu=$(cpu_ms "$PID")
  curl -s "http://127.0.0.1:$MPORT/metrics" >"$m"
  stop_host
  grep -q "hello from" "$T/$g.body" || die "$g: unexpected body: $(head -c 200 "$T/$g.body")"
  echo "$g $mode http $n $first $cpu $(awk -v s="$(metric "$m" virga_component_compile_seconds_sum)" 'BEGIN {printf "%d", s * 1000}') $(awk -v s="$(metric "$m" virga_workload_start_latency_seconds_sum)" 'BEGIN {printf "%d", s * 1000}') $(metric "$m" virga_component_compilations_total | cut -d. -f1) $(metric "$m" virga_component_compile_cache_hits_total | cut -d. -f1)" |
    tee -a "$T/samples.txt" >&2
}

sample_cmd() { # guest wasm cache-dir mode n expect
  local g=$1 wasm=$2 dir=$3 mode=$4 n=$5 expect=$6 log=$T/$1.$4.$5.log t0 first cpu
  t0=$(now_ns)
  /usr/bin/time -f '%U %S' -o "$T/$g.time" "$HOST" run --compile-cache-dir "$dir" "$wasm" >"$log" 2>&1 ||
    die "$g: the command failed: $(tail -3 "$log")"
  first=$(ms_since "$t0")
  cpu=$(awk '{printf "%d", ($1 + $2) * 1000}' "$T/$g.time")
  grep -q "$expect" "$log" || die "$g: no \"$expect\" in its output (see $log)"
  echo "$g $mode cmd $n $first $cpu - - - -" | tee -a "$T/samples.txt" >&2
}

# cold: a new empty directory per sample; warm: the directory the last cold sample filled, each sample a new process
measure() { # http|cmd guest args...
  local kind=$1 g=$2 n cold=$T/cache.$2.cold warm=$T/cache.$2.warm
  shift 2
  for n in $(seq 1 "$SAMPLES"); do
    rm -rf "$cold"
    if [ "$kind" = http ]; then sample_http "$g" "$1" "$cold" cold "$n"; else sample_cmd "$g" "$1" "$cold" cold "$n" "$2"; fi
  done
  rm -rf "$warm" && mv "$cold" "$warm"
  for n in $(seq 1 "$SAMPLES"); do
    if [ "$kind" = http ]; then sample_http "$g" "$1" "$warm" warm "$n"; else sample_cmd "$g" "$1" "$warm" warm "$n" "$2"; fi
  done
}

port_free() { if curl -s -o /dev/null "http://127.0.0.1:$1/"; then die "port $1 is in use (PORT=/MPORT=)"; fi; }
port_free "$PORT"
port_free "$MPORT"

rm -f "$T/samples.txt" "$T/run.txt" "$T/qjs-build.reason"
{
  echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc=$(nproc)"
  echo "cpu=$(lscpu 2>/dev/null | awk -F: '/Model name/ {gsub(/^ +/,"",$2); print $2}')"
  echo "java=$(java -version 2>&1 | head -1)"
  echo "commit=$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null)$(cd "$ROOT" && git diff --quiet -- runtime bench 2>/dev/null || echo '+uncommitted')"
  echo "load_before=$(cut -d' ' -f1-3 /proc/loadavg)"
} >>"$T/run.txt"

build_sm
manifest sm-http sm.localhost
echo "== StarlingMonkey sm-http: $SAMPLES cold, $SAMPLES warm (bin/host run MANIFEST)" >&2
measure http sm-http sm.localhost

QJS=wasi-js-command
if build_qjs; then
  QJS=qjs-http
  manifest qjs-http qjs.localhost
  echo "== QuickJS qjs-http: $SAMPLES cold, $SAMPLES warm (bin/host run MANIFEST)" >&2
  measure http qjs-http qjs.localhost
else
  echo "== QuickJS qjs-http does not build ($(cat "$T/qjs-build.reason")); the QuickJS command guest instead" >&2
  measure cmd wasi-js-command "$ROOT/guests/wasm/wasi-js-command.wasm" "exiting with 0"
fi
echo "== baseline: C command guest wasi-command (bin/host run COMPONENT)" >&2
measure cmd wasi-command "$ROOT/guests/wasm/wasi-command.wasm" "."
echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$T/run.txt"

# --- report -------------------------------------------------------------------------------------------------------
get() { sed -n "s/^$1=//p" "$T/run.txt" | tail -1; }
size_mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN {printf "%.1f MB", b / 1e6}'; }
stats() { # guest mode column -> "median (min-max)" over the samples, or "-"
  awk -v g="$1" -v m="$2" -v c="$3" '$1 == g && $2 == m && $c != "-" {v[n++] = $c}
    END { if (!n) { print "-"; exit }
          for (i = 0; i < n; i++) for (j = i + 1; j < n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
          med = n % 2 ? v[int(n / 2)] : (v[n / 2 - 1] + v[n / 2]) / 2
          printf "%d (%d-%d)", med, v[0], v[n - 1] }' "$T/samples.txt"
}
modules() { awk -v g="$1" -v m="$2" '$1 == g && $2 == m {c = $9; l = $10} END {print (c == "-" || c == "" ? "-" : c " / " l)}' "$T/samples.txt"; }
row() { # guest label size how
  local mode
  for mode in cold warm; do
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$2" "$3" "$mode" "$4" \
      "$(stats "$1" "$mode" 5)" "$(stats "$1" "$mode" 7)" "$(stats "$1" "$mode" 8)" "$(stats "$1" "$mode" 6)" "$(modules "$1" "$mode")"
  done
}
median() { stats "$1" "$2" "$3" | cut -d' ' -f1; }

shared="shared machine: other engineers' builds and tests ran at the same time"
[ "${QUIET_MACHINE:-0}" = 1 ] && shared="quiet machine"
OUT=$B/results/coldstart.md
mkdir -p "$B/results"
{
  echo "<!-- section: coldstart | script: bench/coldstart/run.sh | date: $(get date) | note: $SAMPLES samples each; $shared -->"
  echo "## Cold start (bench/coldstart/run.sh): first request of large JS components, compile cache cold and warm"
  echo
  echo "Load average before: $(get load_before); after: $(get load_after) ($(get nproc) cores, $shared)."
  echo "Commit $(get commit); $(get java); $(get cpu)."
  echo
  echo "Each sample is a new host process. **cold**: an empty \`--compile-cache-dir\`; **warm**: the directory the last"
  echo "cold sample filled (Chicory's compiled classes, one entry per core module, keyed by the module's SHA-256). Figures"
  echo "in ms, median (min-max) of $SAMPLES samples. *first response*: process start -> first HTTP 200 (\`bin/host run"
  echo "MANIFEST\`: JVM start, manifest, compile, instantiate and the request) or -> exit for command guests (\`bin/host run"
  echo "COMPONENT\`). *compile* and *workload start* come from the host's \`/metrics\`: \`virga_component_compile_seconds\`"
  echo "(parse, validate, compile or load every core module) and \`virga_workload_start_latency_seconds\` (start request ->"
  echo "RUNNING, the compile included). *CPU*: the process's user + system time until then, which depends less on the"
  echo "machine's load than the wall-clock figures. *modules*: \`virga_component_compilations_total\` /"
  echo "\`virga_component_compile_cache_hits_total\`."
  echo
  echo "| component | size | cache | how | first response | compile | workload start | CPU | modules compiled / loaded |"
  echo "|---|---|---|---|---|---|---|---|---|"
  row sm-http "StarlingMonkey \`sm-http\` (componentize-js 0.23)" "$(size_mb "$T/sm-http.wasm")" "HTTP, run MANIFEST"
  if [ -f "$T/qjs-http.wasm" ]; then
    row qjs-http "QuickJS \`qjs-http\` (componentize-qjs 0.4.5)" "$(size_mb "$T/qjs-http.wasm")" "HTTP, run MANIFEST"
  else
    row wasi-js-command "QuickJS \`wasi-js-command\` (componentize-qjs 0.4.5)" "$(size_mb "$ROOT/guests/wasm/wasi-js-command.wasm")" "command, run COMPONENT"
  fi
  row wasi-command "C \`wasi-command\` (baseline)" "$(size_mb "$ROOT/guests/wasm/wasi-command.wasm")" "command, run COMPONENT"
  echo
  echo "StarlingMonkey: the warm cache cuts the first response from $(median sm-http cold 5) to $(median sm-http warm 5) ms"
  echo "(compile $(median sm-http cold 7) -> $(median sm-http warm 7) ms; CPU $(median sm-http cold 6) -> $(median sm-http warm 6) ms)."
  echo "QuickJS \`$QJS\`: $(median "$QJS" cold 5) -> $(median "$QJS" warm 5) ms; the C baseline (JVM and host"
  echo "start, a 72 KB component): $(median wasi-command cold 5) -> $(median wasi-command warm 5) ms."
  if [ -f "$T/qjs-build.reason" ]; then
    echo
    echo "No QuickJS HTTP component: componentize-qjs 0.4.5 cannot build \`bench/coldstart/qjs-http\` here (it pre-initialises"
    echo "the component with Wizer, linking its imports to wasmtime's WASI, and its stand-in for \`wasi:http/types\` gives"
    echo "\`io-error\` a resource of its own instead of \`wasi:io/error\`'s; \`--stub-wasi\` fails the same way):"
    echo "\`$(cat "$T/qjs-build.reason")\`. The QuickJS figures are therefore those of the committed QuickJS command guest,"
    echo "process start -> exit, with the compile not split out; the C command row gives the JVM and host share of it."
  fi
  if [ -n "$(get sm_build_ms)" ]; then
    echo
    echo "Building \`sm-http.wasm\` with componentize-js took $(get sm_build_ms) ms in this run."
  fi
} >"$OUT"
echo "wrote $OUT" >&2
"$B/assemble.sh"
