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

// referTo is sendReferral of the scene's case to the demo provider.
func (s *scene) referTo(ctx context.Context, c *apitest.Client, override *string) (*apitest.SendReferralResponse, error) {
	return apitest.SendReferral(ctx, c, s.cs, s.providerOrg, "оцінити потреби сім'ї", override)
}

// consentRequired: refused because the family's consent is missing.
func consentRequired(err error) bool {
	return apitest.Code(err) == server.CodeConflict && apitest.Rule(err) == "CONSENT_REQUIRED"
}

func TestReferralNeedsConsentAndOpensTheFamilyOnAcceptance(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, server.Config{})
	s := newScene(t, e, apitest.ReportCategoryNeglect)
	if got := s.sees(t, s.provider, s.cs, s.family, s.child); slices.Contains(got, true) {
		t.Fatalf("a provider sees a family nobody referred to it: %v", got)
	}
	if _, err := s.referTo(ctx, s.ssd, nil); !consentRequired(err) {
		t.Fatalf("a referral without consent: %v", err)
	}
	uszn := e.as(demo.VinnytsiaSocialProtectionEmail)
	if _, err := s.referTo(ctx, uszn, ptr("дитина в небезпеці")); apitest.Code(err) != server.CodeForbidden {
		t.Errorf("an override without the permission: %v", err)
	}
	consent := s.consent(t, apitest.ConsentPurposeReferral, s.providerOrg)
	sent := okay(s.referTo(ctx, s.ssd, nil))(t, "a referral with consent").SendReferral
	if sent.Consent == nil || sent.Consent.Id != consent {
		t.Fatalf("the referral names its consent: %#v", sent.Consent)
	}
	if _, err := s.referTo(ctx, s.ssd, nil); apitest.Code(err) != server.CodeBadUserInput {
		t.Errorf("the same referral twice: %v", err)
	}
	// Before answering, the provider sees the referral, not the family.
	incoming := okay(apitest.IncomingReferrals(ctx, s.provider, s.providerOrg))(t, "incoming referrals")
	if !slices.ContainsFunc(incoming.Referrals.Edges, func(e *apitest.IncomingReferralsReferralsReferralConnectionEdgesReferralEdge) bool {
		return e.Node != nil && e.Node.Id == sent.Id
	}) {
		t.Errorf("incoming referrals lack %s: %#v", sent.Id, incoming.Referrals.Edges)
	}
	if got := s.sees(t, s.provider, s.cs, s.family); slices.Contains(got, true) {
		t.Errorf("a provider sees the family before accepting: %v", got)
	}
	if _, err := apitest.AcceptReferral(ctx, s.ssd, sent.Id); apitest.Code(err) != server.CodeForbidden {
		t.Errorf("the sender accepting for the provider: %v", err)
	}
	if _, err := apitest.DeclineReferral(ctx, s.provider, sent.Id, " "); apitest.Code(err) != server.CodeBadUserInput {
		t.Errorf("declining without a reason: %v", err)
	}
	if r := okay(apitest.AcceptReferral(ctx, s.provider, sent.Id))(t, "accepting"); r.AcceptReferral.Status != apitest.ReferralStatusAccepted ||
		r.AcceptReferral.AnsweredAt == nil {
		t.Fatalf("accepted: %#v", r.AcceptReferral)
	}
	if got := s.sees(t, s.provider, s.cs, s.family, s.child); slices.Contains(got, false) {
		t.Errorf("after accepting the provider sees case, family, child: %v", got)
	}
	if _, err := apitest.DeclineReferral(ctx, s.provider, sent.Id, "немає місць"); apitest.Code(err) != server.CodeConflict {
		t.Errorf("answering twice: %v", err)
	}
	kinds, _ := s.timeline(t, s.cs)
	for _, k := range []string{"REFERRAL_SENT", "REFERRAL_ACCEPTED"} {
		if !slices.Contains(kinds, k) {
			t.Errorf("timeline lacks %s: %v", k, kinds)
		}
	}
}

func TestProviderSeesOnlyWhatItWorksOn(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, server.Config{})
	s := newScene(t, e, apitest.ReportCategoryNeglect)
	other := newScene(t, e, apitest.ReportCategoryNeglect)
	s.refer(t)
	var families []string
	for _, ed := range okay(apitest.Families(ctx, s.provider))(t, "families").Families.Edges {
		families = append(families, ed.Node.Id)
	}
	if !slices.Contains(families, s.family) || slices.Contains(families, other.family) {
		t.Errorf("the provider's families: %v", families)
	}
	var found []string
	for _, p := range okay(apitest.SearchPersons(ctx, s.provider, s.community, "Referral Child"))(t, "search").SearchPersons {
		found = append(found, p.Id)
	}
	if !slices.Contains(found, s.child) || slices.Contains(found, other.child) {
		t.Errorf("the provider's search: %v", found)
	}
	if _, err := apitest.UpdateFamilyNotes(ctx, s.provider, other.family, "x"); apitest.Code(err) != server.CodeNotFound {
		t.Errorf("changing a family the provider may not see: %v", err)
	}
	// A family the provider registers itself stays in its sight.
	self := okay(apitest.CreateFamily(ctx, s.provider, s.community, "Self-referred"))(t, "a family the provider registers")
	if got := s.sees(t, s.provider, self.CreateFamily.Id); !got[0] {
		t.Error("the provider does not see a family it registered")
	}
	// The children's service still sees the whole community.
	if got := s.sees(t, s.ssd, other.cs, other.family); slices.Contains(got, false) {
		t.Errorf("the children's service: %v", got)
	}
}

