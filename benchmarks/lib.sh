# Shared by the load and growth benchmarks (sourced, with ROOT set to the checkout): installs what they run (wrk,
# curl, python3, and libargon2, the native Argon2id engine the service prefers; the FastAPI peer's argon2-cffi uses
# the same library), makes $tmp, and on exit stops the service ($pid), any PostgreSQL cluster it started, and removes
# $tmp unless KEEP is set.
need=()
for p in wrk curl python3; do command -v "$p" >/dev/null 2>&1 || need+=("$p"); done
dpkg -s libargon2-1 >/dev/null 2>&1 || need+=(libargon2-1)
if [ ${#need[@]} -gt 0 ]; then
  s=""; [ "$(id -u)" -ne 0 ] && s=sudo
  $s apt-get update -qq && $s env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

tmp=$(mktemp -d)
pid=""
source "$ROOT/tests/lib/postgres.sh"
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null
  stop_postgres
  if [ -n "${KEEP:-}" ]; then echo "kept $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
