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
# Mailpit, where found (the Go tests' harness builds it into the user's
# cache: internal/platform/testmail), is the server's mail server, on the
# two ports after the server's; the browser tests read the mail it got.
mailpit=${TURBOTA_TEST_MAILPIT:-${XDG_CACHE_HOME:-$HOME/.cache}/turbota-test/mailpit-v1.33.1/mailpit}
mpid=
if [ -x "$mailpit" ]; then
  host=${addr%:*}
  port=${addr##*:}
  "$mailpit" --smtp "$host:$((port + 1))" --listen "$host:$((port + 2))" --database "" --quiet --disable-version-check >"$dir/mailpit.log" 2>&1 &
  mpid=$!
  export TURBOTA_SMTP_HOST="$host" TURBOTA_SMTP_PORT=$((port + 1)) TURBOTA_E2E_MAILPIT="http://$host:$((port + 2))"
fi
"$bin" serve --demo --addr "$addr" --data-dir "$dir/data" --log-format json >"$dir/server.log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  if [ -n "$mpid" ]; then kill "$mpid" 2>/dev/null || true; wait "$mpid" 2>/dev/null || true; fi
  rm -rf "$dir"
}
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
