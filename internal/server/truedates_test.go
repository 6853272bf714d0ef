package server_test

import (
	"context"
	"testing"
	"time"

	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/oversight/indicators"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/internal/server"
	"github.com/turbota/turbota/internal/server/apitest"
)

const moveCase = `mutation($id: ID!, $to: CaseStatus!, $at: Time, $outcome: String) {
	transitionCase(input: {id: $id, to: $to, occurredAt: $at, outcome: $outcome}) { status closedAt } }`

// paperScene is a case whose report came in days ago, as a community
// enters its paper files.
func paperScene(t *testing.T, e *env, days int) (*scene, time.Time) {
	t.Helper()
	ctx := context.Background()
	s := &scene{e: e, ssd: e.as(demo.VinnytsiaChildrenServiceEmail), provider: e.as(demo.VinnytsiaProviderManagerEmail),
		community: string(fx[own].Community)}
	s.family = okay(apitest.CreateFamily(ctx, s.ssd, s.community, "Paper family"))(t, "family").CreateFamily.Id
	s.child = okay(apitest.CreateChild(ctx, s.ssd, s.community, s.family, "Paper", "Child"))(t, "child").CreatePerson.Id
	received := clock.Now().Add(-time.Duration(days) * 24 * time.Hour).Truncate(time.Second)
	rep := okay(apitest.SubmitReport(ctx, s.ssd, apitest.CreateReportInput{CommunityID: s.community,
		FamilyID: &s.family, ChildIDs: []string{s.child}, Source: apitest.ReportSourceSchool,
		Categories: []apitest.ReportCategory{apitest.ReportCategoryPoverty}, Summary: "з паперової справи", ReceivedAt: &received}))(t, "report")
	s.report, s.cs = rep.SubmitReport.Id, rep.SubmitReport.Case.Id
	s.providerOrg = orgOf(t, s.provider)
	return s, received
}

// closedIn counts the cases of the own community closed with an outcome in
// the month that starts at from, as the indicators count them.
func closedIn(t *testing.T, e *env, from time.Time, outcome string) float64 {
	t.Helper()
	cm := fx[own].Community
	per, err := indicators.Compute(context.Background(), e.db, []pulid.ID{cm}, indicators.Period{From: from, To: from.AddDate(0, 1, 0)}, false)
	if err != nil {
		t.Fatal(err)
	}
	return per[cm][indicators.Key{Indicator: "cases_closed", Part: outcome}].Num
}

