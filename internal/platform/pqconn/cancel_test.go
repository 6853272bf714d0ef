package pqconn_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"

	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/platform/pqconn"
)

// A transaction whose context ends while a statement runs, or while its
// rows arrive, answers the context's error at once and never commits; the
// statement does not go on running in PostgreSQL, and the pool goes on
// with a fresh connection.
func TestATransactionWhoseContextEndsStopsAtOnce(t *testing.T) {
	db := one(t, pqconn.Cached)
	if _, err := db.Exec(`CREATE TABLE marks (n int)`); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		last func(ctx context.Context, tx *sql.Tx) error
	}{
		{"statement", func(ctx context.Context, tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `SELECT pg_sleep($1)`, 30)
			return err
		}},
		{"rows", func(ctx context.Context, tx *sql.Tx) error {
			// The first rows arrive, then PostgreSQL sleeps before the last.
			rows, err := tx.QueryContext(ctx, `SELECT n, CASE WHEN n = 3 THEN pg_sleep(30) END FROM generate_series(1, $1::int) n`, 3)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
			}
			return rows.Err()
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
			defer cancel()
			start := clock.Now()
			err := inTx(ctx, db, tc.last)
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("error %v, want the context's deadline", err)
			}
			if took := clock.Since(start); took > 5*time.Second {
				t.Fatalf("answered after %v", took)
			}
			var n int
			if err := db.QueryRow(`SELECT count(*) FROM marks`).Scan(&n); err != nil || n != 0 {
				t.Fatalf("marks after the deadline: %d (%v), want none committed", n, err)
			}
			waitForNoSleep(t, db)
		})
	}
}

// inTx writes a mark, then runs last, then commits.
func inTx(ctx context.Context, db *sql.DB, last func(context.Context, *sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO marks VALUES ($1)`, 1); err != nil {
		return err
	}
	if err := last(ctx, tx); err != nil {
		return err
	}
	return tx.Commit()
}

// waitForNoSleep waits for PostgreSQL to end the statement of the client
// that left (it checks every client_connection_check_interval).
func waitForNoSleep(t *testing.T, db *sql.DB) {
	t.Helper()
	deadline := clock.Now().Add(10 * time.Second)
	for {
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg\_sleep%' AND pid <> pg_backend_pid()`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
		if clock.Now().After(deadline) {
			t.Fatalf("the statement still runs in PostgreSQL 10 s after its client left")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// A statement whose context is not its transaction's (a shorter deadline
// of its own) is still cut short by it.
func TestAStatementsOwnDeadlineHolds(t *testing.T) {
	db := one(t, pqconn.Cached)
	tx, err := db.BeginTx(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := clock.Now()
	if _, err := tx.ExecContext(ctx, `SELECT pg_sleep($1)`, 30); err == nil {
		t.Fatal("a 30 s sleep with a 0.3 s deadline succeeded")
	}
	if took := clock.Since(start); took > 5*time.Second {
		t.Fatalf("answered after %v", took)
	}
}
