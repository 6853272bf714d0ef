package server_test

import (
	"testing"
	"time"

	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/oversight/emergency"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/server"
)

// Breaking the glass: the regional supervisor opens one case by its
// de-identified reference, for a reason and three hours; the community is
// told, the reads are in its access log, nothing else opens, nothing can be
// changed, and the figures stay suppressed.
func TestEmergencyAccessOpensOneCaseForAWhile(t *testing.T) {
	e := newEnv(t, server.Config{})
	f := fx[own]
	var other string
	if err := e.db.QueryRow(`SELECT id FROM case_files WHERE community_id = $1 AND id <> $2 LIMIT 1`, f.Community, f.Case).Scan(&other); err != nil {
		t.Fatal(err)
	}
	region, ssd := e.login(demo.RegionalSupervisorEmail), e.login(demo.VinnytsiaChildrenServiceEmail)
	node := func(id any) bool {
		r := e.do(region, `query($id: ID!) { node(id: $id) { ... on Case { id family { id } } } }`, map[string]any{"id": id})
		return r.Data["node"] != nil
	}
	if node(f.Case) || node(other) {
		t.Fatal("the regional supervisor reads a named case without emergency access")
	}

	// The reference comes from the de-identified list.
	r := e.do(region, `query($c: ID!) { deidentifiedCases(communityID: $c, first: 500) { reference } }`, map[string]any{"c": f.Community})
	found := false
	for _, row := range r.Data["deidentifiedCases"].([]any) {
		found = found || row.(map[string]any)["reference"] == emergency.Reference(f.Case)
	}
	if !found {
		t.Fatalf("the de-identified list does not name the case by its reference: %v", r)
	}

	open := `mutation($c: ID!, $r: String!, $why: String!) { openEmergencyAccess(input: {communityID: $c, reference: $r, reason: $why}) {
		id active expiresAt reason reference case { id } } }`
	for _, bad := range []map[string]any{
		{"c": f.Community, "r": emergency.Reference(f.Case), "why": "urgent"},
		{"c": f.Community, "r": "not-a-ref", "why": "The police report the child alone at home at night"},
	} {
		if r := e.do(region, open, bad); r.code() != server.CodeBadUserInput {
			t.Errorf("open with %v: %s, want BAD_USER_INPUT", bad, r.code())
		}
	}
	if r := e.do(region, open, map[string]any{"c": f.Community, "r": "0123456789ab", "why": "The police report the child alone at home at night"}); r.code() != server.CodeNotFound {
		t.Errorf("an unknown reference: %s, want NOT_FOUND", r.code())
	}
	if r := e.do(ssd, open, map[string]any{"c": f.Community, "r": emergency.Reference(f.Case), "why": "The police report the child alone at home at night"}); r.code() != server.CodeForbidden {
		t.Errorf("the children's service breaks the glass: %s, want FORBIDDEN", r.code())
	}
	var n int
	if e.db.QueryRow(`SELECT count(*) FROM emergency_accesses WHERE community_id = $1 AND user_id <> $2`, f.Community, f.MemberUser).Scan(&n); n != 0 {
		t.Fatalf("refused attempts wrote %d accesses", n)
	}

	before := clock.Now()
	r = e.do(region, open, map[string]any{"c": f.Community, "r": emergency.Reference(f.Case), "why": "The police report the child alone at home at night"})
	if len(r.Errors) > 0 {
		t.Fatal(r)
	}
	ea := r.Data["openEmergencyAccess"].(map[string]any)
	expires, _ := time.Parse(time.RFC3339, ea["expiresAt"].(string))
	if str(ea, "case", "id") != string(f.Case) {
		t.Errorf("the case does not open in the answer that opens it: %v", ea)
	}
	if ea["reference"] != emergency.Reference(f.Case) {
		t.Errorf("the access names the case as %v, want its reference %s", ea["reference"], emergency.Reference(f.Case))
	}
	if ea["active"] != true || expires.Sub(before) < emergency.Window-time.Minute || expires.Sub(before) > emergency.Window+time.Minute {
		t.Fatalf("the access: %v, want active for %v", ea, emergency.Window)
	}
	if !node(f.Case) || node(other) {
		t.Fatal("emergency access must open the case it names and nothing else")
	}
	if r := e.do(region, `mutation($id: ID!) { transitionCase(input: {id: $id, to: CLOSED}) { id } }`, map[string]any{"id": f.Case}); len(r.Errors) == 0 {
		t.Error("emergency access let the supervisor change the case")
	}

	// The community is told and sees the access and its reason; the reads are logged.
	r = e.do(ssd, `{ notifications(where: {kind: EMERGENCY_ACCESS}) { totalCount } emergencyAccesses { edges { node { reason active openedBy } } } }`, nil)
	if r.Data["notifications"].(map[string]any)["totalCount"].(float64) == 0 || len(r.Data["emergencyAccesses"].(map[string]any)["edges"].([]any)) < 2 {
		t.Fatalf("the children's service was not told, or cannot see the access: %v", r)
	}
	named := false
	for _, edge := range r.Data["emergencyAccesses"].(map[string]any)["edges"].([]any) {
		named = named || str(edge.(map[string]any), "node", "openedBy") == "Лариса Мельничук"
	}
	if !named {
		t.Errorf("the community does not see who opened its case: %v", r.Data)
	}
	if e.db.QueryRow(`SELECT count(*) FROM audit_events a JOIN users u ON u.id = a.actor_user_id
		WHERE u.email = $1 AND a.action = 'READ' AND a.entity_ids @> jsonb_build_array($2::text) AND a.community_id = $3`,
		demo.RegionalSupervisorEmail, f.Case, f.Community).Scan(&n); n == 0 {
		t.Error("the supervisor's reads are not in the community's access log")
	}

	// The figures of the community stay as suppressed as before.
	r = e.do(region, `query($c: ID!) { indicators(scope: {communityID: $c}, period: {kind: YEAR, year: 2026}) { communities { recordAccess } } }`,
		map[string]any{"c": f.Community})
	if r.Data["indicators"].(map[string]any)["communities"].([]any)[0].(map[string]any)["recordAccess"] != false {
		t.Error("an emergency access lifted the suppression of the community's figures")
	}

	// Ended early, it opens nothing; an expired one neither.
	if r := e.do(region, `mutation($id: ID!) { endEmergencyAccess(id: $id) { active } }`, map[string]any{"id": ea["id"]}); r.Data["endEmergencyAccess"].(map[string]any)["active"] != false {
		t.Fatalf("end: %v", r)
	}
	if node(f.Case) {
		t.Error("an ended access still opens the case")
	}
	r = e.do(region, open, map[string]any{"c": f.Community, "r": emergency.Reference(f.Case), "why": "The police report the child alone at home at night"})
	if _, err := e.db.Exec(`UPDATE emergency_accesses SET expires_at = $2 WHERE id = $1`, str(r.Data, "openEmergencyAccess", "id"), clock.Now().Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	if node(f.Case) {
		t.Error("an expired access still opens the case")
	}
}
