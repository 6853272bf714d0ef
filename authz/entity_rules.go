package authz

import (
	"cmp"
	"context"
	"errors"
	"fmt"

	"entgo.io/ent/dialect/sql"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/auditevent"
	"github.com/turbota/turbota/ent/community"
	"github.com/turbota/turbota/ent/invitation"
	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/ent/policyrule"
	"github.com/turbota/turbota/ent/predicate"
	"github.com/turbota/turbota/ent/privacy"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/user"
	"github.com/turbota/turbota/tenant"
)

// Rules for the global (not community-owned) entities, whose rows relate to
// communities through their own fields.

// DenyAll refuses the operation to every viewer; system work was allowed
// before any rule ran.
func DenyAll() privacy.QueryMutationRule {
	return privacy.ContextQueryMutationRule(func(context.Context) error {
		return privacy.Denyf("authz: system only")
	})
}

// AllowReadToViewers lets any signed-in viewer read public reference data
// (regions, districts, communities).
func AllowReadToViewers() privacy.QueryRule {
	return privacy.ContextQueryMutationRule(func(ctx context.Context) error {
		if tenant.FromContext(ctx) == nil {
			return privacy.Denyf("authz: no viewer")
		}
		return privacy.Allow
	})
}

// FilterCommunityUpdates lets a viewer change only the settings of the
// communities where both walls allow it.
func FilterCommunityUpdates() privacy.MutationRule {
	return privacy.CommunityMutationRuleFunc(func(ctx context.Context, m *ent.CommunityMutation) error {
		a, v, err := from(ctx)
		if err != nil {
			return err
		}
		if !m.Op().Is(ent.OpUpdate | ent.OpUpdateOne) {
			return privacy.Denyf("authz: communities come from the codifier")
		}
		ids := intersect(a.Communities(v, "community", ActUpdate), v.WriteCommunities())
		m.Where(community.IDIn(ids...))
		return privacy.Skip
	})
}

// FilterUsers shows a viewer themselves, the people holding a role in a
// community where the viewer may read users (their accounts: e-mail, TOTP),
// and their colleagues: the people holding a role in a community whose case
// files the viewer may read, whose names the case pages show (the manager,
// the team, who recorded what). What of a colleague's account beyond the
// name the API shows is for the first two only: see AccountReadable.
func FilterUsers() privacy.QueryRule {
	return privacy.UserQueryRuleFunc(func(ctx context.Context, q *ent.UserQuery) error {
		a, v, err := from(ctx)
		if err != nil {
			return err
		}
		q.Where(user.Or(
			accounts(a, v),
			user.HasMembershipsWith(membership.CommunityIDIn(a.Communities(v, "case_file", ActRead)...)),
		))
		return privacy.Skip
	})
}

// accounts are the users whose accounts the viewer may read: their own,
// and those of the communities where the policy lets them read users.
func accounts(a *Authorizer, v *tenant.Viewer) predicate.User {
	return user.Or(
		user.ID(v.UserID),
		user.HasMembershipsWith(membership.CommunityIDIn(a.Communities(v, "user", ActRead)...)),
	)
}

// AccountReadable reports whether the viewer may read the account details
// of a user (e-mail, TOTP), not only their name. A request without a viewer
// reaches a user only through its own sign-in.
func AccountReadable(ctx context.Context, c *ent.Client, id pulid.ID) (bool, error) {
	v := tenant.FromContext(ctx)
	if v == nil || v.UserID == id {
		return true, nil
	}
	a := FromContext(ctx)
	if a == nil {
		return false, nil
	}
	return c.User.Query().Where(user.ID(id), accounts(a, v)).Exist(ctx)
}

// FilterMemberships shows the viewer's own grants and those of communities
// where the viewer may read memberships.
func FilterMemberships() privacy.QueryRule {
	return privacy.MembershipQueryRuleFunc(func(ctx context.Context, q *ent.MembershipQuery) error {
		a, v, err := from(ctx)
		if err != nil {
			return err
		}
		q.Where(membership.Or(
			membership.UserID(v.UserID),
			membership.CommunityIDIn(a.Communities(v, "membership", ActRead)...),
		))
		return privacy.Skip
	})
}

// FilterMembershipChanges allows granting and revoking community roles where
// the policy allows it, never more than the granter holds (checkGrant), and
// only to people who already work in the community: others join by an
// invitation they accept, the one grant a person makes to themselves.
// Regional and national grants are made by operators.
func FilterMembershipChanges() privacy.MutationRule {
	return privacy.MembershipMutationRuleFunc(func(ctx context.Context, m *ent.MembershipMutation) error {
		a, v, err := from(ctx)
		if err != nil {
			return err
		}
		act := action(m.Op())
		if act == ActUpdate {
			return privacy.Denyf("authz: a grant is revoked and made anew, never edited")
		}
		if act == ActCreate {
			return a.checkMembershipCreate(ctx, v, m)
		}
		m.Where(membership.CommunityIDIn(intersect(a.Communities(v, "membership", act), v.WriteCommunities())...))
		return privacy.Skip
	})
}

