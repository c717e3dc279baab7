#!/usr/bin/env bash
# Engine-node search figures only, for one or more builds side by side in one run:
#   bash bench/node-search.sh [path/to/miroir.dll ...]   (default: this tree's Release build)
# Each build gets a fresh node on a free port, the debian corpus with the first-figures
# settings, then the mixed search set (closed model, 1 client, 20 s after a 3 s warm-up),
# then five high-frequency queries one at a time (median of 5). DATASETS=folder: the full corpus (bench/corpus.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build load/Miroir.Load -c Release -v q -nologo >/dev/null
if [ $# -eq 0 ]; then
  dotnet build src/Miroir -c Release -v q -nologo >/dev/null
  set -- src/Miroir/bin/Release/net10.0/miroir.dll
fi
LOAD="dotnet load/Miroir.Load/bin/Release/net10.0/Miroir.Load.dll"
source bench/corpus.sh
SETTINGS='{"filterableAttributes":["section","priority","architecture","installed_size_kb","tags"],"sortableAttributes":["installed_size_kb","name"]}'
work=$(mktemp -d)
node=
cleanup() { [ -n "$node" ] && kill -9 "$node" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for dll in "$@"; do
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  dotnet "$dll" node --port "$port" --data "$work/$port" >/dev/null 2>&1 & node=$!
  until curl -sf "http://127.0.0.1:$port/health" >/dev/null; do sleep 0.1; done
  curl -sf -XPOST "http://127.0.0.1:$port/indexes" -H 'content-type: application/json' -d '{"uid":"debian","primaryKey":"id"}' >/dev/null
  echo "== $dll"
  $LOAD ingest --url "http://127.0.0.1:$port" --index debian --file $DATA --batch 10000 --pid "$node" --settings "$SETTINGS" | tail -n 2
  $LOAD search --url "http://127.0.0.1:$port" --index debian --file $DATA --duration 20 --concurrency 1 --pid "$node" --filter-field section --facet-field section
  # The empty query twice: as a client asks it, and as the orchestrator does (ties by primary key).
  for q in vim a lib 'library for' 'the system' '' 'tie:'; do
    header=()
    if [ "$q" = 'tie:' ]; then q=''; header=(-H 'X-Miroir-Tie-Break: primary-key'); fi
    body="{\"q\":\"$q\"}"
    for i in 1 2 3; do curl -s -o /dev/null -XPOST "http://127.0.0.1:$port/indexes/debian/search" -H 'content-type: application/json' "${header[@]}" -d "$body"; done
    t=$(for i in 1 2 3 4 5; do curl -s -o /dev/null -w '%{time_total}\n' -XPOST "http://127.0.0.1:$port/indexes/debian/search" -H 'content-type: application/json' "${header[@]}" -d "$body"; done | sort -n | sed -n 3p)
    echo "slow query '$q'${header[*]:+ (ties by primary key)}: median of 5 $(echo "$t * 1000" | bc) ms"
  done
  kill -9 "$node"; wait "$node" 2>/dev/null || true; node=
done
