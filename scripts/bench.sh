#!/bin/sh
# make bench: Turbota side by side with a hand-written SQL handler, and with
# PostGraphile v5 when npm can install it (into .bench/, with a Node.js 22
# from npm when the machine's node is older), on one database at national
# scale, against a PostgreSQL that keeps its durability (fsync, synchronous
# commit). BENCH_NO_POSTGRAPHILE=1 skips PostGraphile; the BENCH_* knobs of
# server/sidebyside_test.go pass through.
set -u
dir=.bench/postgraphile
if [ -z "${BENCH_NO_POSTGRAPHILE:-}" ] && [ -z "${BENCH_POSTGRAPHILE:-}" ] && command -v npm >/dev/null; then
	mkdir -p "$dir"
	if [ -f "$dir/node_modules/postgraphile/package.json" ] ||
		npm install --prefix "$dir" --no-audit --no-fund --loglevel=error postgraphile@5.1.5 >"$dir/install.log" 2>&1; then
		BENCH_POSTGRAPHILE=$(cd "$dir" && pwd)
		export BENCH_POSTGRAPHILE
		major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
		if [ "$major" -lt 22 ]; then
			# PostGraphile 5 needs Node.js 22; npm ships it as a package.
			if [ -x "$dir/node_modules/.bin/node" ] ||
				npm install --prefix "$dir" --no-audit --no-fund --loglevel=error node@22 >>"$dir/install.log" 2>&1; then
				BENCH_NODE=$BENCH_POSTGRAPHILE/node_modules/.bin/node
				export BENCH_NODE
			fi
		fi
	else
		echo "PostGraphile did not install (see $dir/install.log): measuring without it" >&2
	fi
fi
TURBOTA_TEST_DURABLE=1 exec ${GO:-go} test -run '^$' -bench 'SideBySide' -benchtime 1x -timeout 120m ./internal/server/
