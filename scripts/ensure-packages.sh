#!/bin/sh
# Installs the Debian packages the README's commands need when they are
# missing: the PostgreSQL server and poppler's pdftotext (always) and
# Chromium (for browser tests).
set -eu
need=""
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || need="$need postgresql"
# pdftotext reads the server's PDF documents back in the tests (internal/server/official_test.go).
command -v pdftotext >/dev/null 2>&1 || need="$need poppler-utils"
if [ "${1:-}" = "--browser" ] && [ ! -x /usr/bin/chromium ]; then
  need="$need chromium"
fi
[ -z "$need" ] && exit 0
echo "Installing Debian packages:$need"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $need
