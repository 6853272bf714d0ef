package server_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/turbota/turbota/clock"
	"github.com/turbota/turbota/demo"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/server"
)

func TestReportOpensACaseThatFollowsTheProcedure(t *testing.T) {
	e := newEnv(t, server.Config{})
	school := e.login(demo.VinnytsiaPartnerReporterEmail)
	// A school reads no one's record, so it names no child by ID: it says
	// who in the summary, and the children's service links the child.
	r := e.do(school, `mutation($c: ID!) { submitReport(input: {communityID: $c, source: SCHOOL, urgency: URGENT,
		categories: [NEGLECT, PHYSICAL_VIOLENCE], summary: "Дитина приходить до школи з синцями"}) { id receivedAt case { id } } }`,
		map[string]any{"c": fx[own].Community})
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	report := r.Data["submitReport"].(map[string]any)
	if report["case"] != nil {
		t.Errorf("a partner reporter sees the case: %v", report["case"])
	}
	ssd := e.login(demo.VinnytsiaChildrenServiceEmail)
	q := e.do(ssd, `query($id: ID!) { node(id: $id) { ... on Report { categories case { id status safetyAssessmentDue allowedTransitions children { id } } } } }`,
		map[string]any{"id": report["id"]})
	cs, _ := q.Data["node"].(map[string]any)["case"].(map[string]any)
	if cs == nil {
		t.Fatalf("the children's service does not see the case: %v", q.Errors)
	}
	received, _ := time.Parse(time.RFC3339, report["receivedAt"].(string))
	due, _ := time.Parse(time.RFC3339, cs["safetyAssessmentDue"].(string))
	if d := due.Sub(received) - 24*time.Hour; d < -time.Millisecond || d > time.Millisecond {
		t.Errorf("safety assessment due 24h%+v after the report", d)
	}
	if cs["status"] != "REPORTED" || len(cs["children"].([]any)) != 0 {
		t.Errorf("new case: %v", cs)
	}
	link := e.do(ssd, `mutation($id: ID!, $k: [ID!]) { updateCase(id: $id, input: {addChildIDs: $k}) { children { id } } }`,
		map[string]any{"id": cs["id"], "k": []any{fx[own].Person}})
	if kids, _ := link.Data["updateCase"].(map[string]any)["children"].([]any); len(kids) != 1 {
		t.Errorf("linking the child: %v %v", link.Data, link.Errors)
	}
	move := `mutation($id: ID!, $to: CaseStatus!, $o: String) { transitionCase(input: {id: $id, to: $to, note: "виїзд", outcome: $o}) { status closureOutcome } }`
	if m := e.do(ssd, move, map[string]any{"id": cs["id"], "to": "ASSESSING_SAFETY"}); len(m.Errors) > 0 {
		t.Fatal(m.Errors)
	}
	allowed := func() string {
		r := e.do(ssd, `query($id: ID!) { node(id: $id) { ... on Case { allowedTransitions } } }`, map[string]any{"id": cs["id"]})
		return fmt.Sprint(r.Data["node"])
	}
	if got := allowed(); contains(got, "CLOSED") || contains(got, "ASSESSING_NEEDS") {
		t.Errorf("moves offered before the safety assessment: %s", got)
	}
	if r := e.do(ssd, move, map[string]any{"id": cs["id"], "to": "CLOSED", "o": "OTHER"}); r.code() != server.CodeConflict ||
		r.Errors[0].Extensions["rule"] != "SAFETY_ASSESSMENT_REQUIRED" {
		t.Errorf("closing as safe with no safety assessment: %v", r.Errors)
	}
	if r := e.do(ssd, `mutation($id: ID!, $at: Time!) { recordSafetyAssessment(input: {caseID: $id, conductedAt: $at, result: SAFE}) { id } }`,
		map[string]any{"id": cs["id"], "at": ago(0)}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	if got := allowed(); !contains(got, "CLOSED") {
		t.Errorf("closing as safe not offered after the safety assessment: %s", got)
	}
	if r := e.do(ssd, move, map[string]any{"id": cs["id"], "to": "CLOSED"}); r.code() != server.CodeBadUserInput || r.Errors[0].Extensions["rule"] != "OUTCOME_REQUIRED" {
		t.Errorf("closing without an outcome: %v", r.Errors)
	}
	if done := e.do(ssd, move, map[string]any{"id": cs["id"], "to": "CLOSED", "o": "OTHER"}); len(done.Errors) > 0 {
		t.Fatalf("a safe child's case closes after the safety assessment: %v", done.Errors)
	}
	skip := e.do(ssd, move, map[string]any{"id": cs["id"], "to": "OPEN"})
	if skip.code() != server.CodeConflict || skip.Errors[0].Extensions["allowed"] == nil {
		t.Errorf("skipping the procedure: %v", skip.Errors)
	}
	tl := e.do(ssd, `query($id: ID!) { node(id: $id) { ... on Case { events(orderBy: {field: AT}) { edges { node { kind fromStatus toStatus note } } } } } }`,
		map[string]any{"id": cs["id"]})
	edges := tl.Data["node"].(map[string]any)["events"].(map[string]any)["edges"].([]any)
	if len(edges) != 4 || str(edges[0].(map[string]any), "node", "kind") != "REPORT_REGISTERED" ||
		str(edges[1].(map[string]any), "node", "toStatus") != "ASSESSING_SAFETY" || str(edges[2].(map[string]any), "node", "kind") != "SAFETY_ASSESSED" ||
		str(edges[3].(map[string]any), "node", "toStatus") != "CLOSED" {
		t.Errorf("timeline: %v %v", edges, tl.Errors)
	}
}

func TestSafetyAssessmentFollowsTheRules(t *testing.T) {
	e := newEnv(t, server.Config{})
	ssd := e.login(demo.VinnytsiaChildrenServiceEmail)
	// A case of its own about the fixture's child, opened three hours ago:
	// the assessment comes in time.
	opened := step(t, e, "report", ssd, `mutation($c: ID!, $k: ID!, $at: Time!) { submitReport(input: {communityID: $c, source: SCHOOL,
		summary: "…", childIDs: [$k], receivedAt: $at}) { case { id } } }`, map[string]any{"c": fx[own].Community, "k": fx[own].Person, "at": ago(3 * time.Hour)})
	caseID := str(opened.Data, "submitReport", "case", "id")
	rec := `mutation($id: ID!, $at: Time!, $m: [UrgentMeasureInput!]) { recordSafetyAssessment(input: {caseID: $id, conductedAt: $at,
		result: IMMEDIATE_THREAT, policeInvolved: true, participants: ["ССД", "ювенальна превенція"], urgentMeasures: $m,
		findings: [{personID: "` + string(fx[own].Person) + `", finding: "сліди побоїв"}]}) { onTime result urgentMeasures { kind placement } case { status } } }`
	soon := ago(time.Hour)
	for _, tc := range []struct {
		name     string
		measures []any
		rule     string
	}{
		{"no urgent measures", nil, "URGENT_MEASURES_REQUIRED"},
		{"no legal basis", []any{map[string]any{"kind": "REMOVAL", "legalBasis": " "}}, "LEGAL_BASIS_REQUIRED"},
	} {
		r := e.do(ssd, rec, map[string]any{"id": caseID, "at": soon, "m": tc.measures})
		if r.code() != server.CodeBadUserInput || r.Errors[0].Extensions["rule"] != tc.rule {
			t.Errorf("%s: %v", tc.name, r.Errors)
		}
	}
	ok := e.do(ssd, rec, map[string]any{"id": caseID, "at": soon, "m": []any{map[string]any{
		"kind": "REMOVAL", "legalBasis": "ст. 170 Сімейного кодексу України", "placement": "центр соціально-психологічної реабілітації дітей"}}})
	if len(ok.Errors) > 0 {
		t.Fatal(ok.Errors)
	}
	sa := ok.Data["recordSafetyAssessment"].(map[string]any)
	if sa["onTime"] != true || sa["case"].(map[string]any)["status"] != "ASSESSING_SAFETY" || len(sa["urgentMeasures"].([]any)) != 1 {
		t.Errorf("recorded: %v", sa)
	}
	safe := `mutation($id: ID!, $at: Time!) { recordSafetyAssessment(input: {caseID: $id, conductedAt: $at, result: SAFE}) { onTime } }`
	future := later(time.Hour)
	if r := e.do(ssd, safe, map[string]any{"id": caseID, "at": future}); r.code() != server.CodeBadUserInput || r.Errors[0].Extensions["field"] != "conductedAt" {
		t.Errorf("an assessment in the future: %v", r.Errors)
	}
	old := e.do(ssd, `mutation($c: ID!, $at: Time!) { submitReport(input: {communityID: $c, source: HOTLINE, summary: "давнє", receivedAt: $at}) { case { id } } }`,
		map[string]any{"c": fx[own].Community, "at": ago(72 * time.Hour)})
	lateCase := str(old.Data, "submitReport", "case", "id")
	r := e.do(ssd, safe, map[string]any{"id": lateCase, "at": ago(0)})
	if r.Data["recordSafetyAssessment"] == nil || r.Data["recordSafetyAssessment"].(map[string]any)["onTime"] != false {
		t.Errorf("an assessment two days after the deadline counted as on time: %v %v", r.Data, r.Errors)
	}
}

func TestDeadlinesNameTheLawAndShowWhatIsOverdue(t *testing.T) {
	e := newEnv(t, server.Config{})
	ssd := e.login(demo.VinnytsiaChildrenServiceEmail)
	q := `query($c: ID!, $s: [DueStatus!]) { deadlines(communityID: $c, statuses: $s) { case { id } kind due status label { uk en } legalBasis legalBasisText { uk en } } }`
	over := e.do(ssd, q, map[string]any{"c": fx[own].Community, "s": []any{"OVERDUE"}})
	items, _ := over.Data["deadlines"].([]any)
	if len(items) == 0 {
		t.Fatalf("the demo community shows nothing overdue: %v", over.Errors)
	}
	for _, it := range items {
		d := it.(map[string]any)
		due, _ := time.Parse(time.RFC3339, d["due"].(string))
		if d["status"] != "OVERDUE" || !due.Before(clock.Now()) || d["legalBasis"] == "" || str(d, "label", "uk") == "" {
			t.Errorf("overdue item: %v", d)
		}
		// The English basis has no Ukrainian sentence (a cited act's title may stay in quotes).
		if en := str(d, "legalBasisText", "en"); en == "" || strings.ContainsAny(en, "ієїґ") {
			t.Errorf("the legal basis in English: %q", en)
		}
	}
	all := e.do(ssd, q, map[string]any{"c": fx[own].Community})
	kinds := func() []string {
		var out []string
		for _, it := range all.Data["deadlines"].([]any) {
			d := it.(map[string]any)
			if str(d, "case", "id") == string(fx[own].Case) {
				out = append(out, d["kind"].(string))
			}
		}
		return out
	}
	// The fixture case has both assessments filed: only the decision is due.
	if got := kinds(); len(got) != 1 || got[0] != "DECISION" {
		t.Errorf("deadlines of the fixture case: %v", got)
	}
}

func TestNeedsAssessmentCoversTheTriangleAndMovesTheCase(t *testing.T) {
	e := newEnv(t, server.Config{})
	ssd := e.login(demo.VinnytsiaChildrenServiceEmail)
	w := newWork(t, e)
	w.refer(t)
	provider, caseID := w.provider, w.caseID
	at := ago(time.Hour)
	rec := `mutation($id: ID!, $p: ID!, $at: Time!, $d: [DomainRatingInput!]!, $need: [ID!]) { recordNeedsAssessment(input: {caseID: $id,
		providerID: $p, kind: INITIAL, conductedAt: $at, actFiledAt: $at, strengths: "підтримка бабусі", conclusion: "потрібен супровід",
		actNumber: "12/3", domains: $d, neededServiceIDs: $need}) { onTime case { status } neededServices { nameUk } } }`
	side := func(d string) map[string]any {
		return map[string]any{"domain": d, "rating": "SOME_CONCERN", "narrative": "…"}
	}
	triangle := []any{side("CHILD_DEVELOPMENT"), side("PARENTING_CAPACITY"), side("FAMILY_ENVIRONMENT")}
	vars := map[string]any{"id": caseID, "p": w.orgID, "at": at, "d": triangle[:2]}
	if r := e.do(provider, rec, vars); r.code() != server.CodeBadUserInput || r.Errors[0].Extensions["field"] != "domains" {
		t.Errorf("two sides of the triangle: %v", r.Errors)
	}
	vars["d"] = triangle
	if r := e.do(provider, rec, vars); r.code() != server.CodeConflict {
		t.Errorf("needs assessed before the safety assessment: %v", r.Errors)
	}
	if r := e.do(ssd, `mutation($id: ID!, $at: Time!) { recordSafetyAssessment(input: {caseID: $id, conductedAt: $at, result: DANGER_PRESENT}) { id } }`,
		map[string]any{"id": caseID, "at": at}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	vars["need"] = []string{string(pulid.MustNew("ST"))}
	if r := e.do(provider, rec, vars); r.code() != server.CodeBadUserInput || r.Errors[0].Extensions["field"] != "neededServiceIDs" {
		t.Errorf("a needed service outside the classifier: %v", r.Errors)
	}
	var dayCare string
	if err := e.db.QueryRow(`SELECT id FROM service_types WHERE name_uk = 'Денний догляд'`).Scan(&dayCare); err != nil {
		t.Fatal(err)
	}
	vars["need"] = []string{dayCare}
	r := e.do(provider, rec, vars)
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	na := r.Data["recordNeedsAssessment"].(map[string]any)
	if na["onTime"] != true || str(na, "case", "status") != "AWAITING_DECISION" || fmt.Sprint(na["neededServices"]) != "[map[nameUk:Денний догляд]]" {
		t.Errorf("filed act: %v", na)
	}
	if r := e.do(ssd, rec, vars); r.code() != server.CodeForbidden {
		t.Errorf("the children's service filing a provider's act: %v", r.Errors)
	}
}

func TestServicesDecisions(t *testing.T) {
	e := newEnv(t, server.Config{})
	ssd := e.login(demo.VinnytsiaChildrenServiceEmail)
	uszn := e.login(demo.VinnytsiaSocialProtectionEmail)
	at := ago(time.Hour)
	// A case awaiting the decision: its safety and needs assessed.
	awaiting := func(category string) string {
		w := newWorkAbout(t, e, category)
		w.refer(t)
		step(t, e, "safety", ssd, safetyQ, map[string]any{"id": w.caseID, "at": ago(2 * time.Hour)})
		side := func(d string) map[string]any {
			return map[string]any{"domain": d, "rating": "SOME_CONCERN", "narrative": "…"}
		}
		r := step(t, e, "needs", w.provider, `mutation($id: ID!, $p: ID!, $at: Time!, $d: [DomainRatingInput!]!) { recordNeedsAssessment(input: {caseID: $id,
			providerID: $p, kind: INITIAL, conductedAt: $at, actFiledAt: $at, strengths: "s", conclusion: "c", actNumber: "5", domains: $d}) { case { status } } }`,
			map[string]any{"id": w.caseID, "p": w.orgID, "at": ago(time.Hour), "d": []any{side("CHILD_DEVELOPMENT"), side("PARENTING_CAPACITY"), side("FAMILY_ENVIRONMENT")}})
		if s := str(r.Data, "recordNeedsAssessment", "case", "status"); s != "AWAITING_DECISION" {
			t.Fatalf("the case is %s", s)
		}
		return w.caseID
	}
	decide := `mutation($id: ID!, $k: DecisionKind!, $r: String, $at: Time!) { recordDecision(input: {caseID: $id, body: SOCIAL_PROTECTION,
		kind: $k, number: "45-р", decidedAt: $at, legalBasis: "ст. 21 Закону України «Про соціальні послуги»", reason: $r}) { onTime case { status } } }`
	c1 := awaiting("POVERTY")
	if r := e.do(ssd, decide, map[string]any{"id": c1, "k": "PROVIDE_SERVICES", "at": at}); r.code() != server.CodeForbidden {
		t.Errorf("the children's service deciding on services: %v", r.Errors)
	}
	if r := e.do(uszn, decide, map[string]any{"id": c1, "k": "REFUSE_SERVICES", "at": at}); r.Errors == nil || r.Errors[0].Extensions["field"] != "reason" {
		t.Errorf("a refusal without a reason: %v", r.Errors)
	}
	ok := e.do(uszn, decide, map[string]any{"id": c1, "k": "PROVIDE_SERVICES", "at": at})
	if len(ok.Errors) > 0 || str(ok.Data, "recordDecision", "case", "status") != "OPEN" || ok.Data["recordDecision"].(map[string]any)["onTime"] != true {
		t.Errorf("providing services: %v %v", ok.Data, ok.Errors)
	}
	// Refused as early as the needs assessment, a family facing violence
	// (whose case the provider may not read) is still protected.
	w2 := newWorkAbout(t, e, "DOMESTIC_VIOLENCE")
	step(t, e, "safety", ssd, safetyQ, map[string]any{"id": w2.caseID, "at": ago(2 * time.Hour)})
	step(t, e, "needs", ssd, moveQ, map[string]any{"id": w2.caseID, "to": "ASSESSING_NEEDS"})
	c2 := w2.caseID
	r := e.do(uszn, decide, map[string]any{"id": c2, "k": "REFUSE_SERVICES", "r": "сім'я відмовилась", "at": at})
	if r.code() != server.CodeConflict || r.Errors[0].Extensions["rule"] != "REFUSAL_FORBIDDEN" {
		t.Errorf("refusing a family facing domestic violence: %v", r.Errors)
	}
}

func TestPlanVersionsAgreementAndReview(t *testing.T) {
	e := newEnv(t, server.Config{})
	provider := e.login(demo.VinnytsiaProviderManagerEmail)
	org := fx[own].Organization
	save := dated(`mutation($id: ID!, $g: [PlanGoalInput!]!) { savePlan(input: {caseID: $id, nextReviewAt: "{{review}}", goals: $g}) { id version goals { key text } } }`)
	goal := func(key, text string) map[string]any {
		return map[string]any{"key": key, "text": text, "actions": []any{map[string]any{
			"text": "консультування батьків", "responsibleOrganizationID": org, "responsiblePerson": "фахівець", "due": dayOf(clock.Now().AddDate(0, 3, 0))}}}
	}
	if r := e.do(provider, save, map[string]any{"id": fx[own].Case, "g": []any{}}); r.code() != server.CodeBadUserInput {
		t.Errorf("a plan without goals: %v", r.Errors)
	}
	v2 := e.do(provider, save, map[string]any{"id": fx[own].Case, "g": []any{goal("g1", "школа щодня"), goal("", "житло")}})
	if len(v2.Errors) > 0 {
		t.Fatal(v2.Errors)
	}
	p := v2.Data["savePlan"].(map[string]any)
	goals := p["goals"].([]any)
	if p["version"].(float64) < 2 || str(goals[0].(map[string]any), "key") != "g1" || str(goals[1].(map[string]any), "key") == "" {
		t.Errorf("second version: %v", p)
	}
	agree := dated(`mutation($id: ID!) { agreePlan(id: $id, agreedAt: "{{step+1d}}", document: "угода № 7") { agreedAt } }`)
	if r := e.do(provider, agree, map[string]any{"id": p["id"]}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	if r := e.do(provider, agree, map[string]any{"id": p["id"]}); r.code() != server.CodeBadUserInput {
		t.Errorf("agreeing twice: %v", r.Errors)
	}
	review := dated(`mutation($id: ID!, $o: [GoalOutcomeInput!]!) { reviewPlan(input: {planID: $id, reviewedAt: "{{step+2d}}", outcomes: $o}) { id } }`)
	partial := []any{map[string]any{"key": "g1", "outcome": "ACHIEVED"}}
	if r := e.do(provider, review, map[string]any{"id": p["id"], "o": partial}); r.code() != server.CodeBadUserInput {
		t.Errorf("a review forgetting a goal: %v", r.Errors)
	}
	full := append(partial, map[string]any{"key": str(goals[1].(map[string]any), "key"), "outcome": "PARTLY_ACHIEVED"})
	if r := e.do(provider, review, map[string]any{"id": p["id"], "o": full}); len(r.Errors) > 0 {
		t.Errorf("full review: %v", r.Errors)
	}
}

func TestPartnersFollowOnlyTheirOwnReports(t *testing.T) {
	e := newEnv(t, server.Config{})
	school := e.login(demo.VinnytsiaPartnerReporterEmail)
	submit := `mutation($c: ID!) { submitReport(input: {communityID: $c, source: SCHOOL, summary: "учень не приходить третій тиждень"}) { id status } }`
	ids := func(token string) []string {
		r := e.do(token, `{ reports(first: 100) { edges { node { id } } } }`, nil)
		var out []string
		for _, ed := range r.Data["reports"].(map[string]any)["edges"].([]any) {
			out = append(out, str(ed.(map[string]any), "node", "id"))
		}
		return out
	}
	before := ids(school) // the demo school's own earlier report
	mine := e.do(school, submit, map[string]any{"c": fx[own].Community})
	if len(mine.Errors) > 0 {
		t.Fatal(mine.Errors)
	}
	app := e.do(fx[own].APIToken, submit, map[string]any{"c": fx[own].Community})
	mineID, appID := str(mine.Data, "submitReport", "id"), str(app.Data, "submitReport", "id")
	if got := ids(school); len(got) != len(before)+1 || !slices.Contains(got, mineID) || slices.Contains(got, appID) {
		t.Errorf("the school follows %v, want its own %s and the %d it had", got, mineID, len(before))
	}
	if got := ids(fx[own].APIToken); len(got) != 1 || got[0] != appID {
		t.Errorf("the application follows %v, want only its own %s", got, appID)
	}
	if got := ids(e.login(demo.VinnytsiaChildrenServiceEmail)); len(got) < 8 {
		t.Errorf("the children's service sees only %d reports", len(got))
	}
}

func TestViolenceCasesNeedTheirOwnPermission(t *testing.T) {
	e := newEnv(t, server.Config{})
	school := e.login(demo.VinnytsiaPartnerReporterEmail)
	r := e.do(school, `mutation($c: ID!) { submitReport(input: {communityID: $c, source: SCHOOL, urgency: URGENT,
		categories: [PHYSICAL_VIOLENCE], summary: "сліди побоїв"}) { id } }`, map[string]any{"c": fx[own].Community})
	reportID := str(r.Data, "submitReport", "id")
	if reportID == "" {
		t.Fatal(r.Errors)
	}
	ssd := e.login(demo.VinnytsiaChildrenServiceEmail)
	view := e.do(ssd, `query($id: ID!) { node(id: $id) { ... on Report { case { id } } } }`, map[string]any{"id": reportID})
	caseID := str(view.Data, "node", "case", "id")
	if caseID == "" {
		t.Fatalf("the children's service does not see the violence case: %v %v", view.Data, view.Errors)
	}
	provider := e.login(demo.VinnytsiaProviderManagerEmail)
	for _, id := range []string{reportID, caseID} {
		if r := e.do(provider, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": id}); r.Data["node"] != nil {
			t.Errorf("a provider without the permission sees %s", id)
		}
	}
	if r := e.do(provider, `{ cases(first: 100) { totalCount edges { node { id } } } }`, nil); contains(fmt.Sprint(r.Data), caseID) {
		t.Errorf("the violence case is in the provider's case list")
	}
	if r := e.do(school, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": reportID}); r.Data["node"] == nil {
		t.Errorf("the school no longer sees its own report")
	}
}

// TestAReferredViolenceCaseOpensToTheProvider: the children's service, who
// may see violence cases, refers one; the provider without that permission
// sees it once it accepts, and still none of the others.
func TestAReferredViolenceCaseOpensToTheProvider(t *testing.T) {
	e := newEnv(t, server.Config{})
	other := newWorkAbout(t, e, "PHYSICAL_VIOLENCE")
	w := newWorkAbout(t, e, "PSYCHOLOGICAL_VIOLENCE")
	if seen := w.sees(w.provider, w.caseID); seen[0] {
		t.Fatal("the provider sees the violence case before any referral")
	}
	w.refer(t) // asserts the case is hidden until accepted, then visible
	r := e.do(w.provider, `query($id: ID!) { node(id: $id) { ... on Case { reports(first: 5) { edges { node { categories } } } } } }`,
		map[string]any{"id": w.caseID})
	if !contains(fmt.Sprint(r.Data), "PSYCHOLOGICAL_VIOLENCE") {
		t.Errorf("the provider does not see the referred case's report: %v %v", r.Data, r.Errors)
	}
	if seen := w.sees(w.provider, other.caseID); seen[0] {
		t.Error("the provider sees a violence case it was never referred")
	}
}
