package authz

import (
	"context"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/invitation"
	"github.com/turbota/turbota/ent/privacy"
)

// Invitations are community-owned, but the person invited holds no role in
// the community yet: they read and answer their own, the community's admins
// (who may read or grant its roles) the rest.

// FilterInvitations shows the viewer the invitations addressed to them and
// those of the communities where they may read the roles held.
func FilterInvitations() privacy.QueryRule {
	return privacy.InvitationQueryRuleFunc(func(ctx context.Context, q *ent.InvitationQuery) error {
		a, v, err := from(ctx)
		if err != nil {
			return err
		}
		q.Where(invitation.Or(invitation.UserID(v.UserID), invitation.CommunityIDIn(a.Communities(v, "membership", ActRead)...)))
		return privacy.Skip
	})
}

// FilterInvitationChanges lets an admin invite with a role they could grant
// (see checkGrant), the invited person answer their own pending invitation,
// and nobody else change one.
func FilterInvitationChanges() privacy.MutationRule {
	return privacy.InvitationMutationRuleFunc(func(ctx context.Context, m *ent.InvitationMutation) error {
		a, v, err := from(ctx)
		if err != nil {
			return err
		}
		switch action(m.Op()) {
		case ActCreate:
			c, _ := m.CommunityID()
			role, _ := m.Role()
			return a.checkGrant(ctx, v, "invitation", c, RoleName(string(role), customOf(m.CustomRoleID)))
		case ActUpdate:
			m.Where(invitation.UserID(v.UserID), invitation.StatusEQ(invitation.StatusPENDING))
			return privacy.Skip
		default:
			return privacy.Denyf("authz: an invitation is answered, never deleted")
		}
	})
}
