// Package vouchers runs the programmes of vouchers (сертифікати): social
// protection issues a programme's vouchers to families within its budget,
// one live voucher per family; a provider redeems one for the service it
// gave; social protection cancels one with a reason. No voucher is ever
// deleted. As in the case workflow, each step asks the entity's privacy
// policy first (authz.Ask) and answers bad input with auth.InputError.
package vouchers

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/family"
	"github.com/turbota/turbota/ent/organization"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/voucher"
	"github.com/turbota/turbota/ent/voucherprogramme"
	"github.com/turbota/turbota/internal/auth"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/tenant"
)

// IssueVoucher is what issuing a voucher records.
type IssueVoucher struct {
	Programme, Family pulid.ID
	// Number is the certificate's number; the next in the programme when empty.
	Number   string
	IssuedAt time.Time
}

// IssueVoucherTo issues a voucher of the programme to a family.
func IssueVoucherTo(ctx context.Context, c *ent.Client, in IssueVoucher) (*ent.Voucher, error) {
	p, err := c.VoucherProgramme.Get(ctx, in.Programme)
	if err != nil {
		return nil, err
	}
	if err := authz.Ask(ctx, voucher.Policy, c.Voucher.Create().SetCommunityID(p.CommunityID).Mutation()); err != nil {
		return nil, err
	}
	if err := checkIssue(ctx, c, p, in); err != nil {
		return nil, err
	}
	// One issuer at a time per programme: the budget is counted, then spent.
	if _, err := c.ExecContext(ctx, "SELECT pg_advisory_xact_lock(hashtext($1))", string(p.ID)); err != nil {
		return nil, err
	}
	issued, err := VouchersIssued(ctx, c, p.ID)
	if err != nil {
		return nil, err
	}
	if issued >= p.Vouchers {
		return nil, &procedure.RuleError{Code: procedure.RuleBudgetSpent, Reasons: []string{fmt.Sprintf("%d of %d issued", issued, p.Vouchers)}}
	}
	held, err := c.Voucher.Query().Where(voucher.ProgrammeID(p.ID), voucher.StatusNEQ(voucher.StatusCANCELLED),
		voucher.FamilyID(in.Family)).Exist(ctx)
	if err != nil || held {
		if err == nil {
			err = &procedure.RuleError{Code: procedure.RuleAlreadyIssued}
		}
		return nil, err
	}
	number := strings.TrimSpace(in.Number)
	if number == "" {
		all, err := c.Voucher.Query().Where(voucher.ProgrammeID(p.ID)).Count(ctx)
		if err != nil {
			return nil, err
		}
		number = fmt.Sprintf("%03d", all+1)
	}
	return c.Voucher.Create().SetCommunityID(p.CommunityID).SetProgrammeID(p.ID).SetFamilyID(in.Family).
		SetNumber(number).SetIssuedAt(in.IssuedAt).SetNillableIssuedByID(tenant.ActingUser(ctx)).Save(ctx)
}

// runsOn: a programme runs from its first day to its last, both kept as
// midnight UTC, as the voucher's day is.
func runsOn(p *ent.VoucherProgramme, day procedure.Date) bool {
	if day.Before(procedure.DayOf(p.StartsOn)) {
		return false
	}
	return p.EndsOn == nil || !procedure.DayOf(*p.EndsOn).Before(day)
}

// checkIssue: the programme runs on the date, and the family is one of its
// community's.
func checkIssue(ctx context.Context, c *ent.Client, p *ent.VoucherProgramme, in IssueVoucher) error {
	// The issue date is a day, which the API keeps as its midnight UTC.
	day := procedure.DayOf(in.IssuedAt)
	switch {
	case procedure.DateOf(clock.Now()).Before(day):
		return auth.Invalid("issuedAt", "cannot be in the future")
	case !p.Active || !runsOn(p, day):
		return auth.Invalid("issuedAt", "the programme does not run on this date")
	}
	ok, err := c.Family.Query().Where(family.ID(in.Family), family.CommunityID(p.CommunityID)).Exist(ctx)
	if err != nil {
		return err
	}
	if !ok {
		return auth.Invalid("familyID", "not a family of the programme's community")
	}
	return nil
}

