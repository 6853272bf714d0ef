package server

import (
	"context"
	"errors"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/tenant"
)

// begin opens a viewer's request transaction: their sight is computed
// once, here, for row-level security; the privacy rules narrow each query
// with the same functions (see authz.SightOf).
func (s *Server) begin(ctx context.Context, v *tenant.Viewer) (*ent.Tx, error) {
	return s.beginWith(ctx, v, s.cfg.Transaction)
}

// beginRead opens the transaction of an operation that only reads: its
// access log commits without waiting for the disk (tenant.Limits.DurableReads).
func (s *Server) beginRead(ctx context.Context, v *tenant.Viewer) (*ent.Tx, error) {
	return s.beginWith(ctx, v, s.cfg.Transaction.ForRead())
}

// A viewer from the server's cache of sessions whose session changed since
// (tenant.ErrViewerChanged) is looked up again and takes the place of the
// request's: the request then runs as what the session is now, or answers
// auth.ErrUnauthenticated if it ended.
func (s *Server) beginWith(ctx context.Context, v *tenant.Viewer, l tenant.Limits) (*ent.Tx, error) {
	for range rechecks {
		s.authz.See(v)
		tx, err := tenant.BeginWith(ctx, s.client, v, l)
		if !errors.Is(err, tenant.ErrViewerChanged) {
			return tx, err
		}
		fresh, err := s.auth.Recheck(ctx, v)
		if err != nil {
			return nil, err
		}
		*v = *fresh
	}
	return nil, errSessionUnsettled
}

// rechecks bounds the lookups of a session that keeps changing between
// its lookup and the request's transaction (each takes a moment).
const rechecks = 3

var errSessionUnsettled = errors.New("the session kept changing while the request began; try again")
