package server_test

import (
	"context"
	"testing"
	"time"

	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/server"
	"github.com/turbota/turbota/internal/server/apitest"
)

// deadlineKinds are the kinds of the deadlines the viewer's community
// lists for one case.
func deadlineKinds(t *testing.T, c *apitest.Client, community, caseID string) map[string]apitest.DueStatus {
	t.Helper()
	ds := okay(apitest.Deadlines(context.Background(), c, community, nil))(t, "deadlines")
	out := map[string]apitest.DueStatus{}
	for _, d := range ds.Deadlines {
		if d.Case.Id == caseID {
			out[string(d.Kind)] = d.Status
		}
	}
	return out
}

// TestCrisisPath replays the crisis path: a safety assessment finds an
// immediate threat, the social protection department decides to provide
// services at once, before any needs assessment (due within one working
// day of the finding, so on time); the needs assessment stays due, and the
// case can be neither closed nor left without it; once it is filed and
// approved the closure goes ahead.
func TestCrisisPath(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{})
	ctx := context.Background()
	s := newScene(t, e, apitest.ReportCategoryNeglect)
	uszn := e.as(demo.VinnytsiaSocialProtectionEmail)

	okay(apitest.RecordSafetyAssessment(ctx, s.ssd, apitest.RecordSafetyAssessmentInput{CaseID: s.cs,
		ConductedAt: at(2 * time.Hour), Result: apitest.SafetyResultImmediateThreat,
		UrgentMeasures: []apitest.UrgentMeasureInput{{Kind: "MEDICAL_CARE", LegalBasis: "ст. 12 Закону «Про охорону дитинства»"}}}))(t, "safety")
	if k := deadlineKinds(t, s.ssd, s.community, s.cs); k["DECISION_CRISIS"] == "" || k["DECISION"] != "" {
		t.Errorf("deadlines after an immediate threat: %v", k)
	}

	// The report came three days ago; the threat was found two hours ago:
	// the crisis decision is due by the end of the next working day after
	// the finding, so deciding now is on time.
	d := okay(apitest.RecordDecision(ctx, uszn, apitest.RecordDecisionInput{CaseID: s.cs, Body: apitest.DecisionBodySocialProtection,
		Kind: apitest.DecisionKindProvideServices, Number: "К-1", DecidedAt: at(time.Hour),
		LegalBasis: "ст. 20 Закону «Про соціальні послуги»", ProviderID: &s.providerOrg}))(t, "crisis decision before the needs assessment")
	if d.RecordDecision.OnTime == nil || !*d.RecordDecision.OnTime || d.RecordDecision.Case.Status != apitest.CaseStatusOpen {
		t.Fatalf("crisis decision: on time %v, case %s", d.RecordDecision.OnTime != nil && *d.RecordDecision.OnTime, d.RecordDecision.Case.Status)
	}
	if k := deadlineKinds(t, s.ssd, s.community, s.cs); k["NEEDS_ASSESSMENT"] == "" {
		t.Errorf("the needs assessment is no longer due after the crisis decision: %v", k)
	}

	okay(apitest.TransitionCase(ctx, s.provider, apitest.TransitionCaseInput{Id: s.cs, To: apitest.CaseStatusUnderReview}))(t, "review")
	closure := apitest.TransitionCaseInput{Id: s.cs, To: apitest.CaseStatusClosed, Outcome: ptr("GOALS_ACHIEVED")}
	_, err := apitest.TransitionCase(ctx, s.provider, closure)
	if apitest.Code(err) != server.CodeConflict || apitest.Rule(err) != "NEEDS_ASSESSMENT_REQUIRED" {
		t.Errorf("closing a crisis case without its needs assessment: %v (code %s, rule %s)", err, apitest.Code(err), apitest.Rule(err))
	}

	// A specialist files the needs assessment under accompaniment; the case
	// stays where it is, and the act waits for the supervisor.
	specialist := e.as(demo.VinnytsiaProviderSpecialistEmail)
	in := s.needsInput()
	in.ConductedAt, in.ActFiledAt = at(30*time.Minute), at(30*time.Minute)
	na := okay(apitest.RecordNeedsAssessment(ctx, specialist, in))(t, "needs assessment after the crisis decision")
	if na.RecordNeedsAssessment.Case.Status != apitest.CaseStatusUnderReview {
		t.Errorf("the needs assessment moved the case to %s", na.RecordNeedsAssessment.Case.Status)
	}
	if k := deadlineKinds(t, s.ssd, s.community, s.cs); k["NEEDS_ASSESSMENT"] != "" || k["NEEDS_ASSESSMENT_ACT"] != "" {
		t.Errorf("deadlines once the act is filed: %v", k)
	}
	_, err = apitest.TransitionCase(ctx, s.provider, closure)
	if apitest.Rule(err) != "NEEDS_ASSESSMENT_REQUIRED" {
		t.Errorf("closing while the act waits for approval: %v (rule %s)", err, apitest.Rule(err))
	}
	r := e.do(e.login(demo.VinnytsiaProviderManagerEmail), `query($c: ID!) { approvals(where: {caseID: $c, status: PENDING, subjectKind: NEEDS_ASSESSMENT}) { edges { node { id } } } }`,
		map[string]any{"c": s.cs})
	edges, _ := r.Data["approvals"].(map[string]any)["edges"].([]any)
	if len(edges) != 1 {
		t.Fatalf("pending approvals of the act: %v %v", r.Errors, r.Data)
	}
	a := okay(apitest.Approve(ctx, s.provider, str(edges[0].(map[string]any), "node", "id"), nil))(t, "approve the act")
	if a.Approve.Status != apitest.ApprovalStatusApproved {
		t.Fatalf("approval: %s", a.Approve.Status)
	}
	// The case's child was under immediate threat: its closure is signed
	// off by someone else, but it is no longer refused.
	okay(apitest.TransitionCase(ctx, s.provider, closure))(t, "closure with the needs assessment and the decision")
}

