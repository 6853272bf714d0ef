package procedure

import (
	"slices"
	"time"
)

// TaskKind is work a case's own plan or schedule sets, beside the legal
// deadlines (Kind): the actions of the individual plan, the plan's review
// date and the visits scheduled.
type TaskKind string

// The task kinds.
const (
	// TaskPlanAction is an action of the plan in force, due on its date,
	// settled once a review of the plan records the outcome of its goal.
	TaskPlanAction TaskKind = "PLAN_ACTION"
	// TaskPlanReview is the review of the plan in force, due on its next
	// review date, settled by a review.
	TaskPlanReview TaskKind = "PLAN_REVIEW"
	// TaskScheduledVisit is a visit, meeting or session planned for a date,
	// settled once it is recorded as held.
	TaskScheduledVisit TaskKind = "SCHEDULED_VISIT"
)

var taskLabels = map[TaskKind]Label{
	TaskPlanAction:     {UK: "Захід індивідуального плану", EN: "Action of the individual plan"},
	TaskPlanReview:     {UK: "Перегляд індивідуального плану", EN: "Review of the individual plan"},
	TaskScheduledVisit: {UK: "Запланований візит чи зустріч", EN: "Scheduled visit or meeting"},
}

// TaskKinds lists every task kind.
func TaskKinds() []TaskKind { return []TaskKind{TaskPlanAction, TaskPlanReview, TaskScheduledVisit} }

// Label names the task kind for the UI.
func (k TaskKind) Label() Label {
	if l, ok := taskLabels[k]; ok {
		return l
	}
	return Label{UK: string(k), EN: string(k)}
}

// Task is one item of work of a case with its due time.
type Task struct {
	Kind TaskKind
	// Start is when the task was set (the plan saved, the visit scheduled),
	// for the share of its period that is left.
	Start, Due time.Time
	// Done: the task is settled.
	Done bool
}

// settledOutcomes are the review outcomes that settle a goal's actions.
var settledOutcomes = []string{"ACHIEVED", "NO_LONGER_RELEVANT"}

// GoalSettled reports whether a review outcome settles a goal, and with it
// the goal's actions: it was achieved or is no longer relevant. A goal
// partly or not achieved keeps its actions running.
func GoalSettled(outcome string) bool { return slices.Contains(settledOutcomes, outcome) }

// PlanActionDue is when an action of a plan dated day (YYYY-MM-DD) is due:
// the end of that day, Kyiv time.
func PlanActionDue(day string) (time.Time, error) {
	d, err := ParseDate(day)
	if err != nil {
		return time.Time{}, err
	}
	return d.EndOfDay(), nil
}

// TaskStatus says how a task stands at now, under the same due-soon policy
// as the legal deadlines; a settled task is ON_TIME (and not listed).
func (rs RuleSet) TaskStatus(t Task, now time.Time, cal Calendar) DueStatus {
	if t.Done {
		return StatusOnTime
	}
	return rs.DueSoon.Status(t.Start, t.Due, now, cal)
}

// OpenTasks keeps the tasks still to do whose status is one of statuses
// (every status when none), each with its status, most urgent first.
func (rs RuleSet) OpenTasks(tasks []Task, statuses []DueStatus, now time.Time, cal Calendar) ([]Task, []DueStatus) {
	type item struct {
		t Task
		s DueStatus
	}
	var items []item
	for _, t := range tasks {
		if t.Done {
			continue
		}
		s := rs.TaskStatus(t, now, cal)
		if len(statuses) == 0 || slices.Contains(statuses, s) {
			items = append(items, item{t, s})
		}
	}
	slices.SortStableFunc(items, func(a, b item) int { return a.t.Due.Compare(b.t.Due) })
	out, st := make([]Task, len(items)), make([]DueStatus, len(items))
	for i, it := range items {
		out[i], st[i] = it.t, it.s
	}
	return out, st
}
