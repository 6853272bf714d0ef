package server

import (
	"context"
	"errors"
	"slices"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/rs/zerolog"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent/auditevent"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/audit"
	"github.com/turbota/turbota/tenant"
)

// Every attempt the walls refuse (FORBIDDEN) is logged: who tried which
// operation, in which community, and for a grant the role and what it would
// have given beyond the granter's own rights. The refused mutation rolls
// back whole, so the log lines are written after it, in their own
// transaction under the same viewer.

type refusals struct {
	mu     sync.Mutex
	events []audit.Event
}

// refused notes a refusal of the operation of ctx.
func refused(ctx context.Context, err error) {
	st, _ := ctx.Value(opKey{}).(*opState)
	if st == nil {
		return
	}
	ev := audit.Event{Action: auditevent.ActionDENIED, EntityType: rootField(ctx)}
	var in interface {
		RefusedCommunity() pulid.ID
		RefusedObject() string
	}
	if errors.As(err, &in) {
		ev.Community, ev.EntityType = in.RefusedCommunity(), in.RefusedObject()
		ev.Fields = []string{rootField(ctx)}
	}
	var esc *authz.Escalation
	if errors.As(err, &esc) {
		ev.Fields = append(ev.Fields, append([]string{"role=" + esc.Role}, esc.Beyond...)...)
	}
	st.refused.mu.Lock()
	defer st.refused.mu.Unlock()
	// One line per kind of refusal: a list whose every row refuses a field
	// is one attempt.
	if !slices.ContainsFunc(st.refused.events, func(o audit.Event) bool {
		return o.EntityType == ev.EntityType && o.Community == ev.Community && slices.Equal(o.Fields, ev.Fields)
	}) {
		st.refused.events = append(st.refused.events, ev)
	}
}

func rootField(ctx context.Context) string {
	fc := graphql.GetFieldContext(ctx)
	for fc != nil && fc.Parent != nil && fc.Parent.Field.Field != nil {
		fc = fc.Parent
	}
	if fc == nil || fc.Field.Field == nil {
		return "operation"
	}
	return fc.Field.Name
}

// auditRefusals writes the refusals of the operation, once it has
// committed or rolled back.
func (s *Server) auditRefusals(ctx context.Context, st *opState) {
	st.refused.mu.Lock()
	events := st.refused.events
	st.refused.events = nil
	st.refused.mu.Unlock()
	v := tenant.FromContext(ctx)
	if len(events) == 0 || v == nil {
		return
	}
	ctx = context.WithoutCancel(ctx)
	err := func() error {
		tx, err := s.begin(ctx, v)
		if err != nil {
			return err
		}
		if err := audit.Write(ctx, tx.Client(), events...); err != nil {
			_ = tx.Rollback()
			return err
		}
		return tx.Commit()
	}()
	if err != nil {
		zerolog.Ctx(ctx).Error().Str("error", err.Error()).Msg("refused attempts not logged")
	}
}
