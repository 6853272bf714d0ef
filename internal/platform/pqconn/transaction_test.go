package pqconn_test

import (
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/turbota/turbota/internal/platform/pqconn"
	"github.com/turbota/turbota/internal/platform/testdb"
)

// counted opens a pool of one connection through a proxy that counts the
// round trips the client starts: each Query message (simple protocol) and
// each Sync (extended protocol) is answered by one ReadyForQuery.
func counted(t *testing.T) (*sql.DB, *atomic.Int64) {
	t.Helper()
	dsn := testdb.New(t)
	host := regexp.MustCompile(`host=(\S+)`).FindStringSubmatch(dsn)
	port := regexp.MustCompile(`port=(\d+)`).FindStringSubmatch(dsn)
	if host == nil || port == nil {
		t.Skipf("the test database's DSN %q has no socket directory", dsn)
	}
	dir := t.TempDir()
	l, err := net.Listen("unix", filepath.Join(dir, ".s.PGSQL."+port[1]))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	var trips atomic.Int64
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("unix", filepath.Join(host[1], ".s.PGSQL."+port[1]))
			if err != nil {
				c.Close()
				return
			}
			go func() { _, _ = io.Copy(c, s); c.Close() }()
			go func() { countTrips(c, s, &trips); s.Close() }()
		}
	}()
	db, err := pqconn.Open(strings.Replace(dsn, host[0], "host="+dir, 1), pqconn.PerCall)
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	if err := db.Ping(); err != nil {
		t.Fatal(err)
	}
	return db, &trips
}

// countTrips copies the client's messages to the server, counting those
// that end a round trip.
func countTrips(from io.Reader, to io.Writer, trips *atomic.Int64) {
	var head [5]byte
	// The startup message has a length and no type.
	if _, err := io.ReadFull(from, head[1:]); err != nil {
		return
	}
	n := binary.BigEndian.Uint32(head[1:])
	rest := make([]byte, n-4)
	if _, err := io.ReadFull(from, rest); err != nil {
		return
	}
	if _, err := to.Write(append(head[1:5:5], rest...)); err != nil {
		return
	}
	for {
		if _, err := io.ReadFull(from, head[:]); err != nil {
			return
		}
		body := make([]byte, binary.BigEndian.Uint32(head[1:])-4)
		if _, err := io.ReadFull(from, body); err != nil {
			return
		}
		if head[0] == 'Q' || head[0] == 'S' {
			trips.Add(1)
		}
		if _, err := to.Write(append(head[:], body...)); err != nil {
			return
		}
	}
}

// trips runs f and returns how many round trips it took.
func trips(t *testing.T, n *atomic.Int64, f func() error) int64 {
	t.Helper()
	before := n.Load()
	if err := f(); err != nil {
		t.Fatal(err)
	}
	return n.Load() - before
}

