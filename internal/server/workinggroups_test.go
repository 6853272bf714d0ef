package server_test

import (
	"context"
	"slices"
	"testing"

	"github.com/alexedwards/argon2id"

	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/internal/auth"
	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/server"
	"github.com/turbota/turbota/tenant"
)

const (
	createGroupQuery = `mutation($c: ID!, $t: String!, $d: Date) { createWorkingGroup(input: {communityID: $c, title: $t,
		mandate: "Впровадження мінімального пакету послуг", establishedOn: $d}) { id } }`
	addMemberQuery = `mutation($c: ID!, $g: ID!, $u: ID, $n: String, $o: String, $r: WorkingGroupMemberRole) {
		addWorkingGroupMember(input: {communityID: $c, groupID: $g, userID: $u, name: $n, organizationName: $o, role: $r}) { id name } }`
	recordMeetingQuery = `mutation($in: RecordWorkingGroupMeetingInput!) { recordWorkingGroupMeeting(input: $in) {
		id number attendees decisions actions { id ownerID dueStatus } } }`
	groupsQuery = `query($c: ID!) { workingGroups(communityID: $c) { id } }`
	myActions   = `{ myWorkingGroupActions { id text dueStatus } }`
	activityQ   = `query($c: ID, $f: Date!, $t: Date!) { workingGroupActivity(communityID: $c, from: $f, to: $t) {
		community { id } groups meetings actionsDue actionsDone actionsOverdue documents } }`
)

// sameRegionAdmin makes the admin of the fixture's neighbour community (of
// the same region) and answers their e-mail.
func sameRegionAdmin(t *testing.T, e *env) string {
	t.Helper()
	const email = "admin@same-region.fixture.test"
	ctx := tenant.Bypass(context.Background(), "test: a neighbour community's admin")
	hash, err := argon2id.CreateHash(demo.DefaultPassword, argon2id.DefaultParams)
	if err != nil {
		t.Fatal(err)
	}
	u, err := auth.CreateUserWithHash(ctx, e.client, email, "Neighbour", hash)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.client.Membership.Create().SetUserID(u.ID).SetCommunityID(fx[sameRegion].Community).
		SetRole(membership.RoleCOMMUNITY_ADMIN).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	return email
}

func listedIDs(r *gqlResponse, field string) []string {
	var out []string
	items, _ := r.Data[field].([]any)
	for _, it := range items {
		out = append(out, str(it.(map[string]any), "id"))
	}
	return out
}

func answered(t *testing.T, r *gqlResponse) *gqlResponse {
	t.Helper()
	if len(r.Errors) > 0 {
		t.Fatal(r.String())
	}
	return r
}

