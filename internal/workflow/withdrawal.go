package workflow

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/caseaccess"
	"github.com/turbota/turbota/ent/caseevent"
	"github.com/turbota/turbota/ent/casefile"
	"github.com/turbota/turbota/ent/notification"
	"github.com/turbota/turbota/ent/predicate"
	"github.com/turbota/turbota/ent/referral"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/teammember"
	"github.com/turbota/turbota/internal/notify"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/tenant"
)

// Share is one access to a family's case: who holds it, what granted it,
// and (for one a withdrawal keeps) the basis it rests on.
type Share struct {
	CaseID         pulid.ID
	OrganizationID *pulid.ID
	UserID         *pulid.ID
	Reason         caseaccess.Reason
	Basis          string
}

// Withdrawal is what withdrawing a consent did: the accesses it took back
// and those of the family's cases that remain, each with its basis.
type Withdrawal struct {
	Consent       *ent.Consent
	Revoked, Kept []Share
}

// Bases of the accesses a withdrawal keeps, as the answer and the timeline
// name them.
const (
	BasisManager     = "CASE_MANAGER"
	BasisStatutory   = "STATUTORY_SERVICE"
	BasisDecision    = "DECISION"
	BasisService     = "SERVICE"
	BasisConsent     = "OTHER_CONSENT"
	BasisOverride    = "OVERRIDE"
	BasisWithdrawn   = "CONSENT_WITHDRAWN"
	detailWithdrawal = "CONSENT_WITHDRAWN"
)

// revokeConsent takes back what a withdrawn consent gave: referrals sent on
// it and not yet answered are cancelled, team places it allowed end, and
// the accesses they (and transfers on it) granted are revoked (each revoke in the change log, and
// its holders notified). What the law gives without consent stays (the
// case manager, the statutory services, decisions, sharings on a stated
// legal basis or another consent), and the answer and each case's timeline
// say what remains and why. The workflow does this past the privacy rules,
// within row-level security: the family's withdrawal binds whoever records
// it, whatever they may read.
func revokeConsent(ctx context.Context, c *ent.Client, cn *ent.Consent) (*Withdrawal, error) {
	sys := tenant.Bypass(ctx, "revoke what a consent gave: case accesses are the system's record, no role writes them")
	now, withdrawn := clock.Now(), clock.Now()
	if cn.WithdrawnAt != nil {
		withdrawn = *cn.WithdrawnAt
	}
	if err := cancelReferrals(sys, c, cn.ID, withdrawn, now); err != nil {
		return nil, err
	}
	refs, err := c.Referral.Query().Where(referral.ConsentID(cn.ID)).IDs(sys)
	if err != nil {
		return nil, err
	}
	places, err := c.TeamMember.Query().Where(teammember.ConsentID(cn.ID), teammember.RemovedAtIsNil()).All(sys)
	if err != nil {
		return nil, err
	}
	if err := endPlaces(sys, c, cn.ID, withdrawn, now); err != nil {
		return nil, err
	}
	sources := append(refs, cn.ID) // a transfer's access names its consent
	for _, p := range places {
		sources = append(sources, p.ID)
	}
	gone, err := c.CaseAccess.Query().Where(caseaccess.SourceIDIn(sources...), caseaccess.RevokedAtIsNil()).All(sys)
	if err != nil {
		return nil, err
	}
	if err := c.CaseAccess.Update().Where(caseaccess.SourceIDIn(sources...), caseaccess.RevokedAtIsNil()).
		SetRevokedAt(now).Exec(sys); err != nil {
		return nil, err
	}
	w := &Withdrawal{Consent: cn}
	for _, a := range gone {
		w.Revoked = append(w.Revoked, shareOf(a, BasisWithdrawn))
	}
	if w.Kept, err = kept(sys, c, cn.FamilyID); err != nil {
		return nil, err
	}
	if err := notifyRevoked(ctx, c, cn, gone, places); err != nil {
		return nil, err
	}
	return w, recordWithdrawal(ctx, c, cn, w)
}

// cancelReferrals cancels the referrals sent on a withdrawn consent and not
// yet answered: on the day the family withdrew (a paper file's), or, for
// one entered as sent later, on the day it is entered (now). The accesses
// they gave end now, when they stop being used.
func cancelReferrals(sys context.Context, c *ent.Client, consent pulid.ID, withdrawn, now time.Time) error {
	for _, by := range []struct {
		on   time.Time
		sent predicate.Referral
	}{{withdrawn, referral.SentAtLTE(withdrawn)}, {now, referral.SentAtGT(withdrawn)}} {
		if err := c.Referral.Update().Where(referral.ConsentID(consent), referral.StatusEQ(referral.StatusSENT), by.sent).
			SetStatus(referral.StatusCANCELLED).SetAnsweredAt(by.on).Exec(sys); err != nil {
			return err
		}
	}
	return nil
}

