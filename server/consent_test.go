package server_test

import (
	"testing"
	"time"

	"github.com/turbota/turbota/demo"
	"github.com/turbota/turbota/server"
)

const addTeamMember = `mutation($id: ID!, $o: ID!, $u: ID, $why: String) { addTeamMember(input: {caseID: $id, organizationID: $o, userID: $u,
	name: "Ольга Д.", role: "психолог", overrideReason: $why}) { id consent { id } overrideReason } }`

const withdrawConsent = `mutation($id: ID!, $at: Time!) { withdrawConsent(id: $id, withdrawnAt: $at) {
	consent { id withdrawnAt } revoked { caseID organization { id } userID reason basis } kept { caseID organization { id } userID reason basis } } }`

// userID is the signed-in user's own ID.
func (w *work) userID(t *testing.T, token string) string {
	t.Helper()
	r := w.e.do(token, `{ viewer { user { id } } }`, nil)
	id := str(r.Data, "viewer", "user", "id")
	if id == "" {
		t.Fatalf("viewer: %v", r.Errors)
	}
	return id
}

// ownOrg is the first organisation of the signed-in user.
func (w *work) ownOrg(t *testing.T, token string) string {
	t.Helper()
	vw := w.e.do(token, `{ viewer { memberships { organization { id } } } }`, nil)
	id := str(vw.Data["viewer"].(map[string]any)["memberships"].([]any)[0].(map[string]any), "organization", "id")
	if id == "" {
		t.Fatalf("viewer: %v", vw.Errors)
	}
	return id
}

func consentRequired(r *gqlResponse) bool {
	return r.code() == server.CodeConflict && r.Errors[0].Extensions["rule"] == "CONSENT_REQUIRED"
}

func TestConsentRequiredForTeamPlaceOfAnotherOrganisation(t *testing.T) {
	e := newEnv(t, server.Config{})
	w := newWork(t, e)
	vars := map[string]any{"id": w.caseID, "o": w.orgID, "u": w.userID(t, w.provider)}
	if r := e.do(w.ssd, addTeamMember, vars); !consentRequired(r) {
		t.Fatalf("a provider's specialist on the team without consent: %v", r.Errors)
	}
	if got := w.sees(w.provider, w.caseID); got[0] {
		t.Fatal("the refused team place opened the case")
	}
	w.consent(t) // to refer, not to join the team
	if r := e.do(w.ssd, addTeamMember, vars); !consentRequired(r) {
		t.Fatalf("a consent for another purpose let the provider on the team: %v", r.Errors)
	}
	cn := w.consentFor(t, "TEAM", w.orgID)
	r := e.do(w.ssd, addTeamMember, vars)
	if len(r.Errors) > 0 || str(r.Data, "addTeamMember", "consent", "id") != cn {
		t.Fatalf("with the family's consent: %v %v", r.Errors, r.Data)
	}
	if got := w.sees(w.provider, w.caseID); !got[0] {
		t.Error("the team place did not open the case to the provider")
	}
}

func TestTeamPlaceOfTheStatutoryServiceNeedsNoConsent(t *testing.T) {
	e := newEnv(t, server.Config{})
	w := newWork(t, e)
	vars := map[string]any{"id": w.caseID, "o": w.ownOrg(t, w.ssd), "u": w.userID(t, w.ssd)}
	if r := e.do(w.ssd, addTeamMember, vars); len(r.Errors) > 0 || str(r.Data, "addTeamMember", "consent", "id") != "" {
		t.Fatalf("the children's service on its own case's team: %v %v", r.Errors, r.Data)
	}
}

func TestConsentOverrideStatesItsLegalBasis(t *testing.T) {
	e := newEnv(t, server.Config{})
	w := newWork(t, e)
	basis := "дитина в небезпеці (ст. 11 Закону «Про захист персональних даних»)"
	vars := map[string]any{"id": w.caseID, "o": w.orgID, "why": basis}
	uszn := e.login(demo.VinnytsiaSocialProtectionEmail)
	if r := e.do(uszn, addTeamMember, vars); r.code() != server.CodeForbidden {
		t.Errorf("an override without the permission: %v", r.Errors)
	}
	r := e.do(w.ssd, addTeamMember, vars)
	if len(r.Errors) > 0 || str(r.Data, "addTeamMember", "overrideReason") != basis {
		t.Fatalf("an override by the children's service: %v %v", r.Errors, r.Data)
	}
	events := e.do(w.ssd, `query($id: ID!) { node(id: $id) { ... on Case { events { edges { node { kind note } } } } } }`, map[string]any{"id": w.caseID})
	if !contains(events.String(), "CONSENT_MISSING_OVERRIDDEN") || !contains(events.String(), "ст. 11") {
		t.Errorf("the timeline lacks the override and its basis: %v", events.Data)
	}
}

