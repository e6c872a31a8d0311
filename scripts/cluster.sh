#!/usr/bin/env bash
# `npm run cluster`: a local cluster to try: two Nexus Live nodes on PostgreSQL and Redis, behind
# HAProxy on http://localhost:3000 (PORT). Ctrl-C stops it all. The database (nexus_cluster) is
# kept between runs; NEXUS_CLUSTER_FRESH=1 starts it again empty. See docs/operations.md.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-3000}
PG_ADMIN=${NEXUS_CLUSTER_PG:-postgres://postgres@127.0.0.1:5432}
DB=${NEXUS_CLUSTER_DB:-nexus_cluster}
export NEXUS_DATABASE_URL="$PG_ADMIN/$DB"
export NEXUS_REDIS_URL=${NEXUS_REDIS_URL:-redis://127.0.0.1:6379}
export NEXUS_DB_PATH=${NEXUS_DB_PATH:-./data/cluster/nexus.db} # only for the first-start passwords file
export NEXUS_TRUST_PROXY=on

command -v haproxy >/dev/null || { echo "cluster: needs HAProxy (apt-get install -y haproxy)" >&2; exit 1; }
scripts/services.sh
if [ "${NEXUS_CLUSTER_FRESH:-0}" = 1 ]; then psql "$PG_ADMIN/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >&2; fi
psql "$PG_ADMIN/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 || psql "$PG_ADMIN/postgres" -qc "CREATE DATABASE $DB" >&2
npm run build >&2

pids=()
stop() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop EXIT INT TERM

for n in 1 2; do
  PORT=$((PORT + n)) NEXUS_NODE_ID="node-$n" node --import tsx server/main.ts > >(sed -u "s/^/[node-$n] /") 2>&1 &
  pids+=($!)
  echo "cluster: node-$n is pid $! on :$((PORT + n))" >&2
done
NEXUS_CLUSTER_BIND="127.0.0.1:$PORT" NEXUS_NODE1="127.0.0.1:$((PORT + 1))" NEXUS_NODE2="127.0.0.1:$((PORT + 2))" \
  haproxy -db -f scripts/cluster/haproxy.cfg &
pids+=($!)
echo "cluster: http://localhost:$PORT (kill -9 a node's pid to watch the other take over)" >&2
# Runs until HAProxy stops (or Ctrl-C); a node that dies is left dead, for the other to cover.
wait "${pids[-1]}"