// TestPaperHistoryKeepsItsDates enters a paper file in order three months
// after its report: the deadlines run from the true dates, the closure
// counts in last month, and the timeline shows both when each step
// happened and when it was entered.
func TestPaperHistoryKeepsItsDates(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, server.Config{})
	now := clock.Now().In(procedure.Kyiv())
	thisMonth := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, procedure.Kyiv())
	lastMonth := thisMonth.AddDate(0, -1, 0)
	closedBefore, closedNowBefore := closedIn(t, e, lastMonth, "GOALS_ACHIEVED"), closedIn(t, e, thisMonth, "GOALS_ACHIEVED")

	s, received := paperScene(t, e, 90)
	// The safety assessment was due within a day of the report, not of its entry.
	if k := deadlineKinds(t, s.ssd, s.community, s.cs); k["SAFETY_ASSESSMENT"] != apitest.DueStatusOverdue {
		t.Errorf("the safety assessment of a report 90 days old: %v", k)
	}
	s.refer(t)
	okay(apitest.RecordSafetyAssessment(ctx, s.ssd, apitest.RecordSafetyAssessmentInput{CaseID: s.cs,
		ConductedAt: received.Add(2 * time.Hour), Result: apitest.SafetyResultSafe}))(t, "safety")
	in := s.needsInput()
	in.ConductedAt, in.ActFiledAt = received.AddDate(0, 0, 3), received.AddDate(0, 0, 3)
	na := okay(apitest.RecordNeedsAssessment(ctx, s.provider, in))(t, "needs").RecordNeedsAssessment
	if !na.OnTime || na.Case.Status != apitest.CaseStatusAwaitingDecision {
		t.Errorf("a needs assessment three days after the report: on time %v, case %s", na.OnTime, na.Case.Status)
	}
	// Ten working days from the report have passed a month later: late,
	// however recently it was entered.
	d := okay(apitest.RecordDecision(ctx, e.as(demo.VinnytsiaSocialProtectionEmail), apitest.RecordDecisionInput{CaseID: s.cs,
		Body: apitest.DecisionBodySocialProtection, Kind: apitest.DecisionKindProvideServices, Number: "П-1",
		DecidedAt: received.AddDate(0, 0, 30), LegalBasis: "ст. 20 Закону «Про соціальні послуги»", ProviderID: &s.providerOrg}))(t, "decision").RecordDecision
	if d.OnTime == nil || *d.OnTime || d.Case.Status != apitest.CaseStatusOpen {
		t.Errorf("a decision 30 days after the report: on time %v, case %s", d.OnTime, d.Case.Status)
	}

	reviewAt, closeAt := lastMonth.AddDate(0, 0, 9).Add(10*time.Hour), lastMonth.AddDate(0, 0, 14).Add(11*time.Hour)
	provider := e.login(demo.VinnytsiaProviderManagerEmail)
	if r := e.do(provider, moveCase, map[string]any{"id": s.cs, "to": "UNDER_REVIEW", "at": rfc3339(reviewAt)}); len(r.Errors) > 0 {
		t.Fatalf("review dated last month: %v", r.Errors)
	}
	r := e.do(provider, moveCase, map[string]any{"id": s.cs, "to": "CLOSED", "at": rfc3339(closeAt), "outcome": "GOALS_ACHIEVED"})
	if len(r.Errors) > 0 {
		t.Fatalf("closure dated last month: %v", r.Errors)
	}
	if str(r.Data, "transitionCase", "status") != "CLOSED" {
		approveClosure(t, e, s.cs)
	}
	got := e.do(provider, `query($id: ID!) { node(id: $id) { ... on Case { status closedAt
		events(orderBy: {field: AT, direction: ASC}) { edges { node { kind toStatus at recordedAt } } } } } }`, map[string]any{"id": s.cs})
	if str(got.Data, "node", "status") != "CLOSED" || !sameInstant(str(got.Data, "node", "closedAt"), closeAt) {
		t.Fatalf("the case after its paper closure: %v %v", got.Data, got.Errors)
	}
	var closing map[string]any
	var last time.Time
	for _, edge := range got.Data["node"].(map[string]any)["events"].(map[string]any)["edges"].([]any) {
		ev := edge.(map[string]any)["node"].(map[string]any)
		at, _ := time.Parse(time.RFC3339Nano, ev["at"].(string))
		if at.Before(last) {
			t.Errorf("the timeline is out of order at %v", ev)
		}
		last = at
		if ev["kind"] == "STATUS_CHANGED" && ev["toStatus"] == "CLOSED" {
			closing = ev
		}
	}
	if closing == nil || !sameInstant(closing["at"].(string), closeAt) {
		t.Errorf("the closure on the timeline: %v", closing)
	} else if entered, _ := time.Parse(time.RFC3339Nano, closing["recordedAt"].(string)); clock.Since(entered) > time.Hour {
		t.Errorf("the closure's entry: %v", closing)
	}
	if n := closedIn(t, e, lastMonth, "GOALS_ACHIEVED"); n != closedBefore+1 {
		t.Errorf("closed last month: %v, before the paper file %v", n, closedBefore)
	}
	if n := closedIn(t, e, thisMonth, "GOALS_ACHIEVED"); n != closedNowBefore {
		t.Errorf("closed this month: %v, before the paper file %v", n, closedNowBefore)
	}
}

