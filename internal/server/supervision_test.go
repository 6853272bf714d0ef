package server_test

import (
	"slices"
	"testing"
	"time"

	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/oversight/indicators"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/server"
)

const recordSupervision = `mutation($in: RecordSupervisionSessionInput!) { recordSupervisionSession(input: $in) { id } }`

const supervisionJournal = `query($c: ID!) { supervisionSessions(communityID: $c) {
  id superviseeCount supervisees { id } cases { id } followUps { key doneOn } } }`

// journalOf lists the IDs of the sessions token reads in the community,
// with the cases each shows.
func journalOf(t *testing.T, e *env, token, community string) map[string][]string {
	t.Helper()
	r := e.do(token, supervisionJournal, map[string]any{"c": community})
	if len(r.Errors) > 0 {
		t.Fatalf("journal: %v", r.Errors)
	}
	out := map[string][]string{}
	items, _ := r.Data["supervisionSessions"].([]any)
	for _, it := range items {
		s := it.(map[string]any)
		var cases []string
		for _, c := range s["cases"].([]any) {
			cases = append(cases, str(c.(map[string]any), "id"))
		}
		out[str(s, "id")] = cases
	}
	return out
}

func errCode(r *gqlResponse) string {
	if len(r.Errors) == 0 {
		return ""
	}
	code, _ := r.Errors[0].Extensions["code"].(string)
	return code
}

// The supervision journal across roles: the centre's head records; the
// supervisee reads their own session (and of the cases discussed only
// those they may read), not a colleague's; the children's service reads
// the whole journal; the guardianship body and the region read none; a
// hostile neighbour from Полтава neither reads, records nor completes
// anything of Вінниця's; the session's people and cases are checked.
func TestSupervisionJournalRolesAndNeighbour(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{})
	head, specialist := e.login(demo.VinnytsiaProviderManagerEmail), e.login(demo.VinnytsiaProviderSpecialistEmail)
	ssd, gb := e.login(demo.VinnytsiaChildrenServiceEmail), e.login(demo.VinnytsiaGuardianshipEmail)
	neighbour, region := e.login(demo.PoltavaProviderManagerEmail), e.login(demo.RegionalSupervisorEmail)
	s := newScene(t, e, "NEGLECT")
	s.refer(t) // the provider's staff read the referred case
	hidden := newScene(t, e, "NEGLECT")
	specialistID, ssdID, headID := viewerID(t, s.provider.As(specialist)), viewerID(t, s.ssd), viewerID(t, s.provider)
	day := func(n int) string { return stepDay.AddDate(0, 0, n).Format(time.DateOnly) }
	before := gatekeeping(t, e, s.community)

	group := map[string]any{"communityID": s.community, "kind": "GROUP", "format": "ONLINE", "heldOn": day(0),
		"supervisorKind": "EXTERNAL", "supervisorName": "Лариса Гордієнко", "supervisorAffiliation": "фонд",
		"superviseeIDs": []string{specialistID, ssdID}, "caseIDs": []string{s.cs},
		"recommendations": "Командні обговорення", "followUps": []map[string]any{{"text": "План самодопомоги", "assigneeID": specialistID, "dueOn": day(7)}}}
	r := e.do(head, recordSupervision, map[string]any{"in": group})
	if len(r.Errors) > 0 {
		t.Fatalf("the head records a group session: %v", r.Errors)
	}
	groupID := str(r.Data, "recordSupervisionSession", "id")
	// The children's service's individual session about a case the
	// provider was never referred: its supervisee is the children's service.
	r = e.do(ssd, recordSupervision, map[string]any{"in": map[string]any{"communityID": s.community, "kind": "INDIVIDUAL", "format": "IN_PERSON",
		"heldOn": day(0), "supervisorKind": "INTERNAL", "supervisorID": ssdID, "superviseeIDs": []string{headID}, "caseIDs": []string{hidden.cs, s.cs}}})
	if len(r.Errors) > 0 {
		t.Fatalf("the children's service records an individual session: %v", r.Errors)
	}
	aboutHead := str(r.Data, "recordSupervisionSession", "id")

	// The region's counts: two sessions more; the specialist, the children's
	// service and the head supervised (each once, whatever the sessions).
	after := gatekeeping(t, e, s.community)
	sessions, coverage := indicators.Key{Indicator: "supervision_sessions"}, indicators.Key{Indicator: "supervision_coverage"}
	if d := after[sessions].Num - before[sessions].Num; d != 2 {
		t.Errorf("supervision_sessions: +%v, want +2", d)
	}
	if d := after[coverage].Num - before[coverage].Num; d != 3 || after[coverage].Base < 3 {
		t.Errorf("supervision_coverage: +%v of %d, want +3", d, after[coverage].Base)
	}
	if j := journalOf(t, e, specialist, s.community); !slices.Equal(j[groupID], []string{s.cs}) || j[aboutHead] != nil {
		t.Errorf("the supervisee reads %v", j)
	}
	if j := journalOf(t, e, head, s.community); !slices.Equal(j[aboutHead], []string{s.cs}) {
		t.Errorf("the head reads the journal with the cases %v (the unreferred case must not show)", j[aboutHead])
	}
	if j := journalOf(t, e, ssd, s.community); len(j[groupID]) != 1 || len(j[aboutHead]) != 2 {
		t.Errorf("the children's service reads %v", j)
	}
	for name, token := range map[string]string{"guardianship body": gb, "region": region, "neighbour": neighbour} {
		if j := journalOf(t, e, token, s.community); len(j) != 0 {
			t.Errorf("the %s reads Вінниця's journal: %v", name, j)
		}
		if r := e.do(token, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": groupID}); r.Data["node"] != nil {
			t.Errorf("the %s reads the session by its ID", name)
		}
	}

	// The neighbour records nothing in Вінниця and completes nothing there.
	if r := e.do(neighbour, recordSupervision, map[string]any{"in": group}); errCode(r) != server.CodeForbidden && errCode(r) != server.CodeNotFound {
		t.Errorf("the neighbour records in Вінниця: %v", r.Errors)
	}
	complete := `mutation($id: ID!, $d: Date!) { completeSupervisionFollowUp(sessionID: $id, key: "1", doneOn: $d) { followUps { key doneOn } } }`
	if r := e.do(neighbour, complete, map[string]any{"id": groupID, "d": day(1)}); errCode(r) != server.CodeNotFound {
		t.Errorf("the neighbour completes Вінниця's follow-up: %v", r.Errors)
	}
	// The neighbour's own session cannot name Вінниця's people or cases.
	poltava := string(fx[otherRegion].Community)
	if poltava != "" {
		r := e.do(neighbour, recordSupervision, map[string]any{"in": map[string]any{"communityID": poltava, "kind": "INDIVIDUAL", "format": "ONLINE",
			"heldOn": day(0), "supervisorKind": "EXTERNAL", "supervisorName": "X", "superviseeIDs": []string{specialistID}}})
		if errCode(r) != server.CodeBadUserInput {
			t.Errorf("a Полтава session for a Вінниця specialist: %v", r.Errors)
		}
	}

	// The supervisee reads, but does not record or complete.
	if r := e.do(specialist, complete, map[string]any{"id": groupID, "d": day(1)}); errCode(r) != server.CodeForbidden {
		t.Errorf("the supervisee completes: %v", r.Errors)
	}
	if r := e.do(specialist, recordSupervision, map[string]any{"in": group}); errCode(r) != server.CodeForbidden {
		t.Errorf("the supervisee records: %v", r.Errors)
	}
	// The follow-up joins the supervisee's work list until done.
	tasks := `query($c: ID!) { supervisionTasks(communityID: $c, mine: true) { session { id } item { key } status } }`
	if r := e.do(specialist, tasks, map[string]any{"c": s.community}); len(r.Errors) > 0 || len(r.Data["supervisionTasks"].([]any)) == 0 {
		t.Errorf("the supervisee's follow-ups: %v %v", r.Data, r.Errors)
	}
	if r := e.do(head, complete, map[string]any{"id": groupID, "d": day(1)}); len(r.Errors) > 0 {
		t.Fatalf("the head completes the follow-up: %v", r.Errors)
	}
	if r := e.do(head, complete, map[string]any{"id": groupID, "d": day(1)}); errCode(r) != server.CodeConflict {
		t.Errorf("completed twice: %v", r.Errors)
	}
	if r := e.do(specialist, tasks, map[string]any{"c": s.community}); len(r.Data["supervisionTasks"].([]any)) != 0 {
		t.Errorf("a done follow-up still listed: %v", r.Data)
	}
}

