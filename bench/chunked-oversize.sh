#!/usr/bin/env bash
# Memory after oversized chunked uploads: 8 concurrent 200 MB bodies sent with Transfer-Encoding: chunked
# (no Content-Length) to an engine node and to an orchestrator over it, both with the default 100 MB limit.
# Prints each answer's status and VmRSS/VmHWM before, right after, 5 s and 30 s after the burst.
# Usage: bash bench/chunked-oversize.sh [concurrency] [megabytes]
set -eu
cd "$(dirname "$0")/.."
CONCURRENCY=${1:-8}
MEGABYTES=${2:-200}
dotnet build src/Miroir -c Release -v q -nologo >/dev/null
MIROIR="dotnet src/Miroir/bin/Release/net10.0/miroir.dll"
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
wait_up() { until curl -sf "$1/health" >/dev/null; do sleep 0.1; done; }
mem() { awk '/VmRSS|VmHWM/ { printf "%s %d MB  ", $1, $2 / 1024 }' "/proc/$1/status"; echo; }

$MIROIR node --port 7841 --data "$work/n1" >/dev/null 2>&1 & node=$!; pids+=($node)
cat > "$work/miroir.yaml" <<YAML
shards: 4
replication_factor: 1
nodes:
  - { id: node-1, address: http://127.0.0.1:7841, replica_group: 0 }
state: { path: $work/state }
server: { port: 7840, bind: 127.0.0.1, metrics_port: 0 }
YAML
wait_up http://127.0.0.1:7841
$MIROIR serve -c "$work/miroir.yaml" >/dev/null 2>&1 & proxy=$!; pids+=($proxy)
wait_up http://127.0.0.1:7840

# One warm-up write so both processes have their steady-state working set before the first figure.
for port in 7841 7840; do
  curl -sf -XPOST "http://127.0.0.1:$port/indexes/warm/documents" -H 'content-type: application/json' -d '[{"id":1}]' >/dev/null
done
sleep 1

burst() {
  local port=$1 out=()
  for i in $(seq "$CONCURRENCY"); do
    # `-T -` streams stdin with Transfer-Encoding: chunked and no Content-Length.
    ( { printf '['; head -c $((MEGABYTES * 1024 * 1024)) /dev/zero | tr '\0' ' '; } \
      | curl -s -o /dev/null -w '%{http_code} ' -X POST -T - -H 'content-type: application/json' \
          "http://127.0.0.1:$port/indexes/big/documents" || true ) > "$work/status.$i" &
    out+=($!)
  done
  wait "${out[@]}" || true
  cat "$work"/status.*; echo
}

for target in "engine 7841 $node" "orchestrator 7840 $proxy"; do
  set -- $target
  echo "== $1: $CONCURRENCY concurrent chunked bodies of $MEGABYTES MB"
  echo -n "before:     "; mem "$3"
  echo -n "answers:    "; burst "$2"
  echo -n "after:      "; mem "$3"
  for t in 5 30; do sleep $(( t == 5 ? 5 : 25 )); echo -n "after $t s:  "; mem "$3"; done
done
