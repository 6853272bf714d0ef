package server_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/server"
	"github.com/turbota/turbota/tenant"
)

// rawPost posts an operation with extra headers and returns the decoded
// answer with the response's headers.
func (e *env) rawPost(token, query string, vars map[string]any, header http.Header) (*gqlResponse, http.Header) {
	e.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	return e.postHeaders(token, body, header)
}

// With one connection in the request pool, every kind of operation still
// answers: none asks the pool it holds a connection of for a second one
// (sign-in and sign-out, aggregates, downloads).
func TestNoOperationHoldsTwoConnectionsOfOnePool(t *testing.T) {
	e := newEnvOpts(t, server.Config{RequestTimeout: 20 * time.Second}, envOptions{requestConns: 1})
	region := e.login(demo.RegionalSupervisorEmail)
	ssd := e.login(demo.VinnytsiaChildrenServiceEmail)
	ops := []struct {
		name, token, query string
		vars               map[string]any
	}{
		{"login", "", loginMutation, map[string]any{"e": demo.VinnytsiaAdminEmail, "p": demo.DefaultPassword}},
		{"failed login", "", loginMutation, map[string]any{"e": "nobody@example.org", "p": "wrong-password-1"}},
		{"case list", ssd, caseListQuery, map[string]any{"n": 10}},
		{"indicators", region, `query($c: ID!) { indicators(scope: {communityID: $c}, period: {kind: YEAR, year: 2026}) { total { key display } } }`,
			map[string]any{"c": fx[own].Community}},
		{"trend", region, `query($c: ID!) { indicatorTrend(key: "reports_received", scope: {communityID: $c}, period: {kind: YEAR, year: 2026}, periods: 2) { from } }`,
			map[string]any{"c": fx[own].Community}},
		{"service map", region, `{ serviceMap { communityID } }`, nil},
		{"deidentified", region, `query($c: ID!) { deidentifiedCases(communityID: $c, first: 5) { status } }`, map[string]any{"c": fx[own].Community}},
		{"logout", e.login(demo.VinnytsiaAuditorEmail), `mutation { logout }`, nil},
	}
	for _, op := range ops {
		r := e.do(op.token, op.query, op.vars)
		for _, er := range r.Errors {
			if c, _ := er.Extensions["code"].(string); c == server.CodeTimeout || c == server.CodeInternal || c == server.CodeUnavailable {
				t.Errorf("%s: %s %s", op.name, c, er.Message)
			}
		}
	}
}

// A write behind a lock held past the lock timeout answers TIMEOUT (504,
// Retry-After) and leaves nothing written; the same write succeeds once the
// lock is gone.
func TestLockHeldPastTheDeadlineAnswersTimeoutAndWritesNothing(t *testing.T) {
	limits := tenant.DefaultLimits()
	limits.Lock = 300 * time.Millisecond
	e := newEnv(t, server.Config{Transaction: limits})
	ssd := e.login(demo.VinnytsiaChildrenServiceEmail)
	ctx := context.Background()
	holder, err := e.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := holder.ExecContext(ctx, "SELECT 1 FROM families WHERE id = $1 FOR UPDATE", fx[own].Family); err != nil {
		t.Fatal(err)
	}
	const rename = `mutation($id: ID!, $n: String!) { updateFamily(id: $id, input: {notes: $n}) { id } }`
	r, h := e.rawPost(ssd, rename, map[string]any{"id": fx[own].Family, "n": "під замком"}, nil)
	_ = holder.Rollback()
	if r.code() != server.CodeTimeout || r.Status != http.StatusGatewayTimeout || h.Get("Retry-After") == "" {
		t.Fatalf("behind a held lock: status %d code %q Retry-After %q: %v", r.Status, r.code(), h.Get("Retry-After"), r.Errors)
	}
	var notes sql.NullString
	if err := e.db.QueryRow("SELECT notes FROM families WHERE id = $1", fx[own].Family).Scan(&notes); err != nil {
		t.Fatal(err)
	}
	if notes.String == "під замком" {
		t.Fatal("the timed-out write committed")
	}
	if r := e.do(ssd, rename, map[string]any{"id": fx[own].Family, "n": "вільно"}); len(r.Errors) > 0 {
		t.Fatalf("after the lock: %v", r.Errors)
	}
}

