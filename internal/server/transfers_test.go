package server_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/alexedwards/argon2id"

	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/internal/auth"
	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/server"
	"github.com/turbota/turbota/internal/server/apitest"
	"github.com/turbota/turbota/tenant"
)

// askTransfer asks Полтава, on the legal basis, to take the scene's case over.
func (s *scene) askTransfer(t *testing.T) string {
	t.Helper()
	r := okay(apitest.RequestCaseTransfer(context.Background(), s.ssd, s.cs, string(fx[otherRegion].Community),
		"сім'я переїхала до Полтави", ptr("ст. 12 ЗУ «Про охорону дитинства»")))(t, "transfer")
	return r.RequestCaseTransfer.Id
}

// sameRegionChildrenService makes a children's service account in the
// third community of the fixtures, and returns its e-mail.
func sameRegionChildrenService(t *testing.T, e *env) string {
	t.Helper()
	const email = "ssd@same-region.fixture.test"
	ctx := tenant.Bypass(context.Background(), "test: a third community's children's service")
	hash, err := argon2id.CreateHash(demo.DefaultPassword, argon2id.DefaultParams)
	if err != nil {
		t.Fatal(err)
	}
	u, err := auth.CreateUserWithHash(ctx, e.client, email, "Third", hash)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.client.Membership.Create().SetUserID(u.ID).SetCommunityID(fx[sameRegion].Community).
		SetRole(membership.RoleCHILDREN_SERVICE).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	return email
}

// timelineOf lists the kinds of a case's timeline as c reads it.
func timelineOf(t *testing.T, c *apitest.Client, caseID string) []string {
	t.Helper()
	r := okay(apitest.CaseTimeline(context.Background(), c, caseID))(t, "timeline")
	cs, ok := r.Node.(*apitest.CaseTimelineNodeCase)
	if !ok {
		t.Fatalf("timeline of %s: %#v", caseID, r.Node)
	}
	var kinds []string
	for _, e := range cs.Events.Edges {
		kinds = append(kinds, string(e.Node.Kind))
	}
	return kinds
}

// transferIDs lists the ids of the viewer's transfers in one direction.
func transferIDs(t *testing.T, c *apitest.Client, dir apitest.TransferDirection) []string {
	t.Helper()
	var ids []string
	for _, tr := range okay(apitest.CaseTransfers(context.Background(), c, dir))(t, "transfers").CaseTransfers {
		ids = append(ids, tr.Id)
	}
	return ids
}

