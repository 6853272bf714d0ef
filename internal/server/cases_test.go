package server_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/server"
	"github.com/turbota/turbota/internal/server/apitest"
)

// allowedTransitions is what the case offers the viewer now.
func allowedTransitions(t *testing.T, c *apitest.Client, caseID string) []apitest.CaseStatus {
	t.Helper()
	n, ok := okay(apitest.CaseNode(context.Background(), c, caseID))(t, "case").Node.(*apitest.CaseNodeNodeCase)
	if !ok {
		t.Fatalf("the viewer does not see case %s", caseID)
	}
	return n.AllowedTransitions
}

func TestReportOpensACaseThatFollowsTheProcedure(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, server.Config{})
	school := e.as(demo.VinnytsiaPartnerReporterEmail)
	// A school reads no one's record, so it names no child by ID: it says
	// who in the summary, and the children's service links the child.
	rep := okay(apitest.SubmitReport(ctx, school, apitest.CreateReportInput{CommunityID: string(fx[own].Community),
		Source: apitest.ReportSourceSchool, Urgency: ptr(apitest.ReportUrgencyUrgent),
		Categories: []apitest.ReportCategory{apitest.ReportCategoryNeglect},
		Summary:    "Дитина часто приходить до школи голодною"}))(t, "the school's report").SubmitReport
	if rep.Case != nil {
		t.Errorf("a partner reporter sees the case: %v", rep.Case)
	}
	ssd := e.as(demo.VinnytsiaChildrenServiceEmail)
	node, _ := okay(apitest.ReportNode(ctx, ssd, rep.Id))(t, "the report").Node.(*apitest.ReportNodeNodeReport)
	if node == nil || node.Case == nil {
		t.Fatal("the children's service does not see the case")
	}
	cs := node.Case
	if cs.SafetyAssessmentDue == nil {
		t.Fatal("no safety assessment due")
	}
	if d := cs.SafetyAssessmentDue.Sub(rep.ReceivedAt) - 24*time.Hour; d < -time.Millisecond || d > time.Millisecond {
		t.Errorf("safety assessment due 24h%+v after the report", d)
	}
	if cs.Status != apitest.CaseStatusReported || len(cs.Children) != 0 {
		t.Errorf("new case: %#v", cs)
	}
	link := okay(apitest.UpdateCase(ctx, ssd, cs.Id, apitest.UpdateCaseInput{AddChildIDs: []string{string(fx[own].Person)}}))(t, "linking the child")
	if len(link.UpdateCase.Children) != 1 {
		t.Errorf("linked children: %v", link.UpdateCase.Children)
	}
	move := func(to apitest.CaseStatus, outcome *string) (*apitest.TransitionCaseResponse, error) {
		return apitest.TransitionCase(ctx, ssd, apitest.TransitionCaseInput{Id: cs.Id, To: to, Note: ptr("виїзд"), Outcome: outcome})
	}
	okay(move(apitest.CaseStatusAssessingSafety, nil))(t, "to the safety assessment")
	if got := allowedTransitions(t, ssd, cs.Id); slices.Contains(got, apitest.CaseStatusClosed) || slices.Contains(got, apitest.CaseStatusAssessingNeeds) {
		t.Errorf("moves offered before the safety assessment: %v", got)
	}
	if _, err := move(apitest.CaseStatusClosed, ptr("OTHER")); apitest.Code(err) != server.CodeConflict || apitest.Rule(err) != "SAFETY_ASSESSMENT_REQUIRED" {
		t.Errorf("closing as safe with no safety assessment: %v", err)
	}
	okay(apitest.RecordSafetyAssessment(ctx, ssd, apitest.RecordSafetyAssessmentInput{CaseID: cs.Id, ConductedAt: at(0),
		Result: apitest.SafetyResultSafe}))(t, "the safety assessment")
	if got := allowedTransitions(t, ssd, cs.Id); !slices.Contains(got, apitest.CaseStatusClosed) {
		t.Errorf("closing as safe not offered after the safety assessment: %v", got)
	}
	if _, err := move(apitest.CaseStatusClosed, nil); apitest.Code(err) != server.CodeBadUserInput || apitest.Rule(err) != "OUTCOME_REQUIRED" {
		t.Errorf("closing without an outcome: %v", err)
	}
	okay(move(apitest.CaseStatusClosed, ptr("OTHER")))(t, "a safe child's case closes after the safety assessment")
	if _, err := move(apitest.CaseStatusOpen, nil); apitest.Code(err) != server.CodeConflict || apitest.Extension(err, "allowed") == nil {
		t.Errorf("skipping the procedure: %v", err)
	}
	tl, _ := okay(apitest.CaseTimeline(ctx, ssd, cs.Id))(t, "timeline").Node.(*apitest.CaseTimelineNodeCase)
	var kinds, to []string
	for _, ed := range tl.Events.Edges {
		kinds = append(kinds, string(ed.Node.Kind))
		if ed.Node.ToStatus != nil {
			to = append(to, string(*ed.Node.ToStatus))
		} else {
			to = append(to, "")
		}
	}
	if len(kinds) != 4 || kinds[0] != "REPORT_REGISTERED" || to[1] != "ASSESSING_SAFETY" || kinds[2] != "SAFETY_ASSESSED" || to[3] != "CLOSED" {
		t.Errorf("timeline: kinds %v, to %v", kinds, to)
	}
}

