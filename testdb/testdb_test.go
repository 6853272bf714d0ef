package testdb_test

import (
	"context"
	"database/sql"
	"os"
	"testing"

	"github.com/turbota/turbota/testdb"
)

func TestMain(m *testing.M) {
	os.Exit(testdb.Main(m, func(ctx context.Context, dsn string) error {
		db, err := sql.Open("postgres", dsn)
		if err != nil {
			return err
		}
		defer db.Close()
		_, err = db.ExecContext(ctx, "CREATE TABLE notes (body text); INSERT INTO notes VALUES ('template')")
		return err
	}))
}

func TestClonesAreIndependent(t *testing.T) {
	for _, name := range []string{"a", "b"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			db, err := sql.Open("postgres", testdb.New(t))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Exec("INSERT INTO notes VALUES ($1)", name); err != nil {
				t.Fatal(err)
			}
			var n int
			if err := db.QueryRow("SELECT count(*) FROM notes").Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != 2 {
				t.Errorf("clone %s holds %d rows, want its own 2", name, n)
			}
		})
	}
}
