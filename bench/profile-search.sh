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
source bench/cluster.sh
for port in 7953 7954 7955; do start_node $port; done
start_miroir 7963 "$(nodes_yaml 7953 7954 7955)" 2
miroir=$(pid_of_port 7963)
create_index 7963
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
