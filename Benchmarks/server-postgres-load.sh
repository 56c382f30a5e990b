#!/usr/bin/env bash
# Figures for docs/performance.md (issue 17): tappplus-server on PostgreSQL at 1,000,000 people and 10,000,000
# consultations (generated with SQL, Benchmarks/postgres-generate.sql): p99 of GET /people?limit=50, a person's page
# and GET /consultations?personId= with one instance; then one instance against two behind nginx.
# A throw-away cluster as an unprivileged user (tapp-pg, made by scripts/setup-system.sh), loopback only.
# Usage: Benchmarks/server-postgres-load.sh [SECONDS] [DATA_FOLDER]   (default 10 s; a DATA_FOLDER that already holds
# a generated cluster is reused, which skips the ~10 minutes of generation).
set -euo pipefail
DURATION=${1:-10}
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DATA=${2:-$ROOT/bench-data/postgres}
swift build -c release --product tappplus-server >/dev/null
BIN="$(swift build -c release --show-bin-path)/tappplus-server"
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
AS=(runuser -u tapp-pg --); [ "$(id -u)" -eq 0 ] || AS=()
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
WORK=$(mktemp -d /tmp/tapp-pgload.XXXXXX)
PGPORT=$(free_port)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  "${AS[@]}" "$PGBIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
mkdir -p "$(dirname "$DATA")"
FRESH=0
if [ ! -f "$DATA/PG_VERSION" ]; then
  mkdir -p "$DATA"; chown tapp-pg "$DATA" 2>/dev/null || true
  "${AS[@]}" "$PGBIN/initdb" -D "$DATA" -U tapp-pg --auth=trust --no-locale -E UTF8 >/dev/null
  FRESH=1
fi
chown tapp-pg "$WORK" 2>/dev/null || true
"${AS[@]}" "$PGBIN/pg_ctl" -D "$DATA" -l "$WORK/postgres.log" -w -o "-p $PGPORT -k $WORK -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c max_connections=200" start >/dev/null
PSQL=(psql -h 127.0.0.1 -p "$PGPORT" -U tapp-pg -X -q -A -t)
URL="postgres://tapp-pg@127.0.0.1:$PGPORT/tapp?sslmode=disable"
if [ "$FRESH" -eq 1 ]; then
  "${PSQL[@]}" -d postgres -c "CREATE DATABASE tapp"
  "$BIN" seed --database "$URL" >/dev/null
  DOCTOR=$("${PSQL[@]}" -d tapp -c "SELECT id FROM doctors LIMIT 1")
  echo "generating 1,000,000 people and 10,000,000 consultations…"
  time "${PSQL[@]}" -d tapp -v doctor="$DOCTOR" -f Benchmarks/postgres-generate.sql
fi
"${PSQL[@]}" -d tapp -c "SELECT 'people', count(*) FROM people UNION ALL SELECT 'consultations', count(*) FROM consultations"
export JWT_SECRET=load-test-secret-for-access-tokens-0123 JWT_REFRESH_SECRET=load-test-secret-for-refresh-tokens-012
start() {  # PORT LOG
  "$BIN" serve --database "$URL" --port "$1" --throttle-limit 0 --login-limit 0 > "$2" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$1/health" >/dev/null && return; sleep 0.1; done
  echo "the server on $1 did not start"; cat "$2"; exit 1
}
ONE=$(free_port); start "$ONE" "$WORK/one.log"
TOKEN=$(curl -s -XPOST "http://127.0.0.1:$ONE/api/v1/auth/login" -H 'content-type: application/json' \
  -d '{"email":"admin@meditache.com","password":"admin123"}' | python3 -c 'import sys, json; print(json.load(sys.stdin)["access_token"])')
PERSON=cgen00000000000000123457
load() {  # NAME URL
  wrk -t2 -c16 -d"${DURATION}s" --latency -H "Authorization: Bearer $TOKEN" "$2" > "$WORK/wrk.txt"
  printf '%-34s %10s req/s   p50 %8s   p99 %8s\n' "$1" "$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")" \
    "$(awk '$1 == "50%" {print $2}' "$WORK/wrk.txt")" "$(awk '$1 == "99%" {print $2}' "$WORK/wrk.txt")"
}
echo "== one instance (wrk -t2 -c16, ${DURATION} s each)"
load "GET /people?limit=50" "http://127.0.0.1:$ONE/api/v1/people?limit=50"
load "GET /people/:id" "http://127.0.0.1:$ONE/api/v1/people/$PERSON"
load "GET /consultations?personId=" "http://127.0.0.1:$ONE/api/v1/consultations?personId=$PERSON"
TWO=$(free_port); start "$TWO" "$WORK/two.log"
PROXY=$(free_port)
mkdir -p "$WORK/nginx"
cat > "$WORK/nginx/nginx.conf" <<NGINX
daemon off; worker_processes 1; pid $WORK/nginx/nginx.pid; error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  upstream tappplus { server 127.0.0.1:$ONE; server 127.0.0.1:$TWO; keepalive 32; }
  server { listen 127.0.0.1:$PROXY;
    location / { proxy_pass http://tappplus; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host \$host; } }
}
NGINX
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" &
PIDS+=($!)
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PROXY/health" >/dev/null && break; sleep 0.1; done
echo "== one instance direct, then through nginx to one, then through nginx to two"
load "GET /people?limit=50 (1, direct)" "http://127.0.0.1:$ONE/api/v1/people?limit=50"
load "GET /people?limit=50 (2, nginx)" "http://127.0.0.1:$PROXY/api/v1/people?limit=50"
load "GET /people/:id (1, direct)" "http://127.0.0.1:$ONE/api/v1/people/$PERSON"
load "GET /people/:id (2, nginx)" "http://127.0.0.1:$PROXY/api/v1/people/$PERSON"
