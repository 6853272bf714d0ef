package procedure_test

import (
	"testing"
	"time"

	"github.com/turbota/turbota/internal/procedure"
)

func TestTasks(t *testing.T) {
	cal := peacetime(t, 2026, 2027)
	rs, err := procedure.RuleSetAt(mustTime(t, "2026-11-02T09:00:00+02:00"))
	if err != nil {
		t.Fatal(err)
	}
	now := mustTime(t, "2026-11-11T10:00:00+02:00") // a Wednesday
	set := mustTime(t, "2026-11-02T09:00:00+02:00")
	due := func(day string) time.Time {
		d, err := procedure.PlanActionDue(day)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct {
		name string
		task procedure.Task
		want procedure.DueStatus
	}{
		{"action due yesterday", procedure.Task{Kind: procedure.TaskPlanAction, Start: set, Due: due("2026-11-10")}, procedure.StatusOverdue},
		{"action due today", procedure.Task{Kind: procedure.TaskPlanAction, Start: set, Due: due("2026-11-11")}, procedure.StatusDueSoon},
		{"action due tomorrow", procedure.Task{Kind: procedure.TaskPlanAction, Start: set, Due: due("2026-11-12")}, procedure.StatusDueSoon},
		{"action due in a month", procedure.Task{Kind: procedure.TaskPlanAction, Start: set, Due: due("2026-12-11")}, procedure.StatusOnTime},
		{"review a week ahead, most of its period gone", procedure.Task{Kind: procedure.TaskPlanReview, Start: set,
			Due: mustTime(t, "2026-11-13T12:00:00+02:00")}, procedure.StatusDueSoon},
		{"visit scheduled for an hour ago, not held", procedure.Task{Kind: procedure.TaskScheduledVisit, Start: set,
			Due: now.Add(-time.Hour)}, procedure.StatusOverdue},
		{"visit held", procedure.Task{Kind: procedure.TaskScheduledVisit, Start: set, Due: now.Add(-time.Hour), Done: true}, procedure.StatusOnTime},
	}
	var all []procedure.Task
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rs.TaskStatus(tt.task, now, cal); got != tt.want {
				t.Errorf("status %s, want %s", got, tt.want)
			}
		})
		all = append(all, tt.task)
	}
	open, statuses := rs.OpenTasks(all, []procedure.DueStatus{procedure.StatusOverdue}, now, cal)
	if len(open) != 2 || statuses[0] != procedure.StatusOverdue || open[0].Due.After(open[1].Due) {
		t.Errorf("overdue tasks: %+v %v", open, statuses)
	}
	open, _ = rs.OpenTasks(all, nil, now, cal)
	if len(open) != len(all)-1 {
		t.Errorf("open tasks: %d, want every task but the one held", len(open))
	}
	if _, err := procedure.PlanActionDue("11.11.2026"); err == nil {
		t.Error("a date not in YYYY-MM-DD accepted")
	}
	for _, k := range procedure.TaskKinds() {
		if l := k.Label(); l.UK == "" || l.EN == "" || l.UK == string(k) {
			t.Errorf("%s: %+v", k, l)
		}
	}
	for outcome, want := range map[string]bool{"ACHIEVED": true, "NO_LONGER_RELEVANT": true, "PARTLY_ACHIEVED": false, "NOT_ACHIEVED": false} {
		if procedure.GoalSettled(outcome) != want {
			t.Errorf("GoalSettled(%s) != %v", outcome, want)
		}
	}
}