// A session's own rules answer BAD_USER_INPUT with the field; a case the
// recorder may not read is NOT_FOUND, as reading it would be.
func TestSupervisionSessionChecks(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{})
	head := e.login(demo.VinnytsiaProviderManagerEmail)
	s := newScene(t, e, "NEGLECT") // not referred: the provider does not read it
	specialistID, ssdID := viewerID(t, e.as(demo.VinnytsiaProviderSpecialistEmail)), viewerID(t, s.ssd)
	base := func() map[string]any {
		return map[string]any{"communityID": s.community, "kind": "INDIVIDUAL", "format": "ONLINE", "heldOn": stepDay.Format(time.DateOnly),
			"supervisorKind": "EXTERNAL", "supervisorName": "Експерт", "superviseeIDs": []string{specialistID}}
	}
	for name, tc := range map[string]struct {
		change func(map[string]any)
		code   string
	}{
		"two in an individual session": {func(m map[string]any) { m["superviseeIDs"] = []string{specialistID, ssdID} }, server.CodeBadUserInput},
		"no supervisee":                {func(m map[string]any) { m["superviseeIDs"] = []string{} }, server.CodeBadUserInput},
		"an unnamed expert":            {func(m map[string]any) { m["supervisorName"] = " " }, server.CodeBadUserInput},
		"an internal supervisor unnamed": {func(m map[string]any) { m["supervisorKind"] = "INTERNAL"; delete(m, "supervisorName") },
			server.CodeBadUserInput},
		"held in the future": {func(m map[string]any) { m["heldOn"] = clock.Now().AddDate(0, 0, 3).Format(time.DateOnly) }, server.CodeBadUserInput},
		"a stranger":         {func(m map[string]any) { m["superviseeIDs"] = []string{"US00000000000000000000000000"} }, server.CodeBadUserInput},
		"an unreadable case": {func(m map[string]any) { m["caseIDs"] = []string{s.cs} }, server.CodeNotFound},
		"a follow-up before": {func(m map[string]any) {
			m["followUps"] = []map[string]any{{"text": "x", "dueOn": stepDay.AddDate(0, 0, -1).Format(time.DateOnly)}}
		}, server.CodeBadUserInput},
	} {
		in := base()
		tc.change(in)
		if r := e.do(head, recordSupervision, map[string]any{"in": in}); errCode(r) != tc.code {
			t.Errorf("%s: %v, want %s", name, r.Errors, tc.code)
		}
	}
	if r := e.do(head, recordSupervision, map[string]any{"in": base()}); len(r.Errors) > 0 {
		t.Errorf("a valid session: %v", r.Errors)
	}
}
