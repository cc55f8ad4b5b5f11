#!/usr/bin/env bash
# Assembles bench/RESULTS.md from the section files in bench/results/, in a fixed order, under a header that says
# which script wrote each section and when. Every bench script writes only its own section file and then calls
# this; it also runs alone:
#   bench/assemble.sh
# A section file starts with one metadata line, written by its script:
#   <!-- section: NAME | script: bench/.../run.sh | date: ISO-8601 UTC [| note: TEXT] -->
# followed by markdown whose first "## " line is the section's title.
set -euo pipefail
B=$(cd "$(dirname "$0")" && pwd)
R=$B/results
OUT=$B/RESULTS.md
# order of the sections in RESULTS.md, and the script that writes each (named when its file is missing)
SECTIONS=(engine http host cluster operator plugins coldstart)
declare -A SCRIPT=([engine]=bench/run.sh [http]=bench/http/run.sh [host]=bench/host/run.sh [cluster]=bench/cluster/run.sh [operator]=bench/operator/run.sh [plugins]=bench/plugins/run.sh [coldstart]=bench/coldstart/run.sh)

meta() { # file key -> the value of key in the file's metadata line, or empty
  head -1 "$1" | sed -n 's/^<!--\(.*\)-->$/\1/p' | tr '|' '\n' |
    sed -n "s/^ *$2: *\(.*[^ ]\) *\$/\1/p" | head -1
}

tmp=$(mktemp "$OUT.XXXXXX")
trap 'rm -f "$tmp"' EXIT
{
  echo "# Benchmark results"
  echo
  echo "Assembled by \`bench/assemble.sh\` from the section files in \`bench/results/\`. Each section is written by its own"
  echo "script, which reassembles this file when it finishes: do not edit by hand, rerun the section's script. The figures"
  echo "of a section come from its script's run at the time below."
  echo
  echo "| section | written by | run at (UTC) | note |"
  echo "|---|---|---|---|"
  for s in "${SECTIONS[@]}"; do
    f=$R/$s.md
    if [ -f "$f" ]; then
      title=$(grep -m1 '^## ' "$f" | sed 's/^## //')
      printf '| %s | `%s` | %s | %s |\n' "$title" "$(meta "$f" script)" "$(meta "$f" date)" "$(meta "$f" note)"
    else
      printf '| %s | `%s` | not run yet | no `bench/results/%s.md` |\n' "$s" "${SCRIPT[$s]}" "$s"
    fi
  done
  for s in "${SECTIONS[@]}"; do
    f=$R/$s.md
    [ -f "$f" ] || continue
    echo
    tail -n +2 "$f"
  done
} >"$tmp"
mv "$tmp" "$OUT"
trap - EXIT
echo "wrote $OUT"