func TestSafetyAssessmentFollowsTheRules(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, server.Config{})
	ssd := e.as(demo.VinnytsiaChildrenServiceEmail)
	// A case of its own about the fixture's child, opened three hours ago:
	// the assessment comes in time.
	report := func(received time.Duration, child []string) string {
		r := okay(apitest.SubmitReport(ctx, ssd, apitest.CreateReportInput{CommunityID: string(fx[own].Community),
			Source: apitest.ReportSourceSchool, Summary: "…", ChildIDs: child, ReceivedAt: ptr(at(received))}))(t, "report")
		return r.SubmitReport.Case.Id
	}
	caseID := report(3*time.Hour, []string{string(fx[own].Person)})
	rec := func(id string, conducted time.Time, result apitest.SafetyResult, measures []apitest.UrgentMeasureInput) (*apitest.RecordSafetyAssessmentResponse, error) {
		in := apitest.RecordSafetyAssessmentInput{CaseID: id, ConductedAt: conducted, Result: result, UrgentMeasures: measures}
		if result == apitest.SafetyResultImmediateThreat {
			in.PoliceInvolved, in.Participants = ptr(true), []string{"ССД", "ювенальна превенція"}
			in.Findings = []apitest.ChildFindingInput{{PersonID: string(fx[own].Person), Finding: "сліди побоїв"}}
		}
		return apitest.RecordSafetyAssessment(ctx, ssd, in)
	}
	soon := at(time.Hour)
	for _, tc := range []struct {
		name     string
		measures []apitest.UrgentMeasureInput
		rule     string
	}{
		{"no urgent measures", nil, "URGENT_MEASURES_REQUIRED"},
		{"no legal basis", []apitest.UrgentMeasureInput{{Kind: "REMOVAL", LegalBasis: " "}}, "LEGAL_BASIS_REQUIRED"},
	} {
		if _, err := rec(caseID, soon, apitest.SafetyResultImmediateThreat, tc.measures); apitest.Code(err) != server.CodeBadUserInput || apitest.Rule(err) != tc.rule {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
	sa := okay(rec(caseID, soon, apitest.SafetyResultImmediateThreat, []apitest.UrgentMeasureInput{{Kind: "REMOVAL",
		LegalBasis: "ст. 170 Сімейного кодексу України", Placement: ptr("центр соціально-психологічної реабілітації дітей"),
		Children: []string{string(fx[own].Person)}}}))(t, "recorded").RecordSafetyAssessment
	if !sa.OnTime || sa.Case.Status != apitest.CaseStatusAssessingSafety || len(sa.UrgentMeasures) != 1 {
		t.Errorf("recorded: %#v", sa)
	}
	if _, err := rec(caseID, clock.Now().Add(time.Hour), apitest.SafetyResultSafe, nil); apitest.Code(err) != server.CodeBadUserInput || apitest.Field(err) != "conductedAt" {
		t.Errorf("an assessment in the future: %v", err)
	}
	lateCase := report(72*time.Hour, nil)
	if r := okay(rec(lateCase, at(0), apitest.SafetyResultSafe, nil))(t, "a late assessment"); r.RecordSafetyAssessment.OnTime {
		t.Error("an assessment two days after the deadline counted as on time")
	}
}

func TestDeadlinesNameTheLawAndShowWhatIsOverdue(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, server.Config{})
	ssd := e.as(demo.VinnytsiaChildrenServiceEmail)
	community := string(fx[own].Community)
	over := okay(apitest.Deadlines(ctx, ssd, community, []apitest.DueStatus{apitest.DueStatusOverdue}))(t, "overdue").Deadlines
	if len(over) == 0 {
		t.Fatal("the demo community shows nothing overdue")
	}
	for _, d := range over {
		if d.Status != apitest.DueStatusOverdue || !d.Due.Before(clock.Now()) || d.LegalBasis == "" || d.Label.Uk == "" {
			t.Errorf("overdue item: %#v", d)
		}
		// The English basis has no Ukrainian sentence (a cited act's title may stay in quotes).
		if en := d.LegalBasisText.En; en == "" || strings.ContainsAny(en, "ієїґ") {
			t.Errorf("the legal basis in English: %q", en)
		}
	}
	var kinds []apitest.DeadlineKind
	for _, d := range okay(apitest.Deadlines(ctx, ssd, community, nil))(t, "all deadlines").Deadlines {
		if d.Case.Id == string(fx[own].Case) {
			kinds = append(kinds, d.Kind)
		}
	}
	// The fixture case has both assessments filed: only the decision is due.
	if len(kinds) != 1 || kinds[0] != apitest.DeadlineKindDecision {
		t.Errorf("deadlines of the fixture case: %v", kinds)
	}
}

