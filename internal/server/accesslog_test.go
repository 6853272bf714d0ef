package server_test

import (
	"context"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/turbota/turbota/internal/audit"
	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/platform/pqconn"
	"github.com/turbota/turbota/internal/server"
)

// A read whose access lines cannot reach the log is not answered: with
// the log's database away, the writer's queue fills, and the next read
// waits for room until its deadline and answers UNAVAILABLE without its
// data. A read's lines are never dropped to answer it.
func TestAReadIsNotAnsweredWhenItsAccessLinesCannotBeQueued(t *testing.T) {
	awayDB, err := pqconn.Open("host=/nonexistent-turbota-socket port=1 user=x dbname=x sslmode=disable", pqconn.Cached)
	if err != nil {
		t.Fatal(err)
	}
	defer awayDB.Close()
	away := audit.NewWriter(awayDB, zerolog.Nop(), 1)
	defer away.Close(canceled())
	e := newEnv(t, server.Config{AccessLog: away, RequestTimeout: 2 * time.Second})
	e.accessLog = nil // nothing to wait for: it is never written
	token := e.login(demo.VinnytsiaChildrenServiceEmail)
	const q = `{ cases(first: 1) { edges { node { id } } } }`
	first := e.do(token, q, nil)
	if len(first.Errors) > 0 {
		t.Fatalf("first read (queued): %v", first.Errors)
	}
	start := clock.Now()
	second := e.do(token, q, nil)
	if code := second.code(); code != "UNAVAILABLE" {
		t.Fatalf("second read with the log's queue full: %s %v, want UNAVAILABLE", code, second.Errors)
	}
	if second.Data != nil && second.Data["cases"] != nil {
		t.Fatalf("the refused read still answered its data: %v", second.Data)
	}
	if took := clock.Since(start); took > 10*time.Second {
		t.Fatalf("refused after %v", took)
	}
}

// The lines still queued when the server stops are written before it goes.
func TestQueuedAccessLinesAreWrittenAtClose(t *testing.T) {
	e := newEnv(t, server.Config{})
	token := e.login(demo.VinnytsiaChildrenServiceEmail)
	before := countReads(t, e)
	w := e.accessLog
	e.accessLog = nil // no waiting for the lines after the answer
	r := e.do(token, `{ cases(first: 3) { edges { node { id } } } }`, nil)
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	if err := w.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if after := countReads(t, e); after <= before {
		t.Fatalf("READ lines %d before, %d after a read and the writer's close", before, after)
	}
}

func countReads(t *testing.T, e *env) int {
	t.Helper()
	var n int
	if err := e.db.QueryRow(`SELECT count(*) FROM audit_events WHERE action = 'READ'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func canceled() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}
