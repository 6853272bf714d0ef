package server_test

import (
	"context"
	"testing"
	"time"

	"github.com/alexedwards/argon2id"

	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/ent/organization"
	"github.com/turbota/turbota/internal/auth"
	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/server/apitest"
	"github.com/turbota/turbota/tenant"
)

// api is the typed GraphQL client of the test's server, as the viewer of
// the token ("" for anonymous).
func (e *env) api(token string) *apitest.Client {
	return &apitest.Client{URL: e.url + "/graphql", Token: token, HTTP: e.http}
}

// as signs a demo account in and returns its typed client.
func (e *env) as(email string) *apitest.Client {
	e.t.Helper()
	r, err := apitest.Login(context.Background(), e.api(""), email, demo.DefaultPassword, nil)
	if err != nil {
		e.t.Fatalf("login %s: %v", email, err)
	}
	return e.api(r.Login.Token)
}

// okay takes a typed call's results; the function it returns fails the
// test on the error and otherwise gives the answer:
// okay(apitest.X(ctx, c, …))(t, "what").
func okay[T any](v T, err error) func(t testing.TB, what string) T {
	return func(t testing.TB, what string) T {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		return v
	}
}

// ptr is a pointer to a value, for the optional fields of typed inputs.
func ptr[T any](v T) *T { return &v }

// at is an instant d before now.
func at(d time.Duration) time.Time { return clock.Now().Add(-d) }

// strangerEmail is the manager of a provider organisation the test adds
// to the own community: it holds the provider's permissions but no access
// to any case, so what it is refused is need-to-know, not its role.
const strangerEmail = "stranger@fixture.test"

