package pqconn_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"testing"

	"github.com/turbota/turbota/internal/platform/pqconn"
	"github.com/turbota/turbota/internal/platform/testdb"
)

func TestMain(m *testing.M) {
	// A blank template: each test makes what it reads.
	os.Exit(testdb.Main(m, func(context.Context, string) error { return nil }))
}

// one opens a pool of a single connection, so that every statement of a
// test runs on the connection whose prepared statements it counts.
func one(t *testing.T, plans pqconn.Plans) *sql.DB {
	t.Helper()
	db, err := pqconn.Open(testdb.New(t), plans)
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	return db
}

// prepared counts the connection's prepared statements whose text is query.
func prepared(t *testing.T, db *sql.DB, query string) int {
	t.Helper()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM pg_prepared_statements WHERE statement = $1`, query).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestAStatementIsPreparedOncePerConnection(t *testing.T) {
	db := one(t, pqconn.PerCall)
	const q = `SELECT $1::int + 1`
	for i := range 5 {
		var got int
		if err := db.QueryRow(q, i).Scan(&got); err != nil || got != i+1 {
			t.Fatalf("call %d: %d, %v", i, got, err)
		}
	}
	// Inside a transaction that rolls back too: a prepared statement is
	// the connection's, not the transaction's.
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(q, 1); err != nil {
		t.Fatal(err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if n := prepared(t, db, q); n != 1 {
		t.Errorf("%q is prepared %d times on the connection, want once", q, n)
	}
}

func TestStatementsWithoutParametersKeepTheSimpleProtocol(t *testing.T) {
	db := one(t, pqconn.PerCall)
	// Several statements in one string, as migrations are: only the simple
	// protocol runs them, and nothing is prepared.
	if _, err := db.Exec(`CREATE TABLE t (a int); INSERT INTO t VALUES (1); INSERT INTO t VALUES (2)`); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM t`).Scan(&n); err != nil || n != 2 {
		t.Fatalf("rows: %d, %v", n, err)
	}
	var kept int
	if err := db.QueryRow(`SELECT count(*) FROM pg_prepared_statements`).Scan(&kept); err != nil {
		t.Fatal(err)
	}
	if kept != 0 {
		t.Errorf("%d statements prepared, want none", kept)
	}
}

func TestAConnectionKeepsAtMostSizeStatements(t *testing.T) {
	db := one(t, pqconn.PerCall)
	for i := range pqconn.Size + 20 {
		if _, err := db.Exec(fmt.Sprintf(`SELECT $1::int + %d`, i), i); err != nil {
			t.Fatal(err)
		}
	}
	var kept int
	// This count is itself a statement without parameters: not cached.
	if err := db.QueryRow(`SELECT count(*) FROM pg_prepared_statements`).Scan(&kept); err != nil {
		t.Fatal(err)
	}
	if kept != pqconn.Size {
		t.Errorf("%d statements prepared, want the %d most recent", kept, pqconn.Size)
	}
	// The oldest went first.
	if n := prepared(t, db, `SELECT $1::int + 0`); n != 0 {
		t.Error("the least recently used statement is still prepared")
	}
}

func TestAStatementWhoseTableChangedIsPreparedAgain(t *testing.T) {
	db := one(t, pqconn.PerCall)
	if _, err := db.Exec(`CREATE TABLE t (a int); INSERT INTO t VALUES (1)`); err != nil {
		t.Fatal(err)
	}
	const q = `SELECT * FROM t WHERE a = $1`
	if _, err := db.Exec(q, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`ALTER TABLE t ADD COLUMN b int`); err != nil {
		t.Fatal(err)
	}
	// PostgreSQL refuses the old statement once (its result changed
	// shape); the call after it works.
	_, _ = db.Exec(q, 1)
	rows, err := db.Query(q, 1)
	if err != nil {
		t.Fatalf("after the table changed: %v", err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	if len(cols) != 2 {
		t.Errorf("columns %v, want a and b", cols)
	}
}

func TestPlansSetThePoolsPlanCacheMode(t *testing.T) {
	for plans, want := range map[pqconn.Plans]string{pqconn.PerCall: "force_custom_plan", pqconn.Cached: "auto"} {
		var got string
		if err := one(t, plans).QueryRow(`SHOW plan_cache_mode`).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s: plan_cache_mode %s", plans, got)
		}
	}
}
