package workflow

import (
	"context"
	"strings"
	"time"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/casefile"
	"github.com/turbota/turbota/ent/casetransfer"
	"github.com/turbota/turbota/ent/consent"
	"github.com/turbota/turbota/ent/person"
	"github.com/turbota/turbota/ent/report"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
)

// FamilyTransfer is what the sender says when a family without an open
// case moves: its register entry, its people and its closed cases go to
// the community it moved to, through the same request and acceptance as a
// case (community_transfer.go).
type FamilyTransfer struct {
	Family, To pulid.ID
	Reason     string
	// RequestedAt is when it was asked, for a paper file (nil: now): not
	// in the future.
	RequestedAt *time.Time
}

// RequestFamilyTransfer asks another community to take over a family with
// no open case. It needs the family's consent to the transfer: with no
// case there is no timeline for a legal basis to go on, nor a child's
// situation that would call for one.
func RequestFamilyTransfer(ctx context.Context, c *ent.Client, in FamilyTransfer) (*ent.CaseTransfer, error) {
	fam, err := c.Family.Get(ctx, in.Family)
	if err != nil {
		return nil, err
	}
	if err := askPolicy(ctx, casetransfer.Policy, c.CaseTransfer.Create().SetCommunityID(fam.CommunityID).Mutation()); err != nil {
		return nil, err
	}
	if strings.TrimSpace(in.Reason) == "" {
		return nil, inputErr("reason", "say why the family goes to that community")
	}
	if err := checkReceiver(ctx, c, fam.CommunityID, in.To, casetransfer.FamilyID(fam.ID)); err != nil {
		return nil, err
	}
	open, err := c.CaseFile.Query().Where(casefile.FamilyID(fam.ID), openCase()).Exist(ctx)
	if err != nil {
		return nil, err
	}
	if open {
		return nil, inputErr("familyID", "the family has an open case: transfer the case, and the family goes with it")
	}
	cn, err := c.Consent.Query().Where(consent.FamilyID(fam.ID), inForce(nil, consent.PurposeTRANSFER)).First(ctx)
	if ent.IsNotFound(err) {
		return nil, &procedure.RuleError{Code: procedure.RuleConsentRequired, Reasons: []string{
			"the family has not consented to the transfer of its data to another community; record the consent"}}
	}
	if err != nil {
		return nil, err
	}
	at := clock.Now()
	if in.RequestedAt != nil {
		if err := pastDate("requestedAt", *in.RequestedAt); err != nil {
			return nil, err
		}
		at = *in.RequestedAt
	}
	create := c.CaseTransfer.Create().SetCommunityID(fam.CommunityID).SetFamilyID(fam.ID).SetToCommunityID(in.To).
		SetReason(in.Reason).SetRequestedAt(at).SetNillableRequestedByID(actor(ctx)).SetConsentID(cn.ID)
	if err := summariseFamily(ctx, c, fam, create); err != nil {
		return nil, err
	}
	t, err := create.Save(ctx)
	if err != nil {
		return nil, err
	}
	return t, notifyTransfer(ctx, c, t.ID)
}

// summariseFamily: how many children and adults, and the categories its
// reports named; what the receiver learns before it accepts.
func summariseFamily(ctx context.Context, c *ent.Client, fam *ent.Family, create *ent.CaseTransferCreate) error {
	children, err := c.Person.Query().Where(person.FamilyID(fam.ID), person.KindEQ(person.KindCHILD)).Count(ctx)
	if err != nil {
		return err
	}
	adults, err := c.Person.Query().Where(person.FamilyID(fam.ID), person.KindEQ(person.KindADULT)).Count(ctx)
	if err != nil {
		return err
	}
	reps, err := c.Report.Query().Where(report.FamilyID(fam.ID)).All(ctx)
	if err != nil {
		return err
	}
	create.SetChildren(children).SetAdults(adults).SetCategories(reportCategories(reps))
	return nil
}
