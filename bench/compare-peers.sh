#!/usr/bin/env bash
# Peer comparison, everything side by side in one run (issue 5, 05-quality.md):
#   direct  one engine node holding the debian corpus
#   nginx   nginx (Debian package, one worker process) in front of that node
#   yarp    a plain YARP reverse proxy (bench/Miroir.PeerProxy) in front of that node
#   miroir1 Miroir (Native AOT) over one engine node (RF 1)
#   miroir3 Miroir (Native AOT) over three engine nodes (RF 2, S 12)
# Reports, per target: CPU µs per request of the measured process (the proxy, or the node for
# direct), pass-through (get document by id) and search latencies, ingest docs/s, RSS; then RSS of
# Miroir at 1,000 concurrent searches. Usage: bash bench/compare-peers.sh [seconds per run, default 15]
# INLINE_IO=true runs both Miroirs with server.inline_io (request handling on the socket threads).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-15}
command -v nginx >/dev/null || { apt-get install -y -q nginx-light >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q nginx-light >/dev/null; }; }
dotnet publish src/Miroir -c Release -r linux-x64 -o artifacts/aot -v q -nologo >/dev/null
dotnet build load/Miroir.Load -c Release -v q -nologo >/dev/null
dotnet build bench/Miroir.PeerProxy -c Release -v q -nologo >/dev/null
MIROIR=artifacts/aot/miroir
LOAD="dotnet load/Miroir.Load/bin/Release/net10.0/Miroir.Load.dll"
YARP="dotnet bench/Miroir.PeerProxy/bin/Release/net10.0/Miroir.PeerProxy.dll"
source bench/cluster.sh

# Nodes: 7911 (direct, behind nginx and YARP), 7912 (behind miroir1), 7913-7915 (behind miroir3).
for port in 7911 7912 7913 7914 7915; do start_node $port; done
start_miroir 7921 "  - { id: solo, address: http://127.0.0.1:7912, replica_group: 0 }" 1
start_miroir 7923 "$(nodes_yaml 7913 7914 7915)" 2
cat > "$work/nginx.conf" <<NGINX
daemon off; master_process off; worker_processes 1; pid $work/nginx.pid; error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  upstream node { server 127.0.0.1:7911; keepalive 64; }
  server {
    listen 127.0.0.1:7931;
    client_max_body_size 200m;
    location / { proxy_pass http://node; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_buffering on; }
  }
}
NGINX
nginx -c "$work/nginx.conf" & nginx_pid=$!; pids+=($nginx_pid)
$YARP --port 7932 --target http://127.0.0.1:7911 >"$work/yarp.log" 2>&1 & yarp_pid=$!; pids+=($yarp_pid)
wait_up http://127.0.0.1:7931; wait_up http://127.0.0.1:7932

echo "# compare-peers $(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), inline_io ${INLINE_IO:-false}"
for target in "direct 7911" "miroir1 7921" "miroir3 7923"; do
  set -- $target
  create_index $2
  echo "## ingest $1"
  $LOAD ingest --url "http://127.0.0.1:$2" --index debian --file $DATA --batch 10000 --pid "$(pid_of_port $2)" --settings "$SETTINGS"
done

for profile in get search; do
  for target in "direct 7911 7911" "nginx 7931 7931" "yarp 7932 7932" "miroir1 7921 7921" "miroir3 7923 7923"; do
    set -- $target
    echo "## $profile via $1 (closed model, 4 clients for get, 1 for search, ${SECONDS_PER_RUN} s; CPU of the process on :$3)"
    clients=$([ $profile = get ] && echo 4 || echo 1)
    $LOAD $profile --url "http://127.0.0.1:$2" --index debian --file $DATA --duration "$SECONDS_PER_RUN" --concurrency $clients \
      --pid "$(pid_of_port $3)" --filter-field section --facet-field section || echo "(errors above)"
  done
done

echo "## miroir3 at 1,000 concurrent searches (${SECONDS_PER_RUN} s)"
$LOAD search --url http://127.0.0.1:7923 --index debian --file $DATA --duration "$SECONDS_PER_RUN" --concurrency 1000 --pid "$(pid_of_port 7923)" || true