func TestTransferMovesTheFamilyOnAcceptance(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, server.Config{})
	s := newScene(t, e, apitest.ReportCategoryNeglect)
	receiver, third := e.as(demo.PoltavaChildrenServiceEmail), e.as(sameRegionChildrenService(t, e))
	if _, err := apitest.RequestCaseTransfer(ctx, s.ssd, s.cs, string(fx[otherRegion].Community), "переїзд", nil); !consentRequired(err) {
		t.Fatalf("a transfer without consent or basis: %v", err)
	}
	if _, err := apitest.RequestCaseTransfer(ctx, s.ssd, s.cs, s.community, "переїзд", ptr("basis")); apitest.Code(err) != server.CodeBadUserInput {
		t.Errorf("a transfer to the own community: %v", err)
	}
	sent := okay(apitest.RequestCaseTransfer(ctx, s.ssd, s.cs, string(fx[otherRegion].Community), "сім'я переїхала", ptr("ст. 12")))(t, "request").RequestCaseTransfer
	if sent.Status != apitest.CaseTransferStatusRequested || sent.Children != 1 || !slices.Contains(sent.Categories, "NEGLECT") {
		t.Errorf("the request's summary: %#v", sent)
	}
	if _, err := apitest.RequestCaseTransfer(ctx, s.ssd, s.cs, string(fx[otherRegion].Community), "ще раз", ptr("ст. 12")); apitest.Code(err) != server.CodeConflict {
		t.Errorf("a second request while one waits: %v", err)
	}
	// Before accepting, the receiver reads the request and nothing of the family.
	if !slices.Contains(transferIDs(t, receiver, apitest.TransferDirectionIncoming), sent.Id) {
		t.Error("the receiver does not see the request")
	}
	if got := s.sees(t, receiver, s.cs, s.family, s.child); slices.Contains(got, true) {
		t.Errorf("the receiver sees the family before accepting: %v", got)
	}
	// A third community sees nothing of it, and cannot answer it.
	if slices.Contains(transferIDs(t, third, apitest.TransferDirectionIncoming), sent.Id) ||
		slices.Contains(transferIDs(t, third, apitest.TransferDirectionOutgoing), sent.Id) {
		t.Error("a third community sees the transfer")
	}
	if _, err := apitest.AcceptCaseTransfer(ctx, third, sent.Id); apitest.Code(err) != server.CodeNotFound {
		t.Errorf("a third community accepting: %v", err)
	}
	if _, err := apitest.AcceptCaseTransfer(ctx, s.ssd, sent.Id); apitest.Code(err) != server.CodeNotFound {
		t.Errorf("the sender accepting its own request: %v", err)
	}
	acc := okay(apitest.AcceptCaseTransfer(ctx, receiver, sent.Id))(t, "accept").AcceptCaseTransfer
	if acc.Status != apitest.CaseTransferStatusAccepted || acc.MovedAt == nil || acc.MovedRecords < 4 ||
		acc.Case == nil || acc.Case.Status != apitest.CaseStatusAssessingNeeds {
		t.Fatalf("accepted: %#v", acc)
	}
	// The receiver reads it all; the sender loses it, but keeps the transfer.
	if got := s.sees(t, receiver, s.cs, s.family, s.child); slices.Contains(got, false) {
		t.Errorf("after accepting the receiver sees case, family, child: %v", got)
	}
	if got := s.sees(t, s.ssd, s.cs, s.family, s.child); slices.Contains(got, true) {
		t.Errorf("the sender still sees what it sent: %v", got)
	}
	out := okay(apitest.CaseTransfers(ctx, s.ssd, apitest.TransferDirectionOutgoing))(t, "outgoing").CaseTransfers
	i := slices.IndexFunc(out, func(tr apitest.CaseTransfersCaseTransfersCaseTransfer) bool { return tr.Id == sent.Id })
	if i < 0 || out[i].Status != apitest.CaseTransferStatusAccepted || out[i].Case != nil || out[i].MovedRecords == 0 {
		t.Errorf("the sender's record of the transfer: %#v", out)
	}
	kinds := timelineOf(t, receiver, s.cs)
	for _, k := range []string{"REPORT_REGISTERED", "TRANSFER_REQUESTED", "TRANSFER_RECEIVED"} {
		if !slices.Contains(kinds, k) {
			t.Errorf("the receiver's timeline lacks %s: %v", k, kinds)
		}
	}
	// The receiver assesses the needs anew: that deadline runs from the
	// acceptance (five working days from now), not from the report.
	var needs *time.Time
	for _, d := range okay(apitest.Deadlines(ctx, receiver, string(fx[otherRegion].Community), nil))(t, "deadlines").Deadlines {
		if d.Case.Id == s.cs && d.Kind == "NEEDS_ASSESSMENT" {
			needs = &d.Due
		}
	}
	if needs == nil || needs.Before(clock.Now().Add(4*24*time.Hour)) {
		t.Errorf("the needs assessment's deadline at the receiver: %v", needs)
	}
	if _, err := apitest.DeclineCaseTransfer(ctx, receiver, sent.Id, "пізно"); apitest.Code(err) != server.CodeConflict {
		t.Errorf("answering twice: %v", err)
	}
	var moved, told int
	if err := e.db.QueryRow(`SELECT count(*) FROM audit_events WHERE action = 'UPDATE' AND fields::text LIKE '%community_id%' AND community_id = $1`,
		string(fx[otherRegion].Community)).Scan(&moved); err != nil || moved < 4 {
		t.Errorf("the change log of the moved records: %d (%v)", moved, err)
	}
	if err := e.db.QueryRow(`SELECT count(*) FROM notifications WHERE kind = 'TRANSFER_ANSWERED' AND subject_id = $1`, sent.Id).Scan(&told); err != nil || told == 0 {
		t.Errorf("the sender is told of the answer: %d (%v)", told, err)
	}
}