// TestNoCrisisNoShortcut: without a crisis, services are not decided on
// before the needs assessment.
func TestNoCrisisNoShortcut(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{})
	ctx := context.Background()
	s := newScene(t, e, apitest.ReportCategoryNeglect)
	s.assessSafety(t, apitest.SafetyResultDangerPresent)
	_, err := apitest.RecordDecision(ctx, e.as(demo.VinnytsiaSocialProtectionEmail), apitest.RecordDecisionInput{CaseID: s.cs,
		Body: apitest.DecisionBodySocialProtection, Kind: apitest.DecisionKindProvideServices, Number: "Р-1", DecidedAt: at(time.Hour),
		LegalBasis: "ст. 20 Закону «Про соціальні послуги»", ProviderID: &s.providerOrg})
	if apitest.Rule(err) != "NEEDS_ASSESSMENT_REQUIRED" {
		t.Errorf("deciding before the needs assessment without a crisis: %v (rule %s)", err, apitest.Rule(err))
	}
}

// TestCriticalNeedsMakeACrisis: a needs assessment rating the child's
// situation CRITICAL makes the case a crisis, like an immediate threat
// found by the safety assessment: the decision is due within one working
// day of it.
func TestCriticalNeedsMakeACrisis(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{})
	ctx := context.Background()
	s := newScene(t, e, apitest.ReportCategoryNeglect)
	s.refer(t)
	s.assessSafety(t, apitest.SafetyResultDangerPresent)
	if k := deadlineKinds(t, s.ssd, s.community, s.cs); k["DECISION"] == "" || k["DECISION_CRISIS"] != "" {
		t.Errorf("deadlines before the critical rating: %v", k)
	}
	in := s.needsInput()
	in.Domains[0].Rating = "CRITICAL"
	okay(apitest.RecordNeedsAssessment(ctx, s.provider, in))(t, "needs")
	if k := deadlineKinds(t, s.ssd, s.community, s.cs); k["DECISION_CRISIS"] == "" || k["DECISION"] != "" {
		t.Errorf("deadlines after a critical rating: %v", k)
	}
	if !caseCrisis(t, e, s.cs) {
		t.Error("Case.crisis is false after a critical rating")
	}
}

// TestActFiledOnTimeIsNotOverdue: the act of needs assessment filed on
// time meets its deadline, whatever its approval.
func TestActFiledOnTimeIsNotOverdue(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{})
	ctx := context.Background()
	s := newScene(t, e, apitest.ReportCategoryNeglect)
	s.refer(t)
	s.assessSafety(t, apitest.SafetyResultDangerPresent)
	in := s.needsInput()
	in.ConductedAt, in.ActFiledAt = at(70*time.Hour), at(70*time.Hour)
	na := okay(apitest.RecordNeedsAssessment(ctx, e.as(demo.VinnytsiaProviderSpecialistEmail), in))(t, "needs")
	if na.RecordNeedsAssessment.Case.Status != apitest.CaseStatusAssessingNeeds {
		t.Fatalf("the act should wait for approval; case %s", na.RecordNeedsAssessment.Case.Status)
	}
	if k := deadlineKinds(t, s.ssd, s.community, s.cs); k["NEEDS_ASSESSMENT_ACT"] != "" || k["NEEDS_ASSESSMENT"] != "" {
		t.Errorf("the act filed on time, waiting for approval, shows: %v", k)
	}
}

func caseCrisis(t *testing.T, e *env, id string) bool {
	t.Helper()
	r := e.do(e.login(demo.VinnytsiaChildrenServiceEmail), `query($id: ID!) { node(id: $id) { ... on Case { crisis } } }`, map[string]any{"id": id})
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	v, _ := r.Data["node"].(map[string]any)["crisis"].(bool)
	return v
}