func TestATransactionCostsNoRoundTripOfItsOwn(t *testing.T) {
	db, n := counted(t)
	if _, err := db.Exec(`CREATE TABLE log (who text NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	// The setup (inlined) with BEGIN, a query, and the log with COMMIT; the
	// second time, when the query is already prepared on the connection.
	run := func() error {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		setup, err := pqconn.Inline(`SELECT set_config('app.who', $1, true)`, "ольга's")
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, setup); err != nil {
			return err
		}
		var who string
		if err := tx.QueryRowContext(ctx, `SELECT current_setting($1)`, "app.who").Scan(&who); err != nil {
			return err
		}
		if who != "ольга's" {
			return fmt.Errorf("the setup set %q", who)
		}
		if _, err := tx.ExecContext(pqconn.AtCommit(ctx), `INSERT INTO log VALUES ($1)`, who); err != nil {
			return err
		}
		return tx.Commit()
	}
	trips(t, n, run)
	if got := trips(t, n, run); got != 3 {
		t.Errorf("a transaction of a setup, a query and a statement at its commit took %d round trips, want 3", got)
	}
	var logged int
	if err := db.QueryRow(`SELECT count(*) FROM log WHERE who = 'ольга''s'`).Scan(&logged); err != nil || logged != 2 {
		t.Errorf("the statement at the commit wrote %d rows (%v), want 1 per transaction", logged, err)
	}
	// A transaction that sent nothing costs nothing.
	if got := trips(t, n, func() error {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		return tx.Commit()
	}); got != 0 {
		t.Errorf("an empty transaction took %d round trips", got)
	}
}

func TestAStatementAtTheCommitThatFailsFailsTheCommit(t *testing.T) {
	db, _ := counted(t)
	ctx := context.Background()
	if _, err := db.Exec(`CREATE TABLE log (who text NOT NULL UNIQUE); INSERT INTO log VALUES ('first')`); err != nil {
		t.Fatal(err)
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO log VALUES ($1)`, "second"); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(pqconn.AtCommit(ctx), `INSERT INTO log VALUES ($1)`, "first"); err != nil {
		t.Fatalf("queued: %v", err)
	}
	if err := tx.Commit(); err == nil || !strings.Contains(err.Error(), "duplicate key") {
		t.Fatalf("commit: %v, want the statement's duplicate key", err)
	}
	var rows int
	if err := db.QueryRow(`SELECT count(*) FROM log`).Scan(&rows); err != nil || rows != 1 {
		t.Errorf("%d rows after the failed commit (%v), want only the first: nothing of the transaction", rows, err)
	}
}

func TestAnAbortedTransactionIsNeverCommitted(t *testing.T) {
	db, _ := counted(t)
	ctx := context.Background()
	if _, err := db.Exec(`CREATE TABLE log (who text NOT NULL UNIQUE)`); err != nil {
		t.Fatal(err)
	}
	for _, withLog := range []bool{false, true} {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO log VALUES ($1)`, "kept?"); err != nil {
			t.Fatal(err)
		}
		if _, err := tx.ExecContext(ctx, `SELECT 1/0`); err == nil {
			t.Fatal("division by zero succeeded")
		}
		if withLog {
			if _, err := tx.ExecContext(pqconn.AtCommit(ctx), `INSERT INTO log VALUES ($1)`, "log"); err != nil {
				t.Fatal(err)
			}
		}
		if err := tx.Commit(); err == nil {
			t.Errorf("with a statement at the commit %v: an aborted transaction committed", withLog)
		}
		var rows int
		if err := db.QueryRow(`SELECT count(*) FROM log`).Scan(&rows); err != nil || rows != 0 {
			t.Errorf("with a statement at the commit %v: %d rows (%v)", withLog, rows, err)
		}
	}
}

func TestRollbackDropsWhatWaitsForTheCommit(t *testing.T) {
	db, n := counted(t)
	ctx := context.Background()
	if _, err := db.Exec(`CREATE TABLE log (who text)`); err != nil {
		t.Fatal(err)
	}
	got := trips(t, n, func() error {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(pqconn.AtCommit(ctx), `INSERT INTO log VALUES ($1)`, "x"); err != nil {
			return err
		}
		return tx.Rollback()
	})
	if got != 0 {
		t.Errorf("rolling back a transaction that sent nothing took %d round trips", got)
	}
	var rows int
	if err := db.QueryRow(`SELECT count(*) FROM log`).Scan(&rows); err != nil || rows != 0 {
		t.Errorf("%d rows after the rollback (%v)", rows, err)
	}
}

func TestAStatementAfterOneAtTheCommitSeesIt(t *testing.T) {
	db, _ := counted(t)
	ctx := context.Background()
	if _, err := db.Exec(`CREATE TABLE log (who text)`); err != nil {
		t.Fatal(err)
	}
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback() //nolint:errcheck // after Commit, a no-op
	if _, err := tx.ExecContext(pqconn.AtCommit(ctx), `INSERT INTO log VALUES ($1)`, "early"); err != nil {
		t.Fatal(err)
	}
	var rows int
	var level string
	if err := tx.QueryRowContext(ctx, `SELECT count(*), current_setting('transaction_isolation') FROM log WHERE who = $1`, "early").
		Scan(&rows, &level); err != nil {
		t.Fatal(err)
	}
	if rows != 1 || level != "repeatable read" {
		t.Errorf("the later statement saw %d rows at %s, want 1 at repeatable read", rows, level)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

func TestInline(t *testing.T) {
	cases := []struct {
		query string
		args  []any
		want  string
	}{
		{`SELECT $1, $2::int, $10`, []any{"a'b", 7, nil, nil, nil, nil, nil, nil, nil, true},
			`SELECT 'a''b', (7)::int, true`},
		{`SELECT '$1', "$1", $1 -- $1` + "\n" + `/* $1 */`, []any{int64(-3)},
			`SELECT '$1', "$1", (-3) -- $1` + "\n" + `/* $1 */`},
		{`SELECT $1`, []any{`back\slash`}, `SELECT  E'back\\slash'`},
		{`SELECT $1::bytea`, []any{[]byte{0xca, 0xfe}}, `SELECT  E'\\xcafe'::bytea`},
		{`SELECT a$1 FROM t`, nil, `SELECT a$1 FROM t`},
	}
	for _, c := range cases {
		got, err := pqconn.Inline(c.query, c.args...)
		if err != nil || got != c.want {
			t.Errorf("Inline(%q) = %q, %v; want %q", c.query, got, err, c.want)
		}
	}
	for _, bad := range []struct {
		query string
		args  []any
	}{{`SELECT $2`, []any{1}}, {`SELECT $$ $1 $$`, []any{1}}, {`SELECT $1`, []any{struct{}{}}}} {
		if got, err := pqconn.Inline(bad.query, bad.args...); err == nil {
			t.Errorf("Inline(%q) = %q, want an error", bad.query, got)
		}
	}
}

// The literals PostgreSQL reads back are the values given, whatever they
// hold.
func TestInlinedValuesRoundTrip(t *testing.T) {
	db := one(t, pqconn.PerCall)
	for _, v := range []string{"", "'", "''", `\`, `\'`, "E'x'", "$1", "--", "/*", "юнікод", "a\tb\nc"} {
		q, err := pqconn.Inline(`SELECT $1::text`, v)
		if err != nil {
			t.Fatal(err)
		}
		var got string
		if err := db.QueryRow(q).Scan(&got); err != nil || got != v {
			t.Errorf("%q came back as %q (%v) through %s", v, got, err, q)
		}
	}
}

