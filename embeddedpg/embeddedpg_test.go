package embeddedpg_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"github.com/rs/zerolog"

	"github.com/turbota/turbota/embeddedpg"
)

func TestStartStopRestartKeepsData(t *testing.T) {
	dir, err := os.MkdirTemp("", "turbota-epg-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	_ = os.Chmod(dir, 0o755)
	ctx := context.Background()
	opts := embeddedpg.Options{DataDir: filepath.Join(dir, "data"), Ephemeral: true, Log: zerolog.Nop()}
	cl, err := embeddedpg.Start(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	exec(t, cl.DSN("postgres"), "CREATE TABLE kept (x int); INSERT INTO kept VALUES (42)")
	if err := cl.Stop(); err != nil {
		t.Fatal(err)
	}
	// A crashed run leaves a lock file naming a process that is gone.
	pid := filepath.Join(opts.DataDir, "pgdata", "postmaster.pid")
	if err := os.WriteFile(pid, []byte("999999\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cl, err = embeddedpg.Start(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Stop()
	db, _ := sql.Open("postgres", cl.DSN("postgres"))
	defer db.Close()
	var x int
	if err := db.QueryRow("SELECT x FROM kept").Scan(&x); err != nil || x != 42 {
		t.Fatalf("data after restart: %d, %v", x, err)
	}
}

func exec(t *testing.T, dsn, q string) {
	t.Helper()
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(q); err != nil {
		t.Fatal(err)
	}
}
