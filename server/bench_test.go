package server_test

import (
	"testing"

	"github.com/turbota/turbota/demo"
	"github.com/turbota/turbota/server"
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
