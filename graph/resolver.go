package graph

import (
	"github.com/turbota/turbota/ent"
)

// Resolver holds what the resolvers need; request-scoped state (the viewer
// and the per-request transaction) comes through the context.
type Resolver struct {
	Client *ent.Client
}
