package testdb_test

import (
	"context"
	"database/sql"
	"os"
	"testing"

	"github.com/turbota/turbota/internal/platform/testdb"
)

func TestMain(m *testing.M) {
	os.Exit(testdb.Main(m, func(ctx context.Context, dsn string) error {
		db, err := sql.Open("postgres", dsn)
		if err != nil {
			return err
		}
		// Left open on purpose: Main must cope with a caller's stray pool.
		db.SetMaxIdleConns(2)
		_, err = db.ExecContext(ctx, "CREATE TABLE notes (body text); INSERT INTO notes VALUES ('template')")
		return err
	}))
}

func TestCloneA(t *testing.T) { t.Parallel(); ownsItsRows(t, "a") }
func TestCloneB(t *testing.T) { t.Parallel(); ownsItsRows(t, "b") }

// ownsItsRows writes to a fresh clone and sees the template's row plus its
// own, never the other test's.
func ownsItsRows(t *testing.T, body string) {
	db, err := sql.Open("postgres", testdb.New(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("INSERT INTO notes VALUES ($1)", body); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.QueryRow("SELECT count(*) FROM notes WHERE body IN ('template', $1)", body).Scan(&n); err != nil {
		t.Fatal(err)
	}
	var all int
	if err := db.QueryRow("SELECT count(*) FROM notes").Scan(&all); err != nil {
		t.Fatal(err)
	}
	if n != 2 || all != 2 {
		t.Errorf("clone %s: %d of its rows, %d in all; want 2 and 2", body, n, all)
	}
}

func TestAdminDSNReachesServer(t *testing.T) {
	db, err := sql.Open("postgres", testdb.AdminDSN("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var super bool
	if err := db.QueryRow("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").Scan(&super); err != nil || !super {
		t.Fatalf("admin is superuser: %v, %v", super, err)
	}
}
