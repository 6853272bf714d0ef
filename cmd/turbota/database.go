package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"github.com/lib/pq"
	"github.com/rs/zerolog"

	"github.com/turbota/turbota/audit"
	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/classifier"
	"github.com/turbota/turbota/embeddedpg"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/migration"
	"github.com/turbota/turbota/territory"

	_ "github.com/turbota/turbota/ent/runtime"
)

// database is an open, migrated database and what owns it.
type database struct {
	DSN     string
	DB      *sql.DB
	Client  *ent.Client
	cluster *embeddedpg.Cluster
}

const embeddedDBName = "turbota"

// openDatabase connects to the configured server, or starts the embedded
// cluster, then applies migrations and reference data.
func openDatabase(ctx context.Context, cfg *config, log zerolog.Logger) (*database, error) {
	d := &database{DSN: cfg.DatabaseURL}
	if d.DSN == "" {
		if err := d.startEmbedded(ctx, cfg, log); err != nil {
			return nil, err
		}
	}
	db, err := sql.Open("postgres", d.DSN)
	if err != nil {
		return nil, d.fail(fmt.Errorf("open database: %w", err))
	}
	db.SetMaxOpenConns(40)
	if err := db.PingContext(ctx); err != nil {
		return nil, d.fail(fmt.Errorf("connect to the database: %w", err))
	}
	d.DB = db
	d.Client = newClient(db)
	if err := d.prepare(ctx, log); err != nil {
		return nil, d.fail(err)
	}
	return d, nil
}

// newClient builds the ent client with the audit hooks.
func newClient(db *sql.DB) *ent.Client {
	c := ent.NewClient(ent.Driver(entsql.OpenDB(dialect.Postgres, db)))
	audit.Install(c)
	return c
}

func (d *database) startEmbedded(ctx context.Context, cfg *config, log zerolog.Logger) error {
	if err := os.MkdirAll(cfg.DataDir, 0o755); err != nil {
		return fmt.Errorf("create data dir: %w", err)
	}
	cl, err := embeddedpg.Start(ctx, embeddedpg.Options{DataDir: cfg.DataDir, Log: log})
	if err != nil {
		return fmt.Errorf("start the embedded PostgreSQL: %w", err)
	}
	d.cluster = cl
	if err := createDatabase(ctx, cl.DSN("postgres"), embeddedDBName); err != nil {
		return d.fail(err)
	}
	d.DSN = cl.DSN(embeddedDBName)
	return nil
}

func createDatabase(ctx context.Context, adminDSN, name string) error {
	db, err := sql.Open("postgres", adminDSN)
	if err != nil {
		return err
	}
	defer db.Close()
	var exists bool
	if err := db.QueryRowContext(ctx, "SELECT EXISTS (SELECT FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return fmt.Errorf("look for database %s: %w", name, err)
	}
	if exists {
		return nil
	}
	_, err = db.ExecContext(ctx, "CREATE DATABASE "+pq.QuoteIdentifier(name))
	return err
}

// prepare brings the schema, the codifier and the default policy up to date.
func (d *database) prepare(ctx context.Context, log zerolog.Logger) error {
	n, err := migration.Apply(ctx, d.DB, log)
	if err != nil {
		return err
	}
	stats, err := territory.Load(ctx, d.Client)
	if err != nil {
		return fmt.Errorf("load the territory codifier: %w", err)
	}
	if err := authz.SyncDefaults(ctx, d.Client); err != nil {
		return err
	}
	if err := classifier.LoadDefaults(ctx, d.Client); err != nil {
		return err
	}
	log.Info().Int("migrations_applied", n).Int("regions", stats.Regions).Int("districts", stats.Districts).
		Int("communities", stats.Communities).Msg("database ready")
	return nil
}

func (d *database) fail(err error) error {
	_ = d.Close()
	return err
}

// Close closes the connections and stops the embedded cluster.
func (d *database) Close() error {
	if d.DB != nil {
		_ = d.DB.Close()
	}
	if d.cluster != nil {
		return d.cluster.Stop()
	}
	return nil
}
