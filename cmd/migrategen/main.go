// Command migrategen writes a new versioned migration (Atlas format) from
// the difference between the ent schema and the existing migrations, using
// a throwaway embedded PostgreSQL as Atlas's dev database; with -rehash it
// only rewrites atlas.sum after a hand-written migration was added.
//
//	go run ./cmd/migrategen -name add_cases
//	go run ./cmd/migrategen -rehash
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	atlas "ariga.io/atlas/sql/migrate"
	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql/schema"
	"github.com/rs/zerolog"

	"github.com/turbota/turbota/embeddedpg"
	"github.com/turbota/turbota/ent/migrate"
)

const dirPath = "ent/migrate/migrations"

func main() {
	name := flag.String("name", "", "name of the new migration")
	rehash := flag.Bool("rehash", false, "only rewrite atlas.sum")
	flag.Parse()
	if err := run(context.Background(), *name, *rehash); err != nil {
		fmt.Fprintln(os.Stderr, "migrategen:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, name string, rehash bool) error {
	dir, err := atlas.NewLocalDir(dirPath)
	if err != nil {
		return fmt.Errorf("open %s (run from the repository root): %w", dirPath, err)
	}
	if rehash {
		sum, err := dir.Checksum()
		if err != nil {
			return err
		}
		return atlas.WriteSumFile(dir, sum)
	}
	if name == "" {
		return fmt.Errorf("give the migration a -name")
	}
	tmp, err := os.MkdirTemp("", "turbota-migrategen-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	cl, err := embeddedpg.Start(ctx, embeddedpg.Options{DataDir: tmp, Ephemeral: true, Log: zerolog.Nop()})
	if err != nil {
		return err
	}
	defer cl.Stop()
	opts := []schema.MigrateOption{
		schema.WithDir(dir),
		schema.WithMigrationMode(schema.ModeReplay),
		schema.WithDialect(dialect.Postgres),
		schema.WithFormatter(atlas.DefaultFormatter),
	}
	return migrate.NamedDiff(ctx, cl.URL("postgres"), name, opts...)
}
