package server_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/turbota/turbota/ent/approval"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/server"
	"github.com/turbota/turbota/internal/server/apitest"
	"github.com/turbota/turbota/tenant"
)

// TestNoShortcutPastAChildInDanger: after a safety assessment finds an
// immediate threat, the children's service cannot close the case on it
// (nor will the app offer to), where a safe child's case closes at once;
// and a case is not handed on before the child's safety is assessed where
// its report names violence.
func TestNoShortcutPastAChildInDanger(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{})
	ctx := context.Background()

	threat := newScene(t, e, apitest.ReportCategoryNeglect)
	okay(apitest.RecordSafetyAssessment(ctx, threat.ssd, apitest.RecordSafetyAssessmentInput{CaseID: threat.cs,
		ConductedAt: at(2 * time.Hour), Result: apitest.SafetyResultImmediateThreat,
		UrgentMeasures: []apitest.UrgentMeasureInput{{Kind: "REMOVAL", LegalBasis: "ст. 170 Сімейного кодексу України", Children: []string{threat.child}}}}))(t, "safety")
	_, err := apitest.TransitionCase(ctx, threat.ssd, apitest.TransitionCaseInput{Id: threat.cs, To: apitest.CaseStatusClosed,
		Outcome: ptr("SERVICES_REFUSED")})
	if apitest.Code(err) != server.CodeConflict || apitest.Rule(err) != "CHILD_IN_DANGER" {
		t.Errorf("closing the case of a child under immediate threat: %v (code %s, rule %s)", err, apitest.Code(err), apitest.Rule(err))
	}
	if n := caseNode(t, threat.ssd, threat.cs); slices.Contains(n.AllowedTransitions, apitest.CaseStatusClosed) ||
		!slices.Contains(n.AllowedTransitions, apitest.CaseStatusAssessingNeeds) {
		t.Errorf("offered moves of a case under threat: %v", n.AllowedTransitions)
	}

	safe := newScene(t, e, apitest.ReportCategoryNeglect)
	safe.assessSafety(t, apitest.SafetyResultSafe)
	okay(apitest.TransitionCase(ctx, safe.ssd, apitest.TransitionCaseInput{Id: safe.cs, To: apitest.CaseStatusClosed,
		Outcome: ptr("OTHER")}))(t, "closing a safe child's case")

	violence := newScene(t, e, apitest.ReportCategoryDomesticViolence)
	violence.consent(t, apitest.ConsentPurposeTransfer, violence.providerOrg)
	_, err = apitest.TransitionCase(ctx, violence.ssd, apitest.TransitionCaseInput{Id: violence.cs, To: apitest.CaseStatusTransferred,
		TransferToOrganizationID: &violence.providerOrg})
	if apitest.Rule(err) != "CHILD_IN_DANGER" {
		t.Errorf("handing on a violence case before the safety assessment: %v (rule %s)", err, apitest.Rule(err))
	}
}

func caseNode(t *testing.T, c *apitest.Client, id string) *apitest.CaseNodeNodeCase {
	t.Helper()
	n, ok := okay(apitest.CaseNode(context.Background(), c, id))(t, "case").Node.(*apitest.CaseNodeNodeCase)
	if !ok {
		t.Fatalf("case %s not visible", id)
	}
	return n
}

// TestASecondPersonDecidesWhereTheProcedureAsks: a request that rules out
// its filer's sign-off (the closure of a child in danger's case) cannot be
// decided by its filer, though their role may sign off their own work; a
// request that allows it can.
func TestASecondPersonDecidesWhereTheProcedureAsks(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{})
	ctx := context.Background()
	s := newScene(t, e, apitest.ReportCategoryNeglect)
	var filer string
	if err := e.db.QueryRow(`SELECT id FROM users WHERE email = $1`, demo.VinnytsiaChildrenServiceEmail).Scan(&filer); err != nil {
		t.Fatal(err)
	}
	request := func(allowed bool) string {
		a, err := e.client.Approval.Create().SetCommunityID(fx[own].Community).SetCaseID(pulid.ID(s.cs)).
			SetSubjectKind(approval.SubjectKindCLOSURE).SetSubjectID(pulid.ID(s.cs)).SetRequestedAt(clock.Now()).
			SetRequestedByID(pulid.ID(filer)).SetOwnSignOff(allowed).Save(tenant.SystemContext(ctx))
		if err != nil {
			t.Fatal(err)
		}
		return string(a.ID)
	}
	_, err := apitest.ReturnForRework(ctx, s.ssd, request(false), "Додайте висновок")
	if apitest.Code(err) != server.CodeForbidden {
		t.Errorf("the filer decided a request that needs a second person: %v", err)
	}
	okay(apitest.ReturnForRework(ctx, s.ssd, request(true), "Додайте висновок"))(t, "the filer returns their own request")
}
