package server_test

import (
	"testing"
	"time"

	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/server"
)

const (
	createPosition = `mutation($c: ID!, $o: ID!, $k: StaffPositionKind!, $h: ID, $n: String, $w: Float, $s: Date, $e: Date) {
		createStaffPosition(input: {communityID: $c, organizationID: $o, kind: $k, holderID: $h, holderName: $n, workload: $w,
		startedOn: $s, endedOn: $e, qualifications: ["Супервізор"]}) { id holderName vacant caseload overNorm } }`
	listPositions = `query($c: ID!, $f: StaffRegisterFilter) { staffPositions(communityID: $c, filter: $f) {
		id kind holderName vacant caseload overNorm closedOn organization { id } } }`
)

// positionIn finds a position in a staffPositions answer.
func positionIn(r *gqlResponse, id string) map[string]any {
	items, _ := r.Data["staffPositions"].([]any)
	for _, it := range items {
		if m := it.(map[string]any); m["id"] == id {
			return m
		}
	}
	return nil
}

// The register as its keepers and readers use it: the community admin and
// social protection add positions (held and vacant), the children's
// service reads them but may not add one, a provider's specialist sees
// nothing of it, and another community's admin finds nothing.
func TestWorkforceRegisterByRole(t *testing.T) {
	e := newEnv(t, server.Config{})
	f := fx[own]
	admin := e.login(demo.VinnytsiaAdminEmail)
	ssd := e.login(demo.VinnytsiaSocialProtectionEmail)
	today := clock.Now().UTC()

	r := e.do(admin, createPosition, map[string]any{"c": f.Community, "o": f.Organization, "k": "CASE_MANAGER",
		"n": "Олена Петренко", "w": 1.0, "s": dayOf(today.AddDate(-1, 0, 0))})
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	held := str(r.Data, "createStaffPosition", "id")
	if v, _ := r.Data["createStaffPosition"].(map[string]any)["vacant"].(bool); v {
		t.Error("a held position is vacant")
	}
	r = e.do(ssd, createPosition, map[string]any{"c": f.Community, "o": f.Organization, "k": "PSYCHOLOGIST", "w": 0.5})
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	vacancy := str(r.Data, "createStaffPosition", "id")
	if v, _ := r.Data["createStaffPosition"].(map[string]any)["vacant"].(bool); !v {
		t.Error("a position nobody holds is not vacant")
	}
	// Employment ending before it starts is refused on its field.
	if r := e.do(ssd, createPosition, map[string]any{"c": f.Community, "o": f.Organization, "k": "PSYCHOLOGIST",
		"n": "X", "s": dayOf(today), "e": dayOf(today.AddDate(0, 0, -2))}); r.code() != server.CodeBadUserInput {
		t.Errorf("employment ending before it starts: %s, want BAD_USER_INPUT", r.code())
	}
	// A workload beyond one and a half posts is refused.
	if r := e.do(ssd, createPosition, map[string]any{"c": f.Community, "o": f.Organization, "k": "PSYCHOLOGIST", "w": 3.0}); len(r.Errors) == 0 {
		t.Error("a workload of three posts was accepted")
	}

	// The vacancy filter.
	vacant := e.do(admin, listPositions, map[string]any{"c": f.Community, "f": map[string]any{"vacant": true}})
	if positionIn(vacant, vacancy) == nil || positionIn(vacant, held) != nil {
		t.Errorf("vacancies: %s", vacant.String())
	}

	// The children's service reads the register, may not add to it.
	cs := e.login(demo.VinnytsiaChildrenServiceEmail)
	if r := e.do(cs, listPositions, map[string]any{"c": f.Community}); positionIn(r, held) == nil {
		t.Errorf("the children's service does not see the register: %s", r.String())
	}
	if r := e.do(cs, createPosition, map[string]any{"c": f.Community, "o": f.Organization, "k": "LAWYER"}); r.code() != server.CodeForbidden {
		t.Errorf("the children's service adds a position: %s, want FORBIDDEN", r.code())
	}
	if r := e.do(cs, `mutation($id: ID!) { updateStaffPosition(id: $id, input: {workload: 0.25}) { id } }`,
		map[string]any{"id": held}); r.code() != server.CodeForbidden {
		t.Errorf("the children's service changes a position: %s, want FORBIDDEN", r.code())
	}
	// A provider's specialist sees nothing of it.
	sp := e.login(demo.VinnytsiaProviderSpecialistEmail)
	if r := e.do(sp, listPositions, map[string]any{"c": f.Community}); len(r.Data["staffPositions"].([]any)) != 0 {
		t.Errorf("a provider's specialist sees the register: %s", r.String())
	}
	if r := e.do(sp, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": held}); r.Data["node"] != nil {
		t.Error("a provider's specialist reads a position")
	}
	// Another community's admin finds nothing, and cannot add to this register.
	poltava := e.login(demo.PoltavaAdminEmail)
	if r := e.do(poltava, listPositions, map[string]any{"c": f.Community}); len(r.Errors) == 0 && len(r.Data["staffPositions"].([]any)) != 0 {
		t.Errorf("another community's admin sees the register: %s", r.String())
	}
	if r := e.do(poltava, `mutation($id: ID!) { updateStaffPosition(id: $id, input: {workload: 0.25}) { id } }`,
		map[string]any{"id": held}); r.code() != server.CodeNotFound {
		t.Errorf("another community's admin changes a position: %s, want NOT_FOUND", r.code())
	}
	if r := e.do(poltava, createPosition, map[string]any{"c": f.Community, "o": f.Organization, "k": "LAWYER"}); r.code() != server.CodeNotFound {
		t.Errorf("another community's admin adds a position: %s, want NOT_FOUND", r.code())
	}
	// Nor may this community's admin hang a position on another community's organisation.
	if r := e.do(admin, createPosition, map[string]any{"c": f.Community, "o": fx[otherRegion].Organization, "k": "LAWYER"}); len(r.Errors) == 0 {
		t.Error("a position of another community's organisation was accepted")
	}

	// Closing: the holder leaves with the position, which is then out of the
	// list unless asked for, and refuses further changes.
	r = e.do(admin, `mutation($id: ID!, $d: Date!) { closeStaffPosition(id: $id, closedOn: $d) { closedOn endedOn vacant } }`,
		map[string]any{"id": held, "d": dayOf(today)})
	if len(r.Errors) > 0 || str(r.Data, "closeStaffPosition", "endedOn") != dayOf(today) {
		t.Fatalf("close: %s", r.String())
	}
	if r := e.do(admin, listPositions, map[string]any{"c": f.Community}); positionIn(r, held) != nil {
		t.Error("a closed position is still listed")
	}
	if r := e.do(admin, listPositions, map[string]any{"c": f.Community, "f": map[string]any{"includeClosed": true}}); positionIn(r, held) == nil {
		t.Error("a closed position is not listed with includeClosed")
	}
	if r := e.do(admin, `mutation($id: ID!) { updateStaffPosition(id: $id, input: {workload: 0.25}) { id } }`,
		map[string]any{"id": held}); r.code() != server.CodeConflict {
		t.Errorf("changing a closed position: %s, want CONFLICT", r.code())
	}
}

