package migration_test

import (
	"context"
	"database/sql"
	"testing"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"github.com/rs/zerolog"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/internal/platform/migration"
	"github.com/turbota/turbota/internal/platform/testdb"
	"github.com/turbota/turbota/internal/reference/classifier"
	"github.com/turbota/turbota/internal/reference/territory"

	_ "github.com/turbota/turbota/ent/runtime"
)

// Replicas started together on an empty database all come up: the schema,
// the codifier, the default policy and the classifier load under one lock.
func TestReplicasPrepareAnEmptyDatabaseTogether(t *testing.T) {
	dsn := testdb.New(t) // the template is blank (chunks_test.go)
	const replicas = 3
	errs := make(chan error, replicas)
	for range replicas {
		go func() {
			db, err := sql.Open("postgres", dsn)
			if err != nil {
				errs <- err
				return
			}
			defer db.Close()
			client := ent.NewClient(ent.Driver(entsql.OpenDB(dialect.Postgres, db)))
			_, err = migration.ApplyThen(context.Background(), db, zerolog.Nop(), func(ctx context.Context) error {
				if _, err := territory.Load(ctx, client); err != nil {
					return err
				}
				if err := authz.SyncDefaults(ctx, client); err != nil {
					return err
				}
				return classifier.LoadDefaults(ctx, client)
			})
			errs <- err
		}()
	}
	for range replicas {
		if err := <-errs; err != nil {
			t.Errorf("a replica failed to start: %v", err)
		}
	}
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if pending, err := migration.Pending(context.Background(), db); err != nil || len(pending) > 0 {
		t.Errorf("pending after start: %v %v", pending, err)
	}
}
