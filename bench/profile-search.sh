#!/usr/bin/env bash
# Where the orchestrator's CPU goes on a 3-node search (the compare-peers miroir3 case): perf samples of the
# Native AOT binary (published unstripped for symbols) while one client searches for N seconds.
# Usage: bash bench/profile-search.sh [seconds, default 15] [get|search, default search]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-15}
PROFILE=${2:-search}
command -v perf >/dev/null || { apt-get install -y -q linux-perf >/dev/null 2>&1 || apt-get install -y -q perf >/dev/null; }
dotnet publish src/Miroir -c Release -r linux-x64 -o artifacts/aot-symbols -p:StripSymbols=false -v q -nologo >/dev/null
dotnet build load/Miroir.Load -c Release -v q -nologo >/dev/null
MIROIR=artifacts/aot-symbols/miroir
LOAD="dotnet load/Miroir.Load/bin/Release/net10.0/Miroir.Load.dll"
source bench/corpus.sh
SETTINGS='{"filterableAttributes":["section","priority","architecture","installed_size_kb","tags"],"sortableAttributes":["installed_size_kb","name"]}'
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
wait_up() { until curl -sf "$1/health" >/dev/null; do sleep 0.1; done; }
for port in 7953 7954 7955; do
  $MIROIR node --port $port --data "$work/node-$port" >"$work/node-$port.log" 2>&1 & pids+=($!); wait_up "http://127.0.0.1:$port"
done
cat > "$work/miroir.yaml" <<YAML
shards: 12
replication_factor: 2
nodes:
  - { id: node-1, address: http://127.0.0.1:7953, replica_group: 0 }
  - { id: node-2, address: http://127.0.0.1:7954, replica_group: 0 }
  - { id: node-3, address: http://127.0.0.1:7955, replica_group: 0 }
state: { path: $work/state }
server: { port: 7963, bind: 127.0.0.1, metrics_port: 0 }
YAML
$MIROIR serve -c "$work/miroir.yaml" >"$work/miroir.log" 2>&1 & miroir=$!; pids+=($miroir); wait_up http://127.0.0.1:7963
curl -sf -XPOST http://127.0.0.1:7963/indexes -H 'content-type: application/json' -d '{"uid":"debian","primaryKey":"id"}' >/dev/null
$LOAD ingest --url http://127.0.0.1:7963 --index debian --file $DATA --batch 10000 --pid $miroir --settings "$SETTINGS" >/dev/null
clients=$([ "$PROFILE" = get ] && echo 4 || echo 1)
perf record -F 1999 -g -o "$work/perf.data" -p $miroir -- sleep "$SECONDS_PER_RUN" >/dev/null 2>&1 &
perf_pid=$!
$LOAD "$PROFILE" --url http://127.0.0.1:7963 --index debian --file $DATA --duration "$SECONDS_PER_RUN" --concurrency $clients \
  --pid $miroir --filter-field section --facet-field section
wait $perf_pid || true
echo "## self time by symbol (top 40)"
perf report -i "$work/perf.data" --stdio --no-children --sort symbol --percent-limit 0.4 2>/dev/null | grep -E '^ +[0-9]' | head -40
echo "## self time by library"
perf report -i "$work/perf.data" --stdio --no-children --sort dso 2>/dev/null | grep -E '^ +[0-9]' | head -10
