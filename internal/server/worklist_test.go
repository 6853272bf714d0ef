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
)

// openScene brings a scene's case under accompaniment: referred, safety
// and needs assessed, services decided on for the demo provider.
func openScene(t *testing.T, e *env) *scene {
	t.Helper()
	s := newScene(t, e, apitest.ReportCategoryNeglect)
	s.awaitDecision(t)
	okay(apitest.RecordDecision(context.Background(), e.as(demo.VinnytsiaSocialProtectionEmail), apitest.RecordDecisionInput{CaseID: s.cs,
		Body: apitest.DecisionBodySocialProtection, Kind: apitest.DecisionKindProvideServices, Number: "Т-1", DecidedAt: at(time.Hour),
		LegalBasis: "ст. 20 Закону «Про соціальні послуги»", ProviderID: &s.providerOrg}))(t, "decision")
	return s
}

func tasksOf(t *testing.T, c *apitest.Client, s *scene, statuses ...apitest.DueStatus) []apitest.TasksTasksTask {
	t.Helper()
	r := okay(apitest.Tasks(context.Background(), c, s.community, nil, statuses, nil))(t, "tasks")
	var out []apitest.TasksTasksTask
	for _, tk := range r.Tasks {
		if tk.Case.Id == s.cs {
			out = append(out, tk)
		}
	}
	return out
}

// TestPlanAndVisitsAreTasks: an action of the plan due yesterday is
// overdue, one due in a month is not due soon, the plan's review is a
// task, and a visit scheduled for tomorrow is due soon until it is
// recorded as held; a review settling the goal settles its actions.
func TestPlanAndVisitsAreTasks(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{})
	ctx := context.Background()
	s := openScene(t, e)
	now := clock.Now().In(procedure.Kyiv())
	day := func(d int) time.Time { return now.AddDate(0, 0, d) }
	plan := okay(apitest.SavePlan(ctx, s.provider, apitest.SavePlanInput{CaseID: s.cs, NextReviewAt: clock.Now().Add(60 * 24 * time.Hour),
		Goals: []apitest.PlanGoalInput{
			{Text: "дитина відвідує школу", Actions: []apitest.PlanActionInput{{Text: "супровід до школи", ResponsibleOrganizationID: s.providerOrg, Due: day(-1)}}},
			{Text: "житло", Actions: []apitest.PlanActionInput{{Text: "ремонт даху", ResponsibleOrganizationID: s.providerOrg, Due: day(30)}}},
		}}))(t, "plan")
	visit := okay(apitest.ScheduleActivity(ctx, s.provider, apitest.RecordActivityInput{CaseID: s.cs, Kind: apitest.ActivityKindHomeVisit,
		At: clock.Now().Add(20 * time.Hour), DurationMinutes: 60, Planned: ptr(true)}))(t, "schedule a visit").RecordActivity.Id

	byText := map[string]apitest.TasksTasksTask{}
	kinds := map[apitest.TaskKind]int{}
	for _, tk := range tasksOf(t, s.ssd, s) {
		byText[tk.Text] = tk
		kinds[tk.Kind]++
		if tk.Label.Uk == "" || tk.Label.En == "" {
			t.Errorf("task without its label: %+v", tk)
		}
	}
	if kinds[apitest.TaskKindPlanAction] != 2 || kinds[apitest.TaskKindPlanReview] != 1 || kinds[apitest.TaskKindScheduledVisit] != 1 {
		t.Fatalf("tasks: %v", byText)
	}
	if got := byText["супровід до школи"].Status; got != apitest.DueStatusOverdue {
		t.Errorf("an action due yesterday: %s", got)
	}
	if got := byText["ремонт даху"].Status; got != apitest.DueStatusOnTime {
		t.Errorf("an action due in a month: %s", got)
	}
	if got := byText["HOME_VISIT"].Status; got != apitest.DueStatusDueSoon {
		t.Errorf("a visit tomorrow: %s", got)
	}
	if o := byText["супровід до школи"].OrganizationID; o == nil || *o != s.providerOrg {
		t.Errorf("the action's responsible organisation: %v", o)
	}
	overdue := tasksOf(t, s.ssd, s, apitest.DueStatusOverdue)
	if len(overdue) != 1 || overdue[0].Text != "супровід до школи" {
		t.Errorf("overdue tasks: %+v", overdue)
	}

	// A visit scheduled in the past is refused; one held names the plan.
	if _, err := apitest.ScheduleActivity(ctx, s.provider, apitest.RecordActivityInput{CaseID: s.cs, Kind: apitest.ActivityKindHomeVisit,
		At: at(time.Hour), DurationMinutes: 60, Planned: ptr(true)}); apitest.Code(err) != server.CodeBadUserInput {
		t.Errorf("a visit scheduled in the past: %v", err)
	}
	if r := e.do(e.login(demo.VinnytsiaProviderManagerEmail), `mutation($c: ID!, $v: ID!, $at: Time!) { recordActivity(input: {caseID: $c, kind: HOME_VISIT, at: $at, durationMinutes: 45, plannedActivityID: $v}) { id } }`,
		map[string]any{"c": s.cs, "v": visit, "at": ago(time.Minute)}); len(r.Errors) > 0 {
		t.Fatalf("the visit held: %+v", r.Errors)
	}
	if _, err := apitest.ScheduleActivity(ctx, s.provider, apitest.RecordActivityInput{CaseID: s.cs, Kind: apitest.ActivityKindHomeVisit,
		At: at(time.Minute), DurationMinutes: 45, PlannedActivityID: &visit}); apitest.Code(err) != server.CodeBadUserInput {
		t.Errorf("the same visit held twice: %v", err)
	}
	key := plan.SavePlan.Goals[0].Key
	okay(apitest.ReviewPlan(ctx, s.provider, apitest.ReviewPlanInput{PlanID: plan.SavePlan.Id, ReviewedAt: at(time.Second),
		Outcomes: []apitest.GoalOutcomeInput{{Key: key, Outcome: "ACHIEVED"}, {Key: plan.SavePlan.Goals[1].Key, Outcome: "PARTLY_ACHIEVED"}}, Summary: ptr("до школи ходить")}))(t, "review")
	left := map[string]bool{}
	for _, tk := range tasksOf(t, s.ssd, s) {
		left[string(tk.Kind)+":"+tk.Text] = true
	}
	if len(left) != 1 || !left["PLAN_ACTION:ремонт даху"] {
		t.Errorf("tasks after the visit and the review: %v", left)
	}
}

