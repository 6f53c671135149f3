#!/usr/bin/env bash
# A trial of the product as a province runs it, on one machine: PostgreSQL, Redis, N application nodes and nginx in
# front of them. Everything lives under one folder (default /tmp/workflow-trial) and stops with Ctrl+C.
#   deploy/run-nodes.sh [nodes=2] [port=8080]
# Then open http://127.0.0.1:<port>/ (demo logins are printed by the node that seeds). Node logs (JSON, one object per
# line): <folder>/node-N.log. Kill a node (kill -9 <pid>, pids in <folder>/node-N.pid) and watch the other take over.
# Production: run the same pieces as services (systemd), with the configuration keys of README "Running several nodes".
set -euo pipefail

nodes="${1:-2}"
port="${2:-8080}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
state="${WORKFLOW_TRIAL_DIR:-/tmp/workflow-trial}"
pg_port="${WORKFLOW_TRIAL_PG_PORT:-55433}"
redis_port="${WORKFLOW_TRIAL_REDIS_PORT:-56380}"
first_node_port=5201
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 IBM_TELEMETRY_DISABLED=true

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
run_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
log() { printf '== %s\n' "$*"; }

# --- What the trial needs, from Debian --------------------------------------------------------------------------
need=()
pg_bin=""; for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/initdb" ] && pg_bin="$dir"; done
[ -n "$pg_bin" ] || need+=(postgresql)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
if [ ${#need[@]} -gt 0 ]; then
  log "Installing ${need[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/initdb" ] && pg_bin="$dir"; done
fi
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

mkdir -p "$state"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$state"

pids=()
cleanup() {
  log "Stopping"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  "$nginx_bin" -p "$state" -c "$state/nginx.conf" -s quit 2>/dev/null || true
  redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
  run_pg "'$pg_bin/pg_ctl' -D '$state/pgdata' -m fast stop" >/dev/null 2>&1 || true
}
trap cleanup EXIT INT TERM

# --- PostgreSQL and Redis ----------------------------------------------------------------------------------------
if [ ! -d "$state/pgdata" ]; then
  run_pg "'$pg_bin/initdb' -D '$state/pgdata' -U postgres --auth-host=trust --auth-local=trust -E UTF8 --locale=C.UTF-8" >/dev/null
fi
log "PostgreSQL on 127.0.0.1:$pg_port"
run_pg "'$pg_bin/pg_ctl' -D '$state/pgdata' -o \"-h 127.0.0.1 -p $pg_port -k '$state' -c max_connections=300\" -l '$state/pg.log' -w start" >/dev/null
run_pg "'$pg_bin/psql' -h 127.0.0.1 -p $pg_port -U postgres -tc \"SELECT 1 FROM pg_database WHERE datname = 'workflow'\"" | grep -q 1 \
  || run_pg "'$pg_bin/createdb' -h 127.0.0.1 -p $pg_port -U postgres -E UTF8 -T template0 workflow"
log "Redis on 127.0.0.1:$redis_port"
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes --logfile "$state/redis.log"

# --- The nodes -------------------------------------------------------------------------------------------------
log "Building (Release)"
dotnet build "$root/src/Workflow.Web" -c Release --nologo -v q >"$state/build.log" 2>&1 || { tail -30 "$state/build.log"; exit 1; }
dll="$root/src/Workflow.Web/bin/Release/net10.0/Workflow.Web.dll"
upstream=""
for i in $(seq 1 "$nodes"); do
  node_port=$((first_node_port + i - 1))
  upstream="$upstream    server 127.0.0.1:$node_port max_fails=1 fail_timeout=5s;"$'\n'
  log "Node $i on 127.0.0.1:$node_port (log: $state/node-$i.log)"
  (
    cd "$root/src/Workflow.Web"
    export ASPNETCORE_URLS="http://127.0.0.1:$node_port" ASPNETCORE_ENVIRONMENT=Production
    export Database__Provider=Postgres Database__PostgresConnectionString="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=workflow"
    export Redis__Configuration="127.0.0.1:$redis_port" Jobs__NodeName="node-$i"
    export ForwardedHeaders__Enabled=true ForwardedHeaders__KnownProxies__0=127.0.0.1
    export Logging__Console__FormatterName=json Logging__Console__FormatterOptions__IncludeScopes=true
    exec dotnet "$dll"
  ) >"$state/node-$i.log" 2>&1 &
  pids+=($!)
  echo $! >"$state/node-$i.pid"
done

for i in $(seq 1 "$nodes"); do
  node_port=$((first_node_port + i - 1))
  for _ in $(seq 1 240); do
    curl -fs "http://127.0.0.1:$node_port/health/ready" >/dev/null 2>&1 && break
    kill -0 "${pids[$((i - 1))]}" 2>/dev/null || { tail -30 "$state/node-$i.log"; exit 1; }
    sleep 0.5
  done
  curl -fs "http://127.0.0.1:$node_port/health/ready" >/dev/null || { echo "node $i is not ready"; exit 1; }
done

# --- nginx in front: the client's address and scheme forwarded, WebSockets for live updates, one client on one
# node (ip_hash: SignalR's negotiation and its connection must meet the same node), /metrics kept inside. ---------
cat >"$state/nginx.conf" <<CONF
worker_processes 1;
pid $state/nginx.pid;
error_log $state/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log $state/nginx-access.log;
  client_max_body_size 64m;
  map \$http_upgrade \$connection_upgrade { default upgrade; '' close; }
  upstream workflow {
    ip_hash;
$upstream  }
  server {
    listen 127.0.0.1:$port;
    location = /metrics { return 404; }
    location / {
      proxy_pass http://workflow;
      proxy_http_version 1.1;
      proxy_set_header Host \$host:\$server_port;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$connection_upgrade;
      proxy_next_upstream error timeout http_502 http_503;
      proxy_read_timeout 120s;
    }
  }
}
CONF
"$nginx_bin" -p "$state" -c "$state/nginx.conf"
log "Ready: http://127.0.0.1:$port/ ($nodes nodes). Ctrl+C stops everything."
wait "${pids[@]}"
