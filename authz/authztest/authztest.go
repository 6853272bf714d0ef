// Package authztest prepares test databases as the server's start leaves
// them: the territory and the default policy loaded.
package authztest

import (
	"context"
	"database/sql"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/internal/reference/territory/territorytest"
)

// Prepare is a testdb template preparation: the territory, then the
// default policy.
func Prepare(ctx context.Context, dsn string) error {
	if err := territorytest.Prepare(ctx, dsn); err != nil {
		return err
	}
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	return authz.SyncDefaults(ctx, ent.NewClient(ent.Driver(entsql.OpenDB(dialect.Postgres, db))))
}