// TestAssignmentAndCaseload: a supervisor assigns a case to a specialist,
// who is told; the specialist may not hand it to someone else; the
// supervisor hands the specialist's whole caseload back in one step, each
// case with its timeline entry, the specialist told.
func TestAssignmentAndCaseload(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{})
	ctx := context.Background()
	a, b := newScene(t, e, apitest.ReportCategoryNeglect), newScene(t, e, apitest.ReportCategoryNeglect)
	a.refer(t)
	b.refer(t)
	specialist := e.as(demo.VinnytsiaProviderSpecialistEmail)
	specialistID, managerID := viewerID(t, specialist), viewerID(t, a.provider)
	before := countNotes(t, e, demo.VinnytsiaProviderSpecialistEmail) // the demo's assignment
	for _, s := range []*scene{a, b} {
		r := okay(apitest.AssignCase(ctx, a.ssd, s.cs, specialistID, ptr("розподіл справ")))(t, "assign")
		if r.AssignCase.Manager == nil || r.AssignCase.Manager.Id != specialistID {
			t.Fatalf("assigned: %+v", r.AssignCase)
		}
	}
	if n := countNotes(t, e, demo.VinnytsiaProviderSpecialistEmail) - before; n != 2 {
		t.Errorf("the specialist was told of %d assignments, want 2", n)
	}
	if _, err := apitest.AssignCase(ctx, specialist, a.cs, managerID, nil); apitest.Code(err) != server.CodeForbidden {
		t.Errorf("a specialist handing a case to someone else: %v", err)
	}
	if _, err := apitest.ReassignCaseload(ctx, specialist, apitest.ReassignCaseloadInput{CommunityID: a.community,
		FromUserID: specialistID, ToUserID: managerID}); apitest.Code(err) != server.CodeForbidden {
		t.Errorf("a specialist handing on their own caseload: %v", err)
	}
	moved := okay(apitest.ReassignCaseload(ctx, a.provider, apitest.ReassignCaseloadInput{CommunityID: a.community,
		FromUserID: specialistID, ToUserID: managerID, Note: ptr("звільнення фахівця")}))(t, "reassign").ReassignCaseload
	// The two cases of the test, and any the demo gave the specialist.
	got := map[string]bool{}
	for _, cf := range moved {
		got[cf.Id] = true
		if cf.Manager == nil || cf.Manager.Id != managerID {
			t.Errorf("case %s manager %+v", cf.Id, cf.Manager)
		}
	}
	if !got[a.cs] || !got[b.cs] {
		t.Fatalf("reassigned %v, want both cases of the test among them", got)
	}
	for _, s := range []*scene{a, b} {
		_, notes := s.timeline(t, s.cs)
		if !contains(notes, "caseload reassigned (звільнення фахівця)") {
			t.Errorf("case %s timeline: %q", s.cs, notes)
		}
	}
	if n := countNotes(t, e, demo.VinnytsiaProviderSpecialistEmail) - before; n != 3 {
		t.Errorf("the departing specialist was told %d times, want 3 (two assignments, one hand-over)", n)
	}
	if _, err := apitest.ReassignCaseload(ctx, a.provider, apitest.ReassignCaseloadInput{CommunityID: a.community,
		FromUserID: specialistID, ToUserID: managerID}); apitest.Code(err) != server.CodeNotFound {
		t.Errorf("an empty caseload: %v", err)
	}
}

