package workflow

import (
	"context"
	stdsql "database/sql"
	"strings"
	"time"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/caseaccess"
	"github.com/turbota/turbota/ent/caseevent"
	"github.com/turbota/turbota/ent/consent"
	"github.com/turbota/turbota/ent/notification"
	"github.com/turbota/turbota/ent/organization"
	"github.com/turbota/turbota/ent/referral"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/notify"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/tenant"
)

// Referral is what the sender of a referral says.
type Referral struct {
	Case, From, To pulid.ID
	Reason         string
	Urgent         bool
	// OverrideReason is the legal basis for sending it without the family's
	// consent; only a holder of the override permission may, and it goes on
	// the timeline.
	OverrideReason string
	// SentAt is when it was sent, for a paper file; nil: now.
	SentAt *time.Time
}

// SendReferral refers a case from one of the viewer's organisations to
// another organisation of the community: a sharing of the family's data
// (see requireConsent).
func SendReferral(ctx context.Context, c *ent.Client, in Referral) (*ent.Referral, error) {
	if strings.TrimSpace(in.Reason) == "" {
		return nil, inputErr("reason", "say what the organisation is asked to do")
	}
	cf, err := caseToAdd(ctx, c, in.Case, referral.Policy, func(cm pulid.ID) ent.Mutation { return c.Referral.Create().SetCommunityID(cm).Mutation() })
	if err != nil {
		return nil, err
	}
	v := tenant.FromContext(ctx)
	if in.From == "" {
		in.From = v.OrganizationIn(cf.CommunityID)
	}
	to, err := checkParties(ctx, c, cf, v, in)
	if err != nil {
		return nil, err
	}
	sentAt := clock.Now()
	if in.SentAt != nil {
		if err := stepDate("sentAt", *in.SentAt, cf); err != nil {
			return nil, err
		}
		sentAt = *in.SentAt
	}
	basis, err := requireConsent(ctx, c, Sharing{Case: cf, Recipient: to, Purpose: consent.PurposeREFERRAL, Override: in.OverrideReason})
	if err != nil {
		return nil, err
	}
	r, err := c.Referral.Create().SetCommunityID(cf.CommunityID).SetCaseID(cf.ID).SetFromOrganizationID(in.From).
		SetToOrganizationID(in.To).SetReason(in.Reason).SetUrgent(in.Urgent).SetSentAt(sentAt).
		SetNillableSentByID(actor(ctx)).SetNillableConsentID(basis.Consent).SetOverrideReason(basis.Override).Save(ctx)
	if err != nil {
		return nil, err
	}
	if err := recordOn(ctx, c, cf, caseevent.KindREFERRAL_SENT, nil, in.Reason, sentAt); err != nil {
		return nil, err
	}
	staff, err := notify.Members(ctx, c, cf.CommunityID, &in.To)
	if err != nil {
		return nil, err
	}
	return r, notify.Send(ctx, c, notify.Note{Community: cf.CommunityID, Kind: notification.KindREFERRAL_RECEIVED,
		Case: &cf.ID, Subject: &r.ID}, staff, actor(ctx))
}

// checkParties: the sender is the viewer's organisation, the receiver
// another organisation of the case's community, not already asked.
func checkParties(ctx context.Context, c *ent.Client, cf *ent.CaseFile, v *tenant.Viewer, in Referral) (*ent.Organization, error) {
	if in.From == "" || !v.InOrganization(in.From) {
		return nil, inputErr("fromOrganizationID", "send from an organisation you work in")
	}
	if in.To == in.From {
		return nil, inputErr("toOrganizationID", "refer to another organisation")
	}
	to, err := orgOf(ctx, c, cf, in.To, "toOrganizationID")
	if err != nil {
		return nil, err
	}
	open, err := c.Referral.Query().Where(referral.CaseID(cf.ID), referral.ToOrganizationID(in.To),
		referral.StatusIn(referral.StatusSENT, referral.StatusACCEPTED)).Exist(ctx)
	if err != nil {
		return nil, err
	}
	if open {
		return nil, inputErr("toOrganizationID", "this organisation has the case already, or has yet to answer")
	}
	return to, nil
}

// orgOf loads an organisation of the case's community, named in field.
func orgOf(ctx context.Context, c *ent.Client, cf *ent.CaseFile, id pulid.ID, field string) (*ent.Organization, error) {
	o, err := c.Organization.Query().Where(organization.ID(id), organization.CommunityID(cf.CommunityID)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, inputErr(field, "not an organisation of this community")
	}
	return o, err
}

