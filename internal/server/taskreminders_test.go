package server_test

import (
	"context"
	"testing"
	"time"

	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/internal/server"
	"github.com/turbota/turbota/internal/server/apitest"
	"github.com/turbota/turbota/internal/workflow"
	"github.com/turbota/turbota/tenant"
)

// taskNotes are the task reminders a user has of a case, as "KIND DETAIL".
func taskNotes(t *testing.T, e *env, email, cs string) []string {
	t.Helper()
	r := e.do(e.login(email), `{ notifications(first: 100, where: {kindIn: [TASK_DUE_SOON, TASK_OVERDUE]}) { edges { node { kind caseID detail } } } }`, nil)
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	var out []string
	for _, ed := range r.Data["notifications"].(map[string]any)["edges"].([]any) {
		n := ed.(map[string]any)["node"].(map[string]any)
		if n["caseID"] == cs {
			out = append(out, n["kind"].(string)+" "+n["detail"].(string))
		}
	}
	return out
}

// TestTaskReminders: the reminder job tells the case manager of a plan
// action overdue and a visit due soon, not of an action due in a month;
// run again (the same day or any other) it tells no one twice; in small
// batches it sends what one batch does.
func TestTaskReminders(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{})
	ctx := context.Background()
	s := openScene(t, e)
	specialist := e.as(demo.VinnytsiaProviderSpecialistEmail)
	okay(apitest.AssignCase(ctx, s.ssd, s.cs, viewerID(t, specialist), nil))(t, "assign")
	day := func(d int) time.Time { return clock.Now().In(procedure.Kyiv()).AddDate(0, 0, d) }
	okay(apitest.SavePlan(ctx, s.provider, apitest.SavePlanInput{CaseID: s.cs, NextReviewAt: clock.Now().Add(60 * 24 * time.Hour),
		Goals: []apitest.PlanGoalInput{
			{Text: "дитина відвідує школу", Actions: []apitest.PlanActionInput{{Text: "супровід до школи", ResponsibleOrganizationID: s.providerOrg, Due: day(-1)}}},
			{Text: "житло", Actions: []apitest.PlanActionInput{{Text: "ремонт даху", ResponsibleOrganizationID: s.providerOrg, Due: day(30)}}},
		}}))(t, "plan")
	okay(apitest.ScheduleActivity(ctx, s.provider, apitest.RecordActivityInput{CaseID: s.cs, Kind: apitest.ActivityKindHomeVisit,
		At: clock.Now().Add(20 * time.Hour), DurationMinutes: 60, Planned: ptr(true)}))(t, "schedule a visit")

	sys := tenant.SystemContext(ctx)
	if _, err := workflow.RemindDeadlinesInBatches(sys, e.client, 2); err != nil {
		t.Fatal(err)
	}
	got := taskNotes(t, e, demo.VinnytsiaProviderSpecialistEmail, s.cs)
	want := map[string]bool{"TASK_OVERDUE PLAN_ACTION": true, "TASK_DUE_SOON SCHEDULED_VISIT": true}
	if len(got) != len(want) {
		t.Fatalf("the manager's task reminders: %q, want %v", got, want)
	}
	for _, g := range got {
		if !want[g] {
			t.Errorf("a task reminder not wanted: %q", g)
		}
	}
	count := func() (n int) {
		if err := e.db.QueryRow(`SELECT count(*) FROM notifications WHERE dedupe_key LIKE 'task:%'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := count()
	if again, err := workflow.RemindDeadlines(sys, e.client); err != nil || count() != before {
		t.Errorf("a second run: %d sent, task reminders %d → %d (%v)", again, before, count(), err)
	}
	if _, err := e.db.Exec(`DELETE FROM notifications WHERE dedupe_key LIKE 'task:%'`); err != nil {
		t.Fatal(err)
	}
	if _, err := workflow.RemindDeadlinesInBatches(sys, e.client, 100000); err != nil || count() != before {
		t.Errorf("one batch: %d task reminders, paged: %d (%v)", count(), before, err)
	}
}
