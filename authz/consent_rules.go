package authz

import (
	"context"
	"fmt"
	"strings"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/caseevent"
	"github.com/turbota/turbota/ent/privacy"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/tenant"
)

// ObjConsentOverride is the permission to share a family's data without its
// consent, on a legal basis the sender states (the child in danger).
const ObjConsentOverride = "referral_override"

// RequireConsentOverride lets a sharing (a referral, a team place) be
// created without the family's consent only by a holder of the override
// permission in its community: the workflow finds the consent, this rule
// decides who may go without one.
func RequireConsentOverride() privacy.MutationRule {
	return privacy.MutationRuleFunc(func(ctx context.Context, m ent.Mutation) error {
		if !m.Op().Is(ent.OpCreate) {
			return privacy.Skip
		}
		basis, _ := m.Field("override_reason")
		if s, _ := basis.(string); strings.TrimSpace(s) == "" {
			return privacy.Skip
		}
		a, v, err := from(ctx)
		if err != nil {
			return err
		}
		c, _ := m.Field("community_id")
		id, _ := c.(pulid.ID)
		if !a.Allowed(v, id, ObjConsentOverride, ActCreate) {
			return privacy.Denyf("authz: sharing without the family's consent is not allowed to this role")
		}
		return privacy.Skip
	})
}

// AllowOverrideRecord: going without the family's consent is recorded on
// the case's timeline by the one who does it (a referral, a team place, a
// transfer alike), and only a holder of the override permission in the
// case's community may write that record; it is the one timeline entry a
// viewer writes themselves. It sits in the tenant policy ahead of the role
// filter (no role creates timeline entries), after the community and
// reference walls, and passes every other change by.
func AllowOverrideRecord() privacy.MutationRule {
	return privacy.MutationRuleFunc(func(ctx context.Context, em ent.Mutation) error {
		m, ok := em.(*ent.CaseEventMutation)
		if !ok || !m.Op().Is(ent.OpCreate) {
			return privacy.Skip
		}
		if kind, _ := m.Kind(); kind != caseevent.KindCONSENT_MISSING_OVERRIDDEN {
			return privacy.Skip
		}
		a, v, err := from(ctx)
		if err != nil {
			return err
		}
		cm, _ := m.CommunityID()
		if !v.CanWrite(cm) {
			return fmt.Errorf("%w: %w", tenant.ErrNotVisible, privacy.Deny)
		}
		if !a.Allowed(v, cm, ObjConsentOverride, ActCreate) {
			return &Refusal{Reason: "Sharing without the family's consent is not allowed to your role."}
		}
		return privacy.Allow
	})
}
