package workflow

import (
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/activity"
	"github.com/turbota/turbota/ent/caseaccess"
	"github.com/turbota/turbota/ent/casefile"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/tenant"
)

// Task is an item of a case's own work, beside its legal deadlines: an
// action of the plan in force, the plan's review, a scheduled visit.
type Task struct {
	Case   *ent.CaseFile
	Kind   procedure.TaskKind
	Text   string
	Due    time.Time
	Status procedure.DueStatus
	// Organization answers for the task (a plan action's responsible
	// organisation); nil where the case's team does.
	Organization *pulid.ID
	// Subject is the plan or the planned activity the task comes from.
	Subject pulid.ID
}

// Tasks lists the open tasks of the cases the viewer may read, most
// urgent first, filtered as the deadlines are (Filter): of a community,
// of the viewer's own cases, of an organisation (its cases, and of plan
// actions only those it answers for).
func Tasks(ctx context.Context, c *ent.Client, f Filter) ([]Task, error) {
	q := c.CaseFile.Query().Where(openCase()).
		WithFamily().WithNamedChildren("children").
		WithPlans(func(q *ent.PlanQuery) { q.WithReviews() }).
		WithActivities()
	if f.Community != "" {
		q = q.Where(casefile.CommunityID(f.Community))
	}
	if v := tenant.FromContext(ctx); f.Mine && v != nil {
		q = q.Where(casefile.ManagerID(v.UserID))
	}
	if f.Organization != "" {
		q = q.Where(casefile.HasAccessesWith(caseaccess.OrganizationID(f.Organization), caseaccess.RevokedAtIsNil()))
	}
	cases, err := q.All(ctx)
	if err != nil {
		return nil, err
	}
	var plans []*ent.Plan
	for _, cf := range cases {
		plans = append(plans, cf.Edges.Plans...)
	}
	// The versions in force, of the plans loaded with their reviews.
	current, err := currentPlans(ctx, c, plans)
	if err != nil {
		return nil, err
	}
	cals := NewCalendars(c)
	var out []Task
	for _, cf := range cases {
		cal, err := cals.For(ctx, cf.CommunityID)
		if err != nil {
			return nil, err
		}
		rules, err := ruleSet(cf.RuleSetVersion)
		if err != nil {
			return nil, err
		}
		ts, err := caseTasks(cf, current[cf.ID], f.Organization)
		if err != nil {
			return nil, err
		}
		for _, t := range ts {
			t.Status = rules.TaskStatus(procedure.Task{Start: t.start, Due: t.Due}, clock.Now(), cal)
			if len(f.Statuses) == 0 || slices.Contains(f.Statuses, t.Status) {
				out = append(out, t.Task)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Task) int { return a.Due.Compare(b.Due) })
	return out, nil
}

type startedTask struct {
	Task
	start time.Time
	// ref tells a plan's actions apart (goal key and place): what a
	// reminder is sent once for.
	ref string
}

// caseTasks are the open tasks of a case loaded with its plans (and their
// reviews) and activities: the actions of the plan in force whose goal no
// review has settled, its review while none of that version is recorded, and the visits scheduled and not yet held. org, when set, keeps
// only the plan actions that organisation answers for.
func caseTasks(cf *ent.CaseFile, plan *ent.Plan, org pulid.ID) ([]startedTask, error) {
	var out []startedTask
	if plan != nil {
		settled := map[string]bool{}
		for _, r := range plan.Edges.Reviews {
			for _, o := range r.Outcomes {
				settled[o.Key] = settled[o.Key] || procedure.GoalSettled(o.Outcome)
			}
		}
		for _, g := range plan.Goals {
			if settled[g.Key] {
				continue
			}
			for i, a := range g.Actions {
				if org != "" && a.ResponsibleOrganizationID != org {
					continue
				}
				due, err := procedure.PlanActionDue(a.Due)
				if err != nil {
					return nil, err
				}
				resp := a.ResponsibleOrganizationID
				out = append(out, startedTask{Task{Case: cf, Kind: procedure.TaskPlanAction, Text: a.Text, Due: due,
					Organization: &resp, Subject: plan.ID}, plan.SavedAt, g.Key + "." + strconv.Itoa(i)})
			}
		}
		// A review of this version settles its review date (a new version
		// brings its own).
		if len(plan.Edges.Reviews) == 0 {
			out = append(out, startedTask{Task{Case: cf, Kind: procedure.TaskPlanReview, Due: plan.NextReviewAt, Subject: plan.ID}, plan.SavedAt, ""})
		}
	}
	held := map[pulid.ID]bool{}
	for _, a := range cf.Edges.Activities {
		if a.FulfilsID != nil {
			held[*a.FulfilsID] = true
		}
	}
	for _, a := range cf.Edges.Activities {
		if a.Planned && !held[a.ID] {
			out = append(out, startedTask{Task{Case: cf, Kind: procedure.TaskScheduledVisit, Text: string(a.Kind), Due: a.At,
				Subject: a.ID}, a.CreatedAt, ""})
		}
	}
	return out, nil
}

// plannedActivity checks the planned activity a held one fulfils: one of
// the case's, planned, not yet held.
func plannedActivity(ctx context.Context, c *ent.Client, cf *ent.CaseFile, id pulid.ID) error {
	planned, err := c.Activity.Query().Where(activity.ID(id), activity.CaseID(cf.ID), activity.Planned(true)).Exist(ctx)
	if err != nil {
		return err
	}
	if !planned {
		return inputErr("plannedActivityID", "not a visit scheduled for this case")
	}
	held, err := c.Activity.Query().Where(activity.FulfilsID(id)).Exist(ctx)
	if err != nil {
		return err
	}
	if held {
		return inputErr("plannedActivityID", "this scheduled visit is already recorded as held")
	}
	return nil
}
