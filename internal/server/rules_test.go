package server_test

import (
	"strings"
	"testing"
	"time"

	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/internal/server"
)

// submitted submits a report as token, received d ago, and returns its id and
// its case's id.
func submitted(t *testing.T, e *env, token string, d time.Duration, urgency string) (string, string) {
	t.Helper()
	r := step(t, e, "report", token, `mutation($c: ID!, $at: Time!, $u: ReportUrgency!) { submitReport(input: {communityID: $c, source: SCHOOL,
		summary: "…", receivedAt: $at, urgency: $u}) { id case { id } } }`, map[string]any{"c": fx[own].Community, "at": ago(d), "u": urgency})
	id := str(r.Data, "submitReport", "id")
	caseID := str(r.Data, "submitReport", "case", "id")
	if caseID == "" {
		// A partner does not see the case: the children's service finds it.
		ssd := e.login(demo.VinnytsiaChildrenServiceEmail)
		caseID = str(step(t, e, "case", ssd, `query($id: ID!) { node(id: $id) { ... on Report { case { id } } } }`,
			map[string]any{"id": id}).Data, "node", "case", "id")
	}
	return id, caseID
}

// refused checks an answer is the error with the code and, for
// BAD_USER_INPUT, the field or, for CONFLICT, the rule, and that its
// message is a sentence rather than a code.
func refused(t *testing.T, what string, r *gqlResponse, code, key, value string) {
	t.Helper()
	if r.code() != code || r.Errors[0].Extensions[key] != value {
		t.Errorf("%s: %v, want %s %s=%s", what, r.Errors, code, key, value)
		return
	}
	msg := r.Errors[0].Message
	if strings.Contains(msg, "procedure:") || strings.Contains(msg, value) && key == "rule" || !strings.HasSuffix(msg, ".") {
		t.Errorf("%s: message %q is not a sentence", what, msg)
	}
}

const (
	moveQ     = `mutation($id: ID!, $to: CaseStatus!, $o: String) { transitionCase(input: {id: $id, to: $to, outcome: $o}) { status } }`
	safetyQ   = `mutation($id: ID!, $at: Time!) { recordSafetyAssessment(input: {caseID: $id, conductedAt: $at, result: DANGER_PRESENT}) { onTime } }`
	decisionQ = `mutation($id: ID!, $at: Time!, $k: DecisionKind!) { recordDecision(input: {caseID: $id, body: SOCIAL_PROTECTION, kind: $k,
		number: "7-р", decidedAt: $at, legalBasis: "ст. 21 Закону України «Про соціальні послуги»", reason: "—"}) { onTime crisis case { status } } }`
)

func TestDatesInTheFutureAreRefused(t *testing.T) {
	e := newEnv(t, server.Config{})
	ssd := e.login(demo.VinnytsiaChildrenServiceEmail)
	tomorrow := later(24 * time.Hour)
	r := e.do(ssd, `mutation($c: ID!, $at: Time!) { submitReport(input: {communityID: $c, source: SCHOOL, summary: "…", receivedAt: $at}) { id } }`,
		map[string]any{"c": fx[own].Community, "at": tomorrow})
	refused(t, "a report received tomorrow", r, server.CodeBadUserInput, "field", "receivedAt")
	n := e.do(ssd, `query($c: ID!) { reports(where: {communityID: $c, receivedAtGT: "`+ago(-time.Hour)+`"}) { totalCount } }`, map[string]any{"c": fx[own].Community})
	if n.Data["reports"].(map[string]any)["totalCount"].(float64) != 0 {
		t.Errorf("a report dated in the future was written: %v", n.Data)
	}
	r = e.do(ssd, `mutation($c: ID!, $at: Date!) { createPerson(input: {communityID: $c, kind: CHILD, firstName: "Ще", lastName: "Ненароджена", birthDate: $at}) { id } }`,
		map[string]any{"c": fx[own].Community, "at": dayOf(clock.Now().In(procedure.Kyiv()).AddDate(0, 0, 1))})
	refused(t, "a child born tomorrow", r, server.CodeBadUserInput, "field", "birthDate")
}

