#!/usr/bin/env bash
# First figures, side by side in one run: one engine node vs Miroir over 3 engine nodes
# (separate processes, RF 2, S 12) on the debian corpus. Usage: bash bench/first-figures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/Miroir -c Release -v q -nologo >/dev/null
dotnet build load/Miroir.Load -c Release -v q -nologo >/dev/null
MIROIR="dotnet src/Miroir/bin/Release/net10.0/miroir.dll"
LOAD="dotnet load/Miroir.Load/bin/Release/net10.0/Miroir.Load.dll"
source bench/corpus.sh
SETTINGS='{"filterableAttributes":["section","priority","architecture","installed_size_kb","tags"],"sortableAttributes":["installed_size_kb","name"]}'
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
wait_up() { until curl -sf "$1/health" >/dev/null; do sleep 0.1; done; }

$MIROIR node --port 7811 --data "$work/single" >/dev/null 2>&1 & single=$!; pids+=($single)
for i in 1 2 3; do $MIROIR node --port 782$i --data "$work/n$i" >/dev/null 2>&1 & pids+=($!); done
cat > "$work/miroir.yaml" <<YAML
shards: 12
replication_factor: 2
nodes:
  - { id: node-1, address: http://127.0.0.1:7821, replica_group: 0 }
  - { id: node-2, address: http://127.0.0.1:7822, replica_group: 0 }
  - { id: node-3, address: http://127.0.0.1:7823, replica_group: 0 }
state: { path: $work/state }
server: { port: 7820, bind: 127.0.0.1, metrics_port: 0 }
YAML
for u in 7811 7821 7822 7823; do wait_up http://127.0.0.1:$u; done
$MIROIR serve -c "$work/miroir.yaml" >/dev/null 2>&1 & proxy=$!; pids+=($proxy)
wait_up http://127.0.0.1:7820

for target in "single 7811 $single" "miroir 7820 $proxy"; do
  set -- $target
  curl -sf -XPOST "http://127.0.0.1:$2/indexes" -H 'content-type: application/json' -d '{"uid":"debian","primaryKey":"id"}' >/dev/null
  echo "== ingest into $1"
  $LOAD ingest --url "http://127.0.0.1:$2" --index debian --file $DATA --batch 10000 --pid "$3" --settings "$SETTINGS"
done
for target in "single 7811 $single" "miroir 7820 $proxy"; do
  set -- $target
  echo "== search $1 (closed model, 1 client, 20 s)"
  $LOAD search --url "http://127.0.0.1:$2" --index debian --file $DATA --duration 20 --concurrency 1 --pid "$3" --filter-field section --facet-field section
done

echo "== restart of the single node after kill -9"
kill -9 $single; wait $single 2>/dev/null || true
start=$(date +%s.%N)
$MIROIR node --port 7811 --data "$work/single" >/dev/null 2>&1 & pids+=($!)
until curl -sf -XPOST http://127.0.0.1:7811/indexes/debian/search -H 'content-type: application/json' -d '{"q":"vim","limit":1}' -o /dev/null; do sleep 0.05; done
echo "restart to first search: $(echo "$(date +%s.%N) - $start" | bc) s"
curl -s http://127.0.0.1:7811/indexes/debian/stats | head -c 60; echo
