package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"github.com/lib/pq"
	"github.com/rs/zerolog"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/internal/audit"
	"github.com/turbota/turbota/internal/platform/embeddedpg"
	"github.com/turbota/turbota/internal/platform/migration"
	"github.com/turbota/turbota/internal/platform/pqconn"
	"github.com/turbota/turbota/internal/reference/classifier"
	"github.com/turbota/turbota/internal/reference/territory"

	_ "github.com/turbota/turbota/ent/runtime"
)

// database is an open, migrated database, its pools and what owns it.
// Every pool is bounded and separate, so a request never holds two
// connections of one pool and background work never competes with it.
type database struct {
	DSN    string
	DB     *sql.DB     // requests: one connection per operation
	Client *ent.Client // over DB
	// Auth signs people in and checks tokens; Aggregates serves regional and
	// national figures; Jobs does background work; Health answers /readyz.
	Auth                       *ent.Client
	AuthDB, Aggregates, JobsDB *sql.DB
	Jobs                       *ent.Client
	Health                     *sql.DB
	AccessLogDB                *sql.DB // the access-log writer's (audit.Writer)
	cluster                    *embeddedpg.Cluster
}

const embeddedDBName = "turbota"

// openDatabase connects to the configured server (waiting for it with
// backoff), or starts the embedded cluster, then applies migrations and
// reference data.
func openDatabase(ctx context.Context, cfg *config, log zerolog.Logger) (*database, error) {
	d := &database{DSN: cfg.DatabaseURL}
	if d.DSN == "" {
		if err := d.startEmbedded(ctx, cfg, log); err != nil {
			return nil, err
		}
	}
	if err := d.openPools(cfg.Pools); err != nil {
		return nil, d.fail(err)
	}
	if err := waitFor(ctx, d.DB, cfg.StartupWait, log); err != nil {
		return nil, d.fail(err)
	}
	if err := d.prepare(ctx, log); err != nil {
		return nil, d.fail(err)
	}
	return d, nil
}

// openPools opens the pools; lib/pq connects lazily, so this never fails
// for a server that is down.
func (d *database) openPools(p pools) error {
	var err error
	open := func(n int, plans pqconn.Plans) *sql.DB {
		db, e := pqconn.Open(d.DSN, plans)
		if e != nil {
			err = fmt.Errorf("open database: %w", e)
			return nil
		}
		n = max(n, 1)
		db.SetMaxOpenConns(n)
		db.SetMaxIdleConns(n) // keep what may be open: no reconnect per request
		db.SetConnMaxIdleTime(5 * time.Minute)
		db.SetConnMaxLifetime(time.Hour)
		return db
	}
	// Migrations hold a connection for the lock and load data over others.
	// Requests, sign-in and token checks keep their plans where PostgreSQL
	// finds a generic plan no costlier (see pqconn.Plans); aggregates and
	// jobs, whose estimates depend on their ranges and regions, plan per call.
	d.DB, d.AuthDB = open(max(p.Requests, 2), pqconn.Cached), open(p.Auth, pqconn.Cached)
	d.Aggregates, d.JobsDB, d.Health = open(p.Aggregates, pqconn.PerCall), open(p.Jobs, pqconn.PerCall), open(1, pqconn.PerCall)
	d.AccessLogDB = open(1, pqconn.Cached)
	if err != nil {
		return err
	}
	d.Client, d.Auth, d.Jobs = newClient(d.DB), newClient(d.AuthDB), newClient(d.JobsDB)
	return nil
}

// waitFor waits until the database answers, retrying with backoff for up to
// wait: a database that starts after Turbota (or restarts) is not a reason
// to exit.
func waitFor(ctx context.Context, db *sql.DB, wait time.Duration, log zerolog.Logger) error {
	deadline := time.Now().Add(wait)
	delay := 250 * time.Millisecond
	for {
		pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		err := db.PingContext(pctx)
		cancel()
		if err == nil {
			return nil
		}
		if time.Now().Add(delay).After(deadline) {
			return fmt.Errorf("connect to the database (waited %s): %w", wait, err)
		}
		log.Warn().Str("error", err.Error()).Dur("retry_in", delay).Msg("database not reachable yet")
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(delay):
		}
		delay = min(delay*2, 5*time.Second)
	}
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

// prepare brings the schema, the codifier and the default policy up to
// date, all under the migration lock: replicas starting together on an
// empty database take turns instead of inserting the same rows.
func (d *database) prepare(ctx context.Context, log zerolog.Logger) error {
	var stats territory.Stats
	n, err := migration.ApplyThen(ctx, d.DB, log, func(ctx context.Context) error {
		var err error
		if stats, err = territory.Load(ctx, d.Client); err != nil {
			return fmt.Errorf("load the territory codifier: %w", err)
		}
		if err := authz.SyncDefaults(ctx, d.Client); err != nil {
			return err
		}
		return classifier.LoadDefaults(ctx, d.Client)
	})
	if err != nil {
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
	for _, db := range []*sql.DB{d.DB, d.AuthDB, d.Aggregates, d.JobsDB, d.Health, d.AccessLogDB} {
		if db != nil {
			_ = db.Close()
		}
	}
	if d.cluster != nil {
		return d.cluster.Stop()
	}
	return nil
}
