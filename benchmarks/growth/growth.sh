#!/usr/bin/env bash
# Growth benchmark: the same requests on an empty database and after seeding it by SQL (seed.py) to USERS users,
# EVENTS audit events and SESSIONS sessions with their refresh tokens; then one retention pass over that backlog
# while logins run. Prints one markdown table. Stops by itself and removes what it made.
#
#   benchmarks/growth/growth.sh                              SQLite (a fresh file)
#   benchmarks/growth/growth.sh --provider PostgreSql        a throwaway PostgreSQL cluster (Debian's, as the tests use)
#
# Environment: USERS (default 1000000), EVENTS (3000000), SESSIONS (500000), REPEAT (timed requests each, 40).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
HERE=$ROOT/benchmarks/growth
USERS=${USERS:-1000000}
EVENTS=${EVENTS:-3000000}
SESSIONS=${SESSIONS:-500000}
REPEAT=${REPEAT:-40}
PORT=${PORT:-18081}
BASE=http://127.0.0.1:$PORT
PROVIDER=Sqlite
while [ $# -gt 0 ]; do
  case "$1" in
    --provider) PROVIDER=$2; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

source "$ROOT/benchmarks/lib.sh"
if [ "$PROVIDER" = PostgreSql ]; then
  start_postgres
  CONNECTION="$AUTH_TEST_POSTGRES;Database=auth_growth"
  PSQL="-h 127.0.0.1 -p $(echo "$AUTH_TEST_POSTGRES" | sed 's/.*Port=\([0-9]*\).*/\1/') -U postgres -d auth_growth"
else
  CONNECTION="Data Source=$tmp/run/auth.db"
fi

echo "Publishing (Release)..." >&2
dotnet publish src/WebApi/WebApi.csproj -c Release -o "$tmp/app" >"$tmp/publish.log" 2>&1 || { cat "$tmp/publish.log" >&2; exit 1; }
mkdir -p "$tmp/run"
service() {
  (cd "$tmp/run" && exec env ASPNETCORE_ENVIRONMENT=Development Database__Provider="$PROVIDER" ConnectionStrings__Auth="$CONNECTION" \
     RateLimiting__Enabled=false Accounts__RequireVerifiedEmail=false "$@")
}
start() {
  # exec all the way down: $pid is the service itself, so stop() stops it.
  (cd "$tmp/run" && exec env ASPNETCORE_ENVIRONMENT=Development Database__Provider="$PROVIDER" ConnectionStrings__Auth="$CONNECTION" \
     RateLimiting__Enabled=false Accounts__RequireVerifiedEmail=false "$@" dotnet "$tmp/app/Auth.WebApi.dll" --urls "$BASE") >>"$tmp/service.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 240); do curl -sf -o /dev/null "$BASE/health/live" && return 0; sleep 0.5; done
  echo "the service did not start:" >&2; tail -20 "$tmp/service.log" >&2; exit 1
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }

PW='correct horse battery staple'
json() { python3 -c "import sys,json; print(json.load(sys.stdin)[\"$1\"])"; }
start
echo "Signing up 16 users and an administrator..." >&2
export LOGINS_FILE=$tmp/logins
: >"$LOGINS_FILE"
for i in $(seq 1 16); do
  email="bench$i@example.com"
  curl -sf -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$PW\",\"full_name\":\"Bench $i\"}" "$BASE/api/v1/auth/signup"
  first=$(curl -sf --data-urlencode "username=$email" --data-urlencode "password=$PW" "$BASE/api/v1/auth/login")
  echo "username=bench$i%40example.com&password=correct+horse+battery+staple $(echo "$first" | json device_token)" >>"$LOGINS_FILE"
done
export ACCESS_TOKEN; ACCESS_TOKEN=$(echo "$first" | json access_token)
echo "$PW" | service dotnet "$tmp/app/Auth.WebApi.dll" admin create --email root@example.com --name Root >/dev/null
admin() { curl -sf --data-urlencode "username=root@example.com" --data-urlencode "password=$PW" "$BASE/api/v1/auth/login" | json access_token; }

