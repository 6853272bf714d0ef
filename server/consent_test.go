package server_test

import (
	"testing"

	"github.com/turbota/turbota/server"
)

const addTeamMember = `mutation($id: ID!, $o: ID!, $u: ID) { addTeamMember(input: {caseID: $id, organizationID: $o, userID: $u,
	name: "Ольга Д.", role: "психолог"}) { id } }`

const withdrawConsent = `mutation($id: ID!, $at: Time!) { withdrawConsent(id: $id, withdrawnAt: $at) { id } }`

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

func TestConsentRequiredForTeamPlaceOfAnotherOrganisation(t *testing.T) {
	e := newEnv(t, server.Config{})
	w := newWork(t, e)
	vars := map[string]any{"id": w.caseID, "o": w.orgID, "u": w.userID(t, w.provider)}
	r := e.do(w.ssd, addTeamMember, vars)
	if r.code() != server.CodeConflict || r.Errors[0].Extensions["rule"] != "CONSENT_REQUIRED" {
		t.Fatalf("a provider's specialist on the team without consent: %v", r.Errors)
	}
	if got := w.sees(w.provider, w.caseID); got[0] {
		t.Fatal("the refused team place opened the case")
	}
}

func TestConsentWithdrawalRevokesWhatItGave(t *testing.T) {
	e := newEnv(t, server.Config{})
	w := newWork(t, e)
	w.refer(t)
	if got := w.sees(w.provider, w.caseID); !got[0] {
		t.Fatal("the referral did not open the case")
	}
	cn := e.do(w.ssd, `query($f: ID!) { node(id: $f) { ... on Family { consents { id } } } }`, map[string]any{"f": w.familyID})
	consents, _ := cn.Data["node"].(map[string]any)["consents"].([]any)
	if len(consents) != 1 {
		t.Fatalf("consents: %v %v", cn.Errors, cn.Data)
	}
	id := consents[0].(map[string]any)["id"].(string)
	r := e.do(w.ssd, withdrawConsent, map[string]any{"id": id, "at": ago(0)})
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	if got := w.sees(w.provider, w.caseID); got[0] {
		t.Errorf("the provider still sees the case after the family withdrew its consent: %v", r.Data)
	}
}