func TestNeedsAssessmentCoversTheTriangleAndMovesTheCase(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, server.Config{})
	s := newScene(t, e, apitest.ReportCategoryNeglect)
	s.refer(t)
	in := s.needsInput()
	in.Strengths, in.Conclusion, in.ActNumber = "підтримка бабусі", "потрібен супровід", "12/3"
	triangle := in.Domains
	in.Domains = triangle[:2]
	if _, err := apitest.RecordNeedsAssessment(ctx, s.provider, in); apitest.Code(err) != server.CodeBadUserInput || apitest.Field(err) != "domains" {
		t.Errorf("two sides of the triangle: %v", err)
	}
	in.Domains = triangle
	if _, err := apitest.RecordNeedsAssessment(ctx, s.provider, in); apitest.Code(err) != server.CodeConflict {
		t.Errorf("needs assessed before the safety assessment: %v", err)
	}
	okay(apitest.RecordSafetyAssessment(ctx, s.ssd, apitest.RecordSafetyAssessmentInput{CaseID: s.cs, ConductedAt: at(time.Hour),
		Result: apitest.SafetyResultDangerPresent}))(t, "safety")
	in.NeededServiceIDs = []string{string(pulid.MustNew("ST"))}
	if _, err := apitest.RecordNeedsAssessment(ctx, s.provider, in); apitest.Code(err) != server.CodeBadUserInput || apitest.Field(err) != "neededServiceIDs" {
		t.Errorf("a needed service outside the classifier: %v", err)
	}
	var dayCare string
	if err := e.db.QueryRow(`SELECT id FROM service_types WHERE name_uk = 'Денний догляд'`).Scan(&dayCare); err != nil {
		t.Fatal(err)
	}
	in.NeededServiceIDs = []string{dayCare}
	na := okay(apitest.RecordNeedsAssessment(ctx, s.provider, in))(t, "the act").RecordNeedsAssessment
	if !na.OnTime || na.Case.Status != apitest.CaseStatusAwaitingDecision || len(na.NeededServices) != 1 || na.NeededServices[0].NameUk != "Денний догляд" {
		t.Errorf("filed act: %#v", na)
	}
	if _, err := apitest.RecordNeedsAssessment(ctx, s.ssd, in); apitest.Code(err) != server.CodeForbidden {
		t.Errorf("the children's service filing a provider's act: %v", err)
	}
}