rps() { awk '/Requests\/sec/ {print int($2)}' "$1"; }
p99() { awk '$1=="99%" { v=$2; u=v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
         f = (u=="us") ? 0.001 : (u=="s") ? 1000 : 1; printf "%.1f", v*f }' "$1"; }
good() { awk -v d="$2" '/requests in/ {t=$1} /Non-2xx/ {e=$5} END {printf "%d", (t - e) / d}' "$1"; }

# The sort key of the user in the middle of the list and of the audit event in the middle of the log (for a deep cursor).
middle() {
  if [ "$PROVIDER" = PostgreSql ]; then
    psql -At $PSQL -c "SELECT (extract(epoch FROM \"$2\") * 10000000)::bigint + 621355968000000000, \"Id\" FROM \"$1\" ORDER BY \"$2\", \"Id\" OFFSET (SELECT count(*) / 2 FROM \"$1\") LIMIT 1" | tr '|' ' '
  else
    python3 -c "import sqlite3,sys; c=sqlite3.connect('$tmp/run/auth.db'); print(*c.execute('SELECT \"$2\", \"Id\" FROM \"$1\" ORDER BY \"$2\", \"Id\" LIMIT 1 OFFSET (SELECT count(*) / 2 FROM \"$1\")').fetchone())"
  fi
}

# Text anywhere in an address or a name: PostgreSQL's trigram indexes (elsewhere the service answers 400).
CONTAINS=()
[ "$PROVIDER" = PostgreSql ] && CONTAINS=("users_contains=/api/v1/admin/users?contains=77777" "users_contains_broad=/api/v1/admin/users?contains=lice%201")

measure() {
  local label=$1
  echo "Measuring ($label)..." >&2
  # 30 s: tiered JIT needs about that long to compile /me's path fully (after 15 s it still answers half as many).
  wrk -t1 -c16 -d30s -s "$ROOT/benchmarks/load/bearer.lua" "$BASE/api/v1/auth/me" >/dev/null 2>&1
  wrk -t1 -c4 -d5s -s "$ROOT/benchmarks/load/login.lua" "$BASE/api/v1/auth/login" >/dev/null 2>&1
  wrk -t1 -c16 -d6s -s "$ROOT/benchmarks/load/bearer.lua" "$BASE/api/v1/auth/me" >"$tmp/me.$label" 2>&1
  wrk -t1 -c4 -d6s --latency -s "$ROOT/benchmarks/load/login.lua" "$BASE/api/v1/auth/login" >"$tmp/login.$label" 2>&1
  read -r user_at user_id < <(middle Users CreatedAt)
  read -r event_at event_id < <(middle AuditEvents OccurredAt)
  python3 "$HERE/timing.py" "$BASE" "$(admin)" "$REPEAT" \
    "sessions=/api/v1/auth/sessions" \
    "users_alice=/api/v1/admin/users?query=alice" \
    "users_u77777=/api/v1/admin/users?query=u77777" \
    "users_first=/api/v1/admin/users?page_size=100" \
    "users_deep=/api/v1/admin/users?page_size=100&cursor={cursor:$user_at:$user_id}" \
    "audit_first=/api/v1/admin/audit?page=1&page_size=50" \
    "audit_deep=/api/v1/admin/audit?page_size=50&cursor={cursor:$event_at:$event_id}" \
    "audit_user=/api/v1/admin/audit?user_id=00000005-0000-7000-8000-000000000005&page_size=50" \
    "audit_type=/api/v1/admin/audit?type=password.changed&page_size=50" \
    "${CONTAINS[@]}" >"$tmp/timing.$label"
}

measure empty
stop

echo "Seeding $USERS users, $EVENTS audit events, $SESSIONS sessions..." >&2
if [ "$PROVIDER" = PostgreSql ]; then
  python3 "$HERE/seed.py" postgresql "$PSQL" "$USERS" "$EVENTS" "$SESSIONS"
else
  python3 "$HERE/seed.py" sqlite "$tmp/run/auth.db" "$USERS" "$EVENTS" "$SESSIONS"
