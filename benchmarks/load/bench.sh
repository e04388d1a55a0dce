#!/usr/bin/env bash
# HTTP load benchmark: publishes Auth, starts it on a fresh database on loopback, loads it with wrk and prints one
# markdown table of figures and targets. Stops by itself (about two minutes; add the peers for about three more).
#
#   benchmarks/load/bench.sh            this checkout only, on a fresh SQLite file
#   benchmarks/load/bench.sh --peers    also runs ../shared/bench/bench.sh first, for the ratio targets
#   benchmarks/load/bench.sh --provider PostgreSql [--connection "Host=...;Database=..."]
#                                       on PostgreSQL: the given database, or a throwaway cluster of its own
#                                       (Debian's postgresql, as the tests start it; stopped at the end)
#
# Environment: SECONDS_PER_LOAD (default 8), FLOOD_SECONDS (default 12), FLOOD_CONNECTIONS (default 200), and any
# service setting as usual (e.g. PasswordHashing__Engine=Managed, PasswordHashing__MaxConcurrency=2).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
HERE=$ROOT/benchmarks/load
D=${SECONDS_PER_LOAD:-8}
FLOOD=${FLOOD_SECONDS:-12}
FLOOD_C=${FLOOD_CONNECTIONS:-200}
PORT=${PORT:-18080}
BASE=http://127.0.0.1:$PORT
PEERS=false
PROVIDER=Sqlite
CONNECTION=""
while [ $# -gt 0 ]; do
  case "$1" in
    --peers) PEERS=true ;;
    --provider) PROVIDER=$2; shift ;;
    --connection) CONNECTION=$2; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

source "$ROOT/benchmarks/lib.sh"
if [ "$PROVIDER" = PostgreSql ] && [ -z "$CONNECTION" ]; then
  start_postgres
  CONNECTION="$AUTH_TEST_POSTGRES;Database=auth_bench"
fi
[ "$PROVIDER" = Sqlite ] && CONNECTION="Data Source=$tmp/run/auth.db"

peer_rows=""
if $PEERS; then
  if [ -x "$ROOT/../shared/bench/bench.sh" ]; then
    echo "Running the peers (../shared/bench/bench.sh $D)..." >&2
    peer_rows=$("$ROOT/../shared/bench/bench.sh" "$D" 2>/dev/null | grep -E '^\| (FastAPI|ASP.NET|Auth)' || true)
  else
    echo "../shared/bench/bench.sh not found: ratio targets left blank" >&2
  fi
fi

echo "Publishing (Release)..." >&2
dotnet publish src/WebApi/WebApi.csproj -c Release -o "$tmp/app" >"$tmp/publish.log" 2>&1 || { cat "$tmp/publish.log" >&2; exit 1; }
dotnet run -c Release --project benchmarks/Auth.Benchmarks -- single-hash >"$tmp/hash.txt" 2>"$tmp/hash.err" \
  || { cat "$tmp/hash.err" >&2; exit 1; }
single_hash_ms=$(awk '/single-hash-ms/ {print $2}' "$tmp/hash.txt")
engine=$(awk '/^engine/ {print $2, $3}' "$tmp/hash.txt")
hashing_threads=$(awk '/hashing-threads/ {print $2 " steady + " $5 " when idle"}' "$tmp/hash.txt")
max_concurrency=$(awk '/hashing-threads/ {print $2 + $5}' "$tmp/hash.txt")

mkdir -p "$tmp/run"
(cd "$tmp/run" && ASPNETCORE_ENVIRONMENT=Development Database__Provider="$PROVIDER" ConnectionStrings__Auth="$CONNECTION" \
   RateLimiting__Enabled=false Accounts__RequireVerifiedEmail=false exec dotnet "$tmp/app/Auth.WebApi.dll" --urls "$BASE") \
   >"$tmp/service.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do curl -sf -o /dev/null "$BASE/health/live" && break; sleep 0.5; done
curl -sf -o /dev/null "$BASE/health/live" || { echo "the service did not start:" >&2; tail -20 "$tmp/service.log" >&2; exit 1; }

# Users: USERS accounts (default 64) signed up and logged in once each, for their device tokens. The loads log in
# as each in turn, so a flood of 200 connections puts about one try in flight per account, within its throttle.
USERS=${USERS:-64}
PW='correct horse battery staple'
json() { python3 -c "import sys,json; print(json.load(sys.stdin)[\"$1\"])"; }
export LOGINS_FILE=$tmp/logins
: >"$LOGINS_FILE"
echo "Signing up $USERS users..." >&2
for i in $(seq 1 "$USERS"); do
  email="user$i@example.com"
  curl -sf -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$PW\",\"full_name\":\"User $i\"}" "$BASE/api/v1/auth/signup"
  first=$(curl -sf --data-urlencode "username=$email" --data-urlencode "password=$PW" "$BASE/api/v1/auth/login")
  echo "username=user$i%40example.com&password=correct+horse+battery+staple $(echo "$first" | json device_token)" >>"$LOGINS_FILE"
