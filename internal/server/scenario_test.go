package server_test

import (
	"testing"
	"time"

	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/server"
)

// step runs one operation as a role and fails the scenario on any error.
func step(t *testing.T, e *env, name, token, query string, vars map[string]any) *gqlResponse {
	t.Helper()
	r := e.do(token, query, vars)
	if len(r.Errors) > 0 {
		t.Fatalf("%s: %v", name, r.Errors)
	}
	return r
}

// The whole life of a case, each step by its own role: a school reports
// neglect; the children's service assesses the child's safety in time and
// refers the family, with its consent, to the provider; the provider
// assesses needs; social protection decides to provide services; the
// provider plans, gets the plan agreed, provides a service with visits,
// reviews the plan and ends the service; the case is closed with its outcome.
func TestScenarioFromSchoolReportToClosure(t *testing.T) {
	e := newEnv(t, server.Config{})
	school := e.login(demo.VinnytsiaPartnerReporterEmail)
	ssd := e.login(demo.VinnytsiaChildrenServiceEmail)
	uszn := e.login(demo.VinnytsiaSocialProtectionEmail)
	w := &work{e: e, ssd: ssd, provider: e.login(demo.VinnytsiaProviderManagerEmail)}
	c := fx[own].Community

	rep := step(t, e, "school reports", school, `mutation($c: ID!, $at: Time!) { submitReport(input: {communityID: $c, source: SCHOOL, receivedAt: $at,
		categories: [NEGLECT], urgency: ROUTINE, summary: "учень часто голодний, пропускає заняття"}) { id status } }`, map[string]any{"c": c, "at": ago(3 * time.Hour)})
	reportID := str(rep.Data, "submitReport", "id")
	if r := e.do(school, `query($id: ID!) { node(id: $id) { ... on Report { status case { id } } } }`, map[string]any{"id": reportID}); r.code() == "" && str(r.Data, "node", "case", "id") != "" {
		t.Errorf("the school sees the case: %v", r.Data)
	}
	caseID := str(step(t, e, "the service finds the case", ssd, `query($id: ID!) { node(id: $id) { ... on Report { case { id } } } }`,
		map[string]any{"id": reportID}).Data, "node", "case", "id")
	fam := step(t, e, "family", ssd, `mutation($c: ID!) { createFamily(input: {communityID: $c, name: "Сценарій"}) { id } }`, map[string]any{"c": c})
	w.familyID = str(fam.Data, "createFamily", "id")
	child := step(t, e, "child", ssd, `mutation($c: ID!, $f: ID!) { createPerson(input: {communityID: $c, familyID: $f, kind: CHILD,
		firstName: "Дитина", lastName: "Сценарій", birthDate: "2015-04-01"}) { id } }`, map[string]any{"c": c, "f": w.familyID})
	step(t, e, "link", ssd, `mutation($id: ID!, $f: ID!, $k: ID!) { updateCase(id: $id, input: {familyID: $f, addChildIDs: [$k]}) { id } }`,
		map[string]any{"id": caseID, "f": w.familyID, "k": str(child.Data, "createPerson", "id")})
	w.caseID = caseID

	sa := step(t, e, "safety assessment", ssd, `mutation($id: ID!, $at: Time!) { recordSafetyAssessment(input: {caseID: $id, conductedAt: $at,
		participants: ["СССД", "фахівець із соціальної роботи"], result: DANGER_PRESENT}) { onTime } }`, map[string]any{"id": caseID, "at": ago(time.Hour)})
	if sa.Data["recordSafetyAssessment"].(map[string]any)["onTime"] != true {
		t.Errorf("the safety assessment was in time: %v", sa.Data)
	}
	vw := step(t, e, "provider org", w.provider, `{ viewer { memberships { organization { id } } } }`, nil)
	w.orgID = str(vw.Data["viewer"].(map[string]any)["memberships"].([]any)[0].(map[string]any), "organization", "id")
	// The referral is dated like the other steps (true dates: the timeline
	// orders steps by when they happened, not when they were entered).
	w.consent(t)
	ref := step(t, e, "referral", ssd, `mutation($id: ID!, $o: ID!, $at: Time) { sendReferral(input: {caseID: $id, toOrganizationID: $o,
		reason: "оцінити потреби сім'ї", sentAt: $at}) { id } }`, map[string]any{"id": caseID, "o": w.orgID, "at": ago(50 * time.Minute)})
	step(t, e, "referral accepted", w.provider, `mutation($id: ID!, $at: Time) { acceptReferral(id: $id, answeredAt: $at) { status } }`,
		map[string]any{"id": str(ref.Data, "sendReferral", "id"), "at": ago(45 * time.Minute)})

	side := func(d string) map[string]any {
		return map[string]any{"domain": d, "rating": "SOME_CONCERN", "narrative": "…"}
	}
	na := step(t, e, "needs assessment", w.provider, `mutation($id: ID!, $p: ID!, $at: Time!, $d: [DomainRatingInput!]!) { recordNeedsAssessment(input: {
		caseID: $id, providerID: $p, kind: INITIAL, conductedAt: $at, actFiledAt: $at, strengths: "бабуся поруч", conclusion: "потрібен супровід",
		actNumber: "А-1", domains: $d}) { onTime case { status } } }`, map[string]any{"id": caseID, "p": w.orgID, "at": ago(30 * time.Minute),
		"d": []any{side("CHILD_DEVELOPMENT"), side("PARENTING_CAPACITY"), side("FAMILY_ENVIRONMENT")}})
	if str(na.Data, "recordNeedsAssessment", "case", "status") != "AWAITING_DECISION" {
		t.Fatalf("after the needs assessment: %v", na.Data)
	}
	dec := step(t, e, "decision", uszn, `mutation($id: ID!, $p: ID!, $at: Time!) { recordDecision(input: {caseID: $id, body: SOCIAL_PROTECTION,
		kind: PROVIDE_SERVICES, number: "101", decidedAt: $at, legalBasis: "ст. 21 Закону «Про соціальні послуги»", providerID: $p}) { onTime case { status } } }`,
		map[string]any{"id": caseID, "p": w.orgID, "at": ago(20 * time.Minute)})
	if str(dec.Data, "recordDecision", "case", "status") != "OPEN" || dec.Data["recordDecision"].(map[string]any)["onTime"] != true {
		t.Fatalf("after the decision: %v", dec.Data)
	}
	plan := step(t, e, "plan", w.provider, dated(`mutation($id: ID!, $o: ID!) { savePlan(input: {caseID: $id, nextReviewAt: "{{review}}",
		goals: [{text: "дитина відвідує школу", actions: [{text: "супровід до школи", responsibleOrganizationID: $o, due: "{{due}}"}]}]}) { id goals { key } } }`),
		map[string]any{"id": caseID, "o": w.orgID})
	planID := str(plan.Data, "savePlan", "id")
	key := str(plan.Data["savePlan"].(map[string]any)["goals"].([]any)[0].(map[string]any), "key")
	step(t, e, "agreement", w.provider, `mutation($id: ID!, $at: Time!) { agreePlan(id: $id, agreedAt: $at, document: "угода № 1") { id } }`,
		map[string]any{"id": planID, "at": ago(10 * time.Minute)})
	st := step(t, e, "classifier", w.provider, `{ serviceTypes(first: 1) { edges { node { id } } } }`, nil)
	svc := step(t, e, "service", w.provider, `mutation($id: ID!, $o: ID!, $s: ID!, $at: Time!) { startService(input: {caseID: $id, providerID: $o,
		serviceTypeID: $s, startedAt: $at}) { id } }`, map[string]any{"id": caseID, "o": w.orgID, "at": ago(9 * time.Minute),
		"s": str(st.Data["serviceTypes"].(map[string]any)["edges"].([]any)[0].(map[string]any), "node", "id")})
	svcID := str(svc.Data, "startService", "id")
	for _, kind := range []string{"HOME_VISIT", "PHONE_CALL"} {
		step(t, e, "visit", w.provider, `mutation($id: ID!, $s: ID!, $k: ActivityKind!, $at: Time!) { recordActivity(input: {caseID: $id, serviceID: $s,
			kind: $k, at: $at, durationMinutes: 45, notes: "…"}) { id } }`, map[string]any{"id": caseID, "s": svcID, "k": kind, "at": ago(8 * time.Minute)})
	}
	step(t, e, "review due", w.provider, `mutation($id: ID!) { transitionCase(input: {id: $id, to: UNDER_REVIEW}) { status } }`, map[string]any{"id": caseID})
	step(t, e, "review", w.provider, `mutation($id: ID!, $k: String!, $at: Time!) { reviewPlan(input: {planID: $id, reviewedAt: $at,
		outcomes: [{key: $k, outcome: ACHIEVED}], summary: "мета досягнута"}) { id } }`, map[string]any{"id": planID, "k": key, "at": ago(5 * time.Minute)})
	closeQ := `mutation($id: ID!) { transitionCase(input: {id: $id, to: CLOSED, outcome: "GOALS_ACHIEVED"}) { status closureOutcome } }`
	if r := e.do(w.provider, closeQ, map[string]any{"id": caseID}); r.code() != server.CodeConflict || r.Errors[0].Extensions["rule"] != "OPEN_WORK" {
		t.Errorf("closing with a service still running: %v", r.Errors)
	}
	step(t, e, "service ends", w.provider, `mutation($id: ID!, $at: Time!) { endService(input: {id: $id, status: COMPLETED, endedAt: $at}) { status } }`,
		map[string]any{"id": svcID, "at": ago(time.Minute)})
	closed := step(t, e, "closure", w.provider, closeQ, map[string]any{"id": caseID})
	if str(closed.Data, "transitionCase", "status") != "CLOSED" || str(closed.Data, "transitionCase", "closureOutcome") != "GOALS_ACHIEVED" {
		t.Fatalf("closure: %v", closed.Data)
	}
	// The school follows its report, not the case: the report is closed too.
	if r := step(t, e, "the school's report", school, `query($id: ID!) { node(id: $id) { ... on Report { status } } }`,
		map[string]any{"id": reportID}); str(r.Data, "node", "status") != "CLOSED" {
		t.Errorf("the report of a closed case: %v", r.Data)
	}
	tl := step(t, e, "timeline", ssd, `query($id: ID!) { node(id: $id) { ... on Case { events(first: 100, orderBy: {field: AT}) { edges { node { kind } } } } } }`,
		map[string]any{"id": caseID})
	var kinds []string
	for _, ed := range tl.Data["node"].(map[string]any)["events"].(map[string]any)["edges"].([]any) {
		kinds = append(kinds, str(ed.(map[string]any), "node", "kind"))
	}
	// A plan version takes no date: it is dated when it was saved, now, after
	// the steps this scenario dates minutes ago; it is on the timeline all the same.
	want := []string{"REPORT_REGISTERED", "SAFETY_ASSESSED", "REFERRAL_SENT", "REFERRAL_ACCEPTED", "NEEDS_ASSESSED", "DECIDED",
		"PLAN_AGREED", "SERVICE_STARTED", "ACTIVITY_RECORDED", "PLAN_REVIEWED", "SERVICE_ENDED"}
	if !inOrder(kinds, want) || !inOrder(kinds, []string{"PLAN_SAVED"}) {
		t.Errorf("timeline %v lacks, in order, %v (and PLAN_SAVED)", kinds, want)
	}
}