fi
# The seeded pages reach the disk before anything is timed (write-back would otherwise compete for the cores).
sync
start
measure seeded

# Retention over the seeded backlog (about half the audit log is older than a year, a tenth of the sessions ended
# long ago) while four clients log in: the pass's time from its log line, and the logins' p99 against idle. The
# service is new, so it is warmed up as measure() does before its first pass begins (50 s after the start): a cold
# process's first logins would be counted against the pass.
stop
echo "Retention pass under logins..." >&2
: >"$tmp/service.log"
start Retention__Interval=00:00:50
first_pass=$(($(date +%s) + 50))
wrk -t1 -c16 -d30s -s "$ROOT/benchmarks/load/bearer.lua" "$BASE/api/v1/auth/me" >/dev/null 2>&1
wrk -t1 -c4 -d5s -s "$ROOT/benchmarks/load/login.lua" "$BASE/api/v1/auth/login" >/dev/null 2>&1
while [ "$(date +%s)" -lt "$first_pass" ]; do sleep 0.2; done
wrk -t1 -c4 -d40s --latency -s "$ROOT/benchmarks/load/login.lua" "$BASE/api/v1/auth/login" >"$tmp/login.retention" 2>&1
# The pass paces itself (it yields at least as long as each batch took): it goes on after the logins' 40 s.
for _ in $(seq 1 3000); do grep -q "Retention pass done" "$tmp/service.log" && break; sleep 0.1; done
# Then the passes that follow, every 50 s, over the same big tables with only what expired since to remove.
wrk -t1 -c4 -d60s --latency -s "$ROOT/benchmarks/load/login.lua" "$BASE/api/v1/auth/login" >"$tmp/login.steady" 2>&1
steady=$(grep -o "Retention pass done: removed or erased [0-9]* rows in [0-9.]* s" "$tmp/service.log" | tail -n +2 | awk '{n++; s+=$10} END {if (n) printf "%d passes, %.3f s each", n, s/n}')
read -r removed retention_s < <(grep -o "Retention pass done: removed or erased [0-9]* rows in [0-9.]* s" "$tmp/service.log" | head -1 | awk '{print $7, $10}')

t() { awk -v n="$2" -v c="$3" '$1==n {print $c}' "$tmp/timing.$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "–"; else printf "%.2f ×", a / b }'; }
row() { echo "| $1 | $2 | $3 | $(ratio "$3" "$2") |"; }
echo
echo "Auth growth benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, $PROVIDER: empty, then $USERS users, $EVENTS audit events, $SESSIONS sessions"
echo
echo "| request | empty | seeded | seeded ÷ empty |"
echo "|---|---|---|---|"
row "\`GET /auth/me\` req/s (c=16)" "$(rps "$tmp/me.empty")" "$(rps "$tmp/me.seeded")"
row "password login/s (c=4)" "$(good "$tmp/login.empty" 6)" "$(good "$tmp/login.seeded" 6)"
for name in sessions users_alice users_u77777 users_first users_deep audit_first audit_deep audit_user audit_type ${CONTAINS[@]%%=*}; do
  echo "| $name, p50 / p95 ms | $(t empty "$name" 2) / $(t empty "$name" 3) | $(t seeded "$name" 2) / $(t seeded "$name" 3) | p95 $(ratio "$(t seeded "$name" 3)" "$(t empty "$name" 3)") |"
done
echo "| login p99 ms (c=4): idle, then during retention | $(p99 "$tmp/login.seeded") | $(p99 "$tmp/login.retention") | $(ratio "$(p99 "$tmp/login.retention")" "$(p99 "$tmp/login.seeded")") |"
echo "| retention pass over the seeded backlog | | ${removed:-?} rows in ${retention_s:-?} s | |"
echo "| login p99 ms (c=4): idle, then during the passes after it, every 50 s (${steady:-none seen}) | $(p99 "$tmp/login.seeded") | $(p99 "$tmp/login.steady") | $(ratio "$(p99 "$tmp/login.steady")" "$(p99 "$tmp/login.seeded")") |"
