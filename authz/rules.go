package authz

import (
	"context"
	"errors"
	"fmt"

	"entgo.io/ent/dialect/sql"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/intercept"
	"github.com/turbota/turbota/ent/privacy"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/tenant"
)

// These rules are the first wall: whatever the community filter lets
// through, a query sees only the communities where the viewer's role may read
// that type, and a change only those where it may make that change.

// FilterReadable narrows tenant-owned queries to the communities where the
// policy lets the viewer read the queried type.
func FilterReadable() privacy.QueryRule {
	return privacy.QueryRuleFunc(func(ctx context.Context, q ent.Query) error {
		a, v, err := from(ctx)
		if err != nil {
			return err
		}
		iq, err := intercept.NewQuery(q)
		if err != nil {
			return privacy.Denyf("authz: %v", err)
		}
		iq.WhereP(tenant.InCommunities(a.Communities(v, Object(iq.Type()), ActRead)))
		return privacy.Skip
	})
}

// FilterWritable narrows a tenant-owned change to the communities where the
// policy allows it; a create names its community and is checked directly.
func FilterWritable() privacy.MutationRule {
	return privacy.MutationRuleFunc(func(ctx context.Context, m ent.Mutation) error {
		a, v, err := from(ctx)
		if err != nil {
			return err
		}
		obj, act := Object(m.Type()), action(m.Op())
		if m.Op().Is(ent.OpCreate) {
			c, _ := m.Field("community_id")
			id, _ := c.(pulid.ID)
			if !a.Allowed(v, id, obj, act) || !v.CanWrite(id) {
				return privacy.Denyf("authz: %s %s not allowed in this community", act, obj)
			}
			return privacy.Skip
		}
		wm, ok := m.(interface{ WhereP(...func(*sql.Selector)) })
		if !ok {
			return privacy.Denyf("authz: %s cannot be filtered", m.Type())
		}
		wm.WhereP(tenant.InCommunities(a.Communities(v, obj, act)))
		return privacy.Skip
	})
}

func from(ctx context.Context) (*Authorizer, *tenant.Viewer, error) {
	a, v := FromContext(ctx), tenant.FromContext(ctx)
	if a == nil || v == nil {
		return nil, nil, privacy.Denyf("authz: no viewer or authorizer in context")
	}
	return a, v, nil
}

func action(op ent.Op) string {
	switch {
	case op.Is(ent.OpCreate):
		return ActCreate
	case op.Is(ent.OpDelete | ent.OpDeleteOne):
		return ActDelete
	default:
		return ActUpdate
	}
}

// Require answers FORBIDDEN unless the viewer of ctx may do act on obj in
// the community, and NOT_FOUND where they may change nothing there at all
// (as for a community that does not exist). Workflows ask it before they
// look at the state of what they change, so that a role without the right
// hears so, not how far the work has gone.
func Require(ctx context.Context, community pulid.ID, obj, act string) error {
	a, v := FromContext(ctx), tenant.FromContext(ctx)
	switch {
	case a == nil || v == nil || !v.CanWrite(community):
		return tenant.ErrNotVisible
	case !a.Allowed(v, community, obj, act):
		return ErrForbidden
	}
	return nil
}

// RequireRoleToUpdate answers a change of one record the viewer can see,
// in a community they may write in, but which their role may not change,
// FORBIDDEN, where the role filter alone (FilterWritable) would find no
// such record: for the workflow families whose API promises a role without
// the right hears so (commission sittings, consents). Other changes pass by.
func RequireRoleToUpdate() privacy.MutationRule {
	return privacy.MutationRuleFunc(func(ctx context.Context, m ent.Mutation) error {
		if !m.Op().Is(ent.OpUpdateOne) {
			return privacy.Skip
		}
		a, v, err := from(ctx)
		if err != nil {
			return err
		}
		old, err := m.OldField(ctx, "community_id")
		if err != nil {
			return notVisible(err)
		}
		cm, _ := old.(pulid.ID)
		switch {
		case !v.CanWrite(cm):
			return fmt.Errorf("%w: %w", tenant.ErrNotVisible, privacy.Deny)
		case !a.Allowed(v, cm, Object(m.Type()), ActUpdate):
			return forbidden()
		}
		return privacy.Skip
	})
}

// Ask asks the privacy policy of the entity a step is about to change
// whether the viewer may make that change, before the step looks at
// anything else: a role without the right hears so, not what is wrong with
// the request or how far the work has gone. The policy decides (and
// decides again when the change is saved); the step only asks early.
func Ask(ctx context.Context, p ent.Policy, m ent.Mutation) error {
	if err := p.EvalMutation(ctx, m); err != nil && !errors.Is(err, privacy.Allow) {
		return err
	}
	return nil
}
