package server_test

import (
	"testing"

	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/server"
)

const (
	createTraining = `mutation($c: ID!) { createTrainingProgramme(input: {communityID: $c,
		title: "Захист дітей у громаді: роль фахівця", fundingSource: "Субвенція з державного бюджету", format: ONLINE},
		modules: [{topic: "Законодавство та відповідальність батьків", hours: 6, trainers: ["Тренерка А"]},
		{topic: "Участь фахівця в оцінюванні безпеки дитини", hours: 6}, {topic: "Документування кожного кроку", hours: 6}]) {
		id modules { topic hours trainers } } }`
	createEvent = `mutation($c: ID!, $p: ID!, $s: Date!, $e: Date!) { createTrainingEvent(input: {communityID: $c, programmeID: $p,
		startsOn: $s, endsOn: $e, organizerName: "Обласний центр соціальних служб", audience: "Фахівці громад"}) { id } }`
	enrol     = `mutation($e: ID!, $p: ID!) { enrolInTraining(eventID: $e, positionID: $p) { id } }`
	issueCert = `mutation($c: ID!, $p: ID!, $en: ID, $n: String!, $d: Date!) { issueCertificate(input: {communityID: $c, positionID: $p,
		enrolmentID: $en, number: $n, issuedOn: $d, issuer: "Обласний центр соціальних служб", kind: STATE_STANDARD, hours: 18}) { id number } }`
	verify = `query($c: ID!, $n: String!) { verifyCertificate(communityID: $c, issuer: "Обласний центр соціальних служб", number: $n) {
		id kind position { holderName } } }`
)

