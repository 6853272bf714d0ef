package server_test

import (
	"testing"

	"github.com/turbota/turbota/internal/server/apitest"
)

// work is a scene as the test files still on the untyped harness see it:
// tokens and IDs as strings. New tests use the scene and the typed client.
type work struct {
	e                *env
	ssd, provider    string
	caseID, familyID string
	childID, orgID   string
}

// newWork registers a report about a new family with one child, as the
// children's service; the provider has not been asked yet.
func newWork(t *testing.T, e *env) *work {
	t.Helper()
	return newWorkAbout(t, e, "NEGLECT")
}

// newWorkAbout is newWork with the report's category.
func newWorkAbout(t *testing.T, e *env, category string) *work {
	t.Helper()
	s := newScene(t, e, apitest.ReportCategory(category))
	return &work{e: e, ssd: s.ssd.Token, provider: s.provider.Token,
		caseID: s.cs, familyID: s.family, childID: s.child, orgID: s.providerOrg}
}

// scene is the work for the typed helpers.
func (w *work) scene() *scene {
	return &scene{e: w.e, ssd: w.e.api(w.ssd), provider: w.e.api(w.provider), community: string(fx[own].Community),
		family: w.familyID, child: w.childID, cs: w.caseID, providerOrg: w.orgID}
}

// consent records the family's consent to refer it to the provider.
func (w *work) consent(t *testing.T) string {
	t.Helper()
	return w.scene().consent(t, apitest.ConsentPurposeReferral, w.orgID)
}

// refer sends the case to the provider, which accepts it.
func (w *work) refer(t *testing.T) { t.Helper(); w.scene().refer(t) }

// sees reports whether the viewer of the token finds each node.
func (w *work) sees(token string, ids ...string) []bool {
	return w.scene().sees(w.e.t, w.e.api(token), ids...)
}
