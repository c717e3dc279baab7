#!/usr/bin/env bash
# Two Miroir builds side by side in one run (the machine is too noisy for absolute numbers):
#   old     OLD_BINARY serve
#   new     NEW_BINARY serve
#   inline  NEW_BINARY serve with server.inline_io: true
# each over one engine node (RF 1) and over three (RF 2, S 12), every orchestrator with its own index of
# the first 20,000 debian documents on the same nodes. Runs: get at 1, 4, 64 clients (1 node), search at 1 client
# (1 and 3 nodes) and 16 clients (3 nodes). Per run: Miroir.Load latencies, then from
# `perf stat` over the whole load run (warm-up included): the orchestrator's CPU and context switches
# per operation. Targets alternate, order reversed every round.
# Usage: bash bench/compare-builds.sh OLD_BINARY NEW_BINARY [seconds per run, default 5] [rounds, default 2]
set -euo pipefail
cd "$(dirname "$0")/.."
OLD=$(realpath "$1"); NEW=$(realpath "$2"); S=${3:-5}; ROUNDS=${4:-2}
dotnet build load/Miroir.Load -c Release -v q -nologo >/dev/null
LOAD="dotnet load/Miroir.Load/bin/Release/net10.0/Miroir.Load.dll"
work=$(mktemp -d)
source bench/corpus.sh
CORPUS=$DATA
DATA=$work/corpus.ndjson.gz
zcat "$CORPUS" | head -20000 | gzip > "$DATA" || true
SETTINGS='{"filterableAttributes":["section","priority","architecture","installed_size_kb","tags"],"sortableAttributes":["installed_size_kb","name"]}'
BASE=${BASE_PORT:-31800}
pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
wait_up() { # url pid log: a process that died (a port already taken) stops the run with its log
  until curl -sf "$1/health" >/dev/null; do kill -0 "$2" 2>/dev/null || { tail -5 "$3"; exit 1; }; sleep 0.1; done
}
start_node() { $OLD node --port "$1" --data "$work/node-$1" >"$work/node-$1.log" 2>&1 & pids+=($!); wait_up "http://127.0.0.1:$1" $! "$work/node-$1.log"; }
declare -A PID INDEX
start_miroir() { # binary port nodes rf index [extra server keys]
  printf 'shards: 12\nreplication_factor: %s\nnodes:\n%s\nstate: { path: %s }\nserver: { port: %s, bind: 127.0.0.1, metrics_port: 0 %s }\n' \
    "$4" "$3" "$work/state-$2" "$2" "${6:-}" > "$work/m-$2.yaml"
  $1 serve -c "$work/m-$2.yaml" >"$work/m-$2.log" 2>&1 & pids+=($!); PID[$2]=$!; INDEX[$2]=$5
  wait_up "http://127.0.0.1:$2" $! "$work/m-$2.log"
  curl -sf -XPOST "http://127.0.0.1:$2/indexes" -H 'content-type: application/json' -d "{\"uid\":\"$5\",\"primaryKey\":\"id\"}" >/dev/null
}
for p in 11 13 14 15; do start_node $((BASE + p)); done
N1="  - { id: solo, address: http://127.0.0.1:$((BASE + 11)), replica_group: 0 }"
N3=$(for i in 1 2 3; do echo "  - { id: node-$i, address: http://127.0.0.1:$((BASE + 12 + i)), replica_group: 0 }"; done)
start_miroir "$OLD" $((BASE + 21)) "$N1" 1 dold; start_miroir "$NEW" $((BASE + 22)) "$N1" 1 dnew
start_miroir "$NEW" $((BASE + 25)) "$N1" 1 dinl ", inline_io: true"
start_miroir "$OLD" $((BASE + 23)) "$N3" 2 dold; start_miroir "$NEW" $((BASE + 24)) "$N3" 2 dnew
start_miroir "$NEW" $((BASE + 26)) "$N3" 2 dinl ", inline_io: true"
for port in "${!PID[@]}"; do
  $LOAD ingest --url "http://127.0.0.1:$port" --index "${INDEX[$port]}" --file "$DATA" --batch 10000 --settings "$SETTINGS" >/dev/null
done

run() { # profile clients ports...
  local profile=$1 clients=$2; shift 2
  echo "## $profile, $clients clients, ${S} s, $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
  for r in $(seq "$ROUNDS"); do
    local order=("$@"); [ $((r % 2)) = 0 ] && order=($(printf '%s\n' "$@" | tac))
    for port in "${order[@]}"; do
      perf stat -x, -e task-clock,context-switches -p "${PID[$port]}" -o "$work/perf.txt" & local perf=$!
      local out; out=$($LOAD "$profile" --url "http://127.0.0.1:$port" --index "${INDEX[$port]}" --file "$DATA" --duration "$S" --warmup 2 \
        --concurrency "$clients" --pid "${PID[$port]}" --filter-field section --facet-field section 2>&1 || true)
      kill -INT $perf; wait $perf 2>/dev/null || true
      local rate; rate=$(echo "$out" | grep -oE '\(([0-9]+)/s\)' | tr -d '(/s)')
      awk -v r="$rate" -v s="$S" -v name="${INDEX[$port]} r$r" -v lat="$(echo "$out" | grep -E 'p50' | sed -E 's/ p99\.9=.*//' | tr -s ' ')" -F, '
        /task-clock/ {tc=$1} /context-switches/ {cs=$1}
        END {n=r*(s+2); printf "%-9s %s  CPU %.1f µs/op, %.2f context switches/op\n", name, lat, tc*1000/n, cs/n}' "$work/perf.txt"
    done
  done
}
run get 1 $((BASE + 21)) $((BASE + 22)) $((BASE + 25))
run get 4 $((BASE + 21)) $((BASE + 22)) $((BASE + 25))
run get 64 $((BASE + 21)) $((BASE + 22)) $((BASE + 25))
run search 1 $((BASE + 21)) $((BASE + 22)) $((BASE + 25))
run search 1 $((BASE + 23)) $((BASE + 24)) $((BASE + 26))
run search 16 $((BASE + 23)) $((BASE + 24)) $((BASE + 26))
