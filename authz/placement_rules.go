package authz

import (
	"context"
	"fmt"
	"strings"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/privacy"
	"github.com/turbota/turbota/ent/schema/pulid"
)

// Rules of the placement family: who places a child in an institution
// before the gatekeeping steps are done.

// ObjGatekeepingOverride is the permission to place a child in an
// institution in an emergency, before the comprehensive needs assessment
// and the commission's decision, with the reason stated.
const ObjGatekeepingOverride = "placement_override"

// RequireGatekeepingOverride lets a placement carrying an emergency reason
// (an institutional placement past gatekeeping: procedure.CheckPlacement
// says when one is needed) be created only by a holder of the override
// permission in its community. Whether the placement needs the override is
// the procedure's question; who may give it is this rule's.
func RequireGatekeepingOverride() privacy.MutationRule {
	return privacy.MutationRuleFunc(func(ctx context.Context, m ent.Mutation) error {
		if !m.Op().Is(ent.OpCreate) {
			return privacy.Skip
		}
		if reason, _ := m.Field("emergency_reason"); strings.TrimSpace(fmt.Sprint(reason)) == "" || reason == nil {
			return privacy.Skip
		}
		a, v, err := from(ctx)
		if err != nil {
			return err
		}
		c, _ := m.Field("community_id")
		community, _ := c.(pulid.ID)
		if !a.Allowed(v, community, ObjGatekeepingOverride, ActCreate) {
			return forbidden()
		}
		return privacy.Skip
	})
}
