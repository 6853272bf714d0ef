package authz

import (
	"context"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/privacy"
	"github.com/turbota/turbota/ent/referral"
	"github.com/turbota/turbota/ent/schema/pulid"
)

// Rules of the referral family: who answers a referral and who withdraws it.

// RequireReferralParty: a referral is accepted or declined on behalf of the
// organisation it was sent to, and cancelled by the one that sent it, so
// the viewer settling it works in that organisation; whether their role
// may change referrals at all is RequireRoleToUpdate's question, asked
// before this one. The rule sees the status the change sets and the
// parties of the record it changes; one referral is settled at a time
// (the system's own bulk cancellation on a withdrawn consent runs past the
// policy).
func RequireReferralParty() privacy.MutationRule {
	return privacy.ReferralMutationRuleFunc(func(ctx context.Context, m *ent.ReferralMutation) error {
		status, ok := m.Status()
		if !ok || m.Op().Is(ent.OpCreate) {
			return privacy.Skip
		}
		if !m.Op().Is(ent.OpUpdateOne) {
			return privacy.Denyf("authz: a referral is settled one at a time")
		}
		_, v, err := from(ctx)
		if err != nil {
			return err
		}
		party, err := partyOf(ctx, m, status)
		if err != nil {
			return err
		}
		if !v.InOrganization(party) {
			return forbidden()
		}
		return privacy.Skip
	})
}

// partyOf is the organisation that settles a referral to status: the
// receiver answers, the sender cancels.
func partyOf(ctx context.Context, m *ent.ReferralMutation, status referral.Status) (pulid.ID, error) {
	switch status {
	case referral.StatusACCEPTED, referral.StatusDECLINED:
		id, err := m.OldToOrganizationID(ctx)
		return id, notVisible(err)
	case referral.StatusCANCELLED:
		id, err := m.OldFromOrganizationID(ctx)
		return id, notVisible(err)
	}
	return "", privacy.Denyf("authz: a referral is not set back to %s", status)
}