done
export ACCESS_TOKEN; ACCESS_TOKEN=$(echo "$first" | json access_token)
read -r LOGIN_BODY DEVICE_TOKEN <"$LOGINS_FILE"
login() { curl -sf -H "X-Device-Token: $DEVICE_TOKEN" -H 'Content-Type: application/x-www-form-urlencoded' --data "$LOGIN_BODY" "$BASE/api/v1/auth/login"; }

# wrk's figures: requests/s, a latency percentile in ms, totals.
rps() { awk '/Requests\/sec/ {print int($2)}' "$1"; }
pct() { awk -v p="$2" '$1==p { v=$2; u=v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
         f = (u=="us") ? 0.001 : (u=="s") ? 1000 : (u=="m") ? 60000 : 1; printf "%.1f", v*f }' "$1"; }
total() { awk '/requests in/ {print $1}' "$1"; }
non2xx() { awk '/Non-2xx/ {print $5}' "$1" | grep . || echo 0; }
# Successful answers per second: wrk's Requests/sec counts errors too.
good() { awk -v t="$(total "$1")" -v e="$(non2xx "$1")" -v d="$2" 'BEGIN {printf "%d", (t - e) / d}'; }
load() { local out=$1; shift; wrk -t1 --latency "$@" >"$out" 2>&1; }

echo "Warming up..." >&2
load "$tmp/warm1" -c16 -d4s "$BASE/health/live"
load "$tmp/warm2" -c16 -d4s -s "$HERE/bearer.lua" "$BASE/api/v1/auth/me"
load "$tmp/warm3" -c16 -d2s "$BASE/.well-known/jwks.json"
load "$tmp/warm4" -c4 -d3s -s "$HERE/login.lua" "$BASE/api/v1/auth/login"
idle_rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")

echo "Measuring..." >&2
load "$tmp/anon" -c16 -d"${D}s" "$BASE/health/live"
load "$tmp/jwks" -c16 -d"${D}s" "$BASE/.well-known/jwks.json"
load "$tmp/me" -c16 -d"${D}s" -s "$HERE/bearer.lua" "$BASE/api/v1/auth/me"
PACE_MS=10 load "$tmp/me_idle" -c4 -d"${D}s" -s "$HERE/paced.lua" "$BASE/api/v1/auth/me"
load "$tmp/login" -c4 -d"${D}s" -s "$HERE/login.lua" "$BASE/api/v1/auth/login"

tokens=""
for _ in $(seq 1 9); do tokens="$tokens $(login | json refresh_token)"; done
REFRESH_TOKENS=$tokens load "$tmp/refresh" -c8 -d"${D}s" -s "$HERE/refresh.lua" "$BASE/api/v1/auth/refresh"

# The flood: FLOOD_C connections logging in as fast as they can; meanwhile ordinary traffic at a steady pace, and
# single logins that record how fast a rejection comes back and whether it says when to retry.
load "$tmp/flood" -c"$FLOOD_C" -d"${FLOOD}s" -s "$HERE/login.lua" "$BASE/api/v1/auth/login" &
flood_pid=$!
sleep 2
PACE_MS=10 load "$tmp/me_flood" -c4 -d"$((FLOOD - 4))s" -s "$HERE/paced.lua" "$BASE/api/v1/auth/me" &
probe_pid=$!
end=$((SECONDS + FLOOD - 4))
: >"$tmp/rejections"
while [ $SECONDS -lt $end ]; do
  curl -s -o /dev/null -D "$tmp/headers" -w '%{http_code} %{time_total}\n' -H "X-Device-Token: $DEVICE_TOKEN" \
    -H 'Content-Type: application/x-www-form-urlencoded' --data "$LOGIN_BODY" "$BASE/api/v1/auth/login" >"$tmp/one"
  read -r code secs <"$tmp/one"
  if [ "$code" = 503 ]; then
    retry=$(grep -ci '^retry-after:' "$tmp/headers" || true)
    echo "$secs $retry" >>"$tmp/rejections"
  fi
  sleep 0.05
done
wait "$probe_pid" "$flood_pid"
peak_rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")

# Figures.
login_rps=$(good "$tmp/login" "$D"); refresh_rps=$(good "$tmp/refresh" "$D")
flood_total=$(total "$tmp/flood"); flood_rejected=$(non2xx "$tmp/flood")
goodput=$(awk -v t="$flood_total" -v r="$flood_rejected" -v d="$FLOOD" 'BEGIN {printf "%d", (t - r) / d}')
rejected_rps=$(awk -v r="$flood_rejected" -v d="$FLOOD" 'BEGIN {printf "%d", r / d}')
rej_n=$(wc -l <"$tmp/rejections")
rej_p99=$(sort -n "$tmp/rejections" | awk '{a[NR]=$1} END { if (NR == 0) print "n/a"; else { i = int(NR * 0.99); if (i < 1) i = 1; printf "%.1f", a[i] * 1000 } }')
rej_retry=$(awk '$2 > 0 {n++} END {print n + 0}' "$tmp/rejections")
me_idle_p99=$(pct "$tmp/me_idle" 99%); me_flood_p99=$(pct "$tmp/me_flood" 99%)
idle_mib=$((idle_rss_kb / 1024)); peak_mib=$((peak_rss_kb / 1024))
rss_budget=$((idle_mib + max_concurrency * 25 + 100))
physical=$(awk -v c="$(nproc)" -v t="$single_hash_ms" 'BEGIN {printf "%d", c * 1000 / t}')

