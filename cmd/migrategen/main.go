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
	"slices"

	atlas "ariga.io/atlas/sql/migrate"
	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql/schema"
	"github.com/rs/zerolog"

	"github.com/turbota/turbota/ent/migrate"
	"github.com/turbota/turbota/internal/platform/embeddedpg"
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
	byValue(migrate.Tables)
	return migrate.NamedDiff(ctx, cl.URL("postgres"), name, opts...)
}

// referencedByValue are the edges of the ent schema that the database keeps
// without a foreign key, each with why (the hand-written migration that
// drops it says the same).
var referencedByValue = map[string]string{
	// Every read appends access-log rows; the check of this key took a
	// KEY SHARE lock on the actor's users row per row appended, two thirds
	// of what the log cost (6.7 of 9.8 ms for a page of 200 records). The
	// actor is always the authenticated viewer, and a trigger on users
	// keeps a user with lines in the log from being deleted instead.
	"audit_events_users_actor_user": "the access log's actor",
}

// byValue takes the foreign keys of referencedByValue out of the tables the
// migrations are computed from.
func byValue(tables []*schema.Table) {
	for _, t := range tables {
		t.ForeignKeys = slices.DeleteFunc(t.ForeignKeys, func(fk *schema.ForeignKey) bool {
			_, ok := referencedByValue[fk.Symbol]
			return ok
		})
	}
}
