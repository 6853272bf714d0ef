package workflow

import (
	"context"
	"fmt"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/activity"
	"github.com/turbota/turbota/ent/approval"
	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/ent/notification"
	"github.com/turbota/turbota/ent/plan"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/notify"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/tenant"
)

// taskReminders are the notifications the tasks of a batch of open cases
// call for (plan actions, plan reviews, scheduled visits due soon or
// overdue), each keyed once per task and state as the deadlines' are, so
// the job run again the same day (or any day after) tells no one twice.
func taskReminders(ctx context.Context, c *ent.Client, cals *Calendars, open []*ent.CaseFile, who *answeringSet) ([]reminder, error) {
	ts, err := dueTasks(ctx, c, cals, open)
	if err != nil {
		return nil, err
	}
	out := make([]reminder, 0, len(ts))
	for _, t := range ts {
		kind := notification.KindTASK_DUE_SOON
		if t.Status == procedure.StatusOverdue {
			kind = notification.KindTASK_OVERDUE
		}
		key := fmt.Sprintf("task:%s:%s:%s:%s:%s", t.Case.ID, t.Kind, t.Subject, t.ref, t.Status)
		out = append(out, reminder{users: who.ofTask(t.Task), note: notify.Note{Community: t.Case.CommunityID, Kind: kind,
			Case: &t.Case.ID, Subject: &t.Subject, Detail: string(t.Kind), Dedupe: key}})
	}
	return out, nil
}

// dueTasks are the tasks of the batch's running cases that are due soon or
// overdue, read in a fixed number of queries whatever the batch's size.
func dueTasks(ctx context.Context, c *ent.Client, cals *Calendars, open []*ent.CaseFile) ([]startedTask, error) {
	inForce, err := plansInForce(ctx, c, open)
	if err != nil {
		return nil, err
	}
	planned, err := plannedActivities(ctx, c, open)
	if err != nil {
		return nil, err
	}
	var out []startedTask
	for _, cf := range open {
		if !cf.Status.Open() {
			continue // a refused case owes a notice, not its plan's work
		}
		cal, err := cals.For(ctx, cf.CommunityID)
		if err != nil {
			return nil, err
		}
		rules, err := ruleSet(cf.RuleSetVersion)
		if err != nil {
			return nil, err
		}
		withActs := *cf
		withActs.Edges.Activities = planned[cf.ID]
		ts, err := caseTasks(&withActs, inForce[cf.ID], "")
		if err != nil {
			return nil, err
		}
		for _, t := range ts {
			t.Status = rules.TaskStatus(procedure.Task{Start: t.start, Due: t.Due}, clock.Now(), cal)
			if t.Status == procedure.StatusDueSoon || t.Status == procedure.StatusOverdue {
				t.Case = cf
				out = append(out, t)
			}
		}
	}
	return out, nil
}

// plansInForce finds each case's plan in force as CurrentPlan does (the
// latest version whose last approval request was approved, or that never
// needed one), with its reviews, for a batch of cases in two queries.
func plansInForce(ctx context.Context, c *ent.Client, open []*ent.CaseFile) (map[pulid.ID]*ent.Plan, error) {
	sys := tenant.SystemContext(ctx)
	plans, err := c.Plan.Query().Where(plan.CaseIDIn(caseIDs(open)...)).WithReviews().
		Order(ent.Desc(plan.FieldVersion)).All(sys)
	if err != nil || len(plans) == 0 {
		return nil, err
	}
	ids := make([]pulid.ID, len(plans))
	for i, p := range plans {
		ids[i] = p.ID
	}
	as, err := c.Approval.Query().Where(approval.SubjectIDIn(ids...)).Order(ent.Asc(approval.FieldRequestedAt)).All(sys)
	if err != nil {
		return nil, err
	}
	last := map[pulid.ID]approval.Status{} // the latest request of each plan wins
	for _, a := range as {
		last[a.SubjectID] = a.Status
	}
	out := map[pulid.ID]*ent.Plan{}
	for _, p := range plans {
		s, asked := last[p.ID]
		if _, found := out[p.CaseID]; !found && (!asked || s == approval.StatusAPPROVED) {
			out[p.CaseID] = p
		}
	}
	return out, nil
}

// plannedActivities are the batch's scheduled activities and those that
// carried one out, by case, in one query.
func plannedActivities(ctx context.Context, c *ent.Client, open []*ent.CaseFile) (map[pulid.ID][]*ent.Activity, error) {
	as, err := c.Activity.Query().Where(activity.CaseIDIn(caseIDs(open)...),
		activity.Or(activity.Planned(true), activity.FulfilsIDNotNil())).All(tenant.SystemContext(ctx))
	if err != nil {
		return nil, err
	}
	out := map[pulid.ID][]*ent.Activity{}
	for _, a := range as {
		out[a.CaseID] = append(out[a.CaseID], a)
	}
	return out, nil
}

func caseIDs(cases []*ent.CaseFile) []pulid.ID {
	ids := make([]pulid.ID, len(cases))
	for i, cf := range cases {
		ids[i] = cf.ID
	}
	return ids
}

// ofTask is who answers for a task: the case manager, else the staff of the
// organisation responsible for a plan action, else the children's service.
func (s *answeringSet) ofTask(t Task) []pulid.ID {
	cf := t.Case
	if cf.ManagerID != nil {
		return []pulid.ID{*cf.ManagerID}
	}
	if t.Organization != nil && *t.Organization != "" {
		if users := s.holding(cf.CommunityID, t.Organization, membership.RolePROVIDER_MANAGER, membership.RolePROVIDER_SPECIALIST); len(users) > 0 {
			return users
		}
	}
	return s.holding(cf.CommunityID, nil, membership.RoleCHILDREN_SERVICE)
}
