package server_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/server"
	"github.com/turbota/turbota/internal/server/apitest"
)

// team puts someone of an organisation on the scene's case's team.
func (s *scene) team(ctx context.Context, c *apitest.Client, org string, user, override *string) (*apitest.AddTeamMemberResponse, error) {
	return apitest.AddTeamMember(ctx, c, apitest.AddTeamMemberInput{CaseID: s.cs, OrganizationID: org, UserID: user,
		Name: "Ольга Д.", Role: "психолог", OverrideReason: override})
}

// transfer moves the scene's case to TRANSFERRED, to an organisation of
// the community (with none, it is refused).
func (s *scene) transfer(ctx context.Context, caseID string, org, override *string) (*apitest.TransitionCaseResponse, error) {
	return apitest.TransitionCase(ctx, s.ssd, apitest.TransitionCaseInput{Id: caseID, To: apitest.CaseStatusTransferred,
		TransferToOrganizationID: org, OverrideReason: override})
}

func TestConsentRequiredForTeamPlaceOfAnotherOrganisation(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, server.Config{})
	s := newScene(t, e, apitest.ReportCategoryNeglect)
	specialist := viewerID(t, s.provider)
	if _, err := s.team(ctx, s.ssd, s.providerOrg, &specialist, nil); !consentRequired(err) {
		t.Fatalf("a provider's specialist on the team without consent: %v", err)
	}
	if got := s.sees(t, s.provider, s.cs); got[0] {
		t.Fatal("the refused team place opened the case")
	}
	s.consent(t, apitest.ConsentPurposeReferral, s.providerOrg) // to refer, not to join the team
	if _, err := s.team(ctx, s.ssd, s.providerOrg, &specialist, nil); !consentRequired(err) {
		t.Fatalf("a consent for another purpose let the provider on the team: %v", err)
	}
	cn := s.consent(t, apitest.ConsentPurposeTeam, s.providerOrg)
	r := okay(s.team(ctx, s.ssd, s.providerOrg, &specialist, nil))(t, "with the family's consent")
	if r.AddTeamMember.Consent == nil || r.AddTeamMember.Consent.Id != cn {
		t.Fatalf("the team place names its consent: %#v", r.AddTeamMember)
	}
	if got := s.sees(t, s.provider, s.cs); !got[0] {
		t.Error("the team place did not open the case to the provider")
	}
}

func TestTeamPlaceOfTheStatutoryServiceNeedsNoConsent(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{})
	s := newScene(t, e, apitest.ReportCategoryNeglect)
	self := viewerID(t, s.ssd)
	r := okay(s.team(context.Background(), s.ssd, orgOf(t, s.ssd), &self, nil))(t, "the children's service on its own case's team")
	if r.AddTeamMember.Consent != nil {
		t.Fatalf("a statutory team place names a consent: %#v", r.AddTeamMember)
	}
}

func TestConsentOverrideStatesItsLegalBasis(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, server.Config{})
	s := newScene(t, e, apitest.ReportCategoryNeglect)
	basis := "дитина в небезпеці (ст. 11 Закону «Про захист персональних даних»)"
	uszn := e.as(demo.VinnytsiaSocialProtectionEmail)
	if _, err := s.team(ctx, uszn, s.providerOrg, nil, &basis); apitest.Code(err) != server.CodeForbidden {
		t.Errorf("an override without the permission: %v", err)
	}
	r := okay(s.team(ctx, s.ssd, s.providerOrg, nil, &basis))(t, "an override by the children's service")
	if o := r.AddTeamMember.OverrideReason; o == nil || *o != basis {
		t.Fatalf("the team place keeps its basis: %#v", r.AddTeamMember)
	}
	kinds, notes := s.timeline(t, s.cs)
	if !slices.Contains(kinds, "CONSENT_MISSING_OVERRIDDEN") || !strings.Contains(notes, "ст. 11") {
		t.Errorf("the timeline lacks the override and its basis: %v %q", kinds, notes)
	}
}

