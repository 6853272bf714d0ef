package embeddedpg_test

import (
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rs/zerolog"

	"github.com/turbota/turbota/embeddedpg"
)

func TestStartStopRestartKeepsData(t *testing.T) {
	t.Parallel()
	opts := options(t)
	cl := start(t, opts)
	if got := queryInt(t, cl.DSN("postgres"), "SELECT 1"); got != 1 {
		t.Fatalf("select 1 = %d", got)
	}
	execSQL(t, cl.DSN("postgres"), "CREATE TABLE kept (x int); INSERT INTO kept VALUES (42)")
	stop(t, cl)

	cl = start(t, opts)
	defer stop(t, cl)
	if got := queryInt(t, cl.DSN("postgres"), "SELECT x FROM kept"); got != 42 {
		t.Fatalf("after restart kept.x = %d, want 42", got)
	}
}

func TestStartAfterCrashLeftStalePID(t *testing.T) {
	t.Parallel()
	opts := options(t)
	stop(t, start(t, opts))

	// A crashed run leaves a lock file naming a process that is gone.
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Fatal(err)
	}
	pidFile := filepath.Join(opts.DataDir, "pgdata", "postmaster.pid")
	content := strconv.Itoa(dead.ProcessState.Pid()) + "\n" + filepath.Join(opts.DataDir, "pgdata") + "\n"
	if err := os.WriteFile(pidFile, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}

	cl := start(t, opts)
	defer stop(t, cl)
	if got := queryInt(t, cl.DSN("postgres"), "SELECT 1"); got != 1 {
		t.Fatalf("select 1 = %d", got)
	}
}

func options(t *testing.T) embeddedpg.Options {
	dir, err := os.MkdirTemp("/tmp", "turbota-epg-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	// As root the server runs as postgres, which must be able to enter it.
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return embeddedpg.Options{DataDir: filepath.Join(dir, "data"), Ephemeral: true, Log: zerolog.Nop()}
}

func start(t *testing.T, opts embeddedpg.Options) *embeddedpg.Cluster {
	t.Helper()
	cl, err := embeddedpg.Start(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return cl
}

func stop(t *testing.T, cl *embeddedpg.Cluster) {
	t.Helper()
	if err := cl.Stop(); err != nil {
		t.Fatal(err)
	}
}

func execSQL(t *testing.T, dsn, q string) {
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

func queryInt(t *testing.T, dsn, q string) int {
	t.Helper()
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(q).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
