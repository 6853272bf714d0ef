#!/bin/sh
# Starts the real binary on its embedded database with the demo data and
# runs the browser tests against it: all of web/e2e, or the files named
# after the address (relative to web/).
set -eu
bin=$1
addr=$2
shift 2
files=${*:-e2e/}
dir=$(mktemp -d /tmp/turbota-e2e-XXXXXX)
chmod 755 "$dir"
"$bin" serve --demo --addr "$addr" --data-dir "$dir/data" --log-format json >"$dir/server.log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$dir"; }
trap cleanup EXIT
# The first start creates the database and loads the demo: on a busy shared
# machine that has taken minutes, so the limit is generous; it is a limit,
# not a wait (the loop ends as soon as /readyz answers).
ready_limit=${TURBOTA_E2E_READY_SECONDS:-300}
started=$(date +%s)
until node -e "fetch('http://$addr/readyz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; do
  if [ $(($(date +%s) - started)) -gt "$ready_limit" ] || ! kill -0 "$pid" 2>/dev/null; then
    echo "turbota did not become ready within ${ready_limit}s:"; tail -n 40 "$dir/server.log"; exit 1
  fi
  sleep 0.5
done
cd web
TURBOTA_E2E_URL="http://$addr" \
TURBOTA_E2E_EMAIL="ssd@vinnytsia.demo.turbota.ua" \
TURBOTA_E2E_PASSWORD="turbota-demo-2026" \
TURBOTA_E2E_COMMUNITY="Вінницька" \
  npm run e2e -- $files