func TestConsentScope(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, server.Config{})
	s := newScene(t, e, apitest.ReportCategoryNeglect)
	rec := func(in apitest.RecordConsentInput) error {
		in.FamilyID, in.GivenBy, in.GivenAt, in.Document, in.Purpose = s.family, "мати", at(48*time.Hour), "згода № 17", apitest.ConsentPurposeReferral
		_, err := apitest.RecordConsent(ctx, s.ssd, in)
		return err
	}
	ngo := apitest.ConsentRecipientKindNgoProvider
	for name, in := range map[string]apitest.RecordConsentInput{
		"no recipient":         {},
		"two recipients":       {RecipientOrganizationID: &s.providerOrg, RecipientKind: &ngo},
		"ends before it began": {RecipientOrganizationID: &s.providerOrg, ValidUntil: ptr(at(72 * time.Hour))},
	} {
		if err := rec(in); apitest.Code(err) != server.CodeBadUserInput {
			t.Errorf("%s: %v", name, err)
		}
	}
	// Expired, and for a kind the provider is not: neither covers it.
	if err := rec(apitest.RecordConsentInput{RecipientOrganizationID: &s.providerOrg, ValidUntil: ptr(at(24 * time.Hour))}); err != nil {
		t.Fatal(err)
	}
	org, ok := okay(apitest.KindOfOrganization(ctx, s.ssd, s.providerOrg))(t, "the provider's kind").Node.(*apitest.KindOfOrganizationNodeOrganization)
	if !ok {
		t.Fatal("the children's service does not see the provider")
	}
	kind := apitest.ConsentRecipientKind(org.Kind)
	other := map[apitest.ConsentRecipientKind]apitest.ConsentRecipientKind{
		apitest.ConsentRecipientKindNgoProvider:    apitest.ConsentRecipientKindPublicProvider,
		apitest.ConsentRecipientKindPublicProvider: apitest.ConsentRecipientKindNgoProvider,
	}[kind]
	if other == "" {
		t.Fatalf("the provider is a %s", kind)
	}
	if err := rec(apitest.RecordConsentInput{RecipientKind: &other}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.referTo(ctx, s.ssd, nil); !consentRequired(err) {
		t.Fatalf("an expired consent, or one for another kind, let the referral go: %v", err)
	}
	// A consent for every organisation of the provider's kind covers it.
	if err := rec(apitest.RecordConsentInput{RecipientKind: &kind}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.referTo(ctx, s.ssd, nil); err != nil {
		t.Fatalf("a consent for the provider's kind: %v", err)
	}
}

func TestConsentWithdrawalRevokesWhatItGave(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, server.Config{})
	s := newScene(t, e, apitest.ReportCategoryNeglect)
	s.refer(t)
	team := s.consent(t, apitest.ConsentPurposeTeam, s.providerOrg)
	specialist := viewerID(t, s.provider)
	okay(s.team(ctx, s.ssd, s.providerOrg, &specialist, nil))(t, "the provider's team place")
	okay(s.team(ctx, s.ssd, orgOf(t, s.ssd), nil, nil))(t, "the service's team place")
	manager := viewerID(t, s.ssd)
	okay(apitest.UpdateCase(ctx, s.ssd, s.cs, apitest.UpdateCaseInput{ManagerID: &manager}))(t, "the case manager")
	// The referral's consent goes first: the team's consent still opens the case.
	fam, _ := okay(apitest.FamilyConsents(ctx, s.ssd, s.family))(t, "consents").Node.(*apitest.FamilyConsentsNodeFamily)
	var referralConsent string
	for _, c := range fam.Consents {
		if c.Purpose == apitest.ConsentPurposeReferral {
			referralConsent = c.Id
		}
	}
	first := okay(apitest.WithdrawConsent(ctx, s.ssd, referralConsent, at(0)))(t, "withdrawing the referral's consent").WithdrawConsent
	if len(first.Revoked) != 1 || first.Revoked[0].Reason != apitest.CaseAccessReasonReferral {
		t.Errorf("revoked: %#v", first.Revoked)
	}
	if got := s.sees(t, s.provider, s.cs); !got[0] {
		t.Error("the team place, on a consent still in force, lost its access")
	}
	// Then the team's: nothing of the provider remains; the manager and the
	// statutory service stay, and the answer says why.
	second := okay(apitest.WithdrawConsent(ctx, s.ssd, team, at(0)))(t, "withdrawing the team's consent").WithdrawConsent
	if got := s.sees(t, s.provider, s.cs, s.family); got[0] || got[1] {
		t.Errorf("the provider still sees the case after the family withdrew its consents: %v", got)
	}
	kept := map[string]bool{}
	for _, k := range second.Kept {
		kept[k.Basis] = true
	}
	if !kept["CASE_MANAGER"] || !kept["STATUTORY_SERVICE"] || len(kept) != 2 {
		t.Errorf("kept: %v", kept)
	}
	places, _ := okay(apitest.CaseTeam(ctx, s.ssd, s.cs))(t, "the team").Node.(*apitest.CaseTeamNodeCase)
	for _, m := range places.Team {
		if removed := m.RemovedAt != nil; removed != (m.Organization.Id == s.providerOrg) {
			t.Errorf("team place of %s removed=%v", m.Organization.Id, removed)
		}
	}
	if kinds, _ := s.timeline(t, s.cs); !slices.Contains(kinds, "CONSENT_WITHDRAWN") {
		t.Errorf("timeline: %v", kinds)
	}
	notes := okay(apitest.NotificationCount(ctx, s.provider, apitest.NotificationKindAccessRevoked))(t, "notifications")
	if n := notes.Notifications.TotalCount; n != 2 {
		t.Errorf("the provider's notifications of the revokes: %d", n)
	}
	log := okay(apitest.ChangeLog(ctx, e.as(demo.VinnytsiaAuditorEmail), "CaseAccess", apitest.AuditEventActionUpdate))(t, "the change log")
	if !slices.ContainsFunc(log.AuditEvents.Edges, func(ed *apitest.ChangeLogAuditEventsAuditEventConnectionEdgesAuditEventEdge) bool {
		return slices.Contains(ed.Node.Fields, "revoked_at")
	}) {
		t.Errorf("the revokes are not in the change log: %d events", len(log.AuditEvents.Edges))
	}
	if _, err := apitest.WithdrawConsent(ctx, s.ssd, team, at(0)); apitest.Code(err) != server.CodeConflict {
		t.Errorf("withdrawing twice: %v", err)
	}
}