func TestServicesDecisions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, server.Config{})
	uszn := e.as(demo.VinnytsiaSocialProtectionEmail)
	decide := func(c *apitest.Client, caseID string, kind apitest.DecisionKind, reason *string) (*apitest.RecordDecisionResponse, error) {
		return apitest.RecordDecision(ctx, c, apitest.RecordDecisionInput{CaseID: caseID, Body: apitest.DecisionBodySocialProtection,
			Kind: kind, Number: "45-р", DecidedAt: at(time.Hour), LegalBasis: "ст. 21 Закону України «Про соціальні послуги»", Reason: reason})
	}
	// A case awaiting the decision: its safety and needs assessed.
	s := newScene(t, e, apitest.ReportCategoryPoverty)
	s.awaitDecision(t)
	if _, err := decide(s.ssd, s.cs, apitest.DecisionKindProvideServices, nil); apitest.Code(err) != server.CodeForbidden {
		t.Errorf("the children's service deciding on services: %v", err)
	}
	if _, err := decide(uszn, s.cs, apitest.DecisionKindRefuseServices, nil); err == nil || apitest.Field(err) != "reason" {
		t.Errorf("a refusal without a reason: %v", err)
	}
	ok := okay(decide(uszn, s.cs, apitest.DecisionKindProvideServices, nil))(t, "providing services").RecordDecision
	if ok.Case.Status != apitest.CaseStatusOpen || ok.OnTime == nil || !*ok.OnTime {
		t.Errorf("providing services: %#v", ok)
	}
	// Refused as early as the needs assessment, a family facing violence
	// (whose case the provider may not read) is still protected.
	v := newScene(t, e, apitest.ReportCategoryDomesticViolence)
	v.assessSafety(t, apitest.SafetyResultDangerPresent)
	okay(apitest.TransitionCase(ctx, v.ssd, apitest.TransitionCaseInput{Id: v.cs, To: apitest.CaseStatusAssessingNeeds}))(t, "to the needs assessment")
	if _, err := decide(uszn, v.cs, apitest.DecisionKindRefuseServices, ptr("сім'я відмовилась")); apitest.Code(err) != server.CodeConflict ||
		apitest.Rule(err) != "REFUSAL_FORBIDDEN" {
		t.Errorf("refusing a family facing domestic violence: %v", err)
	}
}

func TestPlanVersionsAgreementAndReview(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, server.Config{})
	provider := e.as(demo.VinnytsiaProviderManagerEmail)
	goal := func(key, text string) apitest.PlanGoalInput {
		g := apitest.PlanGoalInput{Text: text, Actions: []apitest.PlanActionInput{{Text: "консультування батьків",
			ResponsibleOrganizationID: string(fx[own].Organization), ResponsiblePerson: ptr("фахівець"), Due: clock.Now().AddDate(0, 3, 0)}}}
		if key != "" {
			g.Key = &key
		}
		return g
	}
	save := func(goals ...apitest.PlanGoalInput) (*apitest.SavePlanResponse, error) {
		return apitest.SavePlan(ctx, provider, apitest.SavePlanInput{CaseID: string(fx[own].Case), NextReviewAt: started.AddDate(0, 3, 0), Goals: goals})
	}
	if _, err := save(); apitest.Code(err) != server.CodeBadUserInput {
		t.Errorf("a plan without goals: %v", err)
	}
	p := okay(save(goal("g1", "школа щодня"), goal("", "житло")))(t, "second version").SavePlan
	if p.Version < 2 || len(p.Goals) != 2 || p.Goals[0].Key != "g1" || p.Goals[1].Key == "" {
		t.Errorf("second version: %#v", p)
	}
	agree := func() (*apitest.AgreePlanResponse, error) {
		return apitest.AgreePlan(ctx, provider, p.Id, stepDay.AddDate(0, 0, 1), "угода № 7")
	}
	okay(agree())(t, "agreeing")
	if _, err := agree(); apitest.Code(err) != server.CodeBadUserInput {
		t.Errorf("agreeing twice: %v", err)
	}
	review := func(outcomes ...apitest.GoalOutcomeInput) error {
		_, err := apitest.ReviewPlan(ctx, provider, apitest.ReviewPlanInput{PlanID: p.Id, ReviewedAt: stepDay.AddDate(0, 0, 2), Outcomes: outcomes})
		return err
	}
	achieved := apitest.GoalOutcomeInput{Key: "g1", Outcome: "ACHIEVED"}
	if err := review(achieved); apitest.Code(err) != server.CodeBadUserInput {
		t.Errorf("a review forgetting a goal: %v", err)
	}
	if err := review(achieved, apitest.GoalOutcomeInput{Key: p.Goals[1].Key, Outcome: "PARTLY_ACHIEVED"}); err != nil {
		t.Errorf("full review: %v", err)
	}
}