// Caseload against the norm: a worker's open cases counted for their
// position, over the community's norm once a case more is assigned, and a
// half-time post carrying half the norm.
func TestWorkforceCaseloadAgainstNorm(t *testing.T) {
	e := newEnv(t, server.Config{})
	f := fx[own]
	admin := e.login(demo.VinnytsiaAdminEmail)
	cs := e.login(demo.VinnytsiaChildrenServiceEmail)
	sp := e.login(demo.VinnytsiaProviderSpecialistEmail)
	me := e.do(sp, `{ viewer { user { id displayName } } }`, nil)
	worker := str(me.Data, "viewer", "user", "id")
	if worker == "" {
		t.Fatal(me)
	}
	r := e.do(admin, createPosition, map[string]any{"c": f.Community, "o": f.Provider, "k": "SOCIAL_WORK_SPECIALIST",
		"h": worker, "w": 1.0, "s": dayOf(clock.Now().AddDate(-2, 0, 0))})
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	pos := str(r.Data, "createStaffPosition", "id")
	if got := str(r.Data, "createStaffPosition", "holderName"); got != str(me.Data, "viewer", "user", "displayName") {
		t.Errorf("holder's name %q, want the user's", got)
	}
	caseload := func() (int, bool) {
		t.Helper()
		r := e.do(cs, listPositions, map[string]any{"c": f.Community})
		p := positionIn(r, pos)
		if p == nil {
			t.Fatalf("position not listed: %s", r.String())
		}
		n, _ := p["caseload"].(float64)
		over, _ := p["overNorm"].(bool)
		return int(n), over
	}
	before, over := caseload()
	if over {
		t.Error("over the norm with no norm set")
	}
	setNorm := func(n int) {
		t.Helper()
		if r := e.do(admin, `mutation($c: ID!, $n: Int) { updateCommunitySettings(communityID: $c, input: {caseloadNorm: $n}) { caseloadNorm } }`,
			map[string]any{"c": f.Community, "n": n}); len(r.Errors) > 0 {
			t.Fatal(r.Errors)
		}
	}
	setNorm(before + 1)
	if _, over := caseload(); over {
		t.Error("over the norm at", before, "of", before+1)
	}
	if r := e.do(cs, `mutation($c: ID!, $m: ID!, $at: Time) { assignCase(caseID: $c, managerID: $m, assignedAt: $at) { id } }`,
		map[string]any{"c": f.Case, "m": worker, "at": clock.Now().Add(-time.Minute).UTC().Format(time.RFC3339)}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	after, over := caseload()
	if after != before+1 {
		t.Errorf("caseload %d after assigning a case, want %d", after, before+1)
	}
	setNorm(before)
	if _, over = caseload(); !over {
		t.Errorf("caseload %d not over the norm %d", after, before)
	}
	// Half time: half the norm.
	if r := e.do(admin, `mutation($id: ID!) { updateStaffPosition(id: $id, input: {workload: 0.5}) { id } }`, map[string]any{"id": pos}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	setNorm(2*after - 1)
	if _, over = caseload(); !over {
		t.Errorf("a half-time caseload of %d not over half of %d", after, 2*after-1)
	}
}
