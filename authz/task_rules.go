package authz

import (
	"context"

	"entgo.io/ent/dialect/sql"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/intercept"
	"github.com/turbota/turbota/ent/privacy"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/tenant"
)

// Rules of the work list: who assigns cases, whose saved filters.

// ObjCaseAssignment is the permission to assign a case to someone other
// than oneself, or to take it from someone else: a supervisor's
// (children's service, social protection, a provider's manager), which a
// community admin may narrow.
const ObjCaseAssignment = "case_assignment"

// RequireAssignmentPermission: a worker may take a case nobody manages, or
// keep managing their own; making someone else the manager, or taking a
// case from another manager, needs case_assignment:create in the case's
// community.
func RequireAssignmentPermission() privacy.MutationRule {
	return privacy.CaseFileMutationRuleFunc(func(ctx context.Context, m *ent.CaseFileMutation) error {
		to, set := m.ManagerID()
		if !set && !m.ManagerIDCleared() {
			return privacy.Skip
		}
		a, v, err := from(ctx)
		if err != nil {
			return err
		}
		cm, err := caseCommunity(ctx, m)
		if err != nil {
			return err
		}
		var before *pulid.ID
		if m.Op().Is(ent.OpUpdateOne) {
			if before, err = m.OldManagerID(ctx); err != nil {
				return notVisible(err)
			}
		}
		self := set && to == v.UserID && (before == nil || *before == v.UserID)
		if self || a.Allowed(v, cm, ObjCaseAssignment, ActCreate) {
			return privacy.Skip
		}
		return &Refusal{Reason: "managerID: only a supervisor assigns a case to someone else or takes it from its manager"}
	})
}

// FilterOwnSavedFilters shows each user only the filters they saved.
func FilterOwnSavedFilters() privacy.QueryRule {
	return viewerRule(func(v *tenant.Viewer, iq intercept.Query) {
		iq.WhereP(sql.FieldEQ("user_id", string(v.UserID)))
	})
}

// RequireOwnSavedFilter: a user saves filters for themselves only, and
// changes only their own.
func RequireOwnSavedFilter() privacy.MutationRule {
	return privacy.MutationRuleFunc(func(ctx context.Context, m ent.Mutation) error {
		v := tenant.FromContext(ctx)
		if v == nil {
			return privacy.Denyf("authz: no viewer")
		}
		if m.Op().Is(ent.OpCreate) {
			if u, _ := m.Field("user_id"); u != v.UserID {
				return &Refusal{Reason: "a filter is saved for oneself"}
			}
			return privacy.Skip
		}
		w, ok := m.(interface{ WhereP(...func(*sql.Selector)) })
		if !ok {
			return privacy.Denyf("authz: %T cannot be narrowed to its owner", m)
		}
		w.WhereP(sql.FieldEQ("user_id", string(v.UserID)))
		return privacy.Skip
	})
}
