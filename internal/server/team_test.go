package server_test

import (
	"context"
	"testing"

	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/server"
	"github.com/turbota/turbota/internal/server/apitest"
)

// workerLoad is one row of teamWorkload, or the same figures counted from
// the case list, the deadlines, the tasks and the approvals.
type workerLoad struct{ open, deadlines, tasks, approvals int }

const teamQuery = `query($c: ID!) { teamWorkload(communityID: $c) {
  worker { id displayName } openCases overdueDeadlines overdueTasks pendingApprovals } }`

func teamOf(t *testing.T, e *env, token, community string) map[string]workerLoad {
	t.Helper()
	r := e.do(token, teamQuery, map[string]any{"c": community})
	if len(r.Errors) > 0 {
		t.Fatalf("teamWorkload: %s", r)
	}
	out := map[string]workerLoad{}
	for _, row := range r.Data["teamWorkload"].([]any) {
		m := row.(map[string]any)
		out[str(m, "worker", "id")] = workerLoad{open: int(num(m, "openCases")), deadlines: int(num(m, "overdueDeadlines")),
			tasks: int(num(m, "overdueTasks")), approvals: int(num(m, "pendingApprovals"))}
	}
	return out
}

// countedByManager is what the viewer's other lists say of each manager:
// the open cases, the overdue deadlines and tasks and the pending approvals
// of the cases the viewer may read, by their case's manager.
func countedByManager(t *testing.T, e *env, token, community string) map[string]workerLoad {
	t.Helper()
	out := map[string]workerLoad{}
	add := func(query, list string, each func(m map[string]any, l *workerLoad)) {
		r := e.do(token, query, map[string]any{"c": community})
		if len(r.Errors) > 0 {
			t.Fatalf("%s: %s", list, r)
		}
		var items []any
		switch v := r.Data[list].(type) {
		case []any:
			items = v
		case map[string]any:
			for _, edge := range v["edges"].([]any) {
				items = append(items, edge.(map[string]any)["node"])
			}
		}
		for _, it := range items {
			m := it.(map[string]any)
			id := str(m, "managerID")
			if id == "" {
				id = str(m, "case", "managerID")
			}
			if id == "" {
				continue
			}
			l := out[id]
			each(m, &l)
			out[id] = l
		}
	}
	add(`query($c: ID!) { cases(first: 500, where: {communityID: $c, statusNotIn: [CLOSED, REFUSED, TRANSFERRED]}) { edges { node { managerID } } } }`,
		"cases", func(_ map[string]any, l *workerLoad) { l.open++ })
	add(`query($c: ID!) { deadlines(communityID: $c, statuses: [OVERDUE]) { case { managerID } } }`,
		"deadlines", func(_ map[string]any, l *workerLoad) { l.deadlines++ })
	add(`query($c: ID!) { tasks(communityID: $c, statuses: [OVERDUE]) { case { managerID } } }`,
		"tasks", func(_ map[string]any, l *workerLoad) { l.tasks++ })
	add(`query($c: ID!) { approvals(first: 500, where: {communityID: $c, status: PENDING}) { edges { node { case { managerID } } } } }`,
		"approvals", func(_ map[string]any, l *workerLoad) { l.approvals++ })
	return out
}

// sameFigures checks that each worker's row says what the viewer's own
// lists say of them, and that no one the lists count is missing.
func sameFigures(t *testing.T, who string, team, lists map[string]workerLoad) {
	t.Helper()
	for id, got := range team {
		if want := lists[id]; got != want {
			t.Errorf("%s: worker %s has %+v, the lists say %+v", who, id, got, want)
		}
	}
	for id, want := range lists {
		if _, ok := team[id]; !ok && want.open > 0 {
			t.Errorf("%s: worker %s manages %d open cases but has no row", who, id, want.open)
		}
	}
}

