package server_test

import (
	"slices"
	"testing"
	"time"

	"github.com/turbota/turbota/demo"
	"github.com/turbota/turbota/server"
)

// work is one case worked on by the children's service and the demo provider.
type work struct {
	e                  *env
	ssd, provider      string
	caseID, familyID   string
	childID, orgID     string
	referralID, before string
}

// newWork registers a report about a new family with one child, as the
// children's service; the provider has not been asked yet.
func newWork(t *testing.T, e *env) *work {
	t.Helper()
	return newWorkAbout(t, e, "NEGLECT")
}

// newWorkAbout is newWork with the report's category, received three days
// ago so that the steps the tests record come after it.
func newWorkAbout(t *testing.T, e *env, category string) *work {
	t.Helper()
	w := &work{e: e, ssd: e.login(demo.VinnytsiaChildrenServiceEmail), provider: e.login(demo.VinnytsiaProviderManagerEmail)}
	c := fx[own].Community
	fam := e.do(w.ssd, `mutation($c: ID!) { createFamily(input: {communityID: $c, name: "Referral family"}) { id } }`, map[string]any{"c": c})
	w.familyID = str(fam.Data, "createFamily", "id")
	child := e.do(w.ssd, `mutation($c: ID!, $f: ID!) { createPerson(input: {communityID: $c, familyID: $f, kind: CHILD, firstName: "Referral", lastName: "Child"}) { id } }`,
		map[string]any{"c": c, "f": w.familyID})
	w.childID = str(child.Data, "createPerson", "id")
	rep := e.do(w.ssd, `mutation($c: ID!, $f: ID!, $k: [ID!], $cat: ReportCategory!, $at: Time!) { submitReport(input: {communityID: $c, familyID: $f, childIDs: $k,
		source: SCHOOL, categories: [$cat], summary: "…", receivedAt: $at}) { case { id } } }`,
		map[string]any{"c": c, "f": w.familyID, "k": []any{w.childID}, "cat": category, "at": ago(72 * time.Hour)})
	w.caseID = str(rep.Data, "submitReport", "case", "id")
	vw := e.do(w.provider, `{ viewer { memberships { organization { id } } } }`, nil)
	w.orgID = str(vw.Data["viewer"].(map[string]any)["memberships"].([]any)[0].(map[string]any), "organization", "id")
	if w.caseID == "" || w.childID == "" || w.orgID == "" {
		t.Fatalf("setting up: %v %v %v", fam.Errors, child.Errors, rep.Errors)
	}
	return w
}

const sendReferral = `mutation($id: ID!, $o: ID!, $why: String) { sendReferral(input: {caseID: $id, toOrganizationID: $o,
	reason: "оцінити потреби сім'ї", overrideReason: $why}) { id status consent { id } overrideReason } }`

// consent records the family's consent to refer it to the provider, as the
// children's service.
func (w *work) consent(t *testing.T) string {
	t.Helper()
	return w.consentFor(t, "REFERRAL", w.orgID)
}

// consentFor records the family's consent to share its data with an
// organisation for a purpose, from an hour ago until withdrawn.
func (w *work) consentFor(t *testing.T, purpose, org string) string {
	t.Helper()
	r := w.e.do(w.ssd, recordConsent, map[string]any{"f": w.familyID, "at": ago(time.Hour), "p": purpose, "o": org})
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	return str(r.Data, "recordConsent", "id")
}

const recordConsent = `mutation($f: ID!, $at: Time!, $p: ConsentPurpose!, $o: ID, $k: ConsentRecipientKind, $from: Time, $until: Time) {
	recordConsent(input: {familyID: $f, givenBy: "мати", givenAt: $at, document: "згода № 17", purpose: $p,
	recipientOrganizationID: $o, recipientKind: $k, validFrom: $from, validUntil: $until}) { id } }`

