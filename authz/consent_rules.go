package authz

import (
	"context"
	"strings"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/privacy"
	"github.com/turbota/turbota/ent/schema/pulid"
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