// endPlaces ends the team places a withdrawn consent allowed, dated as
// cancelReferrals dates the referrals.
func endPlaces(sys context.Context, c *ent.Client, consent pulid.ID, withdrawn, now time.Time) error {
	for _, by := range []struct {
		on    time.Time
		added predicate.TeamMember
	}{{withdrawn, teammember.AddedAtLTE(withdrawn)}, {now, teammember.AddedAtGT(withdrawn)}} {
		if err := c.TeamMember.Update().Where(teammember.ConsentID(consent), teammember.RemovedAtIsNil(), by.added).
			SetRemovedAt(by.on).Exec(sys); err != nil {
			return err
		}
	}
	return nil
}

func shareOf(a *ent.CaseAccess, basis string) Share {
	return Share{CaseID: a.CaseID, OrganizationID: a.OrganizationID, UserID: a.UserID, Reason: a.Reason, Basis: basis}
}

// kept lists the live accesses to the family's cases and the basis of each.
func kept(sys context.Context, c *ent.Client, family pulid.ID) ([]Share, error) {
	live, err := c.CaseAccess.Query().Where(caseaccess.HasCaseWith(casefile.FamilyID(family)), caseaccess.RevokedAtIsNil()).
		WithOrganization().Order(ent.Asc(caseaccess.FieldCreatedAt)).All(sys)
	if err != nil {
		return nil, err
	}
	out := make([]Share, 0, len(live))
	for _, a := range live {
		basis, err := basisOf(sys, c, a)
		if err != nil {
			return nil, err
		}
		out = append(out, shareOf(a, basis))
	}
	return out, nil
}

// basisOf says why an access outlives the family's withdrawal.
func basisOf(sys context.Context, c *ent.Client, a *ent.CaseAccess) (string, error) {
	switch {
	case a.Reason == caseaccess.ReasonMANAGER:
		return BasisManager, nil
	case a.Edges.Organization != nil && statutory(a.Edges.Organization.Kind):
		return BasisStatutory, nil
	case a.Reason == caseaccess.ReasonDECISION:
		return BasisDecision, nil
	case a.Reason == caseaccess.ReasonTRANSFER && a.SourceID == nil:
		return BasisOverride, nil
	case a.Reason == caseaccess.ReasonTRANSFER:
		return BasisConsent, nil
	case a.Reason == caseaccess.ReasonSERVICE || a.SourceID == nil:
		return BasisService, nil
	}
	consented, err := c.Referral.Query().Where(referral.ID(*a.SourceID), referral.ConsentIDNotNil()).Exist(sys)
	if err == nil && !consented {
		consented, err = c.TeamMember.Query().Where(teammember.ID(*a.SourceID), teammember.ConsentIDNotNil()).Exist(sys)
	}
	if consented {
		return BasisConsent, err
	}
	return BasisOverride, err
}

// notifyRevoked tells the people who lost access: the team members whose
// place ended and the staff of each organisation whose access was revoked.
func notifyRevoked(ctx context.Context, c *ent.Client, cn *ent.Consent, gone []*ent.CaseAccess, places []*ent.TeamMember) error {
	byCase := map[pulid.ID][]pulid.ID{}
	for _, p := range places {
		if p.UserID != nil {
			byCase[p.CaseID] = append(byCase[p.CaseID], *p.UserID)
		}
	}
	for _, a := range gone {
		if a.UserID != nil {
			byCase[a.CaseID] = append(byCase[a.CaseID], *a.UserID)
		}
		if a.OrganizationID != nil {
			staff, err := notify.Members(ctx, c, a.CommunityID, a.OrganizationID)
			if err != nil {
				return err
			}
			byCase[a.CaseID] = append(byCase[a.CaseID], staff...)
		}
	}
	for cs, users := range byCase {
		n := notify.Note{Community: cn.CommunityID, Kind: notification.KindACCESS_REVOKED, Case: &cs, Subject: &cn.ID, Detail: detailWithdrawal}
		if err := notify.Send(ctx, c, n, users, actor(ctx)); err != nil {
			return err
		}
	}
	return nil
}

// recordWithdrawal puts on each of the family's cases how many accesses the
// withdrawal revoked and the bases of those that remain.
func recordWithdrawal(ctx context.Context, c *ent.Client, cn *ent.Consent, w *Withdrawal) error {
	cfs, err := c.CaseFile.Query().Where(casefile.FamilyID(cn.FamilyID)).All(tenant.Bypass(ctx, "record a consent's withdrawal on the family's cases: the timeline, the system's record"))
	if err != nil {
		return err
	}
	for _, cf := range cfs {
		revoked, bases := 0, []string{}
		for _, s := range w.Revoked {
			if s.CaseID == cf.ID {
				revoked++
			}
		}
		for _, s := range w.Kept {
			if s.CaseID == cf.ID && !slices.Contains(bases, s.Basis) {
				bases = append(bases, s.Basis)
			}
		}
		note := fmt.Sprintf("revoked %d; kept: %v", revoked, bases)
		var on time.Time // the day the family withdrew it, where known; otherwise now
		if cn.WithdrawnAt != nil {
			on = *cn.WithdrawnAt
		}
		if err := recordOn(ctx, c, cf, caseevent.KindCONSENT_WITHDRAWN, nil, note, on); err != nil {
			return err
		}
	}
	return nil
}