// A training from programme to certificate, by the social protection
// department: modules, an event, enrolment of a person of the register,
// attendance, completion, a certificate of state standard verifiable by its
// number; a second certificate with the number is a CONFLICT. The
// children's service reads it all and may enrol nobody; a provider's
// specialist and another community see none of it.
func TestTrainingToCertificate(t *testing.T) {
	e := newEnv(t, server.Config{})
	f := fx[own]
	ssd := e.login(demo.VinnytsiaSocialProtectionEmail)
	today := clock.Now().UTC()
	start, end := today.AddDate(0, 0, -10), today.AddDate(0, 0, -8)

	if r := e.do(ssd, `mutation($c: ID!) { createTrainingProgramme(input: {communityID: $c, title: "T", format: ONLINE}, modules: []) { id } }`,
		map[string]any{"c": f.Community}); r.code() != server.CodeBadUserInput {
		t.Errorf("a programme without modules: %s, want BAD_USER_INPUT", r.code())
	}
	r := e.do(ssd, createTraining, map[string]any{"c": f.Community})
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	prog := str(r.Data, "createTrainingProgramme", "id")
	if ms := r.Data["createTrainingProgramme"].(map[string]any)["modules"].([]any); len(ms) != 3 {
		t.Fatalf("modules: %v", ms)
	}
	if r := e.do(ssd, createEvent, map[string]any{"c": f.Community, "p": prog, "s": dayOf(end), "e": dayOf(start)}); r.code() != server.CodeBadUserInput {
		t.Errorf("an event ending before it starts: %s, want BAD_USER_INPUT", r.code())
	}
	r = e.do(ssd, createEvent, map[string]any{"c": f.Community, "p": prog, "s": dayOf(start), "e": dayOf(end)})
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	ev := str(r.Data, "createTrainingEvent", "id")

	// The children's service sees the event and may enrol nobody.
	cs := e.login(demo.VinnytsiaChildrenServiceEmail)
	if r := e.do(cs, enrol, map[string]any{"e": ev, "p": f.Colleague}); r.code() != server.CodeForbidden {
		t.Errorf("the children's service enrols: %s, want FORBIDDEN", r.code())
	}
	r = e.do(ssd, enrol, map[string]any{"e": ev, "p": f.Colleague})
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	en := str(r.Data, "enrolInTraining", "id")
	if r := e.do(ssd, enrol, map[string]any{"e": ev, "p": f.Colleague}); r.code() != server.CodeConflict {
		t.Errorf("enrolled twice: %s, want CONFLICT", r.code())
	}
	// Another community's person cannot be enrolled here.
	if r := e.do(ssd, enrol, map[string]any{"e": ev, "p": fx[otherRegion].Position}); len(r.Errors) == 0 {
		t.Error("another community's person was enrolled")
	}
	if r := e.do(ssd, `mutation($id: ID!) { recordTrainingAttendance(id: $id, modules: [1, 4]) { id } }`, map[string]any{"id": en}); r.code() != server.CodeBadUserInput {
		t.Errorf("attendance of a module the programme lacks: %s, want BAD_USER_INPUT", r.code())
	}
	r = e.do(ssd, `mutation($id: ID!) { recordTrainingAttendance(id: $id, modules: [3, 1, 2, 1]) { attendedModules } }`, map[string]any{"id": en})
	if got := r.Data["recordTrainingAttendance"]; len(r.Errors) > 0 || len(got.(map[string]any)["attendedModules"].([]any)) != 3 {
		t.Fatalf("attendance: %s", r.String())
	}
	// A certificate before completion is refused; completion, then the certificate.
	if r := e.do(ssd, issueCert, map[string]any{"c": f.Community, "p": f.Colleague, "en": en, "n": "ОЦСС-2026/0415", "d": dayOf(end)}); r.code() != server.CodeBadUserInput {
		t.Errorf("a certificate before completion: %s, want BAD_USER_INPUT", r.code())
	}
	if r := e.do(ssd, `mutation($id: ID!, $d: Date!) { completeTraining(id: $id, completedOn: $d) { completedOn } }`,
		map[string]any{"id": en, "d": dayOf(end)}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	if r := e.do(ssd, issueCert, map[string]any{"c": f.Community, "p": f.Colleague, "en": en, "n": "ОЦСС-2026/0415", "d": dayOf(end)}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	if r := e.do(ssd, issueCert, map[string]any{"c": f.Community, "p": f.Position, "n": "ОЦСС-2026/0415", "d": dayOf(end)}); r.code() != server.CodeConflict {
		t.Errorf("a second certificate with the number: %s, want CONFLICT", r.code())
	}

	// Verifiable by number, by those who read certificates; the person's
	// training record shows it.
	r = e.do(cs, verify, map[string]any{"c": f.Community, "n": "ОЦСС-2026/0415"})
	if str(r.Data, "verifyCertificate", "position", "holderName") != "Fixture Colleague" || str(r.Data, "verifyCertificate", "kind") != "STATE_STANDARD" {
		t.Errorf("verify: %s", r.String())
	}
	r = e.do(cs, `query($id: ID!) { node(id: $id) { ... on StaffPosition { enrolments { completedOn event { programme { title } } } certificates { number } } } }`,
		map[string]any{"id": f.Colleague})
	node, _ := r.Data["node"].(map[string]any)
	if node == nil || len(node["enrolments"].([]any)) != 1 || len(node["certificates"].([]any)) != 1 {
		t.Errorf("training record: %s", r.String())
	}
	if r := e.do(cs, verify, map[string]any{"c": f.Community, "n": "ОЦСС-2026/9999"}); len(r.Errors) > 0 || r.Data["verifyCertificate"] != nil {
		t.Errorf("verify an unknown number: %s", r.String())
	}
	// Nobody else sees it: a provider's specialist, another community's admin.
	for _, who := range []string{demo.VinnytsiaProviderSpecialistEmail, demo.PoltavaAdminEmail} {
		tok := e.login(who)
		if r := e.do(tok, verify, map[string]any{"c": f.Community, "n": "ОЦСС-2026/0415"}); r.Data["verifyCertificate"] != nil {
			t.Errorf("%s verifies the certificate", who)
		}
		r := e.do(tok, `query($c: ID!) { trainingEvents(communityID: $c) { id } }`, map[string]any{"c": f.Community})
		if items, _ := r.Data["trainingEvents"].([]any); len(items) != 0 {
			t.Errorf("%s sees the community's training events", who)
		}
		if r := e.do(tok, enrol, map[string]any{"e": ev, "p": f.Position}); len(r.Errors) == 0 {
			t.Errorf("%s enrols in the community's event", who)
		}
	}
	// The calendar lists the event within its window, not outside it.
	r = e.do(ssd, `query($c: ID!, $from: Date, $to: Date) { trainingEvents(communityID: $c, from: $from, to: $to) { id } }`,
		map[string]any{"c": f.Community, "from": dayOf(end), "to": dayOf(today)})
	if items, _ := r.Data["trainingEvents"].([]any); len(items) == 0 {
		t.Errorf("calendar: %s", r.String())
	}
	r = e.do(ssd, `query($c: ID!, $from: Date) { trainingEvents(communityID: $c, from: $from) { id } }`,
		map[string]any{"c": f.Community, "from": dayOf(today.AddDate(0, 0, 1))})
	for _, it := range r.Data["trainingEvents"].([]any) {
		if it.(map[string]any)["id"] == ev {
			t.Error("an event that ended is listed from tomorrow on")
		}
	}
}