// inOrder: want is a subsequence of got.
func inOrder(got, want []string) bool {
	i := 0
	for _, g := range got {
		if i < len(want) && g == want[i] {
			i++
		}
	}
	return i == len(want)
}

// The immediate-threat path: violence reported by the police, the child is
// in immediate danger, urgent measures are taken with their legal basis,
// and the guardianship body decides the placement.
func TestScenarioImmediateThreat(t *testing.T) {
	e := newEnv(t, server.Config{})
	ssd := e.login(demo.VinnytsiaChildrenServiceEmail)
	gb := e.login(demo.VinnytsiaGuardianshipEmail)
	w := newWork(t, e)
	assess := `mutation($id: ID!, $at: Time!, $m: [UrgentMeasureInput!]) { recordSafetyAssessment(input: {caseID: $id, conductedAt: $at,
		policeInvolved: true, result: IMMEDIATE_THREAT, urgentMeasures: $m}) { id urgentMeasures { kind } } }`
	if r := e.do(ssd, assess, map[string]any{"id": w.caseID, "at": ago(time.Hour)}); r.code() != server.CodeBadUserInput || r.Errors[0].Extensions["rule"] != "URGENT_MEASURES_REQUIRED" {
		t.Errorf("an immediate threat without measures: %v", r.Errors)
	}
	step(t, e, "urgent measures", ssd, assess, map[string]any{"id": w.caseID, "at": ago(time.Hour), "m": []any{map[string]any{
		"kind": "REMOVAL", "legalBasis": "ст. 170 Сімейного кодексу України", "placement": "центр соціально-психологічної реабілітації дітей",
		"children": []string{w.childID}}}})
	d := step(t, e, "placement", gb, `mutation($id: ID!, $at: Time!, $child: ID!) { recordDecision(input: {caseID: $id, body: GUARDIANSHIP_BODY, kind: PLACEMENT,
		number: "12-р", decidedAt: $at, legalBasis: "ПКМУ № 866", placements: [{childID: $child, form: FOSTER_FAMILY, address: "прийомна сім'я"}]}) { kind } }`,
		map[string]any{"id": w.caseID, "at": ago(30 * time.Minute), "child": w.childID})
	if str(d.Data, "recordDecision", "kind") != "PLACEMENT" {
		t.Errorf("placement: %v", d.Data)
	}
	uszn := e.login(demo.VinnytsiaSocialProtectionEmail)
	// Services may be refused as early as the needs assessment: not here.
	step(t, e, "on", ssd, `mutation($id: ID!, $to: CaseStatus!) { transitionCase(input: {id: $id, to: $to}) { status } }`, map[string]any{"id": w.caseID, "to": "ASSESSING_NEEDS"})
	if r := e.do(uszn, `mutation($id: ID!, $at: Time!) { recordDecision(input: {caseID: $id, body: SOCIAL_PROTECTION, kind: REFUSE_SERVICES,
		number: "9", decidedAt: $at, legalBasis: "—", reason: "відмова"}) { id } }`, map[string]any{"id": w.caseID, "at": ago(time.Minute)}); r.code() != server.CodeConflict ||
		r.Errors[0].Extensions["rule"] != "REFUSAL_FORBIDDEN" {
		t.Errorf("refusing services after an immediate threat: %v", r.Errors)
	}
}
