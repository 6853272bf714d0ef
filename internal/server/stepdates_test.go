package server_test

import (
	"context"
	"testing"
	"time"

	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/server"
	"github.com/turbota/turbota/internal/server/apitest"
)

// TestPaperStepsTakeTheirDatesOverTheAPI enters the steps of a paper file
// that had no date of their own over the API, as a community's staff
// would: each refuses a future date on its own field and otherwise shows
// on the timeline on its day, entered now.
func TestPaperStepsTakeTheirDatesOverTheAPI(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{})
	s, received := paperScene(t, e, 10)
	ssd := e.login(demo.VinnytsiaChildrenServiceEmail)
	me := okay(apitest.Viewer(context.Background(), s.ssd))(t, "viewer").Viewer.User.Id
	if r := e.do(ssd, moveCase, map[string]any{"id": s.cs, "to": "ASSESSING_SAFETY", "at": rfc3339(received.AddDate(0, 0, 1))}); len(r.Errors) > 0 {
		t.Fatalf("take the report up: %v", r.Errors)
	}
	const assign = `mutation($id: ID!, $m: ID!, $at: Time) { assignCase(caseID: $id, managerID: $m, assignedAt: $at) { id } }`
	const add = `mutation($id: ID!, $org: ID!, $at: Time) { addTeamMember(input: {caseID: $id, organizationID: $org,
		name: "Психолог", role: "психолог", addedAt: $at}) { id addedAt } }`
	const remove = `mutation($id: ID!, $at: Time) { removeTeamMember(id: $id, removedAt: $at) { removedAt } }`
	future := rfc3339(clock.Now().Add(48 * time.Hour))
	for _, c := range []struct {
		field, query string
		vars         map[string]any
	}{
		{"assignedAt", assign, map[string]any{"id": s.cs, "m": me, "at": future}},
		{"addedAt", add, map[string]any{"id": s.cs, "org": s.providerOrg, "at": future}},
	} {
		if r := e.do(ssd, c.query, c.vars); r.code() != server.CodeBadUserInput || r.Errors[0].Extensions["field"] != c.field {
			t.Errorf("%s in the future: %v", c.field, r.Errors)
		}
	}
	assigned, added, removed := received.AddDate(0, 0, 2), received.AddDate(0, 0, 3), received.AddDate(0, 0, 4)
	if r := e.do(ssd, assign, map[string]any{"id": s.cs, "m": me, "at": rfc3339(assigned)}); len(r.Errors) > 0 {
		t.Fatalf("assign: %v", r.Errors)
	}
	r := e.do(ssd, add, map[string]any{"id": s.cs, "org": orgOf(t, s.ssd), "at": rfc3339(added)})
	if len(r.Errors) > 0 {
		t.Fatalf("add to the team: %v", r.Errors)
	}
	member := r.Data["addTeamMember"].(map[string]any)
	if member["addedAt"] != rfc3339(added) {
		t.Errorf("the member joined %v, want %s", member["addedAt"], rfc3339(added))
	}
	if r := e.do(ssd, remove, map[string]any{"id": member["id"], "at": rfc3339(added.Add(-time.Hour))}); r.code() != server.CodeBadUserInput ||
		r.Errors[0].Extensions["field"] != "removedAt" {
		t.Errorf("leaving before joining: %v", r.Errors)
	}
	if r := e.do(ssd, remove, map[string]any{"id": member["id"], "at": rfc3339(removed)}); len(r.Errors) > 0 {
		t.Fatalf("remove from the team: %v", r.Errors)
	}
	tl := e.do(ssd, `query($id: ID!) { node(id: $id) { ... on Case {
		events(orderBy: {field: AT, direction: ASC}) { edges { node { kind at recordedAt } } } } } }`, map[string]any{"id": s.cs})
	if len(tl.Errors) > 0 {
		t.Fatal(tl.Errors)
	}
	want := map[string][]string{"MANAGER_CHANGED": {rfc3339(assigned)}, "TEAM_CHANGED": {rfc3339(added), rfc3339(removed)}}
	got := map[string][]string{}
	for _, edge := range tl.Data["node"].(map[string]any)["events"].(map[string]any)["edges"].([]any) {
		ev := edge.(map[string]any)["node"].(map[string]any)
		kind := ev["kind"].(string)
		if _, ok := want[kind]; !ok {
			continue
		}
		got[kind] = append(got[kind], ev["at"].(string))
		if entered, _ := time.Parse(time.RFC3339, ev["recordedAt"].(string)); entered.Before(received.AddDate(0, 0, 9)) {
			t.Errorf("a %s step entered %v, before it was", kind, ev["recordedAt"])
		}
	}
	for kind, ats := range want {
		if len(got[kind]) != len(ats) || got[kind][0] != ats[0] || got[kind][len(ats)-1] != ats[len(ats)-1] {
			t.Errorf("%s on the timeline at %v, want %v", kind, got[kind], ats)
		}
	}
}