// approveClosure approves the pending closure of a case as a supervisor.
func approveClosure(t *testing.T, e *env, caseID string) {
	t.Helper()
	ssd := e.login(demo.VinnytsiaChildrenServiceEmail)
	ap := e.do(ssd, `query($c: ID!) { approvals(where: {caseID: $c, subjectKind: CLOSURE, status: PENDING}) { edges { node { id } } } }`, map[string]any{"c": caseID})
	edges, _ := ap.Data["approvals"].(map[string]any)["edges"].([]any)
	if len(edges) != 1 {
		t.Fatalf("the pending closure: %v %v", ap.Data, ap.Errors)
	}
	if r := e.do(ssd, `mutation($id: ID!) { approve(id: $id) { status } }`, map[string]any{"id": str(edges[0].(map[string]any), "node", "id")}); len(r.Errors) > 0 {
		t.Fatalf("approving the closure: %v", r.Errors)
	}
}

func sameInstant(got string, want time.Time) bool {
	g, err := time.Parse(time.RFC3339Nano, got)
	return err == nil && g.Equal(want)
}

// TestStepDatesAreChecked: a move dated in the future, before the report or
// before the case's previous move is refused on its field.
func TestStepDatesAreChecked(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{})
	s, received := paperScene(t, e, 10)
	ssd := e.login(demo.VinnytsiaChildrenServiceEmail)
	for _, c := range []struct {
		what string
		at   time.Time
	}{
		{"in the future", clock.Now().Add(48 * time.Hour)},
		{"before the report", received.Add(-24 * time.Hour)},
	} {
		r := e.do(ssd, moveCase, map[string]any{"id": s.cs, "to": "ASSESSING_SAFETY", "at": rfc3339(c.at)})
		if r.code() != server.CodeBadUserInput || r.Errors[0].Extensions["field"] != "occurredAt" {
			t.Errorf("a move dated %s: %v", c.what, r.Errors)
		}
	}
	if r := e.do(ssd, moveCase, map[string]any{"id": s.cs, "to": "ASSESSING_SAFETY", "at": rfc3339(received.AddDate(0, 0, 5))}); len(r.Errors) > 0 {
		t.Fatalf("a move five days after the report: %v", r.Errors)
	}
	okay(apitest.RecordSafetyAssessment(context.Background(), s.ssd, apitest.RecordSafetyAssessmentInput{CaseID: s.cs,
		ConductedAt: received.AddDate(0, 0, 5), Result: apitest.SafetyResultSafe}))(t, "safety")
	r := e.do(ssd, moveCase, map[string]any{"id": s.cs, "to": "CLOSED", "at": rfc3339(received.AddDate(0, 0, 2)), "outcome": "GOALS_ACHIEVED"})
	if r.code() != server.CodeBadUserInput || r.Errors[0].Extensions["field"] != "occurredAt" {
		t.Errorf("a closure dated before the previous move: %v", r.Errors)
	}
}