// When the database cannot be reached, a signed-in client is told so (503
// UNAVAILABLE with Retry-After), never that it was signed out; sign-in says
// the same.
func TestDatabaseDownIsUnavailableNotUnauthenticated(t *testing.T) {
	up := newEnv(t, server.Config{})
	token := up.login(demo.VinnytsiaChildrenServiceEmail)
	down := newEnvOpts(t, server.Config{}, envOptions{authDSN: "host=/nonexistent-turbota-socket port=1 user=x dbname=x sslmode=disable"})
	for name, tok := range map[string]string{"token check": token, "sign-in": ""} {
		q, vars := caseListQuery, map[string]any{"n": 1}
		if tok == "" {
			q, vars = loginMutation, map[string]any{"e": demo.VinnytsiaAdminEmail, "p": demo.DefaultPassword}
		}
		r, h := down.rawPost(tok, q, vars, nil)
		if r.code() != server.CodeUnavailable || r.Status != http.StatusServiceUnavailable || h.Get("Retry-After") == "" {
			t.Errorf("%s with the database down: status %d code %q Retry-After %q", name, r.Status, r.code(), h.Get("Retry-After"))
		}
	}
}

const reportMutation = `mutation($c: ID!) { submitReport(input: {communityID: $c, source: NEIGHBOUR, urgency: ROUTINE,
	categories: [NEGLECT], summary: "Сусіди повідомляють про дитину без нагляду"}) { id } }`

// 100 concurrent identical submissions with one Idempotency-Key make one
// report; every one of them gets the same answer.
func TestIdempotencyKeyMakesConcurrentDuplicatesOneReport(t *testing.T) {
	e := newEnv(t, server.Config{})
	ssd := e.login(demo.VinnytsiaChildrenServiceEmail)
	count := func() int {
		var n int
		if err := e.db.QueryRow("SELECT count(*) FROM reports").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := count()
	vars := map[string]any{"c": fx[own].Community}
	key := http.Header{server.IdempotencyHeader: {"form-7f3a"}}
	const n = 100
	ids := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, _ := e.rawPost(ssd, reportMutation, vars, key)
			ids[i] = str(r.Data, "submitReport", "id")
		}()
	}
	wg.Wait()
	if got := count() - before; got != 1 {
		t.Fatalf("%d concurrent submissions with one key made %d reports", n, got)
	}
	for i, id := range ids {
		if id == "" || id != ids[0] {
			t.Fatalf("answer %d names report %q, the first %q", i, id, ids[0])
		}
	}
	r, h := e.rawPost(ssd, reportMutation, vars, key)
	if str(r.Data, "submitReport", "id") != ids[0] || h.Get("Idempotent-Replayed") != "true" {
		t.Errorf("a retry is not the first answer replayed: %v %v", r.Data, h)
	}
	other := map[string]any{"c": fx[own].Community}
	if r, _ := e.rawPost(ssd, reportMutation+" ", other, key); r.code() != server.CodeConflict {
		t.Errorf("the key reused for another request: %q", r.code())
	}
	if r, _ := e.rawPost(ssd, reportMutation, vars, http.Header{server.IdempotencyHeader: {"bad key"}}); r.code() != server.CodeBadUserInput {
		t.Errorf("a key with a space: %q", r.code())
	}
	// Without a key, two submissions are two reports.
	e.do(ssd, reportMutation, vars)
	e.do(ssd, reportMutation, vars)
	if got := count() - before; got != 3 {
		t.Errorf("two submissions without a key made %d reports", got-1)
	}
}

// /readyz answers from its own connection: a request pool that is all in
// use is busy, not down; at shutdown it turns 503 first.
func TestReadinessIsNotFooledByABusyPool(t *testing.T) {
	e := newEnvOpts(t, server.Config{}, envOptions{requestConns: 1})
	conn, err := e.db.Conn(context.Background()) // the pool's only connection
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	resp, err := http.Get(e.url + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("/readyz with the request pool busy: %d", resp.StatusCode)
	}
}

// /healthz fails when what the process lives on (the embedded PostgreSQL)
// is gone.
func TestHealthFollowsTheEmbeddedDatabase(t *testing.T) {
	var down atomic.Bool
	e := newEnv(t, server.Config{Alive: func() error {
		if down.Load() {
			return fmt.Errorf("gone")
		}
		return nil
	}})
	status := func() int {
		resp, err := http.Get(e.url + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if s := status(); s != http.StatusOK {
		t.Errorf("alive: %d", s)
	}
	down.Store(true)
	if s := status(); s != http.StatusServiceUnavailable {
		t.Errorf("database process gone: %d", s)
	}
}