// TestTeamWorkload: a supervisor sees each worker's open cases, overdue
// deadlines and tasks and pending approvals in one query, the same figures
// the case list, the deadlines, the tasks and the approvals give; a case
// newly assigned to a worker with an overdue safety assessment moves their
// figures. A provider's specialist, whose sight need-to-know narrows, gets
// the figures of the cases their organisation works on only — not a case
// a colleague of the children's service manages; another community's
// worker and the regional supervisor see no case.
func TestTeamWorkload(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{})
	ctx := context.Background()
	ssd := e.login(demo.VinnytsiaChildrenServiceEmail)
	specialist := e.login(demo.VinnytsiaProviderSpecialistEmail)
	community := string(fx[own].Community)

	before := teamOf(t, e, ssd, community)
	if len(before) < 3 {
		t.Fatalf("the team of the demo community: %v", before)
	}
	busy := 0
	for _, l := range before {
		if l.open > 0 {
			busy++
		}
	}
	if busy == 0 {
		t.Fatalf("no worker of the demo community has an open case: %v", before)
	}
	sameFigures(t, "supervisor", before, countedByManager(t, e, ssd, community))

	// A report received three days ago, with no safety assessment (due in
	// 24 hours), assigned to the specialist: one more open case, one more
	// overdue deadline.
	s := newScene(t, e, apitest.ReportCategoryNeglect)
	specialistID := viewerID(t, e.as(demo.VinnytsiaProviderSpecialistEmail))
	okay(apitest.AssignCase(ctx, s.ssd, s.cs, specialistID, ptr("розподіл справ")))(t, "assign")
	after := teamOf(t, e, ssd, community)
	b, a := before[specialistID], after[specialistID]
	if a.open != b.open+1 || a.deadlines != b.deadlines+1 || a.tasks != b.tasks || a.approvals != b.approvals {
		t.Errorf("the specialist's figures went from %+v to %+v, want one more open case and overdue deadline", b, a)
	}
	sameFigures(t, "supervisor", after, countedByManager(t, e, ssd, community))

	// A second such case, assigned to the children's service worker: the
	// specialist's provider has no access to it. The specialist sees all of
	// their own cases (a manager's organisation is given access), and of the
	// colleague no more than their lists show — not the new case.
	o := newScene(t, e, apitest.ReportCategoryNeglect)
	ssdID := viewerID(t, o.ssd)
	okay(apitest.AssignCase(ctx, o.ssd, o.cs, ssdID, nil))(t, "assign to self")
	after = teamOf(t, e, ssd, community)
	narrowed := teamOf(t, e, specialist, community)
	sameFigures(t, "specialist", narrowed, countedByManager(t, e, specialist, community))
	if got := narrowed[specialistID]; got != after[specialistID] {
		t.Errorf("the specialist sees their own figures as %+v, the supervisor as %+v", got, after[specialistID])
	}
	if got, all := narrowed[ssdID], after[ssdID]; got.open >= all.open || got.deadlines >= all.deadlines {
		t.Errorf("the specialist sees the children's service worker's figures as %+v, the supervisor as %+v, which include a case the specialist may not read", got, all)
	}
	less := false
	for id, l := range after {
		n := narrowed[id]
		if n.open > l.open || n.deadlines > l.deadlines || n.tasks > l.tasks || n.approvals > l.approvals {
			t.Errorf("the specialist sees more of %s than the supervisor: %+v > %+v", id, n, l)
		}
		less = less || n != l
	}
	if !less {
		t.Error("need-to-know narrowed none of the specialist's figures")
	}

	// Another community's worker and the regional supervisor may see
	// neither the community's workers nor its cases: an empty team.
	for _, email := range []string{demo.PoltavaChildrenServiceEmail, demo.RegionalSupervisorEmail} {
		if got := teamOf(t, e, e.login(email), community); len(got) != 0 {
			t.Errorf("%s sees the team of Вінниця: %v", email, got)
		}
	}
}