peer() { echo "$peer_rows" | awk -F'|' -v name="$1" -v col="$2" 'index($2, name) {gsub(/ /, "", $col); print $col}'; }
fastapi_login=$(peer FastAPI 6); identity_auth=$(peer ASP.NET 4); identity_anon=$(peer ASP.NET 3)
verdict() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN { if (t == "" || v == "" || v == "n/a") print "–";
  else if ((op == ">=" && v + 0 >= t + 0) || (op == "<=" && v + 0 <= t + 0)) print "met"; else print "**not met**" }'; }
times() { [ -n "$1" ] && awk -v a="$1" -v f="$2" 'BEGIN {printf "%d", a * f}' || echo ""; }

t_login_peer=$(times "$fastapi_login" 1.0); t_login_phys=$(times "$physical" 0.8)
t_me=$(times "$identity_auth" 3); t_anon=$(times "$identity_anon" 0.8)
anon_rps=$(rps "$tmp/anon"); t_jwks=$(times "$anon_rps" 0.8)
t_goodput=$(times "$login_rps" 0.9); t_me_flood=$(awk -v p="$me_idle_p99" 'BEGIN {printf "%.1f", p * 3}')

echo
echo "Auth load benchmark, $(date -u +%Y-%m-%d), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')),"
echo "$PROVIDER, engine $engine, hashing threads $hashing_threads, single hash $single_hash_ms ms, ${D} s per load, flood ${FLOOD_C} connections for ${FLOOD} s"
echo
echo "| figure | measured | target | |"
echo "|---|---|---|---|"
echo "| login/s (c=4) | $login_rps | ≥ ${t_login_peer:-?} (1.0 × FastAPI peer) | $(verdict "$login_rps" "$t_login_peer" '>=') |"
echo "| login/s vs physical limit ($(nproc) cores ÷ $single_hash_ms ms = $physical/s) | $login_rps | ≥ $t_login_phys (0.8 ×) | $(verdict "$login_rps" "$t_login_phys" '>=') |"
echo "| refresh/s (c=8, each spends the previous token) | $refresh_rps | ≥ 500 | $(verdict "$refresh_rps" 500 '>=') |"
echo "| \`/me\` req/s (c=16) | $(rps "$tmp/me") | ≥ ${t_me:-?} (3 × Identity) | $(verdict "$(rps "$tmp/me")" "$t_me" '>=') |"
echo "| \`/me\` p99 idle, paced (c=4, 10 ms apart) | $me_idle_p99 ms | | |"
echo "| JWKS req/s (c=16) | $(rps "$tmp/jwks") | ≥ $t_jwks (0.8 × anonymous) | $(verdict "$(rps "$tmp/jwks")" "$t_jwks" '>=') |"
echo "| anonymous req/s (\`/health/live\`, c=16) | $anon_rps | ≥ ${t_anon:-?} (0.8 × Identity) | $(verdict "$anon_rps" "$t_anon" '>=') |"
echo "| flood: login goodput/s | $goodput | ≥ $t_goodput (0.9 × unloaded) | $(verdict "$goodput" "$t_goodput" '>=') |"
echo "| flood: rejected/s (503) | $rejected_rps | | |"
echo "| flood: rejection p99 ($rej_n probes, $rej_retry with Retry-After) | $rej_p99 ms | ≤ 5 ms | $(verdict "$rej_p99" 5 '<=') |"
echo "| flood: \`/me\` p99, paced | $me_flood_p99 ms | ≤ $t_me_flood ms (3 × idle) | $(verdict "$me_flood_p99" "$t_me_flood" '<=') |"
echo "| flood: \`/me\` errors | $(non2xx "$tmp/me_flood") of $(total "$tmp/me_flood") | 0 | $(verdict "$(non2xx "$tmp/me_flood")" 0 '<=') |"
echo "| peak RSS (idle $idle_mib MiB) | $peak_mib MiB | ≤ $rss_budget MiB | $(verdict "$peak_mib" "$rss_budget" '<=') |"
if [ -n "$peer_rows" ]; then
  echo
  echo "Peers in the same run (../shared/bench/bench.sh $D):"
  echo
  echo "| system | anonymous req/s | authenticated req/s | auth/anon | login/s (c=4) |"
  echo "|---|---|---|---|---|"
  echo "$peer_rows"
fi