func TestConsentScope(t *testing.T) {
	e := newEnv(t, server.Config{})
	w := newWork(t, e)
	rec := func(v map[string]any) *gqlResponse {
		v["f"], v["at"] = w.familyID, ago(48*time.Hour)
		return e.do(w.ssd, recordConsent, v)
	}
	for name, v := range map[string]map[string]any{
		"no recipient":         {"p": "REFERRAL"},
		"two recipients":       {"p": "REFERRAL", "o": w.orgID, "k": "NGO_PROVIDER"},
		"ends before it began": {"p": "REFERRAL", "o": w.orgID, "until": ago(72 * time.Hour)},
	} {
		if r := rec(v); r.code() != server.CodeBadUserInput {
			t.Errorf("%s: %v", name, r.Errors)
		}
	}
	// Expired, and for a kind the provider is not: neither covers it.
	if r := rec(map[string]any{"p": "REFERRAL", "o": w.orgID, "until": ago(24 * time.Hour)}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	kind := e.do(w.ssd, `query($id: ID!) { node(id: $id) { ... on Organization { kind } } }`, map[string]any{"id": w.orgID})
	other := map[string]string{"NGO_PROVIDER": "PUBLIC_PROVIDER", "PUBLIC_PROVIDER": "NGO_PROVIDER"}[str(kind.Data, "node", "kind")]
	if r := rec(map[string]any{"p": "REFERRAL", "k": other}); len(r.Errors) > 0 || other == "" {
		t.Fatal(r.Errors, kind.Data)
	}
	if r := e.do(w.ssd, sendReferral, map[string]any{"id": w.caseID, "o": w.orgID}); !consentRequired(r) {
		t.Fatalf("an expired consent, or one for another kind, let the referral go: %v", r.Errors)
	}
	// A consent for every organisation of the provider's kind covers it.
	if r := rec(map[string]any{"p": "REFERRAL", "k": str(kind.Data, "node", "kind")}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	if r := e.do(w.ssd, sendReferral, map[string]any{"id": w.caseID, "o": w.orgID}); len(r.Errors) > 0 {
		t.Fatalf("a consent for the provider's kind: %v", r.Errors)
	}
}

func TestConsentWithdrawalRevokesWhatItGave(t *testing.T) {
	e := newEnv(t, server.Config{})
	w := newWork(t, e)
	w.refer(t)
	team := w.consentFor(t, "TEAM", w.orgID)
	specialist := w.userID(t, w.provider)
	if r := e.do(w.ssd, addTeamMember, map[string]any{"id": w.caseID, "o": w.orgID, "u": specialist}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	ssdOrg := w.ownOrg(t, w.ssd)
	if r := e.do(w.ssd, addTeamMember, map[string]any{"id": w.caseID, "o": ssdOrg}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	if r := e.do(w.ssd, `mutation($id: ID!, $m: ID!) { updateCase(id: $id, input: {managerID: $m}) { id } }`,
		map[string]any{"id": w.caseID, "m": w.userID(t, w.ssd)}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	// The referral's consent goes first: the team's consent still opens the case.
	cn := e.do(w.ssd, `query($f: ID!) { node(id: $f) { ... on Family { consents { id purpose } } } }`, map[string]any{"f": w.familyID})
	var referralConsent string
	for _, x := range cn.Data["node"].(map[string]any)["consents"].([]any) {
		if x.(map[string]any)["purpose"] == "REFERRAL" {
			referralConsent = x.(map[string]any)["id"].(string)
		}
	}
	r := e.do(w.ssd, withdrawConsent, map[string]any{"id": referralConsent, "at": ago(0)})
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	revoked := r.Data["withdrawConsent"].(map[string]any)["revoked"].([]any)
	if len(revoked) != 1 || str(revoked[0].(map[string]any), "reason") != "REFERRAL" {
		t.Errorf("revoked: %v", revoked)
	}
	if got := w.sees(w.provider, w.caseID); !got[0] {
		t.Error("the team place, on a consent still in force, lost its access")
	}
	// Then the team's: nothing of the provider remains; the manager and the
	// statutory service stay, and the answer says why.
	r = e.do(w.ssd, withdrawConsent, map[string]any{"id": team, "at": ago(0)})
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	if got := w.sees(w.provider, w.caseID, w.familyID); got[0] || got[1] {
		t.Errorf("the provider still sees the case after the family withdrew its consents: %v", got)
	}
	kept := map[string]bool{}
	for _, k := range r.Data["withdrawConsent"].(map[string]any)["kept"].([]any) {
		kept[str(k.(map[string]any), "basis")] = true
	}
	if !kept["CASE_MANAGER"] || !kept["STATUTORY_SERVICE"] || len(kept) != 2 {
		t.Errorf("kept: %v", r.Data)
	}
	team2 := e.do(w.ssd, `query($id: ID!) { node(id: $id) { ... on Case { team { organization { id } removedAt } events { edges { node { kind note } } } } } }`,
		map[string]any{"id": w.caseID})
	for _, m := range team2.Data["node"].(map[string]any)["team"].([]any) {
		org, removed := str(m.(map[string]any), "organization", "id"), m.(map[string]any)["removedAt"] != nil
		if removed != (org == w.orgID) {
			t.Errorf("team place of %s removed=%v", org, removed)
		}
	}
	if !contains(team2.String(), "CONSENT_WITHDRAWN") {
		t.Errorf("timeline: %v", team2.Data)
	}
	note := e.do(w.provider, `{ notifications(where: {kind: ACCESS_REVOKED}) { totalCount } }`, nil)
	if n, _ := note.Data["notifications"].(map[string]any)["totalCount"].(float64); n != 2 {
		t.Errorf("the provider's notifications of the revokes: %v %v", note.Errors, note.Data)
	}
	auditor := e.login(demo.VinnytsiaAuditorEmail)
	log := e.do(auditor, `{ auditEvents(where: {entityType: "CaseAccess", action: UPDATE}) { edges { node { entityID fields } } } }`, nil)
	if !contains(log.String(), "revoked_at") {
		t.Errorf("the revokes are not in the change log: %v %v", log.Errors, log.Data)
	}
	if r := e.do(w.ssd, withdrawConsent, map[string]any{"id": team, "at": ago(0)}); r.code() != server.CodeConflict {
		t.Errorf("withdrawing twice: %v", r.Errors)
	}
}

func TestConsentWithdrawalCancelsReferralsNotYetAnswered(t *testing.T) {
	e := newEnv(t, server.Config{})
	w := newWork(t, e)
	cn := w.consent(t)
	r := e.do(w.ssd, sendReferral, map[string]any{"id": w.caseID, "o": w.orgID})
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	if r := e.do(w.ssd, withdrawConsent, map[string]any{"id": cn, "at": ago(0)}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	id := str(r.Data, "sendReferral", "id")
	if r := e.do(w.provider, `mutation($id: ID!) { acceptReferral(id: $id) { status } }`, map[string]any{"id": id}); r.code() != server.CodeConflict {
		t.Errorf("accepting a referral whose consent was withdrawn: %v %v", r.Errors, r.Data)
	}
	if got := w.sees(w.provider, w.caseID); got[0] {
		t.Error("the provider sees the case")
	}
}

const transferQ = `mutation($id: ID!, $o: ID, $why: String) { transitionCase(input: {id: $id, to: TRANSFERRED, transferToOrganizationID: $o, overrideReason: $why}) { status } }`

func TestTransferToAProviderNeedsConsentAndWithdrawalEndsIt(t *testing.T) {
	e := newEnv(t, server.Config{})
	w := newWork(t, e)
	if r := e.do(w.ssd, transferQ, map[string]any{"id": w.caseID, "o": w.orgID}); !consentRequired(r) {
		t.Fatalf("a transfer to a provider without consent: %v %v", r.Errors, r.Data)
	}
	if got := w.sees(w.provider, w.caseID); got[0] {
		t.Fatal("the refused transfer opened the case")
	}
	cn := w.consentFor(t, "TRANSFER", w.orgID)
	if r := e.do(w.ssd, transferQ, map[string]any{"id": w.caseID, "o": w.orgID}); str(r.Data, "transitionCase", "status") != "TRANSFERRED" {
		t.Fatalf("a transfer with the family's consent: %v", r.Errors)
	}
	if got := w.sees(w.provider, w.caseID, w.familyID); !got[0] || !got[1] {
		t.Fatalf("the provider taking the case over sees it: %v", got)
	}
	r := e.do(w.ssd, withdrawConsent, map[string]any{"id": cn, "at": ago(0)})
	if revoked, _ := r.Data["withdrawConsent"].(map[string]any)["revoked"].([]any); len(revoked) != 1 || str(revoked[0].(map[string]any), "reason") != "TRANSFER" {
		t.Errorf("revoked: %v %v", r.Errors, r.Data)
	}
	if got := w.sees(w.provider, w.caseID); got[0] {
		t.Error("the transfer's access outlived the consent")
	}
}

func TestTransferOverrideAndTransferToAnotherCommunity(t *testing.T) {
	e := newEnv(t, server.Config{})
	w := newWork(t, e)
	if r := e.do(w.ssd, transferQ, map[string]any{"id": w.caseID, "o": w.orgID, "why": "дитина в небезпеці"}); str(r.Data, "transitionCase", "status") != "TRANSFERRED" {
		t.Fatalf("a transfer on a stated legal basis: %v", r.Errors)
	}
	events := e.do(w.ssd, `query($id: ID!) { node(id: $id) { ... on Case { events { edges { node { kind note } } } } } }`, map[string]any{"id": w.caseID})
	if !contains(events.String(), "CONSENT_MISSING_OVERRIDDEN") {
		t.Errorf("timeline: %v", events.Data)
	}
	// Without a recipient here the case goes to another community's
	// children's service: by law, without consent.
	other := newWork(t, e)
	if r := e.do(w.ssd, transferQ, map[string]any{"id": other.caseID}); str(r.Data, "transitionCase", "status") != "TRANSFERRED" {
		t.Errorf("a transfer to another community: %v", r.Errors)
	}
	if r := e.do(w.ssd, `mutation($id: ID!, $o: ID) { transitionCase(input: {id: $id, to: ASSESSING_SAFETY, transferToOrganizationID: $o}) { status } }`,
		map[string]any{"id": newWork(t, e).caseID, "o": w.orgID}); r.code() != server.CodeBadUserInput {
		t.Errorf("a recipient on a move that is no transfer: %v", r.Errors)
	}
}
