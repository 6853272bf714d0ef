package cases

import (
	"context"
	"errors"

	"github.com/turbota/turbota/casework"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/privacy"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/tenant"
)

// clockSkew forgives a device clock a little ahead of the server's.
const clockSkew = casework.ClockSkew

// ErrAlreadyAgreed refuses to overwrite an agreement: a changed plan is a
// new version, agreed anew.
var ErrAlreadyAgreed = inputErr("id", "this version is agreed already; save a new version instead")

// actor is the person acting in ctx, for the records they sign; nil for an
// application or the server itself.
func actor(ctx context.Context) *pulid.ID {
	if v := tenant.FromContext(ctx); v != nil && v.UserID != "" {
		id := v.UserID
		return &id
	}
	return nil
}

// askPolicy asks the privacy policy of the entity a step is about to change
// whether the viewer may make that change, before the step looks at
// anything else: a role without the right hears so, not what is wrong with
// the request or how far the work has gone. The policy decides (and
// decides again when the change is saved); the step only asks early.
func askPolicy(ctx context.Context, p ent.Policy, m ent.Mutation) error {
	if err := p.EvalMutation(ctx, m); err != nil && !errors.Is(err, privacy.Allow) {
		return err
	}
	return nil
}