func countNotes(t *testing.T, e *env, email string) int {
	t.Helper()
	r := e.do(e.login(email), `{ notifications(where: {kind: CASE_ASSIGNED}) { totalCount } }`, nil)
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	n, _ := r.Data["notifications"].(map[string]any)["totalCount"].(float64)
	return int(n)
}

// TestSavedFiltersAreTheirOwners: a worker saves, renames and deletes
// named filters; another never sees or changes them; bad statuses and
// kinds are refused.
func TestSavedFiltersAreTheirOwners(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{})
	ctx := context.Background()
	ssd, uszn := e.as(demo.VinnytsiaChildrenServiceEmail), e.as(demo.VinnytsiaSocialProtectionEmail)
	community := string(fx[own].Community)
	f := okay(apitest.CreateSavedFilter(ctx, ssd, apitest.CreateSavedFilterInput{CommunityID: community, Name: "Мої прострочені",
		Mine: ptr(true), Statuses: []apitest.DueStatus{"OVERDUE"}, Kinds: []apitest.WorkItemKind{"PLAN_ACTION", "SAFETY_ASSESSMENT"}}))(t, "save").CreateSavedFilter
	if !f.Mine || len(f.Statuses) != 1 || len(f.Kinds) != 2 {
		t.Fatalf("saved: %+v", f)
	}
	if _, err := apitest.CreateSavedFilter(ctx, ssd, apitest.CreateSavedFilterInput{CommunityID: community, Name: "x",
		Statuses: []apitest.DueStatus{"LATE"}}); apitest.Code(err) != server.CodeBadUserInput {
		t.Errorf("an unknown status: %v", err)
	}
	if _, err := apitest.CreateSavedFilter(ctx, ssd, apitest.CreateSavedFilterInput{CommunityID: community, Name: "x",
		Kinds: []apitest.WorkItemKind{"COFFEE"}}); apitest.Code(err) != server.CodeBadUserInput {
		t.Errorf("an unknown kind: %v", err)
	}
	if l := okay(apitest.SavedFilters(ctx, uszn))(t, "another's list").SavedFilters; len(l) != 0 {
		t.Errorf("a colleague sees %d saved filters of another", len(l))
	}
	if _, err := apitest.UpdateSavedFilter(ctx, uszn, f.Id, apitest.UpdateSavedFilterInput{Name: ptr("чуже")}); apitest.Code(err) != server.CodeNotFound {
		t.Errorf("a colleague renaming another's filter: %v", err)
	}
	if _, err := apitest.DeleteSavedFilter(ctx, uszn, f.Id); apitest.Code(err) != server.CodeNotFound {
		t.Errorf("a colleague deleting another's filter: %v", err)
	}
	okay(apitest.UpdateSavedFilter(ctx, ssd, f.Id, apitest.UpdateSavedFilterInput{Name: ptr("Прострочене")}))(t, "rename")
	if l := okay(apitest.SavedFilters(ctx, ssd))(t, "own list").SavedFilters; len(l) != 1 || l[0].Name != "Прострочене" {
		t.Errorf("own filters: %+v", l)
	}
	okay(apitest.DeleteSavedFilter(ctx, ssd, f.Id))(t, "delete")
	if l := okay(apitest.SavedFilters(ctx, ssd))(t, "own list").SavedFilters; len(l) != 0 {
		t.Errorf("own filters after deleting: %+v", l)
	}
}