func TestStepsCannotPrecedeTheReport(t *testing.T) {
	e := newEnv(t, server.Config{})
	ssd := e.login(demo.VinnytsiaChildrenServiceEmail)
	uszn := e.login(demo.VinnytsiaSocialProtectionEmail)
	_, caseID := submitted(t, e, ssd, 3*time.Hour, "ROUTINE")
	refused(t, "a safety assessment before the report", e.do(ssd, safetyQ, map[string]any{"id": caseID, "at": ago(4 * time.Hour)}),
		server.CodeBadUserInput, "field", "conductedAt")
	refused(t, "a safety assessment tomorrow", e.do(ssd, safetyQ, map[string]any{"id": caseID, "at": ago(-24 * time.Hour)}),
		server.CodeBadUserInput, "field", "conductedAt")
	step(t, e, "safety assessment", ssd, safetyQ, map[string]any{"id": caseID, "at": ago(2 * time.Hour)})
	refused(t, "a decision months before the case", e.do(uszn, decisionQ, map[string]any{"id": caseID, "at": ago(90 * 24 * time.Hour), "k": "REFUSE_SERVICES"}),
		server.CodeBadUserInput, "field", "decidedAt")
	w := newWork(t, e)
	refused(t, "a visit before the report", e.do(w.ssd, `mutation($id: ID!, $at: Time!) { recordActivity(input: {caseID: $id, kind: HOME_VISIT,
		at: $at, durationMinutes: 30}) { id } }`, map[string]any{"id": w.caseID, "at": ago(96 * time.Hour)}), server.CodeBadUserInput, "field", "at")
}

func TestTransitionsNeedTheirSteps(t *testing.T) {
	e := newEnv(t, server.Config{})
	ssd := e.login(demo.VinnytsiaChildrenServiceEmail)
	_, caseID := submitted(t, e, ssd, 3*time.Hour, "ROUTINE")
	step(t, e, "assessing", ssd, moveQ, map[string]any{"id": caseID, "to": "ASSESSING_SAFETY"})
	refused(t, "closed with no safety assessment", e.do(ssd, moveQ, map[string]any{"id": caseID, "to": "CLOSED", "o": "OTHER"}),
		server.CodeConflict, "rule", "SAFETY_ASSESSMENT_REQUIRED")
	refused(t, "needs with no safety assessment", e.do(ssd, moveQ, map[string]any{"id": caseID, "to": "ASSESSING_NEEDS"}),
		server.CodeConflict, "rule", "SAFETY_ASSESSMENT_REQUIRED")
	step(t, e, "safety assessment", ssd, safetyQ, map[string]any{"id": caseID, "at": ago(time.Hour)})
	step(t, e, "needs", ssd, moveQ, map[string]any{"id": caseID, "to": "ASSESSING_NEEDS"})
	refused(t, "the decision with no needs assessment", e.do(ssd, moveQ, map[string]any{"id": caseID, "to": "AWAITING_DECISION"}),
		server.CodeConflict, "rule", "NEEDS_ASSESSMENT_REQUIRED")
	refused(t, "refused with no refusal", e.do(ssd, moveQ, map[string]any{"id": caseID, "to": "REFUSED"}),
		server.CodeConflict, "rule", "DECISION_REQUIRED")
	// An early transfer stays open, but only to someone named who takes the
	// case over: a bare TRANSFERRED leaves the family with no one.
	refused(t, "a bare early transfer", e.do(ssd, moveQ, map[string]any{"id": caseID, "to": "TRANSFERRED"}),
		server.CodeConflict, "rule", "TRANSFER_REQUIRED")
	_, other := submitted(t, e, ssd, time.Hour, "ROUTINE")
	refused(t, "a report transferred at once, to no one", e.do(ssd, moveQ, map[string]any{"id": other, "to": "TRANSFERRED"}),
		server.CodeConflict, "rule", "TRANSFER_REQUIRED")
	// The family turned out to live elsewhere: the report goes there at once.
	step(t, e, "a report sent to its community at once", ssd, `mutation($id: ID!, $to: ID!) { requestCaseTransfer(input: {caseID: $id,
		toCommunityID: $to, reason: "сім'я проживає в іншій громаді", overrideReason: "ст. 12 ЗУ «Про охорону дитинства»"}) { id } }`,
		map[string]any{"id": other, "to": string(fx[otherRegion].Community)})
	uszn := e.login(demo.VinnytsiaSocialProtectionEmail)
	_, third := submitted(t, e, ssd, time.Hour, "ROUTINE")
	refused(t, "services decided before any assessment", e.do(uszn, decisionQ, map[string]any{"id": third, "at": ago(time.Minute), "k": "PROVIDE_SERVICES"}),
		server.CodeConflict, "rule", "SAFETY_ASSESSMENT_REQUIRED")
}

