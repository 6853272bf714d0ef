package server_test

import (
	"testing"
	"time"

	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/server"
)

// userID is the viewer's own user ID.
func userID(t *testing.T, e *env, token string) string {
	t.Helper()
	r := e.do(token, `{ viewer { user { id } } }`, nil)
	id := str(r.Data["viewer"].(map[string]any), "user", "id")
	if id == "" {
		t.Fatalf("viewer: %v", r.Errors)
	}
	return id
}

// otherProvider is a provider of the demo community that is not the demo
// provider's organisation (the NGO).
func otherProvider(t *testing.T, e *env, token, not string) string {
	t.Helper()
	r := e.do(token, `query($c: ID!) { organizations(first: 50, where: {communityID: $c, kindIn: [PUBLIC_PROVIDER, NGO_PROVIDER]}) { edges { node { id } } } }`,
		map[string]any{"c": fx[own].Community})
	for _, edge := range r.Data["organizations"].(map[string]any)["edges"].([]any) {
		if id := str(edge.(map[string]any), "node", "id"); id != not {
			return id
		}
	}
	t.Fatalf("no other provider: %v", r.Errors)
	return ""
}

func TestReplacedManagerLosesAccess(t *testing.T) {
	e := newEnv(t, server.Config{})
	w := newWork(t, e)
	specialist := e.login(demo.VinnytsiaProviderSpecialistEmail)
	uszn := e.login(demo.VinnytsiaSocialProtectionEmail)
	specialistID, usznID := userID(t, e, specialist), userID(t, e, uszn)
	set := `mutation($id: ID!, $m: ID) { updateCase(id: $id, input: {managerID: $m}) { manager { id displayName } } }`
	clear := `mutation($id: ID!) { updateCase(id: $id, input: {clearManager: true}) { manager { id } } }`

	if r := e.do(w.ssd, set, map[string]any{"id": w.caseID, "m": specialistID}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	if got := w.sees(specialist, w.caseID); !got[0] {
		t.Fatal("the new manager does not see the case")
	}
	if r := e.do(w.ssd, set, map[string]any{"id": w.caseID, "m": usznID}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	if got := w.sees(specialist, w.caseID); got[0] {
		t.Error("the replaced manager still reads the case")
	}
	if r := e.do(w.ssd, set, map[string]any{"id": w.caseID, "m": specialistID}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	if r := e.do(w.ssd, clear, map[string]any{"id": w.caseID}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	if got := w.sees(specialist, w.caseID); got[0] {
		t.Error("the removed manager still reads the case")
	}
	accesses := e.do(w.ssd, `query($id: ID!) { node(id: $id) { ... on Case { accesses { reason revokedAt }
		events { edges { node { kind actorID } } } } } }`, map[string]any{"id": w.caseID})
	live := 0
	for _, a := range accesses.Data["node"].(map[string]any)["accesses"].([]any) {
		if a := a.(map[string]any); a["reason"] == "MANAGER" && a["revokedAt"] == nil {
			live++
		}
	}
	if live != 0 {
		t.Errorf("%d MANAGER accesses live after the manager was cleared: %v", live, accesses.Data)
	}
	if !contains(accesses.String(), `"actorID":"`+userID(t, e, w.ssd)+`","kind":"MANAGER_CHANGED"`) {
		t.Errorf("the timeline does not say who changed the manager: %v", accesses.Data)
	}
}

func TestManagerHoldsACaseworkRoleOfTheCommunity(t *testing.T) {
	e := newEnv(t, server.Config{})
	w := newWork(t, e)
	school := e.login(demo.VinnytsiaPartnerReporterEmail)
	set := `mutation($id: ID!, $m: ID) { updateCase(id: $id, input: {managerID: $m}) { manager { id } } }`
	if r := e.do(w.ssd, set, map[string]any{"id": w.caseID, "m": userID(t, e, school)}); r.code() != server.CodeBadUserInput ||
		r.Errors[0].Extensions["field"] != "managerID" {
		t.Errorf("the school's reporter as manager: %v", r.Errors)
	}
	poltava := e.login(demo.PoltavaChildrenServiceEmail)
	if r := e.do(w.ssd, set, map[string]any{"id": w.caseID, "m": userID(t, e, poltava)}); r.code() != server.CodeNotFound &&
		r.code() != server.CodeBadUserInput {
		t.Errorf("another community's user as manager: %v", r.Errors)
	}
	if r := e.do(w.ssd, set, map[string]any{"id": w.caseID, "m": fx[otherRegion].MemberUser}); r.code() != server.CodeNotFound &&
		r.code() != server.CodeBadUserInput {
		t.Errorf("another community's specialist as manager: %v", r.Errors)
	}
}

func TestColleaguesSeeTheManagerButNotTheirAccount(t *testing.T) {
	e := newEnv(t, server.Config{})
	w := newWork(t, e)
	uszn := e.login(demo.VinnytsiaSocialProtectionEmail)
	set := `mutation($id: ID!, $m: ID) { updateCase(id: $id, input: {managerID: $m}) { id } }`
	if r := e.do(w.ssd, set, map[string]any{"id": w.caseID, "m": userID(t, e, uszn)}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	q := `query($id: ID!) { node(id: $id) { ... on Case { manager { id displayName } } } }`
	r := e.do(w.ssd, q, map[string]any{"id": w.caseID})
	if str(r.Data["node"].(map[string]any), "manager", "displayName") == "" {
		t.Errorf("the children's service does not see who manages the case: %v %v", r.Data, r.Errors)
	}
	r = e.do(w.ssd, `query($id: ID!) { node(id: $id) { ... on Case { manager { email } } } }`, map[string]any{"id": w.caseID})
	if r.code() != server.CodeForbidden || contains(r.String(), "uszn@") {
		t.Errorf("a colleague's e-mail: %v %v", r.Data, r.Errors)
	}
	admin := e.login(demo.VinnytsiaAdminEmail)
	r = e.do(admin, `query($id: ID!) { node(id: $id) { ... on User { email } } }`, map[string]any{"id": userID(t, e, uszn)})
	if str(r.Data, "node", "email") != demo.VinnytsiaSocialProtectionEmail {
		t.Errorf("the community admin reads the account: %v", r)
	}
	if r := e.do(uszn, `{ viewer { user { email totpEnabled } } }`, nil); len(r.Errors) > 0 {
		t.Errorf("one's own account: %v", r.Errors)
	}
}

func TestInputsNameOnlyWhatTheViewerReads(t *testing.T) {
	e := newEnv(t, server.Config{})
	w := newWork(t, e) // a family the provider was never referred
	c := fx[own].Community
	person := `mutation($c: ID!, $f: ID) { createPerson(input: {communityID: $c, familyID: $f, kind: CHILD, firstName: "Х", lastName: "Y"}) { id } }`
	for name, f := range map[string]string{"an unreferred family": w.familyID, "another community's family": string(fx[otherRegion].Family)} {
		if r := e.do(w.provider, person, map[string]any{"c": c, "f": f}); r.code() != server.CodeNotFound {
			t.Errorf("provider adds a person to %s: %v", name, r.Errors)
		}
	}
	if r := e.do(w.ssd, person, map[string]any{"c": c, "f": string(fx[otherRegion].Family)}); r.code() != server.CodeNotFound {
		t.Errorf("children's service links a person to another community's family: %v", r.Errors)
	}
	if r := e.do(w.ssd, person, map[string]any{"c": c, "f": w.familyID}); len(r.Errors) > 0 {
		t.Errorf("a visible family of the community: %v", r.Errors)
	}
	rel := `mutation($c: ID!, $p: ID!, $r: ID!) { createRelationship(input: {communityID: $c, personID: $p, relativeID: $r, kind: SIBLING}) { id } }`
	if r := e.do(w.provider, rel, map[string]any{"c": c, "p": w.childID, "r": fx[own].Parent}); r.code() != server.CodeNotFound {
		t.Errorf("a relationship of a person the provider cannot read: %v", r.Errors)
	}
	school := e.login(demo.VinnytsiaPartnerReporterEmail)
	rep := `mutation($c: ID!, $f: ID, $k: [ID!]) { submitReport(input: {communityID: $c, familyID: $f, childIDs: $k, source: SCHOOL, summary: "…"}) { id } }`
	if r := e.do(school, rep, map[string]any{"c": c, "f": w.familyID}); r.code() != server.CodeNotFound {
		t.Errorf("a school links its report to a family: %v", r.Errors)
	}
	if r := e.do(school, rep, map[string]any{"c": c, "k": []any{w.childID}}); r.code() != server.CodeNotFound {
		t.Errorf("a school links its report to a child: %v", r.Errors)
	}
	if r := e.do(school, rep, map[string]any{"c": c}); len(r.Errors) > 0 {
		t.Errorf("a school's report naming no one: %v", r.Errors)
	}
}

func TestProvidersActForTheirOwnOrganisation(t *testing.T) {
	e := newEnv(t, server.Config{})
	w := newWork(t, e)
	w.refer(t)
	other := otherProvider(t, e, w.ssd, w.orgID)
	st := e.do(w.provider, `{ serviceTypes(first: 1) { edges { node { id } } } }`, nil)
	typeID := str(st.Data["serviceTypes"].(map[string]any)["edges"].([]any)[0].(map[string]any), "node", "id")
	start := `mutation($id: ID!, $o: ID!, $s: ID!, $at: Time!) { startService(input: {caseID: $id, providerID: $o,
		serviceTypeID: $s, startedAt: $at}) { id } }`
	vars := map[string]any{"id": w.caseID, "o": other, "s": typeID, "at": ago(time.Hour)}
	if r := e.do(w.provider, start, vars); r.code() != server.CodeForbidden || !contains(r.Errors[0].Message, "organisation you work in") {
		t.Errorf("a service for another organisation: %v", r.Errors)
	}
	accesses := e.do(w.ssd, `query($id: ID!) { node(id: $id) { ... on Case { accesses { organization { id } } } } }`, map[string]any{"id": w.caseID})
	if contains(accesses.String(), other) {
		t.Errorf("the other organisation got access: %v", accesses.Data)
	}
	vars["o"] = string(fx[otherRegion].Organization)
	if r := e.do(w.provider, start, vars); r.code() != server.CodeNotFound {
		t.Errorf("a service by another community's organisation: %v", r.Errors)
	}
	vars["o"] = w.orgID
	if r := e.do(w.provider, start, vars); len(r.Errors) > 0 {
		t.Errorf("a service of one's own organisation: %v", r.Errors)
	}
	side := func(d string) map[string]any {
		return map[string]any{"domain": d, "rating": "SOME_CONCERN", "narrative": "…"}
	}
	rec := `mutation($id: ID!, $p: ID!, $at: Time!, $d: [DomainRatingInput!]!) { recordNeedsAssessment(input: {caseID: $id,
		providerID: $p, kind: INITIAL, conductedAt: $at, actFiledAt: $at, strengths: "…", conclusion: "…", actNumber: "1", domains: $d}) { id } }`
	if r := e.do(w.provider, rec, map[string]any{"id": w.caseID, "p": other, "at": ago(time.Hour),
		"d": []any{side("CHILD_DEVELOPMENT"), side("PARENTING_CAPACITY"), side("FAMILY_ENVIRONMENT")}}); r.code() != server.CodeForbidden {
		t.Errorf("a needs assessment in another organisation's name: %v", r.Errors)
	}
}

func TestLooseReferencesAreBadInput(t *testing.T) {
	e := newEnv(t, server.Config{})
	w := newWork(t, e)
	c := fx[own].Community
	mother := e.do(w.ssd, `mutation($c: ID!, $f: ID!) { createPerson(input: {communityID: $c, familyID: $f, kind: ADULT, firstName: "Мати", lastName: "Y"}) { id } }`,
		map[string]any{"c": c, "f": w.familyID})
	motherID := str(mother.Data, "createPerson", "id")
	if motherID == "" {
		t.Fatal(mother.Errors)
	}
	safety := `mutation($id: ID!, $at: Time!, $p: ID!) { recordSafetyAssessment(input: {caseID: $id, conductedAt: $at, result: SAFE,
		findings: [{personID: $p, finding: "…"}]}) { id } }`
	if r := e.do(w.ssd, safety, map[string]any{"id": w.caseID, "at": ago(time.Hour), "p": motherID}); r.code() != server.CodeBadUserInput ||
		r.Errors[0].Extensions["field"] != "findings.personID" {
		t.Errorf("a finding about the mother: %v", r.Errors)
	}
	if r := e.do(w.ssd, safety, map[string]any{"id": w.caseID, "at": ago(time.Hour), "p": w.childID}); len(r.Errors) > 0 {
		t.Errorf("a finding about the case's child: %v", r.Errors)
	}
	plan := dated(`mutation($id: ID!, $o: ID!, $at: Time!) { savePlan(input: {caseID: $id, nextReviewAt: $at,
		goals: [{text: "…", actions: [{text: "…", responsibleOrganizationID: $o, due: "{{due}}"}]}]}) { id } }`)
	next := later(30 * 24 * time.Hour)
	for name, o := range map[string]string{"that does not exist": "OR01JZZZZZZZZZZZZZZZZZZZZZZZ", "of another community": string(fx[otherRegion].Organization)} {
		if r := e.do(w.provider, plan, map[string]any{"id": fx[own].Case, "o": o, "at": next}); r.code() != server.CodeBadUserInput ||
			r.Errors[0].Extensions["field"] != "goals.actions.responsibleOrganizationID" {
			t.Errorf("an action for an organisation %s: %v", name, r.Errors)
		}
	}
	if r := e.do(w.provider, plan, map[string]any{"id": fx[own].Case, "o": w.orgID, "at": next}); len(r.Errors) > 0 {
		t.Errorf("an action for the community's provider: %v", r.Errors)
	}
}
