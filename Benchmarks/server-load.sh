#!/usr/bin/env bash
# Load figure for docs/performance.md: GET /api/v1/people?limit=50 on 10,000 people, with wrk, against the
# seed's stated capacity of 1,000 requests per minute. Loopback only, bounded in time.
# Usage: Benchmarks/server-load.sh [SECONDS]   (default 15). Needs wrk (apt-get install wrk).
set -euo pipefail
DURATION=${1:-15}
cd "$(dirname "$0")/.."
swift build -c release --product tappplus-server >/dev/null
BIN="$(swift build -c release --show-bin-path)/tappplus-server"
WORK=$(mktemp -d /tmp/tapp-load.XXXXXX)
PORT=$((20000 + RANDOM % 20000))
cleanup() { [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
"$BIN" seed --db "$WORK/server.sqlite" >/dev/null
python3 - "$WORK/server.sqlite" <<'PY'
import sqlite3, sys, random, datetime
db = sqlite3.connect(sys.argv[1])
random.seed(7)
first = ["Marie", "Jean", "Fatou", "Hélène", "Émilie", "Jérôme", "Aïssatou", "Samuel", "Grâce", "Boris"]
last = ["Nguema", "Mballa", "Diallo", "Étoundi", "Kamga", "Owona", "N'Diaye", "Fotso", "Abéga", "Tsala"]
now = datetime.datetime.utcnow().strftime("%Y-%m-%dT%H:%M:%S.000Z")
rows = [(f"cload{i:020d}", f"{random.choice(first)} {random.choice(last)}", None, f"+2376{random.randint(50000000, 99999999)}",
         None, "Douala", now, now) for i in range(10000)]
db.executemany("INSERT INTO people (id, fullName, birthdate, phone, email, address, createdAt, updatedAt) VALUES (?,?,?,?,?,?,?,?)", rows)
# Each one attached to the organization, as a clinic's patients are: the list answer includes the links.
db.executemany("INSERT INTO person_organizations (personId, orgId, startAt, role, isActive, createdAt, updatedAt) "
               "VALUES (?, 'org_default', ?, 'PATIENT', 1, ?, ?)", [(r[0], now, now, now) for r in rows])
db.commit()
PY
JWT_SECRET=load-test-secret-for-access-tokens-0123 JWT_REFRESH_SECRET=load-test-secret-for-refresh-tokens-012 \
  "$BIN" serve --db "$WORK/server.sqlite" --port "$PORT" --throttle-limit 0 --login-limit 0 > "$WORK/server.log" 2>&1 &
PID=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.1; done
TOKEN=$(curl -s -XPOST "http://127.0.0.1:$PORT/api/v1/auth/login" -H 'content-type: application/json' \
  -d '{"email":"admin@meditache.com","password":"admin123"}' | python3 -c 'import sys, json; print(json.load(sys.stdin)["access_token"])')
TOTAL=$(curl -s "http://127.0.0.1:$PORT/api/v1/people?limit=1" -H "Authorization: Bearer $TOKEN" | python3 -c 'import sys, json; print(json.load(sys.stdin)["total"])')
echo "people: $TOTAL"
wrk -t2 -c16 -d"${DURATION}s" --latency -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/people?limit=50" > "$WORK/wrk.txt"
grep -E "Requests/sec|99%|Latency  " "$WORK/wrk.txt"
RPS=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")
python3 -c "print(f'capacity: {float(\"$RPS\") * 60:,.0f} requests/minute, {float(\"$RPS\") * 60 / 1000:.0f}x the seed architecture\'s 1,000 requests/minute')"