func TestOverrideWithoutConsentIsOnTheTimeline(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{})
	s := newScene(t, e, apitest.ReportCategoryNeglect)
	sent := okay(s.referTo(context.Background(), s.ssd, ptr("загроза життю, мати недоступна")))(t, "an override by the children's service")
	if r := sent.SendReferral.OverrideReason; r == nil || *r == "" {
		t.Fatalf("the referral does not keep its override: %#v", sent.SendReferral)
	}
	if kinds, _ := s.timeline(t, s.cs); !slices.Contains(kinds, "CONSENT_MISSING_OVERRIDDEN") {
		t.Errorf("timeline: %v", kinds)
	}
}

func TestTeamPlaceGivesAndTakesAccess(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, server.Config{})
	s := newScene(t, e, apitest.ReportCategoryNeglect)
	s.consent(t, apitest.ConsentPurposeTeam, s.providerOrg)
	add := okay(apitest.AddTeamMember(ctx, s.ssd, apitest.AddTeamMemberInput{CaseID: s.cs, OrganizationID: s.providerOrg,
		Name: "Ольга Д.", Role: "психолог"}))(t, "a team place")
	if got := s.sees(t, s.provider, s.cs, s.family); slices.Contains(got, false) {
		t.Errorf("a team member's organisation: %v", got)
	}
	id := add.AddTeamMember.Id
	if r := okay(apitest.RemoveTeamMember(ctx, s.ssd, id))(t, "removing"); r.RemoveTeamMember.RemovedAt == nil {
		t.Errorf("removed with no date: %#v", r.RemoveTeamMember)
	}
	if got := s.sees(t, s.provider, s.cs); got[0] {
		t.Error("access outlived the team place")
	}
	if _, err := apitest.RemoveTeamMember(ctx, s.ssd, id); apitest.Code(err) != server.CodeConflict {
		t.Errorf("removing twice: %v", err)
	}
}

func TestServicesAndVisits(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, server.Config{})
	s := newScene(t, e, apitest.ReportCategoryNeglect)
	s.refer(t)
	types := okay(apitest.FirstServiceType(ctx, s.provider))(t, "service types").ServiceTypes.Edges
	if len(types) == 0 {
		t.Fatal("no service types")
	}
	start := okay(apitest.StartService(ctx, s.provider, apitest.StartServiceInput{CaseID: s.cs, ProviderID: s.providerOrg,
		ServiceTypeID: types[0].Node.Id, PersonID: &s.child, StartedAt: at(48 * time.Hour)}))(t, "starting a service")
	svc := start.StartService.Id
	visit := func(minutes int) error {
		_, err := apitest.RecordActivity(ctx, s.provider, apitest.RecordActivityInput{CaseID: s.cs, ServiceID: &svc,
			Kind: apitest.ActivityKindHomeVisit, At: at(24 * time.Hour), DurationMinutes: minutes,
			Participants: []string{"мати", "дитина"}, Notes: ptr("умови проживання задовільні")})
		return err
	}
	if err := visit(0); apitest.Code(err) != server.CodeBadUserInput {
		t.Errorf("a visit of no length: %v", err)
	}
	if err := visit(90); err != nil {
		t.Fatal(err)
	}
	end := func(status apitest.ServiceProvisionStatus, ago time.Duration) (*apitest.EndServiceResponse, error) {
		return apitest.EndService(ctx, s.provider, apitest.EndServiceInput{Id: svc, Status: status, EndedAt: at(ago)})
	}
	if _, err := end(apitest.ServiceProvisionStatusDiscontinued, time.Hour); apitest.Code(err) != server.CodeBadUserInput {
		t.Errorf("discontinued without a note: %v", err)
	}
	if _, err := end(apitest.ServiceProvisionStatusCompleted, 72*time.Hour); apitest.Code(err) != server.CodeBadUserInput {
		t.Errorf("ended before it started: %v", err)
	}
	if r := okay(end(apitest.ServiceProvisionStatusCompleted, time.Hour))(t, "completing"); r.EndService.Status != apitest.ServiceProvisionStatusCompleted {
		t.Fatalf("completed: %#v", r.EndService)
	}
	if _, err := end(apitest.ServiceProvisionStatusCompleted, time.Hour); apitest.Code(err) != server.CodeConflict {
		t.Errorf("ending twice: %v", err)
	}
	kinds, _ := s.timeline(t, s.cs)
	for _, k := range []string{"SERVICE_STARTED", "ACTIVITY_RECORDED", "SERVICE_ENDED"} {
		if !slices.Contains(kinds, k) {
			t.Errorf("timeline lacks %s: %v", k, kinds)
		}
	}
	work, ok := okay(apitest.CaseServices(ctx, s.ssd, s.cs))(t, "the case's services").Node.(*apitest.CaseServicesNodeCase)
	if !ok || work.Activities.TotalCount != 1 || len(work.Services) != 1 || work.Services[0].Status != apitest.ServiceProvisionStatusCompleted {
		t.Errorf("the case's services and visits: %#v", work)
	}
}
