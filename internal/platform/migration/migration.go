// Package migration applies the versioned migrations of
// ent/migrate/migrations. Several replicas may start at once: the first
// takes an advisory lock and applies what is pending, the others wait and
// then find nothing left to do. Each file runs in its own transaction.
package migration

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io/fs"
	"slices"

	atlas "ariga.io/atlas/sql/migrate"
	"github.com/rs/zerolog"

	"github.com/turbota/turbota/ent/migrate/migrations"
	"github.com/turbota/turbota/internal/platform/clock"
)

// lockID is the advisory lock key ("turbota" in ASCII).
const lockID = 0x7475726274_6f7461

// File is one migration.
type File struct {
	Version, Name string
	SQL           string
	Hash          string
}

// Files returns the embedded migrations in order, after checking them
// against atlas.sum so an edited or missing file is caught before it runs.
func Files() ([]File, error) {
	dir := &atlas.MemDir{}
	names, err := fs.Glob(migrations.FS, "*")
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		b, err := fs.ReadFile(migrations.FS, n)
		if err != nil {
			return nil, err
		}
		if err := dir.WriteFile(n, b); err != nil {
			return nil, err
		}
	}
	if err := atlas.Validate(dir); err != nil {
		return nil, fmt.Errorf("migration files do not match atlas.sum: %w", err)
	}
	files, err := dir.Files()
	if err != nil {
		return nil, err
	}
	out := make([]File, len(files))
	for i, f := range files {
		sum := sha256.Sum256(f.Bytes())
		out[i] = File{Version: f.Version(), Name: f.Name(), SQL: string(f.Bytes()), Hash: hex.EncodeToString(sum[:])}
	}
	return out, nil
}

// Apply applies every pending migration and returns how many it applied.
func Apply(ctx context.Context, db *sql.DB, log zerolog.Logger) (int, error) {
	return ApplyThen(ctx, db, log, nil)
}

// ApplyThen applies every pending migration and then runs then (loading
// reference data: the codifier, the default policy), all under the
// migration lock, so replicas starting together on an empty database never
// load the same rows at once.
func ApplyThen(ctx context.Context, db *sql.DB, log zerolog.Logger, then func(context.Context) error) (int, error) {
	files, err := Files()
	if err != nil {
		return 0, err
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", lockID); err != nil {
		return 0, fmt.Errorf("take the migration lock: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", lockID) //nolint:errcheck
	if _, err := conn.ExecContext(ctx, createRevisions); err != nil {
		return 0, fmt.Errorf("create the revisions table: %w", err)
	}
	done, err := applied(ctx, conn)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, f := range files {
		if h, ok := done[f.Version]; ok {
			if h != f.Hash {
				return n, fmt.Errorf("migration %s changed after it was applied", f.Name)
			}
			continue
		}
		if err := applyFile(ctx, conn, f); err != nil {
			return n, err
		}
		log.Info().Str("migration", f.Name).Msg("migration applied")
		n++
	}
	if then != nil {
		return n, then(ctx)
	}
	return n, nil
}

// Pending lists the migrations not yet applied (for readiness checks).
func Pending(ctx context.Context, db *sql.DB) ([]string, error) {
	files, err := Files()
	if err != nil {
		return nil, err
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	done, err := applied(ctx, conn)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, f := range files {
		if _, ok := done[f.Version]; !ok {
			out = append(out, f.Name)
		}
	}
	return out, nil
}

const createRevisions = `CREATE TABLE IF NOT EXISTS schema_revisions (
  version text PRIMARY KEY, name text NOT NULL, hash text NOT NULL, applied_at timestamptz NOT NULL)`

func applied(ctx context.Context, conn *sql.Conn) (map[string]string, error) {
	var exists bool
	if err := conn.QueryRowContext(ctx, "SELECT to_regclass('schema_revisions') IS NOT NULL").Scan(&exists); err != nil || !exists {
		return map[string]string{}, err
	}
	rows, err := conn.QueryContext(ctx, "SELECT version, hash FROM schema_revisions")
	if err != nil {
		return nil, fmt.Errorf("read applied migrations: %w", err)
	}
	defer rows.Close()
	done := map[string]string{}
	for rows.Next() {
		var v, h string
		if err := rows.Scan(&v, &h); err != nil {
			return nil, err
		}
		done[v] = h
	}
	return done, rows.Err()
}

func applyFile(ctx context.Context, conn *sql.Conn, f File) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck
	// The whole file goes as one simple-protocol query, so DO blocks and
	// functions need no statement splitting.
	if _, err := tx.ExecContext(ctx, f.SQL); err != nil {
		return fmt.Errorf("apply migration %s: %w", f.Name, err)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO schema_revisions (version, name, hash, applied_at) VALUES ($1, $2, $3, $4)",
		f.Version, f.Name, f.Hash, clock.Now()); err != nil {
		return fmt.Errorf("record migration %s: %w", f.Name, err)
	}
	return tx.Commit()
}

// Versions returns the versions of the embedded migrations, oldest first.
func Versions() ([]string, error) {
	files, err := Files()
	if err != nil {
		return nil, err
	}
	v := make([]string, len(files))
	for i, f := range files {
		v[i] = f.Version
	}
	return slices.Clip(v), nil
}