// refer sends the case to the provider with the family's consent and has
// the provider accept it.
func (w *work) refer(t *testing.T) {
	t.Helper()
	w.consent(t)
	r := w.e.do(w.ssd, sendReferral, map[string]any{"id": w.caseID, "o": w.orgID})
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	w.referralID = str(r.Data, "sendReferral", "id")
	inbox := `query($id: ID!) { node(id: $id) { ... on Referral { status case { id } } } }`
	if r := w.e.do(w.provider, inbox, map[string]any{"id": w.referralID}); len(r.Errors) > 0 || str(r.Data, "node", "status") != "SENT" ||
		r.Data["node"].(map[string]any)["case"] != nil {
		t.Fatalf("the referral before it is accepted: %v %v", r, r.Data)
	}
	if r := w.e.do(w.provider, `mutation($id: ID!) { acceptReferral(id: $id) { status case { id } } }`, map[string]any{"id": w.referralID}); len(r.Errors) > 0 ||
		str(r.Data, "acceptReferral", "case", "id") != w.caseID {
		t.Fatalf("accept: %v %v", r, r.Data)
	}
}

// sees reports whether the viewer finds each node.
func (w *work) sees(token string, ids ...string) []bool {
	var out []bool
	for _, id := range ids {
		r := w.e.do(token, nodeQuery, map[string]any{"id": id})
		out = append(out, r.Data["node"] != nil)
	}
	return out
}

func TestReferralNeedsConsentAndOpensTheFamilyOnAcceptance(t *testing.T) {
	e := newEnv(t, server.Config{})
	w := newWork(t, e)
	if got := w.sees(w.provider, w.caseID, w.familyID, w.childID); slices.Contains(got, true) {
		t.Fatalf("a provider sees a family nobody referred to it: %v", got)
	}
	r := e.do(w.ssd, sendReferral, map[string]any{"id": w.caseID, "o": w.orgID})
	if r.code() != server.CodeConflict || r.Errors[0].Extensions["rule"] != "CONSENT_REQUIRED" {
		t.Fatalf("a referral without consent: %v", r.Errors)
	}
	uszn := e.login(demo.VinnytsiaSocialProtectionEmail)
	if r := e.do(uszn, sendReferral, map[string]any{"id": w.caseID, "o": w.orgID, "why": "дитина в небезпеці"}); r.code() != server.CodeForbidden {
		t.Errorf("an override without the permission: %v", r.Errors)
	}
	consent := w.consent(t)
	r = e.do(w.ssd, sendReferral, map[string]any{"id": w.caseID, "o": w.orgID})
	if len(r.Errors) > 0 || str(r.Data, "sendReferral", "consent", "id") != consent {
		t.Fatalf("a referral with consent: %v %v", r.Errors, r.Data)
	}
	id := str(r.Data, "sendReferral", "id")
	if r := e.do(w.ssd, sendReferral, map[string]any{"id": w.caseID, "o": w.orgID}); r.code() != server.CodeBadUserInput {
		t.Errorf("the same referral twice: %v", r.Errors)
	}
	// Before answering, the provider sees the referral, not the family.
	incoming := e.do(w.provider, `query($o: ID!) { referrals(where: {toOrganizationID: $o, status: SENT}) { edges { node { id reason } } } }`,
		map[string]any{"o": w.orgID})
	if !contains(incoming.String(), id) {
		t.Errorf("incoming referrals: %v", incoming.Data)
	}
	if got := w.sees(w.provider, w.caseID, w.familyID); slices.Contains(got, true) {
		t.Errorf("a provider sees the family before accepting: %v", got)
	}
	if r := e.do(w.ssd, `mutation($id: ID!) { acceptReferral(id: $id) { status } }`, map[string]any{"id": id}); r.code() != server.CodeForbidden {
		t.Errorf("the sender accepting for the provider: %v", r.Errors)
	}
	if r := e.do(w.provider, `mutation($id: ID!) { declineReferral(id: $id, reason: " ") { status } }`, map[string]any{"id": id}); r.code() != server.CodeBadUserInput {
		t.Errorf("declining without a reason: %v", r.Errors)
	}
	if r := e.do(w.provider, `mutation($id: ID!) { acceptReferral(id: $id) { status answeredAt } }`, map[string]any{"id": id}); str(r.Data, "acceptReferral", "status") != "ACCEPTED" {
		t.Fatalf("accepting: %v", r.Errors)
	}
	if got := w.sees(w.provider, w.caseID, w.familyID, w.childID); slices.Contains(got, false) {
		t.Errorf("after accepting the provider sees case, family, child: %v", got)
	}
	if r := e.do(w.provider, `mutation($id: ID!) { declineReferral(id: $id, reason: "немає місць") { status } }`, map[string]any{"id": id}); r.code() != server.CodeConflict {
		t.Errorf("answering twice: %v", r.Errors)
	}
	events := e.do(w.ssd, `query($id: ID!) { node(id: $id) { ... on Case { events { edges { node { kind } } } } } }`, map[string]any{"id": w.caseID})
	for _, k := range []string{"REFERRAL_SENT", "REFERRAL_ACCEPTED"} {
		if !contains(events.String(), k) {
			t.Errorf("timeline lacks %s: %v", k, events.Data)
		}
	}
}

