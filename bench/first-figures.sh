#!/usr/bin/env bash
# First figures, side by side in one run: one engine node vs Miroir over 3 engine nodes
# (separate processes, RF 2, S 12) on the debian corpus. Usage: bash bench/first-figures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/Miroir -c Release -v q -nologo >/dev/null
dotnet build load/Miroir.Load -c Release -v q -nologo >/dev/null
MIROIR="dotnet src/Miroir/bin/Release/net10.0/miroir.dll"
LOAD="dotnet load/Miroir.Load/bin/Release/net10.0/Miroir.Load.dll"
source bench/cluster.sh

start_node 7811; single=$(pid_of_port 7811)
for port in 7821 7822 7823; do start_node $port; done
start_miroir 7820 "$(nodes_yaml 7821 7822 7823)" 2; proxy=$(pid_of_port 7820)

for target in "single 7811 $single" "miroir 7820 $proxy"; do
  set -- $target
  create_index $2
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
$MIROIR node --port 7811 --data "$work/node-7811" >/dev/null 2>&1 & pids+=($!)
until curl -sf -XPOST http://127.0.0.1:7811/indexes/debian/search -H 'content-type: application/json' -d '{"q":"vim","limit":1}' -o /dev/null; do sleep 0.05; done
echo "restart to first search: $(echo "$(date +%s.%N) - $start" | bc) s"
curl -s http://127.0.0.1:7811/indexes/debian/stats | head -c 60; echo