// RedeemVoucher records that a provider of the community gave the service
// a voucher paid for.
func RedeemVoucher(ctx context.Context, c *ent.Client, id, provider pulid.ID, at time.Time) (*ent.Voucher, error) {
	// Those who run the programme record any provider; a provider's staff
	// only their own organisation (authz.RequireVoucherRunner, on Save,
	// once the provider is known to be one of the community's).
	vc, err := liveVoucher(ctx, c, id, func(u *ent.VoucherUpdateOne) {
		u.SetStatus(voucher.StatusREDEEMED).SetRedeemedAt(at)
	})
	if err != nil {
		return nil, err
	}
	ok, err := c.Organization.Query().Where(organization.ID(provider), organization.CommunityID(vc.CommunityID),
		organization.KindIn(organization.KindPUBLIC_PROVIDER, organization.KindNGO_PROVIDER)).Exist(ctx)
	switch {
	case err != nil:
		return nil, err
	case !ok:
		return nil, auth.Invalid("providerID", "not a provider of the voucher's community")
	// Days, as the issue date is: redeemed on the day of issue or later,
	// and not after today in Kyiv.
	case procedure.DayOf(at).Before(procedure.DayOf(vc.IssuedAt)) || procedure.DateOf(clock.Now()).Before(procedure.DayOf(at)):
		return nil, auth.Invalid("redeemedAt", "must be after the voucher was issued and not in the future")
	}
	return vc.Update().SetStatus(voucher.StatusREDEEMED).SetProviderID(provider).SetRedeemedAt(at).Save(ctx)
}

// CancelVoucher withdraws a voucher not yet redeemed; those who run the
// programme may, and they say why.
func CancelVoucher(ctx context.Context, c *ent.Client, id pulid.ID, reason string) (*ent.Voucher, error) {
	// Those who run the programme cancel (authz.RequireVoucherRunner).
	vc, err := liveVoucher(ctx, c, id, func(u *ent.VoucherUpdateOne) {
		u.SetStatus(voucher.StatusCANCELLED).SetCancelReason(reason)
	})
	if err != nil {
		return nil, err
	}
	if reason = strings.TrimSpace(reason); reason == "" {
		return nil, auth.Invalid("reason", "say why the voucher is cancelled")
	}
	return vc.Update().SetStatus(voucher.StatusCANCELLED).SetCancelReason(reason).Save(ctx)
}

// liveVoucher loads a voucher the viewer may change as change says (the
// voucher's policy is asked about that change) and that is still only
// issued.
func liveVoucher(ctx context.Context, c *ent.Client, id pulid.ID, change func(*ent.VoucherUpdateOne)) (*ent.Voucher, error) {
	vc, err := c.Voucher.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	u := c.Voucher.UpdateOneID(id)
	change(u)
	if err := authz.Ask(ctx, voucher.Policy, u.Mutation()); err != nil {
		return nil, err
	}
	if vc.Status != voucher.StatusISSUED {
		return nil, &procedure.RuleError{Code: procedure.RuleAlreadyEnded, Reasons: []string{string(vc.Status)}}
	}
	return vc, nil
}

// CreateVoucherProgramme opens a programme whose dates make sense.
func CreateVoucherProgramme(ctx context.Context, c *ent.Client, in ent.CreateVoucherProgrammeInput) (*ent.VoucherProgramme, error) {
	if in.EndsOn != nil && in.EndsOn.Before(in.StartsOn) {
		return nil, auth.Invalid("endsOn", "a programme ends after it starts")
	}
	create := c.VoucherProgramme.Create().SetInput(in)
	return create.Save(ctx)
}

// UpdateVoucherProgramme changes a programme; its budget never falls below
// the vouchers already issued.
func UpdateVoucherProgramme(ctx context.Context, c *ent.Client, id pulid.ID, in ent.UpdateVoucherProgrammeInput) (*ent.VoucherProgramme, error) {
	p, err := c.VoucherProgramme.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	update := p.Update().SetInput(in)
	if err := authz.Ask(ctx, voucherprogramme.Policy, update.Mutation()); err != nil {
		return nil, err
	}
	if in.Vouchers != nil {
		issued, err := VouchersIssued(ctx, c, p.ID)
		if err != nil {
			return nil, err
		}
		if *in.Vouchers < issued {
			return nil, auth.Invalid("vouchers", fmt.Sprintf("%d vouchers are issued already", issued))
		}
	}
	if in.EndsOn != nil && in.EndsOn.Before(p.StartsOn) {
		return nil, auth.Invalid("endsOn", "a programme ends after it starts")
	}
	return update.Save(ctx)
}

// VouchersIssued counts a programme's vouchers not cancelled: all of them,
// whoever asks (a provider sees only its families' vouchers, but the
// budget's use is no one's personal data).
func VouchersIssued(ctx context.Context, c *ent.Client, programme pulid.ID) (int, error) {
	return c.Voucher.Query().Where(voucher.ProgrammeID(programme), voucher.StatusNEQ(voucher.StatusCANCELLED)).
		Count(tenant.Bypass(ctx, "count a programme's vouchers: a counter, nothing shown"))
}
