#!/usr/bin/env bash
# Fails when the chart's CRDs (charts/virga/crds) differ in any way from the generated ones
# (crds/generated): same file names, byte-identical content. Fix: scripts/check-chart-crds.sh --fix
# (copies crds/generated/*.yml over the chart's). Run by virga.operator.chart.ChartCrdsTest.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
GEN=$ROOT/crds/generated
CHART=$ROOT/charts/virga/crds
if [ "${1:-}" = --fix ]; then
  rm -f "$CHART"/*.yml && cp "$GEN"/*.yml "$CHART"/ && echo "copied $(ls "$GEN"/*.yml | wc -l) CRDs into $CHART"
  exit 0
fi
if ! out=$(diff -r "$GEN" "$CHART" 2>&1); then
  echo "charts/virga/crds differs from crds/generated (run scripts/check-chart-crds.sh --fix):" >&2
  echo "$out" | head -40 >&2
  exit 1
fi
echo "charts/virga/crds matches crds/generated ($(ls "$GEN" | wc -l) files)"