// reportIDs: the reports the viewer follows.
func reportIDs(t *testing.T, c *apitest.Client) []string {
	t.Helper()
	var out []string
	for _, ed := range okay(apitest.Reports(context.Background(), c))(t, "reports").Reports.Edges {
		out = append(out, ed.Node.Id)
	}
	return out
}

func TestPartnersFollowOnlyTheirOwnReports(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, server.Config{})
	school, app := e.as(demo.VinnytsiaPartnerReporterEmail), e.api(fx[own].APIToken)
	submit := func(c *apitest.Client) string {
		return okay(apitest.SubmitReport(ctx, c, apitest.CreateReportInput{CommunityID: string(fx[own].Community),
			Source: apitest.ReportSourceSchool, Summary: "учень не приходить третій тиждень"}))(t, "report").SubmitReport.Id
	}
	before := reportIDs(t, school) // the demo school's own earlier report
	mine, theirs := submit(school), submit(app)
	if got := reportIDs(t, school); len(got) != len(before)+1 || !slices.Contains(got, mine) || slices.Contains(got, theirs) {
		t.Errorf("the school follows %v, want its own %s and the %d it had", got, mine, len(before))
	}
	if got := reportIDs(t, app); len(got) != 1 || got[0] != theirs {
		t.Errorf("the application follows %v, want only its own %s", got, theirs)
	}
	if got := reportIDs(t, e.as(demo.VinnytsiaChildrenServiceEmail)); len(got) < 8 {
		t.Errorf("the children's service sees only %d reports", len(got))
	}
}

func TestViolenceCasesNeedTheirOwnPermission(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, server.Config{})
	school := e.as(demo.VinnytsiaPartnerReporterEmail)
	reportID := okay(apitest.SubmitReport(ctx, school, apitest.CreateReportInput{CommunityID: string(fx[own].Community),
		Source: apitest.ReportSourceSchool, Urgency: ptr(apitest.ReportUrgencyUrgent),
		Categories: []apitest.ReportCategory{apitest.ReportCategoryPhysicalViolence}, Summary: "сліди побоїв"}))(t, "report").SubmitReport.Id
	ssd := e.as(demo.VinnytsiaChildrenServiceEmail)
	view, _ := okay(apitest.ReportNode(ctx, ssd, reportID))(t, "the report").Node.(*apitest.ReportNodeNodeReport)
	if view == nil || view.Case == nil {
		t.Fatal("the children's service does not see the violence case")
	}
	caseID := view.Case.Id
	provider := e.as(demo.VinnytsiaProviderManagerEmail)
	s := &scene{e: e}
	if got := s.sees(t, provider, reportID, caseID); slices.Contains(got, true) {
		t.Errorf("a provider without the permission sees the report, the case: %v", got)
	}
	for _, ed := range okay(apitest.Cases(ctx, provider))(t, "the provider's cases").Cases.Edges {
		if ed.Node.Id == caseID {
			t.Error("the violence case is in the provider's case list")
		}
	}
	if got := s.sees(t, school, reportID); !got[0] {
		t.Error("the school no longer sees its own report")
	}
}

// TestAReferredViolenceCaseOpensToTheProvider: the children's service, who
// may see violence cases, refers one; the provider without that permission
// sees it once it accepts, and still none of the others.
func TestAReferredViolenceCaseOpensToTheProvider(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{})
	other := newScene(t, e, apitest.ReportCategoryPhysicalViolence)
	s := newScene(t, e, apitest.ReportCategoryPsychologicalViolence)
	if seen := s.sees(t, s.provider, s.cs); seen[0] {
		t.Fatal("the provider sees the violence case before any referral")
	}
	s.refer(t) // asserts the case is hidden until accepted, then visible
	c, ok := okay(apitest.CaseReports(context.Background(), s.provider, s.cs))(t, "the referred case's reports").Node.(*apitest.CaseReportsNodeCase)
	var categories []apitest.ReportCategory
	if ok {
		for _, ed := range c.Reports.Edges {
			categories = append(categories, ed.Node.Categories...)
		}
	}
	if !slices.Contains(categories, apitest.ReportCategoryPsychologicalViolence) {
		t.Errorf("the provider does not see the referred case's report: %v", categories)
	}
	if seen := s.sees(t, s.provider, other.cs); seen[0] {
		t.Error("the provider sees a violence case it was never referred")
	}
}