func TestTransferDeclinedOrWithdrawnStaysWithTheSender(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, server.Config{})
	s := newScene(t, e, apitest.ReportCategoryNeglect)
	receiver := e.as(demo.PoltavaChildrenServiceEmail)
	id := s.askTransfer(t)
	var told int
	if err := e.db.QueryRow(`SELECT count(*) FROM notifications WHERE kind = 'TRANSFER_REQUESTED' AND subject_id = $1 AND community_id = $2`,
		id, string(fx[otherRegion].Community)).Scan(&told); err != nil || told == 0 {
		t.Errorf("the receiver is told of the request: %d (%v)", told, err)
	}
	if _, err := apitest.DeclineCaseTransfer(ctx, receiver, id, " "); apitest.Code(err) != server.CodeBadUserInput {
		t.Errorf("declining without a reason: %v", err)
	}
	if _, err := apitest.WithdrawCaseTransfer(ctx, receiver, id, nil); apitest.Code(err) != server.CodeNotFound {
		t.Errorf("the receiver withdrawing: %v", err)
	}
	d := okay(apitest.DeclineCaseTransfer(ctx, receiver, id, "сім'я тут не проживає"))(t, "decline").DeclineCaseTransfer
	if d.Status != apitest.CaseTransferStatusDeclined || d.DeclineReason == nil {
		t.Errorf("declined: %#v", d)
	}
	if got := s.sees(t, s.ssd, s.cs, s.family, s.child); slices.Contains(got, false) {
		t.Errorf("after a decline the sender keeps its case: %v", got)
	}
	if got := s.sees(t, receiver, s.cs, s.family); slices.Contains(got, true) {
		t.Errorf("after declining the receiver sees the family: %v", got)
	}
	again := s.askTransfer(t)
	if w := okay(apitest.WithdrawCaseTransfer(ctx, s.ssd, again, ptr("лишаються")))(t, "withdraw").WithdrawCaseTransfer; w.Status != apitest.CaseTransferStatusWithdrawn {
		t.Errorf("withdrawn: %#v", w)
	}
	if _, err := apitest.AcceptCaseTransfer(ctx, receiver, again); apitest.Code(err) != server.CodeConflict {
		t.Errorf("accepting a withdrawn transfer: %v", err)
	}
	kinds, _ := s.timeline(t, s.cs)
	if !slices.Contains(kinds, "TRANSFER_WITHDRAWN") {
		t.Errorf("the sender's timeline lacks the withdrawal: %v", kinds)
	}
}

func TestProviderCannotRequestATransfer(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{})
	s := newScene(t, e, apitest.ReportCategoryNeglect)
	s.refer(t)
	_, err := apitest.RequestCaseTransfer(context.Background(), s.provider, s.cs, string(fx[otherRegion].Community), "переїзд", ptr("basis"))
	if c := apitest.Code(err); c != server.CodeForbidden && c != server.CodeNotFound {
		t.Errorf("a provider requesting a transfer: %v", err)
	}
}

// familyToMove registers a family with a child and no case, and its
// consent to the transfer of its data to another community's children's
// service; it returns the family.
func (s *scene) familyToMove(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	fam := okay(apitest.CreateFamily(ctx, s.ssd, s.community, "Moving family"))(t, "family").CreateFamily.Id
	okay(apitest.CreateChild(ctx, s.ssd, s.community, fam, "Moving", "Child"))(t, "child")
	okay(apitest.RecordConsent(ctx, s.ssd, apitest.RecordConsentInput{FamilyID: fam, GivenBy: "мати", GivenAt: at(time.Hour),
		Document: "згода № 21", Purpose: apitest.ConsentPurposeTransfer, RecipientKind: ptr(apitest.ConsentRecipientKindChildrenService)}))(t, "consent")
	return fam
}

func TestFamilyWithoutACaseMoves(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, server.Config{})
	s := newScene(t, e, apitest.ReportCategoryNeglect)
	receiver := e.as(demo.PoltavaChildrenServiceEmail)
	to := string(fx[otherRegion].Community)
	if _, err := apitest.RequestFamilyTransfer(ctx, s.ssd, s.family, to, "переїзд"); apitest.Code(err) != server.CodeBadUserInput {
		t.Errorf("a family with an open case, moved without it: %v", err)
	}
	bare := okay(apitest.CreateFamily(ctx, s.ssd, s.community, "No consent"))(t, "family").CreateFamily.Id
	if _, err := apitest.RequestFamilyTransfer(ctx, s.ssd, bare, to, "переїзд"); !consentRequired(err) {
		t.Errorf("a family without its consent: %v", err)
	}
	fam := s.familyToMove(t)
	sent := okay(apitest.RequestFamilyTransfer(ctx, s.ssd, fam, to, "сім'я переїхала до Полтави"))(t, "request").RequestFamilyTransfer
	if sent.CaseID != nil || sent.ConsentID == nil || sent.Children != 1 {
		t.Errorf("the family's request: %#v", sent)
	}
	if got := s.sees(t, receiver, fam); got[0] {
		t.Error("the receiver sees the family before accepting")
	}
	acc := okay(apitest.AcceptCaseTransfer(ctx, receiver, sent.Id))(t, "accept").AcceptCaseTransfer
	if acc.Status != apitest.CaseTransferStatusAccepted || acc.MovedRecords < 3 || acc.Case != nil {
		t.Errorf("accepted: %#v", acc)
	}
	if got := s.sees(t, receiver, fam); !got[0] {
		t.Error("the receiver does not see the family it accepted")
	}
	if got := s.sees(t, s.ssd, fam); got[0] {
		t.Error("the sender still sees the family it handed over")
	}
}

