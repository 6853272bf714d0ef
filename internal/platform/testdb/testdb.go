// Package testdb gives tests a real PostgreSQL: one throwaway cluster per
// test binary (or the server named by TURBOTA_TEST_DATABASE_URL), a template
// database prepared once, and a fresh clone of it for every test.
package testdb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/lib/pq"
	"github.com/rs/zerolog"

	"github.com/turbota/turbota/internal/platform/embeddedpg"
)

var (
	admin    *sql.DB
	dsnOf    func(db string) string
	template string
	clones   = newCloner()
)

// Main starts the database, prepares the template with prepare, runs the
// tests and cleans up. Call it from TestMain: os.Exit(testdb.Main(m, prepare)).
func Main(m *testing.M, prepare func(ctx context.Context, dsn string) error) int {
	ctx := context.Background()
	stop, err := start(ctx)
	if err != nil {
		fmt.Fprintln(os.Stderr, "testdb:", err)
		return 1
	}
	defer stop()
	// Unique per process: packages testing concurrently against one
	// TURBOTA_TEST_DATABASE_URL server each get their own.
	template = "tpl_" + randomName()
	defer dropDatabase(template)
	if err := createTemplate(ctx, prepare); err != nil {
		fmt.Fprintln(os.Stderr, "testdb: prepare template:", err)
		return 1
	}
	defer clones.stop()
	return m.Run()
}

// start connects to TURBOTA_TEST_DATABASE_URL or starts a cluster.
func start(ctx context.Context) (func(), error) {
	if u := os.Getenv("TURBOTA_TEST_DATABASE_URL"); u != "" {
		dsnOf = func(db string) string { return withDatabase(u, db) }
		return openAdmin(func() {})
	}
	sweepLeftovers()
	dir, err := os.MkdirTemp("/tmp", "turbota-test-")
	if err != nil {
		return nil, err
	}
	// As root the server runs as postgres, which must be able to enter it.
	if err := os.Chmod(dir, 0o755); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	// TURBOTA_TEST_DURABLE keeps PostgreSQL's durability (fsync, synchronous
	// commit, default buffers), for benchmarks whose writes must wait for
	// the disk as they would in production.
	durable := os.Getenv("TURBOTA_TEST_DURABLE") != ""
	cl, err := embeddedpg.Start(ctx, embeddedpg.Options{DataDir: dir, Ephemeral: !durable, Log: zerolog.Nop()})
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	dsnOf = cl.DSN
	return openAdmin(func() {
		_ = cl.Stop()
		os.RemoveAll(dir)
	})
}

func openAdmin(stop func()) (func(), error) {
	db, err := sql.Open("postgres", dsnOf("postgres"))
	if err != nil {
		stop()
		return nil, err
	}
	admin = db
	return func() { db.Close(); stop() }, nil
}

// withDatabase points a URL or a key=value DSN at another database (in a
// key=value DSN the last setting wins).
func withDatabase(raw, db string) string {
	if !strings.Contains(raw, "://") {
		return raw + " dbname=" + db
	}
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	u.Path = "/" + db
	return u.String()
}

func createTemplate(ctx context.Context, prepare func(context.Context, string) error) error {
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+pq.QuoteIdentifier(template)); err != nil {
		return err
	}
	if err := prepare(ctx, dsnOf(template)); err != nil {
		return err
	}
	// Cloning fails while anyone is connected to the template, and prepare
	// may leave a pool open: shut the door, then show out whoever is left.
	// Clones get ALLOW_CONNECTIONS back by default.
	q := pq.QuoteIdentifier(template)
	if _, err := admin.ExecContext(ctx, "ALTER DATABASE "+q+" WITH ALLOW_CONNECTIONS false"); err != nil {
		return err
	}
	_, err := admin.ExecContext(ctx, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", template)
	return err
}

// New returns the DSN of a fresh database cloned from the template; the
// database is dropped when the test ends.
func New(t testing.TB) string {
	t.Helper()
	if admin == nil {
		t.Fatal("testdb.New needs TestMain to call testdb.Main")
	}
	name, err := clones.take()
	if err != nil {
		t.Fatalf("testdb: clone template: %v", err)
	}
	t.Cleanup(func() { clones.drop(name) })
	return dsnOf(name)
}

// AdminDSN is a superuser DSN for a database.
func AdminDSN(dbname string) string {
	if dsnOf == nil {
		panic("testdb.AdminDSN needs TestMain to call testdb.Main")
	}
	return dsnOf(dbname)
}

// dropDatabase forces out sessions a test left open. WITH (FORCE) needs
// PostgreSQL 13; older servers reject the syntax and get the same by hand.
func dropDatabase(name string) {
	q := "DROP DATABASE IF EXISTS " + pq.QuoteIdentifier(name)
	if _, err := admin.Exec(q + " WITH (FORCE)"); err == nil {
		return
	}
	_, _ = admin.Exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", name)
	_, _ = admin.Exec(q)
}

func randomName() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return strings.ToLower(hex.EncodeToString(b))
}
