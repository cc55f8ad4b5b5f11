# Sourced by bench/http/run.sh and bench/host/run.sh: servers in their own process groups, wrk load, wrk parsing.
# The caller sets WORK (a scratch directory), THREADS, CONNS, DURATION, WARMUP and calls stop_all on exit.
PIDS=()

# Every server runs in its own process group (setsid), because `jco serve` forks the node process that listens
# and does not pass signals on: stopping the group stops both. Waits for the group to be gone, then SIGKILLs it.
stop() { # pid (= pgid)
  kill -- "-$1" 2>/dev/null || kill "$1" 2>/dev/null || true
  for _ in $(seq 1 50); do
    [ -z "$(ps -o pid= -g "$1" 2>/dev/null)" ] && break
    sleep 0.1
  done
  if [ -n "$(ps -o pid= -g "$1" 2>/dev/null)" ]; then
    echo "process group $1 still alive 5 s after SIGTERM: SIGKILL" >&2
    kill -9 -- "-$1" 2>/dev/null || true
  fi
  wait "$1" 2>/dev/null || true
  local rest=() p; for p in "${PIDS[@]}"; do [ "$p" = "$1" ] || rest+=("$p"); done; PIDS=("${rest[@]}")
}
stop_all() { local p; for p in "${PIDS[@]}"; do stop "$p"; done; }

port_free() { # port
  if curl -s -o /dev/null "http://127.0.0.1:$1/"; then echo "port $1 is already in use" >&2; exit 1; fi
}
wait_up() { # port [Host header]
  local h=(); [ -n "${2:-}" ] && h=(-H "Host: $2")
  for _ in $(seq 1 300); do
    if curl -fs -o /dev/null "${h[@]}" "http://127.0.0.1:$1/"; then return 0; fi
    sleep 0.2
  done
  echo "nothing answers on port $1${2:+ for Host $2}" >&2; exit 1
}
# `jco serve` of $1 on port $2, its own process group, output to $3; extra jco flags after
start_jco() { # wasm port logfile [jco serve flags...]
  local wasm=$1 port=$2 log=$3; shift 3
  (cd "$WORK" && exec setsid node "$JCO" serve "$@" --host 127.0.0.1 --port "$port" "$wasm") >"$log" 2>&1 &
  PIDS+=("$!")
}
ticks() { # CPU clock ticks used so far by process group $1 (a load-independent cost: CPU time per request)
  ps -o pid= -g "$1" | while read -r p; do awk '{print $14+$15}' "/proc/$p/stat" 2>/dev/null; done | awk '{s+=$1} END{print s+0}'
}
load() { # port label pgid [Host header] -> $WORK/label.wrk, $WORK/label.cpu (µs of server CPU per request)
  local h=(); [ -n "${4:-}" ] && h=(-H "Host: $4")
  wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" "${h[@]}" "http://127.0.0.1:$1/" >/dev/null 2>&1 || true
  local t0; t0=$(ticks "$3")
  wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "${h[@]}" "http://127.0.0.1:$1/" >"$WORK/$2.wrk" 2>&1
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
