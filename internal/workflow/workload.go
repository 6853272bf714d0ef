package workflow

import (
	"context"
	"fmt"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/approval"
	"github.com/turbota/turbota/ent/casefile"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/procedure"
)

// WorkerLoad is one worker's share of a community's casework, as the
// viewer may see it: counted over the cases the viewer may read.
type WorkerLoad struct {
	Worker *ent.User
	// OpenCases the worker manages (not closed, refused or transferred).
	OpenCases int
	// OverdueDeadlines and OverdueTasks of the cases the worker manages.
	OverdueDeadlines, OverdueTasks int
	// PendingApprovals of the cases the worker manages, awaiting a decision.
	PendingApprovals int
}

// TeamWorkload lists the people who may manage the cases of a community
// (CaseManagers) with their open cases, overdue deadlines and tasks and
// pending approvals, by name. Every figure is counted over the cases the
// viewer's privacy policy lets them read, in a fixed number of queries for
// the whole team.
func TeamWorkload(ctx context.Context, c *ent.Client, community pulid.ID) ([]WorkerLoad, error) {
	workers, err := CaseManagers(ctx, c, community)
	if err != nil {
		return nil, fmt.Errorf("team of %s: %w", community, err)
	}
	byID := make(map[pulid.ID]*WorkerLoad, len(workers))
	out := make([]WorkerLoad, len(workers))
	for i, w := range workers {
		out[i].Worker = w
		byID[w.ID] = &out[i]
	}
	var open []struct {
		ManagerID pulid.ID `json:"manager_id"`
		Count     int      `json:"count"`
	}
	if err := c.CaseFile.Query().Where(casefile.CommunityID(community), openCase(), casefile.ManagerIDNotNil()).
		GroupBy(casefile.FieldManagerID).Aggregate(ent.Count()).Scan(ctx, &open); err != nil {
		return nil, fmt.Errorf("open cases of %s: %w", community, err)
	}
	for _, r := range open {
		if w := byID[r.ManagerID]; w != nil {
			w.OpenCases = r.Count
		}
	}
	overdue := Filter{Community: community, Statuses: []procedure.DueStatus{procedure.StatusOverdue}}
	deadlines, err := Deadlines(ctx, c, overdue)
	if err != nil {
		return nil, fmt.Errorf("overdue deadlines of %s: %w", community, err)
	}
	for _, d := range deadlines {
		if w := managerOf(byID, d.Case); w != nil {
			w.OverdueDeadlines++
		}
	}
	tasks, err := Tasks(ctx, c, overdue)
	if err != nil {
		return nil, fmt.Errorf("overdue tasks of %s: %w", community, err)
	}
	for _, t := range tasks {
		if w := managerOf(byID, t.Case); w != nil {
			w.OverdueTasks++
		}
	}
	pending, err := c.Approval.Query().Where(approval.CommunityID(community), approval.StatusEQ(approval.StatusPENDING)).
		WithCase().All(ctx)
	if err != nil {
		return nil, fmt.Errorf("pending approvals of %s: %w", community, err)
	}
	for _, a := range pending {
		if w := managerOf(byID, a.Edges.Case); w != nil {
			w.PendingApprovals++
		}
	}
	return out, nil
}

func managerOf(byID map[pulid.ID]*WorkerLoad, cf *ent.CaseFile) *WorkerLoad {
	if cf == nil || cf.ManagerID == nil {
		return nil
	}
	return byID[*cf.ManagerID]
}