func TestConsentWithdrawalCancelsReferralsNotYetAnswered(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, server.Config{})
	s := newScene(t, e, apitest.ReportCategoryNeglect)
	cn := s.consent(t, apitest.ConsentPurposeReferral, s.providerOrg)
	sent := okay(s.referTo(ctx, s.ssd, nil))(t, "a referral").SendReferral
	okay(apitest.WithdrawConsent(ctx, s.ssd, cn, at(0)))(t, "withdrawing")
	if _, err := apitest.AcceptReferral(ctx, s.provider, sent.Id); apitest.Code(err) != server.CodeConflict {
		t.Errorf("accepting a referral whose consent was withdrawn: %v", err)
	}
	if got := s.sees(t, s.provider, s.cs); got[0] {
		t.Error("the provider sees the case")
	}
}

func TestTransferToAProviderNeedsConsentAndWithdrawalEndsIt(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, server.Config{})
	s := newScene(t, e, apitest.ReportCategoryNeglect)
	if _, err := s.transfer(ctx, s.cs, &s.providerOrg, nil); !consentRequired(err) {
		t.Fatalf("a transfer to a provider without consent: %v", err)
	}
	if got := s.sees(t, s.provider, s.cs); got[0] {
		t.Fatal("the refused transfer opened the case")
	}
	cn := s.consent(t, apitest.ConsentPurposeTransfer, s.providerOrg)
	if r := okay(s.transfer(ctx, s.cs, &s.providerOrg, nil))(t, "a transfer with the family's consent"); r.TransitionCase.Status != apitest.CaseStatusTransferred {
		t.Fatalf("transferred: %#v", r.TransitionCase)
	}
	if got := s.sees(t, s.provider, s.cs, s.family); !got[0] || !got[1] {
		t.Fatalf("the provider taking the case over sees it: %v", got)
	}
	w := okay(apitest.WithdrawConsent(ctx, s.ssd, cn, at(0)))(t, "withdrawing").WithdrawConsent
	if len(w.Revoked) != 1 || w.Revoked[0].Reason != apitest.CaseAccessReasonTransfer {
		t.Errorf("revoked: %#v", w.Revoked)
	}
	if got := s.sees(t, s.provider, s.cs); got[0] {
		t.Error("the transfer's access outlived the consent")
	}
}

func TestTransferOverrideAndTransferToAnotherCommunity(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, server.Config{})
	s := newScene(t, e, apitest.ReportCategoryNeglect)
	r := okay(s.transfer(ctx, s.cs, &s.providerOrg, ptr("дитина в небезпеці")))(t, "a transfer on a stated legal basis")
	if r.TransitionCase.Status != apitest.CaseStatusTransferred {
		t.Fatalf("transferred: %#v", r.TransitionCase)
	}
	if kinds, _ := s.timeline(t, s.cs); !slices.Contains(kinds, "CONSENT_MISSING_OVERRIDDEN") {
		t.Errorf("timeline: %v", kinds)
	}
	// Without a recipient the move is refused: another community takes a
	// case over through requestCaseTransfer (handover_test.go).
	other := newScene(t, e, apitest.ReportCategoryNeglect)
	if _, err := s.transfer(ctx, other.cs, nil, nil); apitest.Rule(err) != "TRANSFER_REQUIRED" {
		t.Errorf("a bare transfer naming no one: %v", err)
	}
	third := newScene(t, e, apitest.ReportCategoryNeglect)
	if _, err := apitest.TransitionCase(ctx, s.ssd, apitest.TransitionCaseInput{Id: third.cs, To: apitest.CaseStatusAssessingSafety,
		TransferToOrganizationID: &s.providerOrg}); apitest.Code(err) != server.CodeBadUserInput {
		t.Errorf("a recipient on a move that is no transfer: %v", err)
	}
}
