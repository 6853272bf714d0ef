package server_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/internal/server"
	"github.com/turbota/turbota/internal/server/apitest"
)

// TestCorrectingAReport: the children's service corrects a report's source,
// categories, summary and children with a reason; the values before are
// kept, the correction is on the timeline, and violence found at the visit
// takes effect on every rule at once: a viewer without the violence
// permission loses the case, a refusal of services is banned and the case
// no longer closes on the safety assessment. A school that reported cannot
// correct its report.
func TestCorrectingAReport(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, server.Config{})
	// The guardianship body reads every case of the community; narrowed of
	// violence cases it stands for any viewer without that permission.
	admin := e.login(demo.VinnytsiaAdminEmail)
	if r := e.do(admin, narrowMutation, map[string]any{"c": fx[own].Community, "r": "GUARDIANSHIP_BODY", "p": "violence_case:read"}); len(r.Errors) > 0 {
		t.Fatalf("narrowing the guardianship body: %s", r.Errors)
	}
	guardianship := e.as(demo.VinnytsiaGuardianshipEmail)

	s := newScene(t, e, apitest.ReportCategoryNeglect)
	s.awaitDecision(t)
	if seen := s.sees(t, guardianship, s.cs, s.report); !seen[0] || !seen[1] {
		t.Fatalf("before the correction the guardianship body sees the case, the report: %v", seen)
	}
	sibling := okay(apitest.CreateChild(ctx, s.ssd, s.community, s.family, "Referral", "Sibling"))(t, "sibling").CreatePerson.Id

	// Refused: no reason, nothing changed, a status.
	if _, err := apitest.CorrectReport(ctx, s.ssd, apitest.CorrectReportInput{ReportID: s.report, Reason: " ",
		Source: ptr(apitest.ReportSourceNeighbour)}); apitest.Code(err) != server.CodeBadUserInput || apitest.Field(err) != "reason" {
		t.Errorf("a correction without a reason: %v", err)
	}
	if _, err := apitest.CorrectReport(ctx, s.ssd, apitest.CorrectReportInput{ReportID: s.report, Reason: "нічого",
		Source: ptr(apitest.ReportSourceSchool)}); apitest.Code(err) != server.CodeBadUserInput {
		t.Errorf("a correction that changes nothing: %v", err)
	}

	got := okay(apitest.CorrectReport(ctx, s.ssd, apitest.CorrectReportInput{ReportID: s.report,
		Reason:        "на виїзді виявлено сліди побоїв; повідомив сусід, а не школа",
		Source:        ptr(apitest.ReportSourceNeighbour),
		AddCategories: []apitest.ReportCategory{apitest.ReportCategoryPhysicalViolence},
		Summary:       ptr("сусід чув крики; на виїзді — сліди побоїв"),
		AddChildIDs:   []string{sibling}}))(t, "the correction").CorrectReport
	if got.Source != apitest.ReportSourceNeighbour || !slices.Equal(got.Categories,
		[]apitest.ReportCategory{apitest.ReportCategoryNeglect, apitest.ReportCategoryPhysicalViolence}) || len(got.Children) != 2 {
		t.Errorf("the corrected report: %+v", got)
	}
	if len(got.Corrections) != 1 {
		t.Fatalf("corrections kept: %+v", got.Corrections)
	}
	c := got.Corrections[0]
	if c.Before.Source != apitest.ReportSourceSchool || !slices.Equal(c.Before.Categories, []apitest.ReportCategory{apitest.ReportCategoryNeglect}) ||
		c.Before.Summary != "…" || len(c.Before.Children) != 1 || c.After.Source != apitest.ReportSourceNeighbour || len(c.After.Children) != 2 ||
		!slices.Equal(c.Changed, []string{"source", "categories", "summary", "children"}) || c.Actor == nil || !strings.Contains(c.Reason, "побоїв") {
		t.Errorf("the correction kept: %+v", c)
	}
	if kinds, notes := s.timeline(t, s.cs); !slices.Contains(kinds, "REPORT_CORRECTED") || !strings.Contains(notes, "сусід, а не школа") {
		t.Errorf("the timeline: %v\n%s", kinds, notes)
	}
	if n := caseNode(t, s.ssd, s.cs); len(n.Children) != 2 {
		t.Errorf("the sibling named by the correction is not on the case: %v", n.Children)
	}

	// Violence takes effect at once.
	if seen := s.sees(t, guardianship, s.cs, s.report); seen[0] || seen[1] {
		t.Errorf("after violence was found the guardianship body without the permission still sees the case, the report: %v", seen)
	}
	uszn := e.as(demo.VinnytsiaSocialProtectionEmail)
	if _, err := apitest.RecordDecision(ctx, uszn, apitest.RecordDecisionInput{CaseID: s.cs, Body: apitest.DecisionBodySocialProtection,
		Kind: apitest.DecisionKindRefuseServices, Number: "46-р", DecidedAt: at(time.Hour), LegalBasis: "ст. 21 Закону України «Про соціальні послуги»",
		Reason: ptr("сім'я відмовилась")}); apitest.Code(err) != server.CodeConflict || apitest.Rule(err) != "REFUSAL_FORBIDDEN" {
		t.Errorf("refusing services after violence was found: %v (rule %s)", err, apitest.Rule(err))
	}
	// Taking the category off again does not lift the ban: one worker's
	// correction is not a way round the refusal rule.
	okay(apitest.CorrectReport(ctx, s.ssd, apitest.CorrectReportInput{ReportID: s.report, Reason: "помилково",
		RemoveCategories: []apitest.ReportCategory{apitest.ReportCategoryPhysicalViolence}}))(t, "violence taken off")
	if _, err := apitest.RecordDecision(ctx, uszn, apitest.RecordDecisionInput{CaseID: s.cs, Body: apitest.DecisionBodySocialProtection,
		Kind: apitest.DecisionKindRefuseServices, Number: "47-р", DecidedAt: at(2 * time.Hour), LegalBasis: "ст. 21 Закону України «Про соціальні послуги»",
		Reason: ptr("сім'я відмовилась")}); apitest.Rule(err) != "REFUSAL_FORBIDDEN" {
		t.Errorf("refusing services after the violence category was taken off: %v (rule %s)", err, apitest.Rule(err))
	}

	// A safe child's case closes on the safety assessment, until violence is found.
	safe := newScene(t, e, apitest.ReportCategoryPoverty)
	safe.assessSafety(t, apitest.SafetyResultSafe)
	okay(apitest.CorrectReport(ctx, safe.ssd, apitest.CorrectReportInput{ReportID: safe.report, Reason: "насильство в сім'ї виявлено на виїзді",
		Categories: []apitest.ReportCategory{apitest.ReportCategoryDomesticViolence}}))(t, "violence found")
	if _, err := apitest.TransitionCase(ctx, safe.ssd, apitest.TransitionCaseInput{Id: safe.cs, To: apitest.CaseStatusClosed,
		Outcome: ptr("OTHER")}); apitest.Rule(err) != "CHILD_IN_DANGER" {
		t.Errorf("closing on the safety assessment after violence was found: %v (rule %s)", err, apitest.Rule(err))
	}
	rep := okay(apitest.ReportCorrections(ctx, safe.ssd, safe.report))(t, "corrections").Node.(*apitest.ReportCorrectionsNodeReport)
	if len(rep.Corrections) != 1 || !slices.Equal(rep.Corrections[0].Before.Categories, []apitest.ReportCategory{apitest.ReportCategoryPoverty}) ||
		!slices.Equal(rep.Categories, []apitest.ReportCategory{apitest.ReportCategoryDomesticViolence}) {
		t.Errorf("categories replaced: %+v", rep)
	}

	// The school that reported follows its report, but does not correct it.
	school := e.as(demo.VinnytsiaPartnerReporterEmail)
	mine := okay(apitest.SubmitReport(ctx, school, apitest.CreateReportInput{CommunityID: s.community, Source: apitest.ReportSourceSchool,
		Summary: "учень не приходить"}))(t, "the school's report").SubmitReport.Id
	if _, err := apitest.CorrectReport(ctx, school, apitest.CorrectReportInput{ReportID: mine, Reason: "помилка",
		RemoveCategories: []apitest.ReportCategory{apitest.ReportCategoryNeglect}, Summary: ptr("інше")}); apitest.Code(err) != server.CodeForbidden {
		t.Errorf("a school correcting its report: %v", err)
	}
}