func TestProviderSeesOnlyWhatItWorksOn(t *testing.T) {
	e := newEnv(t, server.Config{})
	w := newWork(t, e)
	other := newWork(t, e)
	w.refer(t)
	families := e.do(w.provider, `query { families(first: 100) { edges { node { id } } } }`, nil)
	if !contains(families.String(), w.familyID) || contains(families.String(), other.familyID) {
		t.Errorf("the provider's families: %v", families.Data)
	}
	search := e.do(w.provider, `query($c: ID!) { searchPersons(communityID: $c, text: "Referral Child") { id } }`, map[string]any{"c": fx[own].Community})
	if !contains(search.String(), w.childID) || contains(search.String(), other.childID) {
		t.Errorf("the provider's search: %v", search.Data)
	}
	if r := e.do(w.provider, `mutation($id: ID!) { updateFamily(id: $id, input: {notes: "x"}) { id } }`, map[string]any{"id": other.familyID}); r.code() != server.CodeNotFound {
		t.Errorf("changing a family the provider may not see: %v", r.Errors)
	}
	// A family the provider registers itself stays in its sight.
	own := e.do(w.provider, `mutation($c: ID!) { createFamily(input: {communityID: $c, name: "Self-referred"}) { id } }`, map[string]any{"c": fx[own].Community})
	if got := w.sees(w.provider, str(own.Data, "createFamily", "id")); !got[0] {
		t.Errorf("a family the provider registered: %v", own.Errors)
	}
	// The children's service still sees the whole community.
	if got := w.sees(w.ssd, other.caseID, other.familyID); slices.Contains(got, false) {
		t.Errorf("the children's service: %v", got)
	}
}

func TestOverrideWithoutConsentIsOnTheTimeline(t *testing.T) {
	e := newEnv(t, server.Config{})
	w := newWork(t, e)
	r := e.do(w.ssd, sendReferral, map[string]any{"id": w.caseID, "o": w.orgID, "why": "загроза життю, мати недоступна"})
	if len(r.Errors) > 0 || str(r.Data, "sendReferral", "overrideReason") == "" {
		t.Fatalf("an override by the children's service: %v", r.Errors)
	}
	events := e.do(w.ssd, `query($id: ID!) { node(id: $id) { ... on Case { events { edges { node { kind note } } } } } }`, map[string]any{"id": w.caseID})
	if !contains(events.String(), "CONSENT_MISSING_OVERRIDDEN") {
		t.Errorf("timeline: %v", events.Data)
	}
}

