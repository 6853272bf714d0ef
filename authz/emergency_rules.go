package authz

import (
	"context"
	"fmt"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/emergencyaccess"
	"github.com/turbota/turbota/ent/privacy"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/tenant"
)

// ObjEmergencyAccess is the policy object of breaking the glass.
const ObjEmergencyAccess = "emergency_access"

// BreakTheGlass is the rule of emergency accesses (internal/oversight/
// emergency). An overseer who reads a community (its figures and
// de-identified list) and may create emergency accesses there opens one in
// their own name; its holder, or whoever may update emergency accesses in
// the community (its administrators), ends one early, and nothing else of
// an access ever changes. It sits first in the tenant policy: the overseer
// writes nothing else in the community and cannot see the case before the
// access opens it, so the community and reference walls would refuse what
// this rule decides. Row-level security holds the same line (the overseer
// inserts only their own access, to a case of that community).
func BreakTheGlass() privacy.MutationRule {
	return privacy.MutationRuleFunc(func(ctx context.Context, em ent.Mutation) error {
		m, ok := em.(*ent.EmergencyAccessMutation)
		if !ok {
			return privacy.Skip
		}
		a, v, err := from(ctx)
		if err != nil {
			return err
		}
		switch {
		case m.Op().Is(ent.OpCreate):
			return mayOpen(ctx, a, v, m)
		case m.Op().Is(ent.OpUpdateOne):
			return mayEnd(ctx, a, v, m)
		}
		return forbidden()
	})
}

func mayOpen(ctx context.Context, a *Authorizer, v *tenant.Viewer, m *ent.EmergencyAccessMutation) error {
	cm, _ := m.CommunityID()
	holder, _ := m.UserID()
	if v.UserID == "" || !v.CanRead(cm) {
		return fmt.Errorf("%w: %w", tenant.ErrNotVisible, privacy.Deny)
	}
	if id, ok := m.CaseID(); ok {
		if err := caseOfCommunity(ctx, m.Client(), cm, id); err != nil {
			return err
		}
	}
	if holder != v.UserID || !a.Allowed(v, cm, ObjEmergencyAccess, ActCreate) {
		return forbidden()
	}
	return privacy.Allow
}

func mayEnd(ctx context.Context, a *Authorizer, v *tenant.Viewer, m *ent.EmergencyAccessMutation) error {
	for _, f := range m.Fields() {
		if f != emergencyaccess.FieldEndedAt && f != emergencyaccess.FieldUpdatedAt {
			return forbidden()
		}
	}
	cm, err := m.OldCommunityID(ctx)
	if err != nil {
		return err
	}
	holder, err := m.OldUserID(ctx)
	if err != nil {
		return err
	}
	if holder != v.UserID && !v.CanWrite(cm) {
		return fmt.Errorf("%w: %w", tenant.ErrNotVisible, privacy.Deny)
	}
	if !a.Allowed(v, cm, ObjEmergencyAccess, ActUpdate) {
		return forbidden()
	}
	return privacy.Allow
}

// caseOfCommunity is the reference wall for a case the overseer cannot see
// yet: the case must be the community's, as the viewer sees it or, hidden,
// as its de-identified reference finds it (the test row-level security
// makes too).
func caseOfCommunity(ctx context.Context, c *ent.Client, community, id pulid.ID) error {
	// A case the viewer sees answers for itself; one hidden from the
	// overseer by row-level security answers through its reference.
	rows, err := c.QueryContext(ctx, `SELECT coalesce((SELECT c.community_id = $1::bpchar FROM case_files c WHERE c.id = $2::bpchar),
		turbota_case_by_reference($1::bpchar, substr(md5($2), 1, 12)) = $2::bpchar, false)`, string(community), string(id))
	if err != nil {
		return fmt.Errorf("look up the case of an emergency access: %w", err)
	}
	defer rows.Close()
	var found bool
	if rows.Next() {
		if err := rows.Scan(&found); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if !found {
		return &RefError{Field: emergencyaccess.FieldCaseID}
	}
	return nil
}
