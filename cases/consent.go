package cases

import (
	"context"
	"strings"
	"time"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/casework"
	"github.com/turbota/turbota/clock"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/consent"
	"github.com/turbota/turbota/ent/schema/pulid"
)

// Consent is the family's consent as recorded from the signed form.
type Consent struct {
	Family            pulid.ID
	GivenBy, Document string
	GivenAt           time.Time
}

// RecordConsent records a family's consent to share its data.
func RecordConsent(ctx context.Context, c *ent.Client, in Consent) (*ent.Consent, error) {
	switch {
	case strings.TrimSpace(in.GivenBy) == "":
		return nil, inputErr("givenBy", "name the family member who consented")
	case strings.TrimSpace(in.Document) == "":
		return nil, inputErr("document", "give the reference of the signed consent")
	case in.GivenAt.After(clock.Now().Add(clockSkew)):
		return nil, inputErr("givenAt", "cannot be in the future")
	}
	f, err := c.Family.Get(ctx, in.Family)
	if err != nil {
		return nil, err
	}
	if err := may(ctx, f.CommunityID, "consent", authz.ActCreate); err != nil {
		return nil, err
	}
	return c.Consent.Create().SetCommunityID(f.CommunityID).SetFamilyID(f.ID).SetGivenBy(in.GivenBy).
		SetGivenAt(in.GivenAt).SetDocument(in.Document).SetNillableRecordedByID(actor(ctx)).Save(ctx)
}

// WithdrawConsent records that the family withdrew a consent: referrals
// already accepted stay, new ones need a consent again.
func WithdrawConsent(ctx context.Context, c *ent.Client, id pulid.ID, at time.Time) (*ent.Consent, error) {
	cn, err := c.Consent.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := may(ctx, cn.CommunityID, "consent", authz.ActUpdate); err != nil {
		return nil, err
	}
	if at.After(clock.Now().Add(clockSkew)) || at.Before(cn.GivenAt) {
		return nil, inputErr("withdrawnAt", "must be after the consent was given and not in the future")
	}
	n, err := c.Consent.Update().Where(consent.ID(id), consent.WithdrawnAtIsNil()).SetWithdrawnAt(at).Save(ctx)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, &casework.RuleError{Code: casework.RuleAlreadyEnded, Reasons: []string{"the consent was withdrawn already"}}
	}
	return c.Consent.Get(ctx, id)
}
