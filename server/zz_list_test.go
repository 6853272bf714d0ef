package server_test

import (
	"context"
	"testing"

	"github.com/turbota/turbota/demo"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/server"
	"github.com/turbota/turbota/synthetic"
	"github.com/turbota/turbota/tenant"
)

func BenchmarkZZList(b *testing.B) {
	e := newEnvWith(b, server.Config{}, nil)
	ctx := tenant.SystemContext(context.Background())
	if _, err := synthetic.Fill(ctx, e.db, []pulid.ID{fx[own].Community}, 5000, synthetic.Setting{}); err != nil {
		b.Fatal(err)
	}
	e.db.Exec(`ANALYZE`)
	token := e.login(demo.VinnytsiaChildrenServiceEmail)
	b.ResetTimer()
	for b.Loop() {
		if r := e.do(token, caseListQuery, map[string]any{"n": 50}); len(r.Errors) > 0 {
			b.Fatal(r.Errors)
		}
	}
}
