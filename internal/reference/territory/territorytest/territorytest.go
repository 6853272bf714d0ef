// Package territorytest helps tests that need a database with the schema
// and, optionally, the territory loaded. Use it with package testdb:
//
//	func TestMain(m *testing.M) { os.Exit(testdb.Main(m, territorytest.Prepare)) }
//
// and territorytest.Open(t, testdb.New(t)) in each test.
package territorytest

import (
	"context"
	"database/sql"
	"fmt"
	"testing"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	_ "github.com/lib/pq" // the PostgreSQL driver

	"github.com/rs/zerolog"

	"github.com/turbota/turbota/ent"
	_ "github.com/turbota/turbota/ent/runtime" // registers the schema's policies and hooks
	"github.com/turbota/turbota/internal/platform/migration"
	"github.com/turbota/turbota/internal/reference/territory"
)

// CreateSchema applies the versioned migrations to the database at dsn,
// exactly as the server does.
func CreateSchema(ctx context.Context, dsn string) error {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	defer db.Close()
	if _, err := migration.Apply(ctx, db, zerolog.Nop()); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

// Prepare creates the schema and loads the territory: a testdb prepare
// function for tests that need the reference data in every database.
func Prepare(ctx context.Context, dsn string) error {
	if err := CreateSchema(ctx, dsn); err != nil {
		return err
	}
	client, err := openClient(dsn)
	if err != nil {
		return err
	}
	defer client.Close()
	if _, err := territory.Load(ctx, client); err != nil {
		return err
	}
	return nil
}

// Open returns a client of the database at dsn, closed when t ends.
func Open(t testing.TB, dsn string) *ent.Client {
	t.Helper()
	client, err := openClient(dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.Close() })
	return client
}

func openClient(dsn string) (*ent.Client, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	return ent.NewClient(ent.Driver(entsql.OpenDB(dialect.Postgres, db))), nil
}
