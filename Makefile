# Turbota: the README's two commands are `make run` and `make test`.
GO ?= go
WEB := web
E2E_ADDR ?= 127.0.0.1:18080

.PHONY: run test deps deps-test web web-deps generate vet test-go test-year-ahead test-web test-e2e bench bench-web screens faults migration build clean

## run: build the web app and start the server with an embedded PostgreSQL and the demo communities
run: deps web
	$(GO) run ./cmd/turbota serve --demo --log-format console

## test: the whole suite — web unit tests, browser tests against the real binary, go vet, Go tests,
## and the date-sensitive Go tests again with the clock a year ahead
test: deps-test web vet test-web test-e2e test-go test-year-ahead

deps:
	@./scripts/ensure-packages.sh
	@$(GO) mod download

deps-test:
	@./scripts/ensure-packages.sh --browser
	@$(GO) mod download
	@./scripts/mailpit.sh >/dev/null

web-deps:
	@cd $(WEB) && npm ci --prefer-offline --no-audit --no-fund --loglevel=error

## web: build the SPA that the binary embeds
web: web-deps
	@cd $(WEB) && npm run build

build: web
	$(GO) build -o bin/turbota ./cmd/turbota

## generate: regenerate ent, gqlgen and the web client types
generate:
	$(GO) generate ./...

vet:
	$(GO) vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); echo "gofmt needed"; exit 1)

test-web:
	@cd $(WEB) && npm test

test-e2e: build
	@./scripts/e2e.sh bin/turbota $(E2E_ADDR)

test-go:
	$(GO) test -p 2 -count=1 ./...

# The packages whose tests read the product's clock or load the demo (dated
# from it): every package whose tests import clock, clock/clocktest or demo (under internal/).
DATED_PKGS = $(shell $(GO) list -f '{{.ImportPath}} {{join .TestImports " "}} {{join .XTestImports " "}}' ./... | \
	grep -E ' github.com/turbota/turbota/internal/(platform/clock|platform/clock/clocktest|demo)( |$$)' | cut -d' ' -f1)
YEAR_AHEAD ?= +1y

## test-year-ahead: the date-sensitive packages with the clock a year ahead (TURBOTA_TEST_CLOCK, see clock/env.go),
## so a test that holds only on some days fails before the day comes
test-year-ahead:
	@test -n "$(DATED_PKGS)" || { echo 'test-year-ahead: no package imports the clock or the demo data (moved?)'; exit 1; }
	TURBOTA_TEST_CLOCK=$(YEAR_AHEAD) $(GO) test -p 2 -count=1 $(DATED_PKGS)

## bench: the web app on a throttled line (bench-web), then Turbota side by side with a raw-SQL handler
## (and PostGraphile v5 when npm installs it) at national scale
bench: bench-web
	@GO=$(GO) ./scripts/bench.sh

## bench-web: the case page opened on a throttled Fast 3G line, cold and warm, measured in Chromium
## (web/e2e/artifacts/perf.json, perf-fast3g.json)
bench-web: deps-test build
	@TURBOTA_E2E_PERF_RUNS=3 ./scripts/e2e.sh bin/turbota $(E2E_ADDR) e2e/perf.test.mjs e2e/casework.test.mjs

## screens: screenshots of every role's main pages in both languages at 1280×800 and 768×1024,
## for people to look at (web/e2e/artifacts/screens/); make test checks the same pages without them
screens: deps-test build
	@TURBOTA_E2E_SCREENSHOTS=1 ./scripts/e2e.sh bin/turbota $(E2E_ADDR) e2e/screens.test.mjs

## faults: the fault suite (issue 11): real servers on their own PostgreSQL, broken on purpose;
## one scenario or several by name: make faults run='restart|kill9' (go run ./cmd/faults -list names them)
faults: deps
	$(GO) run ./cmd/faults $(if $(run),-run '$(run)')

## migration: write a migration from schema changes: make migration name=add_cases
migration:
	$(GO) run ./cmd/migrategen -name $(name)

clean:
	rm -rf bin $(WEB)/dist/app
