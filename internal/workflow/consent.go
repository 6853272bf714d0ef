package workflow

import (
	"context"
	"strings"
	"time"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/consent"
	"github.com/turbota/turbota/ent/organization"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
)

// Consent is the family's consent as recorded from the signed form, with
// its scope: one recipient organisation or a kind of organisation, one
// purpose, and the period it covers.
type Consent struct {
	Family            pulid.ID
	GivenBy, Document string
	GivenAt           time.Time
	Recipient         *pulid.ID
	RecipientKind     *consent.RecipientKind
	Purpose           consent.Purpose
	ValidFrom         *time.Time
	ValidUntil        *time.Time
}

// RecordConsent records a family's consent to share its data.
func RecordConsent(ctx context.Context, c *ent.Client, in Consent) (*ent.Consent, error) {
	if err := checkConsent(in); err != nil {
		return nil, err
	}
	f, err := c.Family.Get(ctx, in.Family)
	if err != nil {
		return nil, err
	}
	if in.ValidFrom == nil {
		in.ValidFrom = &in.GivenAt
	}
	create := c.Consent.Create().SetCommunityID(f.CommunityID).SetFamilyID(f.ID).SetGivenBy(in.GivenBy).
		SetGivenAt(in.GivenAt).SetDocument(in.Document).SetNillableRecordedByID(actor(ctx)).
		SetNillableRecipientKind(in.RecipientKind).
		SetPurpose(in.Purpose).SetNillableValidFrom(in.ValidFrom).SetNillableValidUntil(in.ValidUntil)
	if err := askPolicy(ctx, consent.Policy, create.Mutation()); err != nil {
		return nil, err
	}
	if in.Recipient != nil {
		ok, err := c.Organization.Query().Where(organization.ID(*in.Recipient), organization.CommunityID(f.CommunityID)).Exist(ctx)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, inputErr("recipientOrganizationID", "not an organisation of the family's community")
		}
	}
	return create.SetNillableRecipientOrganizationID(in.Recipient).Save(ctx)
}

// checkConsent: who signed, the document, and a scope naming exactly one
// recipient (an organisation or a kind) and a period that ends after it
// starts.
func checkConsent(in Consent) error {
	switch {
	case strings.TrimSpace(in.GivenBy) == "":
		return inputErr("givenBy", "name the family member who consented")
	case strings.TrimSpace(in.Document) == "":
		return inputErr("document", "give the reference of the signed consent")
	case in.GivenAt.After(clock.Now().Add(clockSkew)):
		return inputErr("givenAt", "cannot be in the future")
	case (in.Recipient == nil) == (in.RecipientKind == nil):
		return inputErr("recipientOrganizationID", "name the organisation the family agreed to share with, or the kind of organisation")
	case consent.PurposeValidator(in.Purpose) != nil:
		return inputErr("purpose", "say what the family agreed to share its data for")
	case in.ValidUntil != nil && !in.ValidUntil.After(validFrom(in)):
		return inputErr("validUntil", "must come after the consent starts")
	}
	return nil
}

func validFrom(in Consent) time.Time {
	if in.ValidFrom != nil {
		return *in.ValidFrom
	}
	return in.GivenAt
}

// WithdrawConsent records that the family withdrew a consent and takes back
// what it gave (see revokeConsent).
func WithdrawConsent(ctx context.Context, c *ent.Client, id pulid.ID, at time.Time) (*Withdrawal, error) {
	cn, err := c.Consent.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	withdraw := c.Consent.UpdateOneID(id).Where(consent.WithdrawnAtIsNil()).SetWithdrawnAt(at)
	if err := askPolicy(ctx, consent.Policy, withdraw.Mutation()); err != nil {
		return nil, err
	}
	if at.After(clock.Now().Add(clockSkew)) || at.Before(cn.GivenAt) {
		return nil, inputErr("withdrawnAt", "must be after the consent was given and not in the future")
	}
	err = withdraw.Exec(ctx)
	if ent.IsNotFound(err) {
		return nil, &procedure.RuleError{Code: procedure.RuleAlreadyEnded, Reasons: []string{"the consent was withdrawn already"}}
	}
	if err != nil {
		return nil, err
	}
	if cn, err = c.Consent.Get(ctx, id); err != nil {
		return nil, err
	}
	return revokeConsent(ctx, c, cn)
}
