package server_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/server"
	"github.com/turbota/turbota/internal/server/apitest"
)

// immediateScene is newScene for a report of IMMEDIATE urgency (a neglect
// report: no danger is recorded until the safety assessment).
func immediateScene(t *testing.T, e *env) *scene {
	t.Helper()
	ctx := context.Background()
	s := &scene{e: e, ssd: e.as(demo.VinnytsiaChildrenServiceEmail), provider: e.as(demo.VinnytsiaProviderManagerEmail),
		community: string(fx[own].Community)}
	s.family = okay(apitest.CreateFamily(ctx, s.ssd, s.community, "Immediate family"))(t, "family").CreateFamily.Id
	s.child = okay(apitest.CreateChild(ctx, s.ssd, s.community, s.family, "Immediate", "Child"))(t, "child").CreatePerson.Id
	urgency := apitest.ReportUrgencyImmediate
	rep := okay(apitest.SubmitReport(ctx, s.ssd, apitest.CreateReportInput{CommunityID: s.community,
		FamilyID: &s.family, ChildIDs: []string{s.child}, Source: apitest.ReportSourcePolice, Urgency: &urgency,
		Categories: []apitest.ReportCategory{apitest.ReportCategoryNeglect}, Summary: "…", ReceivedAt: ptr(at(3 * time.Hour))}))(t, "report")
	s.report, s.cs = rep.SubmitReport.Id, rep.SubmitReport.Case.Id
	s.providerOrg = orgOf(t, s.provider)
	return s
}

// statusOf is the case's status and allowed moves as c reads them.
func statusOf(t *testing.T, c *apitest.Client, id string) *apitest.CaseNodeNodeCase {
	t.Helper()
	n, ok := okay(apitest.CaseNode(context.Background(), c, id))(t, "case").Node.(*apitest.CaseNodeNodeCase)
	if !ok {
		t.Fatalf("case %s not readable", id)
	}
	return n
}

// TRANSFERRED is reached only by a transfer that names who takes the case
// over and hands the file to them: a bare status change is refused, and
// is never offered as a next step.
func TestTransferredOnlyByARealTransfer(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, server.Config{})
	s := newScene(t, e, apitest.ReportCategoryNeglect)
	if _, err := s.transfer(ctx, s.cs, nil, nil); apitest.Code(err) != server.CodeConflict || apitest.Rule(err) != "TRANSFER_REQUIRED" {
		t.Fatalf("a bare TRANSFERRED: %v", err)
	}
	got := statusOf(t, s.ssd, s.cs)
	if got.Status == apitest.CaseStatusTransferred || slices.Contains(got.AllowedTransitions, apitest.CaseStatusTransferred) {
		t.Errorf("after a refused bare transfer: %s, offered %v", got.Status, got.AllowedTransitions)
	}
	// Named, with the family's consent, the organisation takes the case.
	s.consent(t, apitest.ConsentPurposeTransfer, s.providerOrg)
	if r := okay(s.transfer(ctx, s.cs, &s.providerOrg, nil))(t, "transfer to the provider"); r.TransitionCase.Status != apitest.CaseStatusTransferred {
		t.Errorf("named transfer: %s", r.TransitionCase.Status)
	}
	if !s.sees(t, s.provider, s.cs)[0] {
		t.Error("the receiving organisation was not handed the case")
	}
}

// A report of immediate urgency is handed on, to an organisation or to
// another community, only after the child's safety has been assessed here.
func TestImmediateReportNotHandedOnBeforeTheSafetyAssessment(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, server.Config{})
	s := immediateScene(t, e)
	s.consent(t, apitest.ConsentPurposeTransfer, s.providerOrg)
	if _, err := s.transfer(ctx, s.cs, &s.providerOrg, nil); apitest.Rule(err) != "CHILD_IN_DANGER" {
		t.Errorf("an immediate report handed to an organisation unassessed: %v", err)
	}
	if _, err := apitest.RequestCaseTransfer(ctx, s.ssd, s.cs, string(fx[otherRegion].Community), "переїзд", ptr("ст. 12")); apitest.Rule(err) != "CHILD_IN_DANGER" {
		t.Errorf("an immediate report sent to another community unassessed: %v", err)
	}
	okay(apitest.TransitionCase(ctx, s.ssd, apitest.TransitionCaseInput{Id: s.cs, To: apitest.CaseStatusAssessingSafety}))(t, "take up")
	s.assessSafety(t, apitest.SafetyResultSafe)
	okay(apitest.RequestCaseTransfer(ctx, s.ssd, s.cs, string(fx[otherRegion].Community), "переїзд", ptr("ст. 12")))(t, "after the assessment")
}