// addStranger creates that organisation and its manager.
func (e *env) addStranger() {
	e.t.Helper()
	ctx := tenant.Bypass(context.Background(), "test: a provider without access")
	org, err := e.client.Organization.Create().SetCommunityID(fx[own].Community).SetName("Stranger provider").
		SetKind(organization.KindNGO_PROVIDER).Save(ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	hash, err := argon2id.CreateHash(demo.DefaultPassword, argon2id.DefaultParams)
	if err != nil {
		e.t.Fatal(err)
	}
	u, err := auth.CreateUserWithHash(ctx, e.client, strangerEmail, "Stranger", hash)
	if err != nil {
		e.t.Fatal(err)
	}
	if err := e.client.Membership.Create().SetUserID(u.ID).SetCommunityID(fx[own].Community).SetOrganizationID(org.ID).
		SetRole(membership.RolePROVIDER_MANAGER).Exec(ctx); err != nil {
		e.t.Fatal(err)
	}
}

// scene is a new case of the own community, as the children's service
// registers it: a family with one child and a school's report received
// three days ago. The demo provider has not been asked yet.
type scene struct {
	e             *env
	ssd, provider *apitest.Client
	community     string
	family, child string
	report, cs    string
	providerOrg   string // the demo provider's organisation
}

func newScene(t *testing.T, e *env, category apitest.ReportCategory) *scene {
	t.Helper()
	return newSceneAt(t, e, category, 72*time.Hour)
}

// newSceneAt is newScene for a report received long ago (a paper file).
func newSceneAt(t *testing.T, e *env, category apitest.ReportCategory, received time.Duration) *scene {
	t.Helper()
	ctx := context.Background()
	s := &scene{e: e, ssd: e.as(demo.VinnytsiaChildrenServiceEmail), provider: e.as(demo.VinnytsiaProviderManagerEmail),
		community: string(fx[own].Community)}
	s.family = okay(apitest.CreateFamily(ctx, s.ssd, s.community, "Referral family"))(t, "family").CreateFamily.Id
	s.child = okay(apitest.CreateChild(ctx, s.ssd, s.community, s.family, "Referral", "Child"))(t, "child").CreatePerson.Id
	rep := okay(apitest.SubmitReport(ctx, s.ssd, apitest.CreateReportInput{CommunityID: s.community,
		FamilyID: &s.family, ChildIDs: []string{s.child}, Source: apitest.ReportSourceSchool,
		Categories: []apitest.ReportCategory{category}, Summary: "…", ReceivedAt: ptr(at(received))}))(t, "report")
	s.report, s.cs = rep.SubmitReport.Id, rep.SubmitReport.Case.Id
	s.providerOrg = orgOf(t, s.provider)
	return s
}

// orgOf is the organisation of the viewer's first membership.
func orgOf(t *testing.T, c *apitest.Client) string {
	t.Helper()
	v := okay(apitest.Viewer(context.Background(), c))(t, "viewer")
	for _, m := range v.Viewer.Memberships {
		if m.Organization != nil {
			return m.Organization.Id
		}
	}
	t.Fatal("the viewer works in no organisation")
	return ""
}

// consent records the family's consent to share with an organisation for
// a purpose, from an hour ago until withdrawn.
func (s *scene) consent(t *testing.T, purpose apitest.ConsentPurpose, org string) string {
	t.Helper()
	r := okay(apitest.RecordConsent(context.Background(), s.ssd, apitest.RecordConsentInput{FamilyID: s.family,
		GivenBy: "мати", GivenAt: at(time.Hour), Document: "згода № 17", Purpose: purpose, RecipientOrganizationID: &org}))(t, "consent")
	return r.RecordConsent.Id
}

// send refers the case to the demo provider with the family's consent.
func (s *scene) send(t *testing.T) string {
	t.Helper()
	s.consent(t, apitest.ConsentPurposeReferral, s.providerOrg)
	r := okay(apitest.SendReferral(context.Background(), s.ssd, s.cs, s.providerOrg, "оцінити потреби сім'ї", nil))(t, "referral")
	return r.SendReferral.Id
}

// refer sends the case to the demo provider, which sees the referral but
// not the case until it accepts, and then the case.
func (s *scene) refer(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	id := s.send(t)
	inbox := okay(apitest.ReferralNode(ctx, s.provider, id))(t, "the referral before it is accepted")
	if rf, ok := inbox.Node.(*apitest.ReferralNodeNodeReferral); !ok || rf.Status != apitest.ReferralStatusSent || rf.Case != nil {
		t.Fatalf("the referral before it is accepted: %#v", inbox.Node)
	}
	if r := okay(apitest.AcceptReferral(ctx, s.provider, id))(t, "accept"); r.AcceptReferral.Case == nil || r.AcceptReferral.Case.Id != s.cs {
		t.Fatalf("accepted, the referral does not open the case: %#v", r.AcceptReferral)
	}
	return id
}

// sees reports whether the viewer finds each node.
func (s *scene) sees(t testing.TB, c *apitest.Client, ids ...string) []bool {
	t.Helper()
	var out []bool
	for _, id := range ids {
		r, err := apitest.Node(context.Background(), c, id)
		if err != nil && apitest.Code(err) != "NOT_FOUND" {
			t.Fatalf("node %s: %v", id, err)
		}
		out = append(out, r != nil && r.Node != nil)
	}
	return out
}

// timeline is the kinds and notes of the case's events, as the children's
// service reads them.
func (s *scene) timeline(t *testing.T, caseID string) (kinds []string, notes string) {
	t.Helper()
	r := okay(apitest.CaseTimeline(context.Background(), s.ssd, caseID))(t, "timeline")
	c, ok := r.Node.(*apitest.CaseTimelineNodeCase)
	if !ok {
		t.Fatalf("timeline of %s: %#v", caseID, r.Node)
	}
	for _, e := range c.Events.Edges {
		kinds = append(kinds, string(e.Node.Kind))
		if e.Node.Note != nil {
			notes += *e.Node.Note + "\n"
		}
	}
	return kinds, notes
}

// assessSafety records the children's service's safety assessment.
func (s *scene) assessSafety(t *testing.T, result apitest.SafetyResult) {
	t.Helper()
	okay(apitest.RecordSafetyAssessment(context.Background(), s.ssd, apitest.RecordSafetyAssessmentInput{
		CaseID: s.cs, ConductedAt: at(2 * time.Hour), Result: result}))(t, "safety")
}

// needsInput is a complete needs assessment of the scene's case by the
// demo provider.
func (s *scene) needsInput() apitest.RecordNeedsAssessmentInput {
	side := func(d apitest.AssessmentDomain) apitest.DomainRatingInput {
		return apitest.DomainRatingInput{Domain: d, Rating: apitest.ConcernRatingSomeConcern, Narrative: "…"}
	}
	return apitest.RecordNeedsAssessmentInput{CaseID: s.cs, ProviderID: s.providerOrg, Kind: apitest.NeedsAssessmentKindInitial,
		ConductedAt: at(time.Hour), ActFiledAt: at(time.Hour), Strengths: "s", Conclusion: "c", ActNumber: "5",
		Domains: []apitest.DomainRatingInput{side("CHILD_DEVELOPMENT"), side("PARENTING_CAPACITY"), side("FAMILY_ENVIRONMENT")}}
}

// awaitDecision brings the case to AWAITING_DECISION: referred, safety and
// needs assessed.
func (s *scene) awaitDecision(t *testing.T) {
	t.Helper()
	s.refer(t)
	s.assessSafety(t, apitest.SafetyResultDangerPresent)
	okay(apitest.RecordNeedsAssessment(context.Background(), s.provider, s.needsInput()))(t, "needs")
}