func (a *Authorizer) checkMembershipCreate(ctx context.Context, v *tenant.Viewer, m *ent.MembershipMutation) error {
	c, ok := m.CommunityID()
	if !ok {
		return fmt.Errorf("%w: %w", tenant.ErrNotVisible, privacy.Deny)
	}
	u, _ := m.UserID()
	role, _ := m.Role()
	if u == v.UserID && v.UserID != "" {
		if invited, err := acceptsInvitation(ctx, m, c, role); err != nil || invited {
			return cmp.Or(err, privacy.Allow)
		}
	}
	if err := a.checkGrant(ctx, v, "membership", c, RoleName(string(role), customOf(m.CustomRoleID))); !errors.Is(err, privacy.Skip) {
		return err
	}
	member, err := m.Client().Membership.Query().Where(membership.UserID(u), membership.CommunityID(c)).Exist(ctx)
	if err != nil {
		return err
	}
	if !member {
		// As for an account that does not exist: other communities' people
		// are invisible.
		return &Unseen{Community: c, Object: "membership"}
	}
	return privacy.Skip
}

// acceptsInvitation reports whether a person's grant to themselves answers
// an invitation with that very role, the one grant they need not hold
// already: one this transaction accepted, or else a pending one, which it
// marks accepted. An invitation is good for one grant, so a role revoked
// later is not taken back with it. Row-level security checks the same
// (membership_accept).
func acceptsInvitation(ctx context.Context, m *ent.MembershipMutation, c pulid.ID, role membership.Role) (bool, error) {
	u, _ := m.UserID()
	org := invitation.OrganizationIDIsNil()
	if id, ok := m.OrganizationID(); ok {
		org = invitation.OrganizationID(id)
	}
	custom := invitation.CustomRoleIDIsNil()
	if id, ok := m.CustomRoleID(); ok {
		custom = invitation.CustomRoleID(id)
	}
	match := m.Client().Invitation.Query().Where(invitation.UserID(u), invitation.CommunityID(c), invitation.RoleEQ(invitation.Role(role)), org, custom)
	accepted, err := match.Clone().Where(invitation.StatusEQ(invitation.StatusACCEPTED), acceptedNow()).Exist(ctx)
	if err != nil || accepted {
		return accepted, err
	}
	id, err := match.Where(invitation.StatusEQ(invitation.StatusPENDING)).FirstID(ctx)
	if ent.IsNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return true, m.Client().Invitation.UpdateOneID(id).SetStatus(invitation.StatusACCEPTED).Exec(ctx)
}

// customOf is the custom role a mutation names, or nil.
func customOf(get func() (pulid.ID, bool)) *pulid.ID {
	if id, ok := get(); ok {
		return &id
	}
	return nil
}

// acceptedNow: the invitation's row was last written by this transaction.
func acceptedNow() predicate.Invitation {
	return func(s *sql.Selector) {
		s.Where(sql.ExprP(s.C("xmin") + "::text = (txid_current() % 4294967296)::text"))
	}
}

// FilterAuditEvents shows the log of the communities where the viewer may
// read it. Writing it is the audit package's business, never a viewer's.
func FilterAuditEvents() privacy.QueryRule {
	return privacy.AuditEventQueryRuleFunc(func(ctx context.Context, q *ent.AuditEventQuery) error {
		a, v, err := from(ctx)
		if err != nil {
			return err
		}
		q.Where(auditevent.CommunityIDIn(a.Communities(v, "audit_event", ActRead)...))
		return privacy.Skip
	})
}

// FilterPolicyRules shows the defaults and the rules of the communities where
// the viewer may read the policy.
func FilterPolicyRules() privacy.QueryRule {
	return privacy.PolicyRuleQueryRuleFunc(func(ctx context.Context, q *ent.PolicyRuleQuery) error {
		a, v, err := from(ctx)
		if err != nil {
			return err
		}
		q.Where(policyrule.Or(policyrule.Domain("*"), policyrule.DomainIn(strs(a.Communities(v, "policy_rule", ActRead))...)))
		return privacy.Skip
	})
}

// FilterPolicyRuleChanges confines rule changes to community rules of
// communities where the viewer may change the policy, and what a new rule
// says to what the viewer may do there themselves (checkRule).
func FilterPolicyRuleChanges() privacy.MutationRule {
	return privacy.PolicyRuleMutationRuleFunc(func(ctx context.Context, m *ent.PolicyRuleMutation) error {
		a, v, err := from(ctx)
		if err != nil {
			return err
		}
		act := action(m.Op())
		allowed := strs(intersect(a.Communities(v, "policy_rule", act), v.WriteCommunities()))
		if act == ActCreate {
			d, _ := m.Domain()
			if !v.CanWrite(pulid.ID(d)) {
				return fmt.Errorf("%w: %w", tenant.ErrNotVisible, privacy.Deny)
			}
			if def, _ := m.Default(); def || !contains(allowed, d) {
				return &Escalation{Community: pulid.ID(d), Object: "policy_rule", Beyond: []string{"policy_rule:create"}}
			}
			return a.checkRule(v, pulid.ID(d), m)
		}
		m.Where(policyrule.DomainIn(allowed...), policyrule.Default(false))
		return privacy.Skip
	})
}

func intersect(a, b []pulid.ID) []pulid.ID {
	var out []pulid.ID
	for _, x := range a {
		if contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

func contains[T comparable](s []T, x T) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}

func strs(ids []pulid.ID) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = string(id)
	}
	return out
}