// A request addressed to one community is no one else's to answer, nor to
// read: Полтава's children's service meets a transfer from Вінниця to a
// third community.
func TestTransferAddressedElsewhereIsNotFound(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, server.Config{})
	s := newScene(t, e, apitest.ReportCategoryNeglect)
	poltava := e.as(demo.PoltavaChildrenServiceEmail)
	sent := okay(apitest.RequestCaseTransfer(ctx, s.ssd, s.cs, string(fx[sameRegion].Community), "переїзд", ptr("ст. 12")))(t, "request").RequestCaseTransfer
	if slices.Contains(transferIDs(t, poltava, apitest.TransferDirectionIncoming), sent.Id) {
		t.Error("Полтава sees a transfer addressed to another community")
	}
	for name, call := range map[string]func() error{
		"accept": func() error { _, err := apitest.AcceptCaseTransfer(ctx, poltava, sent.Id); return err },
		"decline": func() error {
			_, err := apitest.DeclineCaseTransfer(ctx, poltava, sent.Id, "не наша")
			return err
		},
		"withdraw": func() error { _, err := apitest.WithdrawCaseTransfer(ctx, poltava, sent.Id, nil); return err },
	} {
		if err := call(); apitest.Code(err) != server.CodeNotFound {
			t.Errorf("%s by Полтава: %v", name, err)
		}
	}
	if got := s.sees(t, poltava, sent.Id, s.cs, s.family); slices.Contains(got, true) {
		t.Errorf("Полтава reads the transfer or the family: %v", got)
	}
}

// TestPendingTransferHoldsTheCase: while another community has not answered
// a case's transfer, no move of the case goes through (TRANSFER_PENDING);
// a role that may not move the case at all still hears FORBIDDEN, not the
// rule; once the request is withdrawn, the case moves again.
func TestPendingTransferHoldsTheCase(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, server.Config{})
	s := newScene(t, e, apitest.ReportCategoryNeglect)
	guardianship := e.as(demo.VinnytsiaGuardianshipEmail)
	id := s.askTransfer(t)
	for _, tt := range []struct {
		name       string
		who        *apitest.Client
		in         apitest.TransitionCaseInput
		code, rule string
	}{
		{"the children's service accepts the report", s.ssd,
			apitest.TransitionCaseInput{Id: s.cs, To: apitest.CaseStatusAssessingSafety}, server.CodeConflict, "TRANSFER_PENDING"},
		{"the children's service closes it", s.ssd,
			apitest.TransitionCaseInput{Id: s.cs, To: apitest.CaseStatusClosed, Outcome: ptr("OTHER")}, server.CodeConflict, "TRANSFER_PENDING"},
		{"the children's service hands it to a provider", s.ssd,
			apitest.TransitionCaseInput{Id: s.cs, To: apitest.CaseStatusTransferred, TransferToOrganizationID: &s.providerOrg,
				OverrideReason: ptr("ст. 12")}, server.CodeConflict, "TRANSFER_PENDING"},
		{"the guardianship body accepts the report", guardianship,
			apitest.TransitionCaseInput{Id: s.cs, To: apitest.CaseStatusAssessingSafety}, server.CodeForbidden, ""},
		{"the guardianship body closes it", guardianship,
			apitest.TransitionCaseInput{Id: s.cs, To: apitest.CaseStatusClosed, Outcome: ptr("OTHER")}, server.CodeForbidden, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := apitest.TransitionCase(ctx, tt.who, tt.in)
			if apitest.Code(err) != tt.code || apitest.Rule(err) != tt.rule {
				t.Errorf("got %s/%s (%v), want %s/%s", apitest.Code(err), apitest.Rule(err), err, tt.code, tt.rule)
			}
		})
	}
	if kinds := timelineOf(t, s.ssd, s.cs); slices.Contains(kinds, "STATUS_CHANGED") {
		t.Errorf("the case moved while its transfer waited: %v", kinds)
	}
	okay(apitest.WithdrawCaseTransfer(ctx, s.ssd, id, ptr("сім'я лишається")))(t, "withdraw")
	if r := okay(apitest.TransitionCase(ctx, s.ssd, apitest.TransitionCaseInput{Id: s.cs, To: apitest.CaseStatusAssessingSafety}))(t, "move"); r.TransitionCase.Status != apitest.CaseStatusAssessingSafety {
		t.Errorf("after the withdrawal: %#v", r.TransitionCase)
	}
}