// AnswerReferral accepts or declines a referral on behalf of the receiving
// organisation. Accepting opens the case and its family to that
// organisation and nothing else; declining needs a reason. answeredAt is
// when it was answered, for a paper file (nil: now): not in the future nor
// before it was sent.
func AnswerReferral(ctx context.Context, c *ent.Client, id pulid.ID, accept bool, reason string, answeredAt *time.Time) (*ent.Referral, error) {
	r, err := c.Referral.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	at := clock.Now()
	if answeredAt != nil {
		at = *answeredAt
	}
	status, kind := referral.StatusACCEPTED, caseevent.KindREFERRAL_ACCEPTED
	if !accept {
		status, kind = referral.StatusDECLINED, caseevent.KindREFERRAL_DECLINED
	}
	// Who answers is the referral's policy (authz.RequireReferralParty).
	answer := settlement(ctx, c, r, status, reason).SetAnsweredAt(at)
	if err := askPolicy(ctx, referral.Policy, answer.Mutation()); err != nil {
		return nil, err
	}
	if err := procedure.CheckStepDate(at, r.SentAt, clock.Now()); err != nil {
		return nil, inputErr("answeredAt", "must be after the referral was sent and not in the future")
	}
	if !accept && strings.TrimSpace(reason) == "" {
		return nil, inputErr("reason", "a declined referral states its reason")
	}
	r, err = settle(ctx, c, r, answer)
	if err != nil {
		return nil, err
	}
	// The provider reads the case once the referral grants it; a declined
	// one stays closed to it, and only the case's status is told for its
	// timeline.
	cf := &ent.CaseFile{ID: r.CaseID, CommunityID: r.CommunityID}
	if accept {
		if err := grant(ctx, c, cf, caseaccess.ReasonREFERRAL, &r.ToOrganizationID, nil, &r.ID); err != nil {
			return nil, err
		}
		if cf, err = caseOf(ctx, c, r.CaseID); err != nil {
			return nil, err
		}
	} else if read, err := caseOf(ctx, c, r.CaseID); err == nil {
		cf = read
	} else if !ent.IsNotFound(err) {
		return nil, err
	} else if cf.Status, err = referredCaseStatus(ctx, c, r.ID); err != nil {
		return nil, err
	}
	if err := recordOn(ctx, c, cf, kind, nil, reason, at); err != nil {
		return nil, err
	}
	if r.SentByID == nil {
		return r, nil
	}
	return r, notify.Send(ctx, c, notify.Note{Community: cf.CommunityID, Kind: notification.KindREFERRAL_ANSWERED,
		Case: &cf.ID, Subject: &r.ID, Detail: string(status)}, []pulid.ID{*r.SentByID}, nil)
}

// CancelReferral withdraws a referral not yet answered, by its sender.
// answeredAt is when, for a paper file (nil: now), under the rules of
// AnswerReferral.
func CancelReferral(ctx context.Context, c *ent.Client, id pulid.ID, reason string, answeredAt *time.Time) (*ent.Referral, error) {
	r, err := c.Referral.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	at := clock.Now()
	if answeredAt != nil {
		at = *answeredAt
	}
	// Who cancels is the referral's policy (authz.RequireReferralParty).
	cancel := settlement(ctx, c, r, referral.StatusCANCELLED, reason).SetAnsweredAt(at)
	if err := askPolicy(ctx, referral.Policy, cancel.Mutation()); err != nil {
		return nil, err
	}
	if err := procedure.CheckStepDate(at, r.SentAt, clock.Now()); err != nil {
		return nil, inputErr("answeredAt", "must be after the referral was sent and not in the future")
	}
	if r, err = settle(ctx, c, r, cancel); err != nil {
		return nil, err
	}
	cf, err := caseOf(ctx, c, r.CaseID)
	if err != nil {
		return nil, err
	}
	return r, recordOn(ctx, c, cf, caseevent.KindREFERRAL_CANCELLED, nil, reason, at)
}

// settlement is the change that settles a referral to status: it applies
// only while the referral is still SENT, so two answers at once cannot
// both win.
func settlement(ctx context.Context, c *ent.Client, r *ent.Referral, to referral.Status, reason string) *ent.ReferralUpdateOne {
	u := c.Referral.UpdateOneID(r.ID).Where(referral.StatusEQ(referral.StatusSENT)).
		SetStatus(to).SetAnsweredAt(clock.Now()).SetNillableAnsweredByID(actor(ctx))
	if reason != "" && to == referral.StatusDECLINED {
		u.SetDeclineReason(reason)
	}
	return u
}

// settle makes the settlement u of r, once.
func settle(ctx context.Context, c *ent.Client, r *ent.Referral, u *ent.ReferralUpdateOne) (*ent.Referral, error) {
	err := u.Exec(ctx)
	if ent.IsNotFound(err) {
		return nil, &procedure.RuleError{Code: procedure.RuleAlreadyAnswered, Reasons: []string{"the referral is " + string(r.Status)}}
	}
	if err != nil {
		return nil, err
	}
	return c.Referral.Get(tenant.Bypass(ctx, "read back a settled referral: the answer to the one who settled it"), r.ID)
}

// referredCaseStatus is the status of the case of a referral to the
// viewer's organisation, which the viewer may not read
// (turbota_referred_case_status).
func referredCaseStatus(ctx context.Context, c *ent.Client, referral pulid.ID) (procedure.State, error) {
	rows, err := c.QueryContext(ctx, `SELECT turbota_referred_case_status($1)`, string(referral))
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var status stdsql.NullString
	if rows.Next() {
		if err := rows.Scan(&status); err != nil {
			return "", err
		}
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	if !status.Valid {
		return "", tenant.ErrNotVisible
	}
	return procedure.State(status.String), nil
}
