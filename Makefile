# Turbota: the README's two commands are `make run` and `make test`.
GO ?= go
WEB := web
E2E_ADDR ?= 127.0.0.1:18080

.PHONY: run test deps deps-test web web-deps generate vet test-go test-web test-e2e bench migration build clean

## run: build the web app and start the server with an embedded PostgreSQL and the demo communities
run: deps web
	$(GO) run ./cmd/turbota serve --demo --log-format console

## test: the whole suite — web unit tests, browser tests against the real binary, go vet, Go tests
test: deps-test web vet test-web test-e2e test-go

deps:
	@./scripts/ensure-packages.sh
	@$(GO) mod download

deps-test:
	@./scripts/ensure-packages.sh --browser
	@$(GO) mod download

web-deps:
	@cd $(WEB) && npm ci --no-audit --no-fund --loglevel=error

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

## bench: Turbota side by side with a raw-SQL handler (and PostGraphile v5 when npm installs it) at national scale
bench:
	@GO=$(GO) ./scripts/bench.sh

## migration: write a migration from schema changes: make migration name=add_cases
migration:
	$(GO) run ./cmd/migrategen -name $(name)

clean:
	rm -rf bin $(WEB)/dist/app