// A connection PostgreSQL ended while it sat in the pool is dropped when
// the pool hands it out, so a transaction, whose BEGIN travels with its
// first statement, never meets it.
func TestATransactionNeverMeetsAConnectionPostgreSQLClosed(t *testing.T) {
	dsn := testdb.New(t)
	db, err := pqconn.Open(dsn, pqconn.PerCall)
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	killer, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { killer.Close() })
	ctx := context.Background()
	for i := range 3 {
		var pid int
		if err := db.QueryRow(`SELECT pg_backend_pid()`).Scan(&pid); err != nil {
			t.Fatal(err)
		}
		var ended bool
		if err := killer.QueryRow(`SELECT pg_terminate_backend($1::int, 5000)`, pid).Scan(&ended); err != nil || !ended {
			t.Fatalf("ending the pooled connection: %v, %v", ended, err)
		}
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.ExecContext(ctx, `SELECT set_config('app.try', 'x', true)`); err != nil {
			t.Fatalf("transaction %d after its connection was ended: %v", i, err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
	}
}

// BenchmarkInline inlines a statement the size of a request's setup.
func BenchmarkInline(b *testing.B) {
	var q strings.Builder
	args := make([]any, 24)
	for i := range args {
		fmt.Fprintf(&q, "set_config('turbota.setting_%d', $%d, true), ", i, i+1)
		args[i] = fmt.Sprintf("CM01HZX%020d,CM01HZY%020d", i, i)
	}
	query := "SELECT " + q.String() + "1 -- the end"
	for b.Loop() {
		if _, err := pqconn.Inline(query, args...); err != nil {
			b.Fatal(err)
		}
	}
}
