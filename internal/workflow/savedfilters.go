package workflow

import (
	"context"
	"slices"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/tenant"
)

// SaveFilter saves the viewer's own named view of their work list. Its
// statuses are due statuses, its kinds deadline or task kinds, its
// organisation one the viewer can see; the policy keeps it the viewer's
// (authz.RequireOwnSavedFilter).
func SaveFilter(ctx context.Context, c *ent.Client, in ent.CreateSavedFilterInput) (*ent.SavedFilter, error) {
	v := tenant.FromContext(ctx)
	if v == nil {
		return nil, authz.ErrForbidden
	}
	if err := checkCaseFilter(in.CaseStatuses, in.Mine, in.Unassigned); err != nil {
		return nil, err
	}
	if err := checkFilter(ctx, c, in.CommunityID, in.Statuses, in.Kinds, in.OrganizationID); err != nil {
		return nil, err
	}
	return c.SavedFilter.Create().SetInput(in).SetUserID(v.UserID).Save(ctx)
}

// UpdateFilter changes one of the viewer's saved filters.
func UpdateFilter(ctx context.Context, c *ent.Client, id pulid.ID, in ent.UpdateSavedFilterInput) (*ent.SavedFilter, error) {
	f, err := c.SavedFilter.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	mine, unassigned := in.Mine, in.Unassigned
	if mine == nil {
		mine = &f.Mine
	}
	if unassigned == nil {
		unassigned = &f.Unassigned
	}
	if err := checkCaseFilter(append(in.CaseStatuses, in.AppendCaseStatuses...), mine, unassigned); err != nil {
		return nil, err
	}
	if err := checkFilter(ctx, c, f.CommunityID, append(in.Statuses, in.AppendStatuses...), append(in.Kinds, in.AppendKinds...), in.OrganizationID); err != nil {
		return nil, err
	}
	return c.SavedFilter.UpdateOneID(id).SetInput(in).Save(ctx)
}

// DeleteFilter deletes one of the viewer's saved filters.
func DeleteFilter(ctx context.Context, c *ent.Client, id pulid.ID) (pulid.ID, error) {
	if _, err := c.SavedFilter.Get(ctx, id); err != nil {
		return "", err
	}
	return id, c.SavedFilter.DeleteOneID(id).Exec(ctx)
}

func checkFilter(ctx context.Context, c *ent.Client, community pulid.ID, statuses, kinds []string, org *pulid.ID) error {
	for _, s := range statuses {
		if !slices.Contains([]procedure.DueStatus{procedure.StatusOnTime, procedure.StatusDueSoon, procedure.StatusOverdue}, procedure.DueStatus(s)) {
			return inputErr("statuses", "each a due status: ON_TIME, DUE_SOON or OVERDUE")
		}
	}
	for _, k := range kinds {
		if !slices.Contains(procedure.Kinds(), procedure.Kind(k)) && !slices.Contains(procedure.TaskKinds(), procedure.TaskKind(k)) {
			return inputErr("kinds", "each a deadline kind or a task kind")
		}
	}
	if org != nil {
		return authz.CheckRef(ctx, c, community, "organizationID", *org)
	}
	return nil
}

// checkCaseFilter checks what a filter keeps of the case list: case
// statuses, and whose cases (the viewer's own and nobody's exclude each
// other).
func checkCaseFilter(statuses []string, mine, unassigned *bool) error {
	for _, s := range statuses {
		if !slices.Contains(procedure.States(), procedure.State(s)) {
			return inputErr("caseStatuses", "each a case status, e.g. OPEN")
		}
	}
	if mine != nil && unassigned != nil && *mine && *unassigned {
		return inputErr("unassigned", "a case managed by you is not one nobody manages: choose one")
	}
	return nil
}
