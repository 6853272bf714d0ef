package workflow

import (
	"context"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/tenant"
)

// clockSkew forgives a device clock a little ahead of the server's.
const clockSkew = procedure.ClockSkew

// ErrAlreadyAgreed refuses to overwrite an agreement: a changed plan is a
// new version, agreed anew.
var ErrAlreadyAgreed = inputErr("id", "this version is agreed already; save a new version instead")

// actor is the person acting in ctx, for the records they sign; nil for an
// application or the server itself.
func actor(ctx context.Context) *pulid.ID { return tenant.ActingUser(ctx) }

// askPolicy asks the policy of the entity a step is about to change
// whether the viewer may make that change, before the step looks at
// anything else (authz.Ask).
func askPolicy(ctx context.Context, p ent.Policy, m ent.Mutation) error {
	return authz.Ask(ctx, p, m)
}
