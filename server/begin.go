package server

import (
	"context"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/tenant"
)

// begin opens a viewer's request transaction: their sight is computed
// once, here, for row-level security; the privacy rules narrow each query
// with the same functions (see authz.SightOf).
func (s *Server) begin(ctx context.Context, v *tenant.Viewer) (*ent.Tx, error) {
	s.authz.See(v)
	return tenant.BeginWith(ctx, s.client, v, s.cfg.Transaction)
}