// TestAccompanimentExtensions replays the measured bugs: an extension
// recorded on a just-reported case (which later moved the end three months
// too far) and a third extension past the maximum are refused with CONFLICT
// and their rule, with no effect; the end is always the rules' answer.
func TestAccompanimentExtensions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, server.Config{})
	guardianship, uszn := e.as(demo.VinnytsiaGuardianshipEmail), e.as(demo.VinnytsiaSocialProtectionEmail)
	s := newScene(t, e, apitest.ReportCategoryPoverty)
	extend := func(number string, d time.Duration) error {
		_, err := apitest.RecordDecision(ctx, guardianship, apitest.RecordDecisionInput{CaseID: s.cs, Body: apitest.DecisionBodyGuardianshipBody,
			Kind: apitest.DecisionKindExtendAccompaniment, Number: number, DecidedAt: at(d), LegalBasis: "рішення комісії з питань захисту прав дитини"})
		return err
	}
	term := func() *apitest.CaseAccompanimentNodeCase {
		n, ok := okay(apitest.CaseAccompaniment(ctx, s.ssd, s.cs))(t, "accompaniment").Node.(*apitest.CaseAccompanimentNodeCase)
		if !ok {
			t.Fatal("case not visible")
		}
		return n
	}
	extensions := func(n *apitest.CaseAccompanimentNodeCase) int {
		k := 0
		for _, d := range n.Decisions {
			if d.Kind == apitest.DecisionKindExtendAccompaniment {
				k++
			}
		}
		return k
	}

	if err := extend("1-д", 30*time.Minute); apitest.Code(err) != server.CodeConflict || apitest.Rule(err) != "ACCOMPANIMENT_REQUIRED" {
		t.Fatalf("extending the accompaniment of a just-reported case: %v (rule %s)", err, apitest.Rule(err))
	}
	if n := term(); n.Accompaniment != nil || n.AccompanimentEndsAt != nil || extensions(n) != 0 {
		t.Fatalf("the refused extension left a trace: %+v", n)
	}

	s.awaitDecision(t)
	okay(apitest.RecordDecision(ctx, uszn, apitest.RecordDecisionInput{CaseID: s.cs, Body: apitest.DecisionBodySocialProtection,
		Kind: apitest.DecisionKindProvideServices, Number: "45-р", DecidedAt: at(time.Hour),
		LegalBasis: "ст. 21 Закону України «Про соціальні послуги»"}))(t, "providing services")
	rules, err := procedure.RuleSetAt(at(72 * time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	want := func(start time.Time, n int) time.Time {
		due, err := rules.DueExtended(procedure.KindAccompaniment, start, n, procedure.Default())
		if err != nil {
			t.Fatal(err)
		}
		return due
	}
	n := term()
	if n.Accompaniment == nil || !n.Accompaniment.EndsAt.Equal(want(n.Accompaniment.StartsAt, 0)) || !n.Accompaniment.BaseEndsAt.Equal(n.Accompaniment.EndsAt) ||
		n.AccompanimentEndsAt == nil || !n.AccompanimentEndsAt.Equal(n.Accompaniment.EndsAt) || n.Accompaniment.ExtensionsLeft != 2 {
		t.Fatalf("the accompaniment as services are provided: %+v", n.Accompaniment)
	}
	start := n.Accompaniment.StartsAt
	for i, number := range []string{"2-д", "3-д"} {
		if err := extend(number, 30*time.Minute); err != nil {
			t.Fatalf("extension %d: %v", i+1, err)
		}
		if a := term().Accompaniment; a.Extensions != i+1 || !a.EndsAt.Equal(want(start, i+1)) || a.ExtensionsLeft != 1-i {
			t.Errorf("after extension %d: %+v, want the end %s", i+1, a, want(start, i+1))
		}
	}
	if err := extend("4-д", 20*time.Minute); apitest.Code(err) != server.CodeConflict || apitest.Rule(err) != "EXTENSION_LIMIT" {
		t.Errorf("a third extension past the maximum: %v (rule %s)", err, apitest.Rule(err))
	}
	if n := term(); extensions(n) != 2 || !n.Accompaniment.EndsAt.Equal(want(start, 2)) || n.Accompaniment.MaxExtensions != 2 {
		t.Errorf("the refused third extension left a trace: %+v", n.Accompaniment)
	}
}

// TestExtensionAfterTheAccompanimentEnded: a paper file whose services were
// decided ten months ago: an extension dated within the term moves its end
// three months on; one dated after that end extends nothing
// (ACCOMPANIMENT_ENDED) and leaves no trace.
func TestExtensionAfterTheAccompanimentEnded(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, server.Config{})
	guardianship, uszn := e.as(demo.VinnytsiaGuardianshipEmail), e.as(demo.VinnytsiaSocialProtectionEmail)
	day := 24 * time.Hour
	s := newSceneAt(t, e, apitest.ReportCategoryPoverty, 300*day)
	s.refer(t)
	okay(apitest.RecordSafetyAssessment(ctx, s.ssd, apitest.RecordSafetyAssessmentInput{CaseID: s.cs, ConductedAt: at(299 * day),
		Result: apitest.SafetyResultSafe}))(t, "safety")
	needs := s.needsInput()
	needs.ConductedAt, needs.ActFiledAt = at(298*day), at(298*day)
	okay(apitest.RecordNeedsAssessment(ctx, s.provider, needs))(t, "needs")
	okay(apitest.RecordDecision(ctx, uszn, apitest.RecordDecisionInput{CaseID: s.cs, Body: apitest.DecisionBodySocialProtection,
		Kind: apitest.DecisionKindProvideServices, Number: "7-р", DecidedAt: at(297 * day),
		LegalBasis: "ст. 21 Закону України «Про соціальні послуги»"}))(t, "providing services")
	extend := func(number string, d time.Duration) error {
		_, err := apitest.RecordDecision(ctx, guardianship, apitest.RecordDecisionInput{CaseID: s.cs, Body: apitest.DecisionBodyGuardianshipBody,
			Kind: apitest.DecisionKindExtendAccompaniment, Number: number, DecidedAt: at(d), LegalBasis: "рішення комісії з питань захисту прав дитини"})
		return err
	}
	ends := func() time.Time {
		n, ok := okay(apitest.CaseAccompaniment(ctx, s.ssd, s.cs))(t, "accompaniment").Node.(*apitest.CaseAccompanimentNodeCase)
		if !ok || n.Accompaniment == nil {
			t.Fatal("no accompaniment")
		}
		return n.Accompaniment.EndsAt
	}
	base := ends()
	if !base.Before(at(100 * day)) {
		t.Fatalf("six months from ten months ago end %s", base)
	}
	for _, tt := range []struct {
		name, number string
		at           time.Duration
		rule         string
	}{
		{"dated after the end the decision gave", "1-д", 110 * day, "ACCOMPANIMENT_ENDED"},
		{"dated within the term", "2-д", 200 * day, ""},
		{"dated after the end the extension gave", "3-д", time.Hour, "ACCOMPANIMENT_ENDED"},
	} {
		before := ends()
		err := extend(tt.number, tt.at)
		switch {
		case tt.rule == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.rule != "" && (apitest.Code(err) != server.CodeConflict || apitest.Rule(err) != tt.rule):
			t.Errorf("%s: %v (rule %s), want %s", tt.name, err, apitest.Rule(err), tt.rule)
		case tt.rule != "" && !ends().Equal(before):
			t.Errorf("%s: the refused extension moved the end from %s to %s", tt.name, before, ends())
		case tt.rule == "" && !ends().After(before):
			t.Errorf("%s: the end stayed %s", tt.name, before)
		}
	}
}
