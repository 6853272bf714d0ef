package server_test

import (
	"testing"

	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/server"
)

// BenchmarkFamiliesQuery measures one authenticated list request through the
// whole stack: session lookup, viewer, the RLS transaction, both privacy
// walls, the access log of every family read, and JSON.
func BenchmarkFamiliesQuery(b *testing.B) {
	e := newEnv(b, server.Config{})
	token := e.login(demo.VinnytsiaChildrenServiceEmail)
	const q = `{ families(first: 20) { totalCount edges { node { id name members { totalCount } } } } }`
	b.ResetTimer()
	for b.Loop() {
		if r := e.do(token, q, nil); len(r.Errors) > 0 {
			b.Fatal(r.Errors)
		}
	}
}

// BenchmarkNodeLookup measures a single object fetched by its global ID.
func BenchmarkNodeLookup(b *testing.B) {
	e := newEnv(b, server.Config{})
	token := e.login(demo.VinnytsiaChildrenServiceEmail)
	vars := map[string]any{"id": fx[own].Organization}
	b.ResetTimer()
	for b.Loop() {
		if r := e.do(token, `query($id: ID!) { node(id: $id) { id } }`, vars); r.Data["node"] == nil {
			b.Fatal(r.Errors)
		}
	}
}

// BenchmarkCaseByID measures the side-by-side benchmark's "case by id"
// shape alone, for profiling the request path (-cpuprofile, -memprofile).
func BenchmarkCaseByID(b *testing.B) {
	e := newEnv(b, server.Config{})
	var id string
	if err := e.db.QueryRow(`SELECT id FROM case_files WHERE community_id = $1 LIMIT 1`, fx[own].Community).Scan(&id); err != nil {
		b.Fatal(err)
	}
	token := e.login(demo.VinnytsiaChildrenServiceEmail)
	vars := map[string]any{"id": id}
	b.ResetTimer()
	for b.Loop() {
		if r := e.do(token, caseByIDQuery, vars); r.Data["node"] == nil {
			b.Fatal(r.Errors)
		}
	}
}