// A working group as its people keep it: the community admin sets it up
// and seats a provider's specialist as secretary and a school's reporter
// as a member; the secretary (signed in before they were seated) records a
// meeting with its action items and marks one done; the member reads the
// group and finds their item among their tasks, may not record a meeting,
// and sees no more cases or reports than before; someone of the community
// without a place, another community's admin and the region's supervisor
// see nothing of the group, the region its activity as counts.
func TestWorkingGroupsByRole(t *testing.T) {
	e := newEnv(t, server.Config{})
	f := fx[own]
	c := string(f.Community)
	admin := e.login(demo.VinnytsiaAdminEmail)
	secretary := e.login(demo.VinnytsiaProviderSpecialistEmail)
	member := e.login(demo.VinnytsiaPartnerReporterEmail)
	outsider := e.login(demo.VinnytsiaProviderManagerEmail)
	neighbour := e.login(sameRegionAdmin(t, e))
	region := e.login(demo.RegionalSupervisorEmail)
	today := clock.Now().UTC()
	reportsBefore := e.do(member, `{ reports(first: 500) { totalCount } }`, nil)
	from, to := dayOf(today.AddDate(0, -1, 0)), dayOf(today)
	activity := func() map[string]any {
		act := answered(t, e.do(region, activityQ, map[string]any{"c": c, "f": from, "t": to})).Data["workingGroupActivity"].([]any)
		if len(act) != 1 {
			t.Fatalf("the region's activity: %v", act)
		}
		return act[0].(map[string]any)
	}
	before := activity() // the fixture's group is there already

	g := str(answered(t, e.do(admin, createGroupQuery, map[string]any{"c": c, "t": "Робоча група", "d": dayOf(today.AddDate(0, -6, 0))})).Data,
		"createWorkingGroup", "id")
	other := str(answered(t, e.do(admin, createGroupQuery, map[string]any{"c": c, "t": "Інша група"})).Data, "createWorkingGroup", "id")
	seat := func(vars map[string]any) string {
		vars["c"], vars["g"] = c, g
		return str(answered(t, e.do(admin, addMemberQuery, vars)).Data, "addWorkingGroupMember", "id")
	}
	sec := seat(map[string]any{"u": e.userID(demo.VinnytsiaProviderSpecialistEmail), "r": "SECRETARY"})
	mem := seat(map[string]any{"u": e.userID(demo.VinnytsiaPartnerReporterEmail), "r": "MEMBER"})
	chair := seat(map[string]any{"n": "Вікторія Пекур", "o": "Міська рада", "r": "CHAIR"})
	// A member without an account is named.
	if r := e.do(admin, addMemberQuery, map[string]any{"c": c, "g": g, "o": "Школа"}); r.code() != server.CodeBadUserInput {
		t.Errorf("a nameless external member: %s, want BAD_USER_INPUT", r.code())
	}

	// The secretary records the meeting: one item overdue (the member's),
	// one due in a month (the chair's).
	meeting := map[string]any{"groupID": g, "heldOn": dayOf(today.AddDate(0, 0, -10)), "agenda": []string{"Мапування послуг"},
		"attendees": []string{sec, mem, chair}, "minutes": "Слухали, вирішили.", "decisions": []string{"Схвалити мапування"},
		"actions": []map[string]any{
			{"text": "Подати пропозиції", "ownerID": mem, "dueOn": dayOf(today.AddDate(0, 0, -2))},
			{"text": "Скликати засідання", "ownerID": chair, "dueOn": dayOf(today.AddDate(0, 1, 0))},
		}}
	r := answered(t, e.do(secretary, recordMeetingQuery, map[string]any{"in": meeting}))
	if num(r.Data, "recordWorkingGroupMeeting", "number") != 1 {
		t.Errorf("the first meeting: %s", r.String())
	}
	// Attendance names the group's members only.
	bad := map[string]any{"groupID": g, "heldOn": dayOf(today), "attendees": []string{"WMXXXXXXXXXXXXXXXXXXXXXXXXXX"}}
	if r := e.do(secretary, recordMeetingQuery, map[string]any{"in": bad}); r.code() != server.CodeBadUserInput {
		t.Errorf("a stranger attending: %s, want BAD_USER_INPUT", r.code())
	}
	// The secretary keeps their own group only, and sets none up.
	if r := e.do(secretary, recordMeetingQuery, map[string]any{"in": map[string]any{"groupID": other, "heldOn": dayOf(today)}}); r.code() != server.CodeNotFound {
		t.Errorf("the secretary records a meeting of another group: %s, want NOT_FOUND", r.code())
	}
	if r := e.do(secretary, createGroupQuery, map[string]any{"c": c, "t": "X"}); r.code() != server.CodeForbidden {
		t.Errorf("the secretary sets a group up: %s, want FORBIDDEN", r.code())
	}
	if got := listedIDs(e.do(secretary, groupsQuery, map[string]any{"c": c}), "workingGroups"); !slices.Equal(got, []string{g}) {
		t.Errorf("the secretary's groups: %v, want only %s", got, g)
	}

	// The member reads the group and finds their overdue item among their tasks.
	if got := listedIDs(e.do(member, groupsQuery, map[string]any{"c": c}), "workingGroups"); !slices.Equal(got, []string{g}) {
		t.Errorf("the member's groups: %v, want only %s", got, g)
	}
	mine := answered(t, e.do(member, myActions, nil)).Data["myWorkingGroupActions"].([]any)
	if len(mine) != 1 || str(mine[0].(map[string]any), "dueStatus") != "OVERDUE" {
		t.Fatalf("the member's tasks: %v", mine)
	}
	item := str(mine[0].(map[string]any), "id")
	if r := e.do(member, recordMeetingQuery, map[string]any{"in": map[string]any{"groupID": g, "heldOn": dayOf(today)}}); r.code() != server.CodeForbidden {
		t.Errorf("a member records a meeting: %s, want FORBIDDEN", r.code())
	}
	if r := e.do(member, `mutation($id: ID!, $d: Date!) { completeWorkingGroupAction(id: $id, doneOn: $d) { id } }`,
		map[string]any{"id": item, "d": dayOf(today)}); r.code() != server.CodeForbidden {
		t.Errorf("a member closes an item: %s, want FORBIDDEN", r.code())
	}
	// A place in a group widens nobody's sight of reports.
	if a, b := num(reportsBefore.Data, "reports", "totalCount"), num(e.do(member, `{ reports(first: 500) { totalCount } }`, nil).Data, "reports", "totalCount"); a != b {
		t.Errorf("the member's reports: %v before the place, %v after", a, b)
	}

	// The secretary marks the item done; twice is a conflict.
	done := `mutation($id: ID!, $d: Date!) { completeWorkingGroupAction(id: $id, doneOn: $d, result: "Подано") { status dueStatus } }`
	if r := answered(t, e.do(secretary, done, map[string]any{"id": item, "d": dayOf(today)})); str(r.Data, "completeWorkingGroupAction", "status") != "DONE" {
		t.Errorf("done: %s", r.String())
	}
	if r := e.do(secretary, done, map[string]any{"id": item, "d": dayOf(today)}); r.code() != server.CodeConflict {
		t.Errorf("done twice: %s, want CONFLICT", r.code())
	}
	if n := len(answered(t, e.do(member, myActions, nil)).Data["myWorkingGroupActions"].([]any)); n != 0 {
		t.Errorf("a done item is still among the member's tasks (%d)", n)
	}

	// Nobody else sees the group.
	for name, token := range map[string]string{"a colleague without a place": outsider, "another community's admin": neighbour,
		"the region's supervisor": region} {
		if r := e.do(token, groupsQuery, map[string]any{"c": c}); len(listedIDs(r, "workingGroups")) != 0 {
			t.Errorf("%s lists the groups: %s", name, r.String())
		}
		if r := e.do(token, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": g}); r.Data["node"] != nil {
			t.Errorf("%s reads the group", name)
		}
	}
	if r := e.do(neighbour, addMemberQuery, map[string]any{"c": c, "g": g, "n": "X"}); r.code() != server.CodeNotFound {
		t.Errorf("another community's admin seats a member: %s, want NOT_FOUND", r.code())
	}

	// The region sees the activity as counts: two groups more, one
	// meeting, one item due in the period and done late. The neighbour
	// sees none of this community's.
	after := activity()
	for k, want := range map[string]float64{"groups": 2, "meetings": 1, "actionsDue": 1, "actionsDone": 0, "actionsOverdue": 1, "documents": 0} {
		if got := num(after, k) - num(before, k); got != want {
			t.Errorf("the region's activity: %s grew by %v, want %v (%v then %v)", k, got, want, before, after)
		}
	}
	if r := answered(t, e.do(neighbour, activityQ, map[string]any{"c": c, "f": from, "t": to})); len(r.Data["workingGroupActivity"].([]any)) != 0 {
		t.Errorf("another community's admin sees this community's activity: %s", r.String())
	}
}
