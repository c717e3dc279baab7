#!/usr/bin/env bash
# Engine-node restart to first answered search, idle and under a search load:
#   DATASETS=../shared/datasets bash bench/node-restart.sh [path/to/miroir.dll]   (default: this tree's Release build)
# Loads the debian corpus (first-figures settings, 10,000-doc batches) into one `miroir node`, kill -9s it and
# times the restart to the first search answered with every document (`q=vim` hits and numberOfDocuments
# checked), three ways: idle; with a second node (a copy of the data) under a closed search load of 2 clients;
# and with 2 clients searching the restarting node itself. UPSERTS=N (default 0) then re-sends the whole corpus
# N times (the log grows past the snapshot threshold with REPLACED documents), kill -9s mid-write and times again.
# RSS of the node is printed after each phase. DATASETS=folder: the full corpus (bench/corpus.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build load/Miroir.Load -c Release -v q -nologo >/dev/null
if [ $# -eq 0 ]; then
  dotnet build src/Miroir -c Release -v q -nologo >/dev/null
  set -- src/Miroir/bin/Release/net10.0/miroir.dll
fi
MIROIR="dotnet $1"
LOAD="dotnet load/Miroir.Load/bin/Release/net10.0/Miroir.Load.dll"
source bench/corpus.sh
SETTINGS='{"filterableAttributes":["section","priority","architecture","installed_size_kb","tags"],"sortableAttributes":["installed_size_kb","name"]}'
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
rss() { awk '/VmRSS/ {printf "%d MB", $2/1024}' "/proc/$1/status"; }
start_node() { $MIROIR node --port "$1" --data "$2" >>"$work/node-$1.log" 2>&1 & node=$!; pids+=("$node"); }
wait_up() { until curl -sf "http://127.0.0.1:$1/health" >/dev/null; do sleep 0.05; done; }
docs() { curl -sf "http://127.0.0.1:$1/indexes/debian/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["numberOfDocuments"])'; }
# Restarts the node on port $1 from $2 (its pid in $node) and sets $t to the seconds until a search answers.
restart_timed() {
  local start; start=$(date +%s.%N)
  start_node "$1" "$2"
  until curl -sf -XPOST "http://127.0.0.1:$1/indexes/debian/search" -H 'content-type: application/json' \
      -d '{"q":"vim","limit":1}' -o /dev/null 2>/dev/null; do sleep 0.02; done
  t=$(echo "$(date +%s.%N) - $start" | bc)
}
search_loop() { while :; do curl -s -o /dev/null -XPOST "http://127.0.0.1:$1/indexes/debian/search" -H 'content-type: application/json' -d '{"q":"lib","limit":20}' || sleep 0.01; done; }

port=$(free_port)
start_node "$port" "$work/a"; a=$node; wait_up "$port"
curl -sf -XPOST "http://127.0.0.1:$port/indexes" -H 'content-type: application/json' -d '{"uid":"debian","primaryKey":"id"}' >/dev/null
$LOAD ingest --url "http://127.0.0.1:$port" --index debian --file "$DATA" --batch 10000 --pid "$a" --settings "$SETTINGS" | tail -n 3
expected=$(docs "$port")
echo "documents: $expected; data folder: $(du -sh "$work/a" | cut -f1); RSS after ingest: $(rss "$a")"

kill -9 "$a"; wait "$a" 2>/dev/null || true
restart_timed "$port" "$work/a"; a=$node
echo "restart to first search, idle: $t s (documents: $(docs "$port"), RSS $(rss "$a"))"

kill -9 "$a"; wait "$a" 2>/dev/null || true
cp -r "$work/a" "$work/b"; peer=$(free_port); start_node "$peer" "$work/b"; b=$node; wait_up "$peer"
until [ "$(docs "$peer" 2>/dev/null)" = "$expected" ]; do sleep 0.1; done
$LOAD search --url "http://127.0.0.1:$peer" --index debian --file "$DATA" --duration 30 --warmup 0 --concurrency 2 >"$work/peer-load.txt" 2>&1 & loadpid=$!; pids+=("$loadpid")
sleep 2
restart_timed "$port" "$work/a"; a=$node
echo "restart to first search, 2 clients searching a peer: $t s (documents: $(docs "$port"))"
kill "$loadpid" 2>/dev/null || true; wait "$loadpid" 2>/dev/null || true; kill -9 "$b"; wait "$b" 2>/dev/null || true

kill -9 "$a"; wait "$a" 2>/dev/null || true
search_loop "$port" & l1=$!; search_loop "$port" & l2=$!; pids+=("$l1" "$l2")
restart_timed "$port" "$work/a"; a=$node
echo "restart to first search, 2 clients searching the node itself: $t s (documents: $(docs "$port"), RSS $(rss "$a"))"
kill "$l1" "$l2"; wait "$l1" "$l2" 2>/dev/null || true

if [ "${UPSERTS:-0}" -gt 0 ]; then
  for i in $(seq "$UPSERTS"); do
    $LOAD ingest --url "http://127.0.0.1:$port" --index debian --file "$DATA" --batch 10000 --pid "$a" | tail -n 1
    echo "after upsert round $i: RSS $(rss "$a"), data folder $(du -sh "$work/a" | cut -f1)"
  done
  kill -9 "$a"; wait "$a" 2>/dev/null || true
  restart_timed "$port" "$work/a"; a=$node
  echo "restart to first search after $UPSERTS upsert rounds: $t s (documents: $(docs "$port"), RSS $(rss "$a"))"
fi