// TestMovesAreNotDatedBeforeTheirSteps: a move dated after the case's
// previous move but before a step already recorded is out of order too: a
// case is not closed as safe, nor handed to the needs assessment, on a day
// before its child's safety was assessed.
func TestMovesAreNotDatedBeforeTheirSteps(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{})
	s, received := paperScene(t, e, 10)
	ssd := e.login(demo.VinnytsiaChildrenServiceEmail)
	if r := e.do(ssd, moveCase, map[string]any{"id": s.cs, "to": "ASSESSING_SAFETY", "at": rfc3339(received.AddDate(0, 0, 1))}); len(r.Errors) > 0 {
		t.Fatalf("a move a day after the report: %v", r.Errors)
	}
	assessed := received.AddDate(0, 0, 5)
	okay(apitest.RecordSafetyAssessment(context.Background(), s.ssd, apitest.RecordSafetyAssessmentInput{CaseID: s.cs,
		ConductedAt: assessed, Result: apitest.SafetyResultSafe}))(t, "safety")
	for _, c := range []struct{ to, outcome string }{{"CLOSED", "OTHER"}, {"ASSESSING_NEEDS", ""}} {
		vars := map[string]any{"id": s.cs, "to": c.to, "at": rfc3339(received.AddDate(0, 0, 3))}
		if c.outcome != "" {
			vars["outcome"] = c.outcome
		}
		r := e.do(ssd, moveCase, vars)
		if r.code() != server.CodeBadUserInput || r.Errors[0].Extensions["field"] != "occurredAt" {
			t.Errorf("%s dated before the safety assessment it rests on: %v %v", c.to, r.Data, r.Errors)
		}
	}
	r := e.do(ssd, moveCase, map[string]any{"id": s.cs, "to": "CLOSED", "at": rfc3339(assessed.Add(time.Hour)), "outcome": "OTHER"})
	if len(r.Errors) > 0 {
		t.Fatalf("a closure an hour after the safety assessment: %v", r.Errors)
	}
	if str(r.Data, "transitionCase", "status") != "CLOSED" {
		approveClosure(t, e, s.cs)
	}
	got := e.do(ssd, `query($id: ID!) { node(id: $id) { ... on Case { status closedAt } } }`, map[string]any{"id": s.cs})
	if str(got.Data, "node", "status") != "CLOSED" || !sameInstant(str(got.Data, "node", "closedAt"), assessed.Add(time.Hour)) {
		t.Errorf("the case closed after its assessment: %v %v", got.Data, got.Errors)
	}
}

// TestPaperReferralKeepsItsDates: a referral of a paper file is sent and
// accepted on the days it was, each checked like any step.
func TestPaperReferralKeepsItsDates(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{})
	s, received := paperScene(t, e, 30)
	s.consent(t, apitest.ConsentPurposeReferral, s.providerOrg)
	ssd := e.login(demo.VinnytsiaChildrenServiceEmail)
	send := `mutation($c: ID!, $o: ID!, $at: Time) { sendReferral(input: {caseID: $c, toOrganizationID: $o, reason: "оцінити потреби", sentAt: $at}) { id sentAt } }`
	if r := e.do(ssd, send, map[string]any{"c": s.cs, "o": s.providerOrg, "at": rfc3339(received.AddDate(0, 0, -1))}); r.code() != server.CodeBadUserInput ||
		r.Errors[0].Extensions["field"] != "sentAt" {
		t.Errorf("a referral sent before the report: %v", r.Errors)
	}
	sent := received.AddDate(0, 0, 1)
	r := e.do(ssd, send, map[string]any{"c": s.cs, "o": s.providerOrg, "at": rfc3339(sent)})
	if len(r.Errors) > 0 || !sameInstant(str(r.Data, "sendReferral", "sentAt"), sent) {
		t.Fatalf("a paper referral: %v %v", r.Data, r.Errors)
	}
	id := str(r.Data, "sendReferral", "id")
	provider := e.login(demo.VinnytsiaProviderManagerEmail)
	accept := `mutation($id: ID!, $at: Time) { acceptReferral(id: $id, answeredAt: $at) { status answeredAt } }`
	if r := e.do(provider, accept, map[string]any{"id": id, "at": rfc3339(sent.Add(-time.Hour))}); r.code() != server.CodeBadUserInput ||
		r.Errors[0].Extensions["field"] != "answeredAt" {
		t.Errorf("accepted before it was sent: %v", r.Errors)
	}
	answered := sent.AddDate(0, 0, 2)
	if r := e.do(provider, accept, map[string]any{"id": id, "at": rfc3339(answered)}); len(r.Errors) > 0 ||
		!sameInstant(str(r.Data, "acceptReferral", "answeredAt"), answered) {
		t.Errorf("a paper acceptance: %v %v", r.Data, r.Errors)
	}
}
