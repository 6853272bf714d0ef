package server_test

import (
	"context"
	"slices"
	"testing"

	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/server"
	"github.com/turbota/turbota/internal/server/apitest"
)

// savedCases are the IDs of the cases the saved filter keeps, joined with
// where when one is given.
func savedCases(t *testing.T, c *apitest.Client, filter string, where *apitest.CaseWhereInput) []string {
	t.Helper()
	r := okay(apitest.SavedCases(context.Background(), c, filter, where))(t, "cases of a saved filter")
	var ids []string
	for _, e := range r.Cases.Edges {
		ids = append(ids, e.Node.Id)
	}
	return ids
}

func saveFilter(t *testing.T, c *apitest.Client, in apitest.CreateSavedFilterInput) string {
	t.Helper()
	return okay(apitest.CreateSavedFilter(context.Background(), c, in))(t, "save "+in.Name).CreateSavedFilter.Id
}

// TestSavedFilterAppliedServerSide: the cases query applies a saved filter
// (whose cases, case statuses, family, due statuses and kinds of the
// open deadlines and tasks) by itself and joined with an explicit where;
// another's filter is NOT_FOUND; filters that cannot hold are refused.
func TestSavedFilterAppliedServerSide(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{})
	ctx := context.Background()
	a, b := newScene(t, e, apitest.ReportCategoryNeglect), newScene(t, e, apitest.ReportCategoryNeglect)
	specialist := e.as(demo.VinnytsiaProviderSpecialistEmail)
	okay(apitest.AssignCase(ctx, a.ssd, a.cs, viewerID(t, specialist), nil))(t, "assign")
	family := "referral FAMILY" // both scenes' family, any case
	in := func(name string) apitest.CreateSavedFilterInput {
		return apitest.CreateSavedFilterInput{CommunityID: a.community, Name: name, FamilyName: &family}
	}
	has := func(ids []string, cs string) bool { return slices.Contains(ids, cs) }

	nobodys := in("Нічиї")
	nobodys.Unassigned = ptr(true)
	if got := savedCases(t, a.ssd, saveFilter(t, a.ssd, nobodys), nil); has(got, a.cs) || !has(got, b.cs) {
		t.Errorf("nobody's cases: %v (assigned %s, not %s)", got, a.cs, b.cs)
	}
	mine := in("Мої")
	mine.Mine = ptr(true)
	if got := savedCases(t, specialist, saveFilter(t, specialist, mine), nil); len(got) != 1 || got[0] != a.cs {
		t.Errorf("the specialist's own cases: %v, want [%s]", got, a.cs)
	}
	overdue := in("Прострочена оцінка безпеки")
	overdue.Statuses, overdue.Kinds = []apitest.DueStatus{"OVERDUE"}, []apitest.WorkItemKind{"SAFETY_ASSESSMENT"}
	overdueID := saveFilter(t, a.ssd, overdue)
	if got := savedCases(t, a.ssd, overdueID, nil); !has(got, a.cs) || !has(got, b.cs) {
		t.Errorf("cases with an overdue safety assessment: %v, want both scenes' cases", got)
	}
	plans := in("Прострочені дії плану")
	plans.Statuses, plans.Kinds = []apitest.DueStatus{"OVERDUE"}, []apitest.WorkItemKind{"PLAN_ACTION"}
	if got := savedCases(t, a.ssd, saveFilter(t, a.ssd, plans), nil); has(got, a.cs) || has(got, b.cs) {
		t.Errorf("cases with an overdue plan action: %v, want neither scene's case", got)
	}
	reported := in("Нові")
	reported.CaseStatuses = []apitest.CaseStatus{"REPORTED", "ASSESSING_SAFETY"}
	if got := savedCases(t, a.ssd, saveFilter(t, a.ssd, reported), nil); !has(got, a.cs) || !has(got, b.cs) {
		t.Errorf("new cases: %v", got)
	}
	closed := &apitest.CaseWhereInput{StatusIn: []apitest.CaseStatus{apitest.CaseStatusClosed}}
	if got := savedCases(t, a.ssd, overdueID, closed); len(got) != 0 {
		t.Errorf("a saved filter joined with where status CLOSED: %v, want none", got)
	}
	if got := savedCases(t, a.ssd, overdueID, &apitest.CaseWhereInput{Id: &b.cs}); len(got) != 1 || got[0] != b.cs {
		t.Errorf("a saved filter joined with where id: %v", got)
	}

	if _, err := apitest.SavedCases(ctx, specialist, overdueID, nil); apitest.Code(err) != server.CodeNotFound {
		t.Errorf("another's saved filter applied: %v", err)
	}
	bad := in("x")
	bad.CaseStatuses = []apitest.CaseStatus{"SLEEPING"}
	if _, err := apitest.CreateSavedFilter(ctx, a.ssd, bad); apitest.Code(err) != server.CodeBadUserInput {
		t.Errorf("an unknown case status: %v", err)
	}
	both := in("y")
	both.Mine, both.Unassigned = ptr(true), ptr(true)
	if _, err := apitest.CreateSavedFilter(ctx, a.ssd, both); apitest.Code(err) != server.CodeBadUserInput {
		t.Errorf("mine and nobody's at once: %v", err)
	}
}

// TestCaseManagersOfACommunity: the people a supervisor may assign cases
// to hold a casework role; a partner reporter and an auditor are not among
// them.
func TestCaseManagersOfACommunity(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{})
	ssd := e.as(demo.VinnytsiaChildrenServiceEmail)
	r := okay(apitest.CaseManagers(context.Background(), ssd, string(fx[own].Community)))(t, "caseManagers")
	var ids []string
	for _, u := range r.CaseManagers {
		ids = append(ids, u.Id)
	}
	for email, want := range map[string]bool{demo.VinnytsiaProviderSpecialistEmail: true, demo.VinnytsiaChildrenServiceEmail: true,
		demo.VinnytsiaPartnerReporterEmail: false, demo.VinnytsiaAuditorEmail: false} {
		if got := slices.Contains(ids, viewerID(t, e.as(email))); got != want {
			t.Errorf("%s among the case managers: %v, want %v", email, got, want)
		}
	}
}
