# Sourced by the bench scripts (from the repository root, after MIROIR is set to the command that runs `miroir`):
# a scratch folder removed with every process started here on exit, and helpers to start engine nodes and
# orchestrators on loopback. Also sources corpus.sh (DATA) and sets SETTINGS, the debian index's settings.
source bench/corpus.sh
SETTINGS='{"filterableAttributes":["section","priority","architecture","installed_size_kb","tags"],"sortableAttributes":["installed_size_kb","name"]}'
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
wait_up() { until curl -sf "$1/health" >/dev/null; do sleep 0.1; done; }
# start_node PORT: an engine node with its data in $work/node-PORT; its pid is appended to pids.
start_node() { $MIROIR node --port "$1" --data "$work/node-$1" >"$work/node-$1.log" 2>&1 & pids+=($!); wait_up "http://127.0.0.1:$1"; }
# start_miroir PORT NODES RF: an orchestrator (S 12) over the nodes given as YAML list lines.
start_miroir() {
  cat > "$work/miroir-$1.yaml" <<YAML
shards: 12
replication_factor: $3
nodes:
$2
state: { path: $work/state-$1 }
server: { port: $1, bind: 127.0.0.1, metrics_port: 0, inline_io: ${INLINE_IO:-false} }
YAML
  $MIROIR serve -c "$work/miroir-$1.yaml" >"$work/miroir-$1.log" 2>&1 & pids+=($!); wait_up "http://127.0.0.1:$1"
}
# nodes_yaml PORT...: the YAML list lines of nodes node-1.. at those ports, all in replica group 0.
nodes_yaml() { local i=1; for port in "$@"; do echo "  - { id: node-$i, address: http://127.0.0.1:$port, replica_group: 0 }"; i=$((i + 1)); done; }
pid_of_port() { ss -ltnpH "sport = :$1" | sed -E 's/.*pid=([0-9]+).*/\1/' | head -1; }
# create_index PORT: the debian index (primary key id).
create_index() { curl -sf -XPOST "http://127.0.0.1:$1/indexes" -H 'content-type: application/json' -d '{"uid":"debian","primaryKey":"id"}' >/dev/null; }
