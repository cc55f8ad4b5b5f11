#!/usr/bin/env bash
# Operator benchmark (not a timed test): a real kube-apiserver + etcd and nats-server (from test-support,
# the binaries of scripts/install-prereqs.sh), three FakeHosts speaking the host protocol over NATS, and the
# operator's shaded jar in its own JVM (java -Xmx$XMX -jar operator/target/virga-operator-*-all.jar).
# Creates $COUNT WorkloadDeployments of one replica each at once and measures: first create -> all Ready,
# reconciles per second (JOSDK counters from the operator's /metrics), operator heap (GC log peak and
# /metrics samples) and peak RSS. Results: bench/operator/out/result.txt (+ samples.csv, operator.log,
# operator-gc.log, metrics-final.txt), and its section of bench/RESULTS.md (bench/results/operator.md, written
# from result.txt and machine.txt; bench/assemble.sh then reassembles bench/RESULTS.md). The analysis of past runs
# is kept by hand in bench/operator/RESULTS.md.
#
#   bench/operator/run.sh                 # builds the operator (+ deps) unless SKIP_BUILD=1
#   COUNT=200 XMX=256m bench/operator/run.sh
#   OPERATOR_ARGS="--reconcile-threads 100" bench/operator/run.sh   # more operator flags
#   OPERATOR_JVM_ARGS="-XX:TieredStopAtLevel=1 -XX:StartFlightRecording=filename=/tmp/op.jfr" bench/operator/run.sh
#                                         # JVM flags (replace bin/operator's defaults; empty = the JVM's own)
# The API server's request counts (by verb and resource) go to out/apiserver-requests.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
COUNT=${COUNT:-1000}
HOSTS=${HOSTS:-3}
XMX=${XMX:-512m}
TIMEOUT=${TIMEOUT:-600}
THREADS=${THREADS:-8}
OUT=${OUT:-bench/operator/out}
MVN="mvn -B -q -o"
# the operator's JVM flags: bin/operator's defaults unless set (OPERATOR_JVM_ARGS= for the JVM's own)
OPERATOR_JVM_ARGS=${OPERATOR_JVM_ARGS--XX:TieredStopAtLevel=1}
export OPERATOR_JVM_ARGS
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  $MVN -pl operator -am install -DskipTests
fi
$MVN -pl operator test-compile
CP_FILE=operator/target/bench-classpath.txt
$MVN -pl operator dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$CP_FILE" >/dev/null
JAR=$(ls operator/target/virga-operator-*-all.jar | head -1)
mkdir -p "$OUT"
{
  echo "date: $(date -u +%FT%TZ)"
  echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet -- operator || echo ' (operator/ has uncommitted changes)')"
  echo "cpu: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "mem: $(free -m | awk '/Mem:/ {print $2 " MB total, " $7 " MB available"}')"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "operator jvm flags: ${OPERATOR_JVM_ARGS:-(none)}"
} > "$OUT/machine.txt"
cat "$OUT/machine.txt"
rm -f "$OUT/result.txt"
set +e
java -Xmx1g -cp "operator/target/test-classes:operator/target/classes:$(cat $CP_FILE)" \
  virga.operator.bench.OperatorBench --jar "$JAR" --count "$COUNT" --hosts "$HOSTS" --xmx "$XMX" \
  --timeout "$TIMEOUT" --create-threads "$THREADS" --out "$OUT" --operator-args "${OPERATOR_ARGS:-}" 2>"$OUT/driver.log"
rc=$?
set -e
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt"
[ -f "$OUT/result.txt" ] || { echo "no $OUT/result.txt (see $OUT/driver.log): section not written" >&2; exit $rc; }

# the section: one run, from result.txt (key=value words) and machine.txt ("key: value" lines)
val() { grep -o "\b$1=[^ ]*" "$OUT/result.txt" | head -1 | cut -d= -f2; }
mach() { sed -n "s/^$1: //p" "$OUT/machine.txt" | head -1; }
kinds=$(sed -n 's/.*by_kind={\(.*\)}.*/\1/p' "$OUT/result.txt" | sed 's/\.0//g; s/Workload\(Deployment\|ReplicaSet\)\?=//g; s/, / \/ /g')
N=$(val count); SECS=$(val first_create_to_all_ready_seconds)
HEAP=$(awk -v a="$(val heap_max_used_mb_metrics)" -v b="$(val heap_peak_before_gc_mb)" 'BEGIN{print (a > b ? a : b)}')
if [ "$N" != 1000 ]; then
  GOAL="not checked: the goal is for 1,000 WorkloadDeployments, this run had $N"
elif [ "$(val all_ready)" = true ] && awk -v s="$SECS" -v h="$HEAP" 'BEGIN{exit !(s < 60 && h < 512)}'; then
  GOAL="**met**"
else
  GOAL="**not met**"
fi
SECTION=bench/results/operator.md
mkdir -p bench/results
{
  echo "<!-- section: operator | script: bench/operator/run.sh | date: $(mach date) -->"
  echo "## Operator (bench/operator/run.sh): $(echo "$N" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta') WorkloadDeployments"
  echo
  echo "A real kube-apiserver + etcd, nats-server and $(val hosts) FakeHosts, all on the same machine as the operator's shaded jar"
  echo "(\`-Xmx$(val xmx)\`, JVM flags: $(mach 'operator jvm flags')); $N WorkloadDeployments of one replica created by $THREADS threads at once."
  echo "Analysis of earlier runs, what changed and the API server's requests per object: \`bench/operator/RESULTS.md\`."
  echo
  echo "| WDs | all Ready | create time | first create → all Ready | reconciles (WD / RS / W), failed | avg / peak reconciles/s | heap max used (metrics / GC log) | peak RSS | start requests seen by hosts |"
  echo "|---|---|---|---|---|---|---|---|---|"
  printf '| %s | %s (%s) | %s s | **%s s** | %s (%s), %s | %s / %s | %s / %s MB | %s MB | %s |\n' \
    "$N" "$(val all_ready)" "$(val ready)" "$(val create_seconds)" "$SECS" "$(val reconciles_started)" "$kinds" \
    "$(val failed)" "$(val reconciles_per_second_avg)" "$(val peak_1s)" "$(val heap_max_used_mb_metrics)" \
    "$(val heap_peak_before_gc_mb)" "$(val operator_peak_rss_mb)" "$(val host_start_requests)"
  echo
  echo "Goal (1,000 Ready in < 60 s, heap < 512 MB): $GOAL."
  echo
  echo "Machine: $(mach cpu), $(mach mem), $(mach java); commit $(mach commit); load average $(mach 'load before') before, $(mach 'load after') after"
  echo "(the apiserver, etcd, nats-server, the driver and the operator share these cores, with anything else running)."
} >"$SECTION.tmp"
mv "$SECTION.tmp" "$SECTION"
bench/assemble.sh
exit $rc
