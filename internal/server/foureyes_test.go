package server_test

import (
	"context"
	"testing"
	"time"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/server"
	"github.com/turbota/turbota/internal/server/apitest"
)

// A needs assessment rating the child's situation CRITICAL is a threat to
// life or health: its author (a provider manager, who may sign off their
// own acts) may not approve it, a second person does; and the children's
// service hears of it at once.
func TestCriticalNeedsAssessmentFourEyes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, server.Config{})
	s := newScene(t, e, apitest.ReportCategoryNeglect)
	s.refer(t)
	s.assessSafety(t, apitest.SafetyResultDangerPresent)
	before := okay(apitest.NotificationCount(ctx, s.ssd, apitest.NotificationKindDangerFound))(t, "notifications").Notifications.TotalCount
	in := s.needsInput()
	in.Domains[0].Rating = apitest.ConcernRatingCritical
	na := okay(apitest.RecordNeedsAssessment(ctx, s.provider, in))(t, "a critical needs assessment")
	if na.RecordNeedsAssessment.Case.Status != apitest.CaseStatusAssessingNeeds {
		t.Errorf("the author's critical act took effect at once: the case is %s", na.RecordNeedsAssessment.Case.Status)
	}
	r := e.do(e.login(demo.VinnytsiaProviderManagerEmail), `query($c: ID!) { approvals(where: {caseID: $c, status: PENDING, subjectKind: NEEDS_ASSESSMENT}) { edges { node { id } } } }`,
		map[string]any{"c": s.cs})
	edges, _ := r.Data["approvals"].(map[string]any)["edges"].([]any)
	if len(edges) != 1 {
		t.Fatalf("pending approvals of the act: %v %v", r.Errors, r.Data)
	}
	id := str(edges[0].(map[string]any), "node", "id")
	_, err := apitest.Approve(ctx, s.provider, id, nil)
	if apitest.Code(err) != server.CodeForbidden || apitest.Extension(err, "reason") != authz.ReasonFourEyes {
		t.Fatalf("the author approved their own critical act: %v (code %s, reason %v)", err, apitest.Code(err), apitest.Extension(err, "reason"))
	}
	after := okay(apitest.NotificationCount(ctx, s.ssd, apitest.NotificationKindDangerFound))(t, "notifications").Notifications.TotalCount
	if after != before+1 {
		t.Errorf("the children's service was told %d times of the critical rating", after-before)
	}
	if a := okay(apitest.Approve(ctx, s.ssd, id, nil))(t, "a second person approves"); a.Approve.Status != apitest.ApprovalStatusApproved {
		t.Errorf("approval by the children's service: %s", a.Approve.Status)
	}
	// The critical rating is a threat to life or health: services are not
	// refused (issue 13: a diabetic child without insulin).
	_, err = apitest.RecordDecision(ctx, e.as(demo.VinnytsiaSocialProtectionEmail), apitest.RecordDecisionInput{CaseID: s.cs,
		Body: apitest.DecisionBodySocialProtection, Kind: apitest.DecisionKindRefuseServices, Number: "46-р", DecidedAt: at(time.Minute),
		LegalBasis: "ст. 21 Закону України «Про соціальні послуги»", Reason: ptr("сім'я відмовилась")})
	if apitest.Code(err) != server.CodeConflict || apitest.Rule(err) != "REFUSAL_FORBIDDEN" {
		t.Errorf("refusing services after a critical rating: %v (rule %s)", err, apitest.Rule(err))
	}
}