func TestReportStatusFollowsTheCase(t *testing.T) {
	e := newEnv(t, server.Config{})
	school := e.login(demo.VinnytsiaPartnerReporterEmail)
	ssd := e.login(demo.VinnytsiaChildrenServiceEmail)
	id, caseID := submitted(t, e, school, 2*time.Hour, "ROUTINE")
	status := func() string {
		return str(step(t, e, "the school's report", school, `query($id: ID!) { node(id: $id) { ... on Report { status } } }`,
			map[string]any{"id": id}).Data, "node", "status")
	}
	if s := status(); s != "REGISTERED" {
		t.Errorf("a new report is %s", s)
	}
	step(t, e, "safety assessment", ssd, safetyQ, map[string]any{"id": caseID, "at": ago(time.Hour)})
	if s := status(); s != "IN_ASSESSMENT" {
		t.Errorf("a report under assessment is %s", s)
	}
	step(t, e, "closed as safe", ssd, moveQ, map[string]any{"id": caseID, "to": "CLOSED", "o": "OTHER"})
	if s := status(); s != "CLOSED" {
		t.Errorf("the report of a closed case is %s", s)
	}
	// No input sets a report's status: a correction has no such field.
	if r := e.do(ssd, `mutation($id: ID!) { correctReport(input: {reportID: $id, reason: "r", status: REGISTERED}) { id } }`,
		map[string]any{"id": id}); len(r.Errors) == 0 || status() != "CLOSED" {
		t.Errorf("setting a report's status by hand: %+v, now %s", r.Errors, status())
	}
}