func TestTeamPlaceGivesAndTakesAccess(t *testing.T) {
	e := newEnv(t, server.Config{})
	w := newWork(t, e)
	w.consentFor(t, "TEAM", w.orgID)
	add := e.do(w.ssd, `mutation($id: ID!, $o: ID!) { addTeamMember(input: {caseID: $id, organizationID: $o, name: "Ольга Д.", role: "психолог"}) { id } }`,
		map[string]any{"id": w.caseID, "o": w.orgID})
	if len(add.Errors) > 0 {
		t.Fatal(add.Errors)
	}
	if got := w.sees(w.provider, w.caseID, w.familyID); slices.Contains(got, false) {
		t.Errorf("a team member's organisation: %v", got)
	}
	rm := `mutation($id: ID!) { removeTeamMember(id: $id) { removedAt } }`
	id := str(add.Data, "addTeamMember", "id")
	if r := e.do(w.ssd, rm, map[string]any{"id": id}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	if got := w.sees(w.provider, w.caseID); got[0] {
		t.Error("access outlived the team place")
	}
	if r := e.do(w.ssd, rm, map[string]any{"id": id}); r.code() != server.CodeConflict {
		t.Errorf("removing twice: %v", r.Errors)
	}
}

func TestServicesAndVisits(t *testing.T) {
	e := newEnv(t, server.Config{})
	w := newWork(t, e)
	w.refer(t)
	st := e.do(w.provider, `{ serviceTypes(first: 1) { edges { node { id } } } }`, nil)
	typeID := str(st.Data["serviceTypes"].(map[string]any)["edges"].([]any)[0].(map[string]any), "node", "id")
	start := e.do(w.provider, `mutation($id: ID!, $o: ID!, $s: ID!, $p: ID, $at: Time!) { startService(input: {caseID: $id, providerID: $o,
		serviceTypeID: $s, personID: $p, startedAt: $at}) { id status serviceType { nameUk } } }`,
		map[string]any{"id": w.caseID, "o": w.orgID, "s": typeID, "p": w.childID, "at": ago(48 * time.Hour)})
	if len(start.Errors) > 0 {
		t.Fatal(start.Errors)
	}
	svc := str(start.Data, "startService", "id")
	visit := `mutation($id: ID!, $s: ID, $at: Time!, $m: Int!) { recordActivity(input: {caseID: $id, serviceID: $s, kind: HOME_VISIT,
		at: $at, durationMinutes: $m, participants: ["мати", "дитина"], notes: "умови проживання задовільні"}) { id service { id } } }`
	if r := e.do(w.provider, visit, map[string]any{"id": w.caseID, "s": svc, "at": ago(24 * time.Hour), "m": 0}); r.code() != server.CodeBadUserInput {
		t.Errorf("a visit of no length: %v", r.Errors)
	}
	if r := e.do(w.provider, visit, map[string]any{"id": w.caseID, "s": svc, "at": ago(24 * time.Hour), "m": 90}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	end := `mutation($id: ID!, $st: ServiceProvisionStatus!, $at: Time!, $n: String) { endService(input: {id: $id, status: $st, endedAt: $at, note: $n}) { status endedAt } }`
	if r := e.do(w.provider, end, map[string]any{"id": svc, "st": "DISCONTINUED", "at": ago(time.Hour)}); r.code() != server.CodeBadUserInput {
		t.Errorf("discontinued without a note: %v", r.Errors)
	}
	if r := e.do(w.provider, end, map[string]any{"id": svc, "st": "COMPLETED", "at": ago(72 * time.Hour)}); r.code() != server.CodeBadUserInput {
		t.Errorf("ended before it started: %v", r.Errors)
	}
	if r := e.do(w.provider, end, map[string]any{"id": svc, "st": "COMPLETED", "at": ago(time.Hour)}); str(r.Data, "endService", "status") != "COMPLETED" {
		t.Fatalf("completing: %v", r.Errors)
	}
	if r := e.do(w.provider, end, map[string]any{"id": svc, "st": "COMPLETED", "at": ago(time.Hour)}); r.code() != server.CodeConflict {
		t.Errorf("ending twice: %v", r.Errors)
	}
	events := e.do(w.ssd, `query($id: ID!) { node(id: $id) { ... on Case { services { status } activities { totalCount } events { edges { node { kind } } } } } }`,
		map[string]any{"id": w.caseID})
	for _, k := range []string{"SERVICE_STARTED", "ACTIVITY_RECORDED", "SERVICE_ENDED", `"totalCount":1`} {
		if !contains(events.String(), k) {
			t.Errorf("case lacks %s: %v", k, events.Data)
		}
	}
}
