#!/usr/bin/env bash
# Hedging + adaptive replica selection on vs off on a healthy cluster: same 3 AOT nodes, same state, the
# orchestrator restarted with either config, alternating, 4 clients x 15 s each. Usage: bash bench/tail-tolerance-ab.sh
# Needs an AOT build (dotnet publish src/Miroir -c Release -r linux-x64 -o /tmp/tail-ab/aot); the corpus is the first
# 20,000 documents of bench/corpus.sh's (DATASETS=folder for the full catalogue, else the checked-in sample).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build load/Miroir.Load -c Release -v q -nologo >/dev/null
M=${MIROIR:-/tmp/tail-ab/aot/miroir}
LOAD="dotnet load/Miroir.Load/bin/Release/net10.0/Miroir.Load.dll"
work=/tmp/tail-ab/run; rm -rf $work; mkdir -p $work
source bench/corpus.sh
zcat "$DATA" | head -20000 | gzip > $work/small.ndjson.gz || true
DATA=$work/small.ndjson.gz
pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
wait_up() { until curl -sf "$1/health" >/dev/null; do sleep 0.1; done; }
base=$((30000 + RANDOM % 20000))
for i in 1 2 3; do $M node --port $((base+i)) --data "$work/n$i" >/dev/null 2>&1 & pids+=($!); done
conf() { cat > "$work/$1.yaml" <<YAML
shards: 12
replication_factor: 2
nodes:
  - { id: node-1, address: http://127.0.0.1:$((base+1)), replica_group: 0 }
  - { id: node-2, address: http://127.0.0.1:$((base+2)), replica_group: 0 }
  - { id: node-3, address: http://127.0.0.1:$((base+3)), replica_group: 0 }
state: { path: $work/state }
server: { port: $base, bind: 127.0.0.1, metrics_port: 0 }
$2
YAML
}
conf on ""
conf off "hedging: { enabled: false }
replica_selection: { strategy: round_robin }"
for i in 1 2 3; do wait_up http://127.0.0.1:$((base+i)); done
$M serve -c $work/on.yaml >/dev/null 2>&1 & p=$!; wait_up http://127.0.0.1:$base
curl -sf -XPOST "http://127.0.0.1:$base/indexes" -H 'content-type: application/json' -d '{"uid":"debian","primaryKey":"id"}' >/dev/null
$LOAD ingest --url "http://127.0.0.1:$base" --index debian --file $DATA --batch 5000 | tail -2
kill $p; wait $p 2>/dev/null || true
for round in 1 2; do for mode in on off; do
  $M serve -c $work/$mode.yaml >/dev/null 2>&1 & p=$!; wait_up http://127.0.0.1:$base
  echo "== $mode round $round"
  $LOAD search --url "http://127.0.0.1:$base" --index debian --file $DATA --duration 15 --concurrency 4 --pid $p | grep -iE "p50|p99|cpu|alloc|ops|search" | head -8
  kill $p; wait $p 2>/dev/null || true
done; done
