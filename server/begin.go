package server

import (
	"context"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/tenant"
)

// begin opens a viewer's request transaction: their sight is computed
// once, here, and both the privacy rules and row-level security decide
// from it.
func (s *Server) begin(ctx context.Context, v *tenant.Viewer) (*ent.Tx, error) {
	s.authz.See(v)
	return tenant.BeginWith(ctx, s.client, v, s.cfg.Transaction)
}