func TestCrisisAndAccompanimentDeadlines(t *testing.T) {
	e := newEnv(t, server.Config{})
	ssd := e.login(demo.VinnytsiaChildrenServiceEmail)
	_, crisis := submitted(t, e, ssd, time.Hour, "IMMEDIATE")
	dl := `query($c: ID!) { deadlines(communityID: $c) { case { id } kind due } }`
	kinds := func(caseID string) map[string]string {
		r := step(t, e, "deadlines", ssd, dl, map[string]any{"c": fx[own].Community})
		out := map[string]string{}
		for _, d := range r.Data["deadlines"].([]any) {
			d := d.(map[string]any)
			if str(d, "case", "id") == caseID {
				out[d["kind"].(string)] = d["due"].(string)
			}
		}
		return out
	}
	got := kinds(crisis)
	if _, ok := got["DECISION_CRISIS"]; !ok || got["DECISION"] != "" {
		t.Errorf("an immediate report's deadlines: %v", got)
	}
	if due, _ := time.Parse(time.RFC3339, got["DECISION_CRISIS"]); clock.Until(due) > 5*24*time.Hour {
		t.Errorf("the crisis decision is due %v", due)
	}
	c := step(t, e, "case", ssd, `query($id: ID!) { node(id: $id) { ... on Case { crisis deadlines { kind } accompanimentEndsAt } } }`, map[string]any{"id": crisis})
	if c.Data["node"].(map[string]any)["crisis"] != true || !contains(c.String(), "DECISION_CRISIS") {
		t.Errorf("the case of an immediate report: %v", c.Data)
	}

	// An immediate threat found by the assessment makes a routine report a crisis.
	_, threat := submitted(t, e, ssd, time.Hour, "ROUTINE")
	step(t, e, "immediate threat", ssd, `mutation($id: ID!, $at: Time!, $children: [ID!]) { recordSafetyAssessment(input: {caseID: $id, conductedAt: $at,
		result: IMMEDIATE_THREAT, urgentMeasures: [{kind: REMOVAL, legalBasis: "ст. 170 Сімейного кодексу України", children: $children}]}) { id } }`,
		map[string]any{"id": threat, "at": ago(time.Minute), "children": withChild(t, e, ssd, threat)})
	if got := kinds(threat); got["DECISION_CRISIS"] == "" || got["DECISION"] != "" {
		t.Errorf("an immediate threat's deadlines: %v", got)
	}

	// Under accompaniment: the notice to the applicant and the end of the
	// accompaniment, on the case and in the list.
	w := newWork(t, e)
	w.refer(t)
	step(t, e, "safety", w.ssd, safetyQ, map[string]any{"id": w.caseID, "at": ago(2 * time.Hour)})
	side := func(d string) map[string]any {
		return map[string]any{"domain": d, "rating": "SOME_CONCERN", "narrative": "…"}
	}
	step(t, e, "needs", w.provider, `mutation($id: ID!, $p: ID!, $at: Time!, $d: [DomainRatingInput!]!) { recordNeedsAssessment(input: {caseID: $id,
		providerID: $p, kind: INITIAL, conductedAt: $at, actFiledAt: $at, strengths: "s", conclusion: "c", actNumber: "5", domains: $d}) { id } }`,
		map[string]any{"id": w.caseID, "p": w.orgID, "at": ago(time.Hour), "d": []any{side("CHILD_DEVELOPMENT"), side("PARENTING_CAPACITY"), side("FAMILY_ENVIRONMENT")}})
	uszn := e.login(demo.VinnytsiaSocialProtectionEmail)
	decidedAt := ago(30 * time.Minute)
	d := step(t, e, "decision", uszn, decisionQ, map[string]any{"id": w.caseID, "at": decidedAt, "k": "PROVIDE_SERVICES"})
	if str(d.Data, "recordDecision", "case", "status") != "OPEN" {
		t.Fatalf("decision: %v", d.Data)
	}
	again := e.do(uszn, decisionQ, map[string]any{"id": w.caseID, "at": ago(time.Minute), "k": "PROVIDE_SERVICES"})
	refused(t, "a second decision on services", again, server.CodeConflict, "rule", "DECISION_ALREADY_MADE")
	if len(again.Errors) > 0 && (strings.Contains(again.Errors[0].Message, "OPEN to OPEN") || !strings.Contains(again.Errors[0].Message, "already")) {
		t.Errorf("a second decision: %q", again.Errors[0].Message)
	}
	got = kinds(w.caseID)
	if got["ACCOMPANIMENT"] == "" || got["DECISION_NOTICE"] == "" || len(got) != 2 {
		t.Errorf("an open case's deadlines: %v", got)
	}
	oc := step(t, e, "open case", uszn, `query($id: ID!) { node(id: $id) { ... on Case { accompanimentEndsAt } } }`, map[string]any{"id": w.caseID})
	ends, _ := time.Parse(time.RFC3339, str(oc.Data, "node", "accompanimentEndsAt"))
	decided, _ := time.Parse(time.RFC3339, decidedAt)
	if want := decided.AddDate(0, 6, 0); ends.Before(want.Add(-48*time.Hour)) || ends.After(want.Add(48*time.Hour)) || got["ACCOMPANIMENT"] != str(oc.Data, "node", "accompanimentEndsAt") {
		t.Errorf("accompaniment ends %v (listed %v), decided %v", ends, got["ACCOMPANIMENT"], decided)
	}
	gb := e.login(demo.VinnytsiaGuardianshipEmail)
	step(t, e, "extension", gb, `mutation($id: ID!, $at: Time!) { recordDecision(input: {caseID: $id, body: GUARDIANSHIP_BODY, kind: EXTEND_ACCOMPANIMENT,
		number: "8-р", decidedAt: $at, legalBasis: "рішення комісії"}) { id } }`, map[string]any{"id": w.caseID, "at": ago(time.Minute)})
	oc = step(t, e, "extended case", uszn, `query($id: ID!) { node(id: $id) { ... on Case { accompanimentEndsAt } } }`, map[string]any{"id": w.caseID})
	if extended, _ := time.Parse(time.RFC3339, str(oc.Data, "node", "accompanimentEndsAt")); extended.Sub(ends) < 80*24*time.Hour {
		t.Errorf("an extension moved the end from %v to %v", ends, extended)
	}
}

