#!/usr/bin/env bash
# Ingest side by side (05-quality.md write-routing goal): two Miroir builds over the same engine nodes,
# alternating runs, in one go. Per run: the debian corpus in 10,000-document NDJSON batches into a fresh
# index (deleted afterwards), docs/s, the orchestrator's CPU µs per document and its minor page faults (/proc/PID/stat).
# Targets per build: over one node (RF 1) and over three nodes (RF 2, S 12); plus the node direct.
# Usage: bash bench/ingest-compare.sh BEFORE_BINARY AFTER_BINARY [rounds, default 2]
#   e.g. BEFORE from `git worktree add /tmp/main main && dotnet publish /tmp/main/src/Miroir -c Release -r linux-x64 -o /tmp/before`
set -euo pipefail
cd "$(dirname "$0")/.."
BEFORE=$1; AFTER=$2; ROUNDS=${3:-2}
NODE_BIN=$AFTER
dotnet build load/Miroir.Load -c Release -v q -nologo >/dev/null
LOAD="dotnet load/Miroir.Load/bin/Release/net10.0/Miroir.Load.dll"
source bench/corpus.sh
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
base=$(( 20000 + RANDOM % 30000 ))
wait_up() { until curl -sf "$1/health" >/dev/null; do sleep 0.1; done; }
start_node() { $NODE_BIN node --port "$1" --data "$work/node-$1" >"$work/node-$1.log" 2>&1 & pids+=($!); wait_up "http://127.0.0.1:$1"; }
start_miroir() { # binary, port, yaml nodes block, rf
  cat > "$work/miroir-$2.yaml" <<YAML
shards: 12
replication_factor: $4
nodes:
$3
state: { path: $work/state-$2 }
server: { port: $2, bind: 127.0.0.1, metrics_port: 0 }
YAML
  $1 serve -c "$work/miroir-$2.yaml" >"$work/miroir-$2.log" 2>&1 & pids+=($!); eval "pid_$2=$!"; wait_up "http://127.0.0.1:$2"
}
n1=$base; n3a=$((base+1)); n3b=$((base+2)); n3c=$((base+3))
for port in $n1 $n3a $n3b $n3c; do start_node $port; done
one="  - { id: solo, address: http://127.0.0.1:$n1, replica_group: 0 }"
three="  - { id: node-1, address: http://127.0.0.1:$n3a, replica_group: 0 }
  - { id: node-2, address: http://127.0.0.1:$n3b, replica_group: 0 }
  - { id: node-3, address: http://127.0.0.1:$n3c, replica_group: 0 }"
start_miroir "$BEFORE" $((base+10)) "$one" 1; start_miroir "$BEFORE" $((base+11)) "$three" 2
start_miroir "$AFTER" $((base+20)) "$one" 1; start_miroir "$AFTER" $((base+21)) "$three" 2
node_pid=${pids[0]}

ingest() { # label, port, pid, index
  curl -sf -XPOST "http://127.0.0.1:$2/indexes" -H 'content-type: application/json' -d "{\"uid\":\"$4\",\"primaryKey\":\"id\"}" >/dev/null
  sleep 1
  printf '%-22s ' "$1"
  local faults=$(awk '{print $10}' "/proc/$3/stat")
  $LOAD ingest --url "http://127.0.0.1:$2" --index "$4" --file "$DATA" --batch 10000 --pid "$3" \
    | awk '/indexed in/ {r=$0; sub(/.*\(/,"",r); sub(/\).*/,"",r)} /target CPU/ {c=$0; sub(/.*\(/,"",c); sub(/\).*/,"",c)} END {printf "%s, %s", r, c}'
  # Minor page faults (pages the kernel had to hand over and zero): independent of the machine's load.
  echo ", $(( $(awk '{print $10}' "/proc/$3/stat") - faults )) page faults"
  curl -sf -XDELETE "http://127.0.0.1:$2/indexes/$4" >/dev/null; sleep 2
}

echo "# ingest-compare $(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$ROUNDS"); do
  ingest "direct (node CPU)" $n1 "$node_pid" "direct$round"
  ingest "before, 1 node" $((base+10)) "$(eval echo \$pid_$((base+10)))" "b1r$round"
  ingest "after, 1 node" $((base+20)) "$(eval echo \$pid_$((base+20)))" "a1r$round"
  ingest "before, 3 nodes RF 2" $((base+11)) "$(eval echo \$pid_$((base+11)))" "b3r$round"
  ingest "after, 3 nodes RF 2" $((base+21)) "$(eval echo \$pid_$((base+21)))" "a3r$round"
done
echo "# done $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
