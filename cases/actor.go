package cases

import (
	"context"

	"github.com/turbota/turbota/casework"
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
