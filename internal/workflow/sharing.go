package workflow

import (
	"context"
	"strings"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/caseevent"
	"github.com/turbota/turbota/ent/consent"
	"github.com/turbota/turbota/ent/organization"
	"github.com/turbota/turbota/ent/predicate"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
)

// Sharing is one sharing of a family's data with an organisation: the
// case it is about, to whom, for what, and the legal basis its sender
// states when the family has not consented. A nil Recipient is another
// community (a transfer between communities): its organisations are not
// the sender's to name, so only a consent naming no organisation covers it.
type Sharing struct {
	Case      *ent.CaseFile
	Recipient *ent.Organization
	Purpose   consent.Purpose
	Override  string
}

// Basis is why a sharing may go ahead: the consent covering it, or the
// override with its legal basis, or neither when the recipient is a
// statutory service that holds the data by law.
type Basis struct {
	Consent  *pulid.ID
	Override string
}

// statutory are the kinds of organisation the law gives a family's case
// without its consent (the children's service, the social protection and
// guardianship bodies): sharing with them needs none, and a withdrawal
// takes nothing from them.
func statutory(k organization.Kind) bool {
	switch k {
	case organization.KindCHILDREN_SERVICE, organization.KindSOCIAL_PROTECTION, organization.KindGUARDIANSHIP_BODY:
		return true
	}
	return false
}

// requireConsent is the one guard every sharing of a family's data passes:
// a statutory recipient needs nothing; any other needs the family's consent
// in force for that recipient and purpose, or an override whose legal basis
// goes on the case's timeline, written as the viewer: who may override is
// the privacy rules' question (authz.AllowOverrideRecord), asked as the
// record is written.
func requireConsent(ctx context.Context, c *ent.Client, s Sharing) (Basis, error) {
	if s.Recipient != nil && statutory(s.Recipient.Kind) {
		return Basis{}, nil
	}
	if s.Case.FamilyID != nil {
		cn, err := c.Consent.Query().Where(consent.FamilyID(*s.Case.FamilyID), inForce(s.Recipient, s.Purpose)).
			Order(ent.Desc(consent.FieldGivenAt)).First(ctx)
		if err == nil {
			return Basis{Consent: &cn.ID}, nil
		}
		if !ent.IsNotFound(err) {
			return Basis{}, err
		}
	}
	basis := strings.TrimSpace(s.Override)
	if basis == "" {
		return Basis{}, &procedure.RuleError{Code: procedure.RuleConsentRequired, Reasons: []string{
			"the family has not consented to share its data with this organisation for " + strings.ToLower(string(s.Purpose)) +
				"; record the consent, or state the legal basis for sharing without it"}}
	}
	return Basis{Override: basis}, recordAs(ctx, ctx, c, s.Case, caseevent.KindCONSENT_MISSING_OVERRIDDEN, nil, basis)
}

// inForce: given, not withdrawn, within its period, for the purpose, and
// naming the recipient, its kind, or (a consent recorded before consents had
// a recipient) nobody in particular.
func inForce(to *ent.Organization, p consent.Purpose) predicate.Consent {
	now := clock.Now()
	current := consent.And(consent.WithdrawnAtIsNil(), consent.GivenAtLTE(now.Add(clockSkew)), consent.PurposeEQ(p),
		consent.Or(consent.ValidFromIsNil(), consent.ValidFromLTE(now)),
		consent.Or(consent.ValidUntilIsNil(), consent.ValidUntilGT(now)))
	if to == nil {
		return consent.And(current, consent.RecipientOrganizationIDIsNil())
	}
	return consent.And(current,
		consent.Or(consent.RecipientOrganizationID(to.ID),
			consent.And(consent.RecipientOrganizationIDIsNil(), consent.RecipientKindEQ(consent.RecipientKind(to.Kind))),
			consent.And(consent.RecipientOrganizationIDIsNil(), consent.RecipientKindIsNil())))
}
