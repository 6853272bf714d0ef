#!/bin/sh
# Builds Mailpit, the mail server the tests send to (Go tests through
# internal/platform/testmail, browser tests through scripts/e2e.sh), into
# the user's cache once, from the Go module proxy at the pinned version.
# Prints its path.
set -eu
version=v1.33.1 # internal/platform/testmail.Version
dir=${XDG_CACHE_HOME:-$HOME/.cache}/turbota-test/mailpit-$version
if [ ! -x "$dir/mailpit" ]; then
  mkdir -p "$dir"
  (cd "${TMPDIR:-/tmp}" && GOBIN="$dir" GOFLAGS= GOWORK=off go install "github.com/axllent/mailpit@$version")
fi
echo "$dir/mailpit"