func TestErrorsReadAsSentences(t *testing.T) {
	e := newEnv(t, server.Config{})
	ssd := e.login(demo.VinnytsiaChildrenServiceEmail)
	_, caseID := submitted(t, e, ssd, time.Hour, "ROUTINE")
	r := e.do(ssd, `mutation($id: ID!, $at: Time!) { recordSafetyAssessment(input: {caseID: $id, conductedAt: $at, result: IMMEDIATE_THREAT}) { id } }`,
		map[string]any{"id": caseID, "at": ago(time.Minute)})
	refused(t, "an immediate threat without measures", r, server.CodeBadUserInput, "rule", "URGENT_MEASURES_REQUIRED")
	step(t, e, "assessing", ssd, moveQ, map[string]any{"id": caseID, "to": "ASSESSING_SAFETY"})
	step(t, e, "assessed", ssd, safetyQ, map[string]any{"id": caseID, "at": ago(time.Minute)})
	refused(t, "closing without an outcome", e.do(ssd, moveQ, map[string]any{"id": caseID, "to": "CLOSED"}), server.CodeBadUserInput, "rule", "OUTCOME_REQUIRED")
	uszn := e.login(demo.VinnytsiaSocialProtectionEmail)
	empty := e.do(uszn, `mutation($id: ID!, $at: Time!) { recordDecision(input: {caseID: $id, body: SOCIAL_PROTECTION, kind: PROVIDE_SERVICES,
		number: " ", decidedAt: $at, legalBasis: "ст. 21"}) { id } }`, map[string]any{"id": caseID, "at": ago(time.Minute)})
	refused(t, "a decision without a number", empty, server.CodeBadUserInput, "field", "number")
	if len(empty.Errors) > 0 && empty.Errors[0].Message != "The field number must not be empty." {
		t.Errorf("a decision without a number: %q", empty.Errors[0].Message)
	}
	if r := e.do(ssd, decisionQ, map[string]any{"id": caseID, "at": ago(time.Minute), "k": "PROVIDE_SERVICES"}); r.code() != server.CodeForbidden ||
		r.Errors[0].Message != "Your role does not allow this." {
		t.Errorf("the children's service deciding on services: %v", r.Errors)
	}
	skip := e.do(ssd, moveQ, map[string]any{"id": caseID, "to": "OPEN"})
	if skip.code() != server.CodeConflict || skip.Errors[0].Extensions["allowed"] == nil || strings.Contains(skip.Errors[0].Message, "procedure:") ||
		!strings.Contains(skip.Errors[0].Message, "may move to") {
		t.Errorf("a move the procedure does not allow: %v", skip.Errors)
	}
}

