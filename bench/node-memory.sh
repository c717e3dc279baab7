#!/usr/bin/env bash
# RSS of one engine node under upserts, without kills: a fresh node, the debian corpus sent three times
# (one load, two rounds replacing every document, 10,000-document batches), RSS after each round and 10 s later.
#   DATASETS=../shared/datasets bash bench/node-memory.sh ["DOTNET_GCConserveMemory=7"]   (an environment for the node)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build load/Miroir.Load -c Release -v q -nologo >/dev/null
dotnet build src/Miroir -c Release -v q -nologo >/dev/null
source bench/corpus.sh
environment=${1:-DOTNET_NOTHING=1}
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
env "$environment" dotnet src/Miroir/bin/Release/net10.0/miroir.dll node --port "$port" --data "$work" >/dev/null 2>&1 & p=$!
trap 'kill -9 $p 2>/dev/null || true; rm -rf "$work"' EXIT
until curl -sf "http://127.0.0.1:$port/health" >/dev/null; do sleep 0.1; done
rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$p/status"; }
for i in 1 2 3; do
  dotnet load/Miroir.Load/bin/Release/net10.0/Miroir.Load.dll ingest --url "http://127.0.0.1:$port" --index debian --file "$DATA" --batch 10000 --primary-key id >/dev/null
  echo "$environment round $i: RSS $(rss) MB"
done
sleep 10
echo "$environment 10 s idle later: RSS $(rss) MB"
