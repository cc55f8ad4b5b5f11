#!/usr/bin/env bash
# Operator benchmark (not a timed test): a real kube-apiserver + etcd and nats-server (from test-support,
# the binaries of scripts/install-prereqs.sh), three FakeHosts speaking the host protocol over NATS, and the
# operator's shaded jar in its own JVM (java -Xmx$XMX -jar operator/target/virga-operator-*-all.jar).
# Creates $COUNT WorkloadDeployments of one replica each at once and measures: first create -> all Ready,
# reconciles per second (JOSDK counters from the operator's /metrics), operator heap (GC log peak and
# /metrics samples) and peak RSS. Results: bench/operator/out/result.txt (+ samples.csv, operator.log,
# operator-gc.log, metrics-final.txt).
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
set +e
java -Xmx1g -cp "operator/target/test-classes:operator/target/classes:$(cat $CP_FILE)" \
  virga.operator.bench.OperatorBench --jar "$JAR" --count "$COUNT" --hosts "$HOSTS" --xmx "$XMX" \
  --timeout "$TIMEOUT" --create-threads "$THREADS" --out "$OUT" --operator-args "${OPERATOR_ARGS:-}" 2>"$OUT/driver.log"
rc=$?
set -e
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt"
exit $rc