func TestNewerPlanVersionSupersedesOlder(t *testing.T) {
	e := newEnv(t, server.Config{})
	w, specialist := specialistWork(t, e)
	save := dated(`mutation($id: ID!, $o: ID!, $g: String!) { savePlan(input: {caseID: $id, nextReviewAt: "{{review}}",
		goals: [{text: $g, actions: [{text: "A", responsibleOrganizationID: $o, due: "{{due}}"}]}]}) { id version current } }`)
	v1 := str(step(t, e, "v1", specialist, save, map[string]any{"id": w.caseID, "o": w.orgID, "g": "перша"}).Data, "savePlan", "id")
	v2r := step(t, e, "v2", specialist, save, map[string]any{"id": w.caseID, "o": w.orgID, "g": "друга"})
	v2 := str(v2r.Data, "savePlan", "id")
	if v2r.Data["savePlan"].(map[string]any)["current"] != false {
		t.Errorf("a version waiting for approval is current: %v", v2r.Data)
	}
	approvals := func(subject string) (string, string) {
		r := step(t, e, "approvals", w.provider, `query($s: ID!) { approvals(where: {subjectID: $s}) { edges { node { id status } } } }`, map[string]any{"s": subject})
		edges := r.Data["approvals"].(map[string]any)["edges"].([]any)
		if len(edges) != 1 {
			t.Fatalf("approvals of %s: %v", subject, r.Data)
		}
		return str(edges[0].(map[string]any), "node", "id"), str(edges[0].(map[string]any), "node", "status")
	}
	a1, s1 := approvals(v1)
	a2, s2 := approvals(v2)
	if s1 == "PENDING" || s2 != "PENDING" {
		t.Errorf("after version 2 was saved: version 1 %s, version 2 %s", s1, s2)
	}
	refused(t, "approving a superseded version", e.do(w.provider, `mutation($id: ID!) { approve(id: $id) { status } }`, map[string]any{"id": a1}),
		server.CodeConflict, "rule", "PLAN_SUPERSEDED")
	step(t, e, "approve v2", w.provider, `mutation($id: ID!) { approve(id: $id) { status } }`, map[string]any{"id": a2})
	agree := `mutation($id: ID!, $at: Time!) { agreePlan(id: $id, agreedAt: $at, document: "угода") { id } }`
	refused(t, "agreeing a superseded version", e.do(specialist, agree, map[string]any{"id": v1, "at": ago(time.Minute)}),
		server.CodeConflict, "rule", "PLAN_SUPERSEDED")
	step(t, e, "agree v2", specialist, agree, map[string]any{"id": v2, "at": ago(time.Minute)})
	c := step(t, e, "current", w.provider, `query($id: ID!) { node(id: $id) { ... on Case { currentPlan { id version } plans { id current } } } }`, map[string]any{"id": w.caseID})
	if str(c.Data, "node", "currentPlan", "id") != v2 {
		t.Errorf("current plan: %v", c.Data)
	}
	for _, p := range c.Data["node"].(map[string]any)["plans"].([]any) {
		p := p.(map[string]any)
		if p["current"] != (p["id"] == v2) {
			t.Errorf("plan %v", p)
		}
	}
}

// withChild makes the fixture's child a child of the case, and names it,
// for the steps that concern a child by name (urgent measures, placements).
func withChild(t *testing.T, e *env, token, caseID string) []string {
	t.Helper()
	step(t, e, "child", token, `mutation($id: ID!, $p: ID!) { updateCase(id: $id, input: {addChildIDs: [$p]}) { id } }`,
		map[string]any{"id": caseID, "p": fx[own].Person})
	return []string{string(fx[own].Person)}
}

// A plan written from a draft names the version it started from: once
// someone else has saved a version since, it is refused (CONFLICT,
// RECORD_CHANGED) instead of going over a version its author has not seen.
func TestPlanDraftFromAnOlderVersionIsAConflict(t *testing.T) {
	e := newEnv(t, server.Config{})
	w, specialist := specialistWork(t, e)
	save := dated(`mutation($id: ID!, $o: ID!, $g: String!, $b: Int) { savePlan(input: {caseID: $id, nextReviewAt: "{{review}}", basedOnVersion: $b,
		goals: [{text: $g, actions: [{text: "A", responsibleOrganizationID: $o, due: "{{due}}"}]}]}) { id version } }`)
	vars := func(goal string, base any) map[string]any {
		return map[string]any{"id": w.caseID, "o": w.orgID, "g": goal, "b": base}
	}
	refused(t, "a draft of a second version where there is none", e.do(specialist, save, vars("друга", 1)), server.CodeConflict, "rule", "RECORD_CHANGED")
	if v := step(t, e, "v1 from none", specialist, save, vars("перша", 0)).Data["savePlan"].(map[string]any)["version"]; v != float64(1) {
		t.Errorf("the first version: %v", v)
	}
	step(t, e, "v2 from v1", specialist, save, vars("колеги", 1))
	refused(t, "a draft started from version 1", e.do(specialist, save, vars("моя", 1)), server.CodeConflict, "rule", "RECORD_CHANGED")
	if v := step(t, e, "v3 from v2", specialist, save, vars("моя", 2)).Data["savePlan"].(map[string]any)["version"]; v != float64(3) {
		t.Errorf("the version kept after the conflict: %v", v)
	}
	if v := step(t, e, "without a base", specialist, save, vars("без", nil)).Data["savePlan"].(map[string]any)["version"]; v != float64(4) {
		t.Errorf("a version with no base follows the newest: %v", v)
	}
}
