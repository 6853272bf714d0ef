package authz

import (
	"context"
	"errors"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/ent/privacy"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/tenant"
)

// Rules of the case family that the role alone does not decide.

// managerCheck is the one lookup RequireCaseworkManager makes past the
// viewer's sight of memberships: one person's roles in one community.
type managerCheck struct{ user, community pulid.ID }

type managerCheckKey struct{}

// RequireCaseworkManager: a case manager runs the case, so they hold a
// role in the case's community that the policy lets work on case files
// (social protection, children's service, a provider's staff); a partner
// reporter or an auditor does not qualify. Their roles are read whether or
// not the viewer assigning the case may read the community's roles
// (AllowManagerCheck), and nothing of them is shown.
func RequireCaseworkManager() privacy.MutationRule {
	return privacy.CaseFileMutationRuleFunc(func(ctx context.Context, m *ent.CaseFileMutation) error {
		u, ok := m.ManagerID()
		if !ok {
			return privacy.Skip
		}
		a, _, err := from(ctx)
		if err != nil {
			return err
		}
		cm, err := caseCommunity(ctx, m)
		if err != nil {
			return err
		}
		look := context.WithValue(ctx, managerCheckKey{}, managerCheck{user: u, community: cm})
		roles, err := m.Client().Membership.Query().Where(membership.UserID(u), membership.CommunityID(cm)).
			Select(membership.FieldRole).Strings(look)
		if err != nil {
			return err
		}
		for _, r := range roles {
			if a.RoleAllows(r, cm, "case_file", ActUpdate) {
				return privacy.Skip
			}
		}
		return &RuleInputError{Field: "managerID", Err: errors.New("the manager must hold a casework role in the case's community")}
	})
}

func caseCommunity(ctx context.Context, m *ent.CaseFileMutation) (pulid.ID, error) {
	if m.Op().Is(ent.OpCreate) {
		cm, _ := m.CommunityID()
		return cm, nil
	}
	if !m.Op().Is(ent.OpUpdateOne) {
		return "", privacy.Denyf("authz: a manager is assigned to one case at a time")
	}
	cm, err := m.OldCommunityID(ctx)
	return cm, notVisible(err)
}

// AllowManagerCheck lets RequireCaseworkManager read the roles of the one
// person it checks, in the one community, and nothing else.
func AllowManagerCheck() privacy.QueryRule {
	return privacy.MembershipQueryRuleFunc(func(ctx context.Context, q *ent.MembershipQuery) error {
		mc, ok := ctx.Value(managerCheckKey{}).(managerCheck)
		if !ok {
			return privacy.Skip
		}
		q.Where(membership.UserID(mc.user), membership.CommunityID(mc.community))
		return privacy.Allow
	})
}

// RequireActingFor: the organisation a casework record names as the one
// acting (the provider that assessed, that gives a service, that a
// decision names) is one the viewer may act for (ActsFor): a provider's
// staff name their own organisation, a community-wide role any provider.
// The field is fixed when the record is made, so only creates are asked.
func RequireActingFor() privacy.MutationRule {
	return privacy.MutationRuleFunc(func(ctx context.Context, m ent.Mutation) error {
		if !m.Op().Is(ent.OpCreate) {
			return privacy.Skip
		}
		f, _ := m.Field("provider_id")
		org, _ := f.(pulid.ID)
		if org == "" {
			return privacy.Skip
		}
		c, _ := m.Field("community_id")
		cm, _ := c.(pulid.ID)
		if !ActsFor(tenant.FromContext(ctx), cm, org) {
			return &Refusal{Reason: "providerID: you may act only for an organisation you work in"}
		}
		return privacy.Skip
	})
}
