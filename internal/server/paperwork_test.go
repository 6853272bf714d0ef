package server_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/notify"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/internal/server"
	"github.com/turbota/turbota/internal/workflow"
	"github.com/turbota/turbota/tenant"
)

const uploadDoc = `mutation($id: ID!, $s: ID, $file: Upload!) { uploadDocument(input: {caseID: $id, subjectID: $s, kind: SIGNED_DOCUMENT,
	title: "Згода на обробку даних", file: $file}) { id size contentType fileName downloadURL } }`

// get downloads a path with a bearer token.
func (e *env) get(token, path string) (int, []byte) {
	e.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, e.url+path, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

func TestDocumentsUploadDownloadAndIsolation(t *testing.T) {
	e := newEnv(t, server.Config{})
	w := newWork(t, e)
	consent := w.consent(t)
	if r := e.upload(w.ssd, uploadDoc, map[string]any{"id": w.caseID}, "notes.txt", []byte("plain text, not a scan")); r.code() != server.CodeBadUserInput {
		t.Errorf("a text file: %v", r.Errors)
	}
	big := append(bytes.Clone(pngBytes), make([]byte, workflow.MaxDocumentSize)...)
	if r := e.upload(w.ssd, uploadDoc, map[string]any{"id": w.caseID}, "big.png", big); r.code() != server.CodeBadUserInput {
		t.Errorf("a file over 20 MB: %v", r.Errors)
	}
	if r := e.upload(w.ssd, uploadDoc, map[string]any{"id": w.caseID, "s": fx[own].Decision}, "scan.png", pngBytes); r.code() != server.CodeBadUserInput {
		t.Errorf("attached to another case's decision: %v", r.Errors)
	}
	var left int
	if err := e.db.QueryRow(`SELECT (SELECT count(*) FROM documents WHERE case_id = $1) +
		(SELECT count(*) FROM case_events WHERE case_id = $1 AND kind = 'DOCUMENT_ATTACHED')`, w.caseID).Scan(&left); err != nil || left != 0 {
		t.Errorf("refused uploads left %d rows (%v)", left, err)
	}
	r := e.upload(w.ssd, uploadDoc, map[string]any{"id": w.caseID, "s": consent}, `C:\scans\згода.png`, pngBytes)
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	doc := r.Data["uploadDocument"].(map[string]any)
	if doc["contentType"] != "image/png" || doc["fileName"] != "згода.png" || int(doc["size"].(float64)) != len(pngBytes) {
		t.Errorf("stored document: %v", doc)
	}
	url := str(doc, "downloadURL")
	if status, body := e.get(w.ssd, url); status != http.StatusOK || !bytes.Equal(body, pngBytes) {
		t.Errorf("download: %d, %d bytes", status, len(body))
	}
	if status, _ := e.get(w.provider, url); status != http.StatusNotFound {
		t.Errorf("a provider without access downloads: %d", status)
	}
	if status, _ := e.get(e.login(demo.PoltavaChildrenServiceEmail), url); status != http.StatusNotFound {
		t.Errorf("another community downloads: %d", status)
	}
	if status, _ := e.get("", url); status != http.StatusUnauthorized {
		t.Errorf("anonymous download: %d", status)
	}
	auditor := e.login(demo.VinnytsiaAuditorEmail)
	log := e.do(auditor, `query($id: String!) { auditEvents(where: {entityID: $id, action: READ}) { totalCount } }`,
		map[string]any{"id": strings.TrimPrefix(url, "/documents/")})
	if n, _ := log.Data["auditEvents"].(map[string]any)["totalCount"].(float64); n != 1 {
		t.Errorf("downloads in the access log: %v %v", log.Data, log.Errors)
	}
}

// specialistWork is a case referred to the provider, whose specialist (who
// may not approve their own work) files the acts.
func specialistWork(t *testing.T, e *env) (*work, string) {
	w := newWork(t, e)
	w.refer(t)
	if r := e.do(w.ssd, `mutation($id: ID!, $at: Time!) { recordSafetyAssessment(input: {caseID: $id, conductedAt: $at, result: DANGER_PRESENT}) { id } }`,
		map[string]any{"id": w.caseID, "at": ago(2 * time.Hour)}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	return w, e.login(demo.VinnytsiaProviderSpecialistEmail)
}

func TestNeedsAssessmentWaitsForTheSupervisor(t *testing.T) {
	e := newEnv(t, server.Config{})
	w, specialist := specialistWork(t, e)
	side := func(d string) map[string]any {
		return map[string]any{"domain": d, "rating": "SOME_CONCERN", "narrative": "…"}
	}
	decided := func() float64 {
		r := e.do(specialist, `{ notifications(where: {kind: APPROVAL_DECIDED}) { totalCount } }`, nil)
		n, _ := r.Data["notifications"].(map[string]any)["totalCount"].(float64)
		return n
	}
	before := decided() // the demo's approvals of the specialist's work
	r := e.do(specialist, `mutation($id: ID!, $p: ID!, $at: Time!, $d: [DomainRatingInput!]!) { recordNeedsAssessment(input: {caseID: $id,
		providerID: $p, kind: INITIAL, conductedAt: $at, actFiledAt: $at, strengths: "s", conclusion: "c", actNumber: "5", domains: $d}) { id case { status } } }`,
		map[string]any{"id": w.caseID, "p": w.orgID, "at": ago(time.Hour),
			"d": []any{side("CHILD_DEVELOPMENT"), side("PARENTING_CAPACITY"), side("FAMILY_ENVIRONMENT")}})
	if len(r.Errors) > 0 || str(r.Data, "recordNeedsAssessment", "case", "status") != "ASSESSING_NEEDS" {
		t.Fatalf("a specialist's act before approval: %v %v", r.Errors, r.Data)
	}
	pending := e.do(w.provider, `query($c: ID!) { approvals(where: {caseID: $c, status: PENDING}) { edges { node { id subjectKind } } } }`,
		map[string]any{"c": w.caseID})
	edges := pending.Data["approvals"].(map[string]any)["edges"].([]any)
	if len(edges) != 1 {
		t.Fatalf("pending approvals: %v", pending.Data)
	}
	id := str(edges[0].(map[string]any), "node", "id")
	if r := e.do(specialist, `mutation($id: ID!) { approve(id: $id) { status } }`, map[string]any{"id": id}); r.code() != server.CodeForbidden {
		t.Errorf("a specialist approving: %v", r.Errors)
	}
	inbox := e.do(w.provider, `{ notifications(where: {kind: APPROVAL_REQUESTED}) { edges { node { subjectID } } } }`, nil)
	if !contains(inbox.String(), id) {
		t.Errorf("the supervisor was not told: %v", inbox.Data)
	}
	if r := e.do(w.provider, `mutation($id: ID!) { returnForRework(id: $id, comment: " ") { status } }`, map[string]any{"id": id}); r.code() != server.CodeBadUserInput {
		t.Errorf("returning without a comment: %v", r.Errors)
	}
	if r := e.do(w.provider, `mutation($id: ID!) { approve(id: $id, comment: "добре") { status case { status } } }`, map[string]any{"id": id}); str(r.Data, "approve", "case", "status") != "AWAITING_DECISION" {
		t.Errorf("approving moves the case on: %v %v", r.Errors, r.Data)
	}
	if r := e.do(w.provider, `mutation($id: ID!) { approve(id: $id) { status } }`, map[string]any{"id": id}); r.code() != server.CodeConflict {
		t.Errorf("approving twice: %v", r.Errors)
	}
	if n := decided(); n != before+1 {
		t.Errorf("the specialist was told of %v approvals, %v before this one", n, before)
	}
	if r := e.do(specialist, `mutation { markNotificationsRead }`, nil); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	if r := e.do(specialist, `{ unreadNotifications }`, nil); r.Data["unreadNotifications"].(float64) != 0 {
		t.Errorf("unread after marking all read: %v", r.Data)
	}
}

func TestPlanAgreementWaitsForApproval(t *testing.T) {
	e := newEnv(t, server.Config{})
	w, specialist := specialistWork(t, e)
	saved := e.do(specialist, dated(`mutation($id: ID!, $o: ID!) { savePlan(input: {caseID: $id, nextReviewAt: "{{review}}",
		goals: [{text: "G", actions: [{text: "A", responsibleOrganizationID: $o, due: "{{due}}"}]}]}) { id } }`),
		map[string]any{"id": w.caseID, "o": w.orgID})
	if len(saved.Errors) > 0 {
		t.Fatal(saved.Errors)
	}
	plan := str(saved.Data, "savePlan", "id")
	// Agreed after the case's report (three days ago), before now.
	agree := `mutation($id: ID!, $at: Time!) { agreePlan(id: $id, agreedAt: $at, document: "угода № 9") { agreedAt } }`
	if r := e.do(specialist, agree, map[string]any{"id": plan, "at": ago(time.Hour)}); r.code() != server.CodeConflict || r.Errors[0].Extensions["rule"] != "APPROVAL_PENDING" {
		t.Errorf("agreeing an unapproved plan: %v", r.Errors)
	}
	ap := e.do(w.provider, `query($s: ID!) { approvals(where: {subjectID: $s}) { edges { node { id } } } }`, map[string]any{"s": plan})
	id := str(ap.Data["approvals"].(map[string]any)["edges"].([]any)[0].(map[string]any), "node", "id")
	if r := e.do(w.provider, `mutation($id: ID!) { approve(id: $id) { status } }`, map[string]any{"id": id}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	if r := e.do(specialist, agree, map[string]any{"id": plan, "at": ago(time.Hour)}); len(r.Errors) > 0 {
		t.Errorf("agreeing an approved plan: %v", r.Errors)
	}
}

func TestClosureBySpecialistWaitsForApproval(t *testing.T) {
	e := newEnv(t, server.Config{})
	w, specialist := specialistWork(t, e)
	close := `mutation($id: ID!) { transitionCase(input: {id: $id, to: CLOSED, note: "безпечно", outcome: "OTHER"}) { status } }`
	if r := e.do(specialist, close, map[string]any{"id": w.caseID}); len(r.Errors) > 0 || str(r.Data, "transitionCase", "status") != "ASSESSING_SAFETY" {
		t.Fatalf("a specialist's closure before approval: %v %v", r.Errors, r.Data)
	}
	ap := e.do(w.provider, `query($c: ID!) { approvals(where: {caseID: $c, subjectKind: CLOSURE}) { edges { node { id } } } }`, map[string]any{"c": w.caseID})
	id := str(ap.Data["approvals"].(map[string]any)["edges"].([]any)[0].(map[string]any), "node", "id")
	if r := e.do(w.provider, `mutation($id: ID!) { approve(id: $id) { case { status closedAt } } }`, map[string]any{"id": id}); str(r.Data, "approve", "case", "status") != "CLOSED" {
		t.Errorf("approving a closure: %v %v", r.Errors, r.Data)
	}
}

func TestCommissionSessionAndItsDecisions(t *testing.T) {
	e := newEnv(t, server.Config{})
	w := newWork(t, e)
	gb := e.login(demo.VinnytsiaGuardianshipEmail)
	s := e.do(gb, dated(`mutation($c: ID!, $k: ID!) { createCommissionSession(input: {communityID: $c, heldAt: "{{step}}",
		protocolNumber: "11", attendees: ["голова комісії", "секретар"], agenda: [{title: "Про взяття на облік", caseID: $k}]}) { id agenda { caseID } } }`),
		map[string]any{"c": fx[own].Community, "k": w.caseID})
	if len(s.Errors) > 0 {
		t.Fatal(s.Errors)
	}
	session := str(s.Data, "createCommissionSession", "id")
	d := e.do(gb, `mutation($id: ID!, $s: ID!, $at: Time!) { recordDecision(input: {caseID: $id, body: GUARDIANSHIP_BODY, kind: REGISTER_IN_DIFFICULT_CIRCUMSTANCES,
		number: "88", decidedAt: $at, legalBasis: "ПКМУ № 800", sessionID: $s}) { id session { protocolNumber } } }`,
		map[string]any{"id": w.caseID, "s": session, "at": ago(time.Hour)})
	if str(d.Data, "recordDecision", "session", "protocolNumber") != "11" {
		t.Fatalf("a decision of the sitting: %v %v", d.Errors, d.Data)
	}
	got := e.do(gb, `query($id: ID!) { node(id: $id) { ... on CommissionSession { decisions { number } } } }`, map[string]any{"id": session})
	if !contains(got.String(), `"88"`) {
		t.Errorf("the sitting's decisions: %v", got.Data)
	}
	if r := e.do(gb, dated(`mutation($c: ID!) { createCommissionSession(input: {communityID: $c, heldAt: "{{step}}", agenda: []}) { id } }`),
		map[string]any{"c": fx[own].Community}); r.code() != server.CodeBadUserInput {
		t.Errorf("a sitting without questions: %v", r.Errors)
	}
}

func TestCommunityCalendarIsEditable(t *testing.T) {
	e := newEnv(t, server.Config{})
	admin := e.login(demo.VinnytsiaAdminEmail)
	c := fx[own].Community
	get := `query($c: ID!) { calendar(communityID: $c, year: 2026) { custom holidaysAreWorkingDays holidays } }`
	if r := e.do(admin, get, map[string]any{"c": c}); r.Data["calendar"].(map[string]any)["holidaysAreWorkingDays"] != true {
		t.Fatalf("the shipped 2026 runs under martial law: %v %v", r.Data, r.Errors)
	}
	set := `mutation($c: ID!, $d: [Date!]!) { setCalendarYear(communityID: $c, input: {year: 2026, holidays: $d, holidaysAreWorkingDays: false}) { custom } }`
	if r := e.do(admin, set, map[string]any{"c": c, "d": []any{"2026-13-01"}}); r.code() != server.CodeBadUserInput {
		t.Errorf("a bad date: %v", r.Errors)
	}
	if r := e.do(admin, set, map[string]any{"c": c, "d": []any{"2026-01-01"}}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	if r := e.do(e.login(demo.VinnytsiaChildrenServiceEmail), get, map[string]any{"c": c}); r.Data["calendar"].(map[string]any)["custom"] != true {
		t.Errorf("the community's own year: %v", r.Data)
	}
	if r := e.do(admin, `mutation($c: ID!) { resetCalendarYear(communityID: $c, year: 2026) { custom holidaysAreWorkingDays } }`,
		map[string]any{"c": c}); r.Data["resetCalendarYear"].(map[string]any)["holidaysAreWorkingDays"] != true {
		t.Errorf("reset: %v %v", r.Data, r.Errors)
	}
	if r := e.do(e.login(demo.PoltavaAdminEmail), set, map[string]any{"c": c, "d": []any{}}); r.code() != server.CodeNotFound {
		t.Errorf("another community's admin: %v", r.Errors)
	}
}

func TestCommunityCalendarMovesDeadlines(t *testing.T) {
	e := newEnv(t, server.Config{})
	admin := e.login(demo.VinnytsiaAdminEmail)
	w := newWork(t, e)
	due := func() time.Time {
		r := e.do(w.ssd, `query($c: ID!) { deadlines(communityID: $c) { kind due case { id } } }`, map[string]any{"c": fx[own].Community})
		for _, it := range r.Data["deadlines"].([]any) {
			d := it.(map[string]any)
			if str(d, "case", "id") == w.caseID && d["kind"] == "NEEDS_ASSESSMENT" {
				at, _ := time.Parse(time.RFC3339, d["due"].(string))
				return at
			}
		}
		t.Fatalf("no needs assessment deadline: %v", r.Data)
		return time.Time{}
	}
	before := due()
	// The next seven days (in Kyiv, where deadlines are counted) become days
	// off, in each year they fall in: late in December some are next year's.
	off := map[int][]any{}
	for d := 1; d <= 7; d++ {
		day := clock.Now().In(procedure.Kyiv()).AddDate(0, 0, d)
		off[day.Year()] = append(off[day.Year()], day.Format(time.DateOnly))
	}
	for year, days := range off {
		r := e.do(admin, `mutation($c: ID!, $y: Int!, $off: [Date!]) { setCalendarYear(communityID: $c, input: {year: $y, holidays: [],
		holidaysAreWorkingDays: true, extraDaysOff: $off, note: "місцевий карантин"}) { custom } }`,
			map[string]any{"c": fx[own].Community, "y": year, "off": days})
		if len(r.Errors) > 0 {
			t.Fatal(r.Errors)
		}
	}
	if after := due(); !after.After(before) {
		t.Errorf("seven days off did not move the deadline: %v, then %v", before, after)
	}
}

func TestDeadlineRemindersAreSentOnceAndMailedWithoutNames(t *testing.T) {
	e := newEnv(t, server.Config{})
	ctx := tenant.SystemContext(context.Background())
	first, err := workflow.RemindDeadlines(ctx, e.client)
	if err != nil {
		t.Fatal(err)
	}
	if first == 0 {
		t.Fatal("the demo's overdue cases reminded nobody")
	}
	var stored int
	if err := e.db.QueryRow(`SELECT count(*) FROM notifications WHERE kind IN ('DEADLINE_NEAR', 'DEADLINE_PASSED')`).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if _, err := workflow.RemindDeadlines(ctx, e.client); err != nil {
		t.Fatal(err)
	}
	var again int
	if err := e.db.QueryRow(`SELECT count(*) FROM notifications WHERE kind IN ('DEADLINE_NEAR', 'DEADLINE_PASSED')`).Scan(&again); err != nil {
		t.Fatal(err)
	}
	if stored == 0 || again != stored {
		t.Errorf("reminders: %d stored, %d after a second round", stored, again)
	}
	ssd := e.login(demo.VinnytsiaChildrenServiceEmail)
	if r := e.do(ssd, `{ notifications(where: {kind: DEADLINE_PASSED}) { totalCount } }`, nil); r.Data["notifications"].(map[string]any)["totalCount"].(float64) == 0 {
		t.Errorf("the children's service has no overdue reminder: %v", r.Data)
	}
	var out bytes.Buffer
	log := zerolog.New(&out)
	n, err := notify.Deliver(ctx, e.client, notify.LogMailer{Log: &log}, "http://turbota.test")
	if err != nil || n == 0 {
		t.Fatalf("delivered %d: %v", n, err)
	}
	for _, name := range append(demo.AllPersonNames(), demo.Emails()...) {
		if strings.Contains(out.String(), name) {
			t.Fatalf("the mail log names %q", name)
		}
	}
}
