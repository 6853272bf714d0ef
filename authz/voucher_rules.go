package authz

import (
	"context"
	"errors"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/privacy"
	"github.com/turbota/turbota/ent/voucher"
)

// Rules of the voucher family: who redeems a voucher for which provider,
// and who cancels one.

// ObjVoucherProgramme is the programme that pays for vouchers: those who
// may change it run it.
const ObjVoucherProgramme = "voucher_programme"

// RequireVoucherRunner: a voucher is cancelled by those who run its
// programme (who may change programmes in its community), and a redemption
// that names a provider names the viewer's own organisation unless they
// run the programme, who record any provider's. Whether the role may change
// vouchers at all is RequireRoleToUpdate's question, asked before this.
func RequireVoucherRunner() privacy.MutationRule {
	return privacy.VoucherMutationRuleFunc(func(ctx context.Context, m *ent.VoucherMutation) error {
		status, ok := m.Status()
		if !ok || m.Op().Is(ent.OpCreate) {
			return privacy.Skip
		}
		if !m.Op().Is(ent.OpUpdateOne) {
			return privacy.Denyf("authz: a voucher is settled one at a time")
		}
		a, v, err := from(ctx)
		if err != nil {
			return err
		}
		cm, err := m.OldCommunityID(ctx)
		if err != nil {
			return notVisible(err)
		}
		runs := a.Allowed(v, cm, ObjVoucherProgramme, ActUpdate)
		switch {
		case runs:
		case status == voucher.StatusCANCELLED:
			return forbidden()
		case status == voucher.StatusREDEEMED:
			if p, ok := m.ProviderID(); ok && !v.InOrganization(p) {
				return &RuleInputError{Field: "providerID", Err: errors.New("staff of a provider redeem vouchers for their own organisation")}
			}
		}
		return privacy.Skip
	})
}
