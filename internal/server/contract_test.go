package server_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/server"
	"github.com/turbota/turbota/internal/server/apitest"
)

// instant is the one shape of a Time answer: UTC, "Z", whole seconds.
var instant = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)

// An actor is a User under the reader's own sight of users: the sender of a
// transfer sees who requested it; the receiving community reads the request
// but not the sender's colleague, so the actor is null, and nothing fails.
func TestActorsAreUsersUnderTheReadersPrivacy(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, server.Config{})
	s := newScene(t, e, apitest.ReportCategoryNeglect)
	sent := okay(apitest.RequestCaseTransfer(ctx, s.ssd, s.cs, string(fx[otherRegion].Community), "сім'я переїхала", ptr("ст. 12")))(t, "request").RequestCaseTransfer
	q := `query($d: TransferDirection!) { caseTransfers(direction: $d) { id requestedAt requestedByID requestedBy { id displayName } } }`
	find := func(token, dir string) map[string]any {
		t.Helper()
		r := e.do(token, q, map[string]any{"d": dir})
		if len(r.Errors) > 0 {
			t.Fatalf("%s transfers: %v", dir, r.Errors)
		}
		for _, tr := range r.Data["caseTransfers"].([]any) {
			if m := tr.(map[string]any); m["id"] == sent.Id {
				return m
			}
		}
		t.Fatalf("%s transfers: %s not listed", dir, sent.Id)
		return nil
	}
	mine := find(e.login(demo.VinnytsiaChildrenServiceEmail), "OUTGOING")
	by, _ := mine["requestedBy"].(map[string]any)
	if by == nil || by["id"] != mine["requestedByID"] || by["displayName"] == "" {
		t.Errorf("the sender's requestedBy: %v (requestedByID %v)", mine["requestedBy"], mine["requestedByID"])
	}
	if at, _ := mine["requestedAt"].(string); !instant.MatchString(at) {
		t.Errorf("requestedAt %q is not RFC 3339 UTC with whole seconds", at)
	}
	theirs := find(e.login(demo.PoltavaChildrenServiceEmail), "INCOMING")
	if theirs["requestedByID"] != mine["requestedByID"] || theirs["requestedBy"] != nil {
		t.Errorf("the receiver's requestedBy: %v, want null beside requestedByID %v", theirs["requestedBy"], theirs["requestedByID"])
	}
}

// A Date is a calendar day both ways, and anything else is BAD_USER_INPUT
// naming the shape expected.
func TestDatesAreCalendarDays(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{})
	token := e.login(demo.VinnytsiaChildrenServiceEmail)
	mk := `mutation($c: ID!, $b: Date) { createPerson(input: {communityID: $c, kind: CHILD, lastName: "Дата", firstName: "Тест", birthDate: $b}) { birthDate createdAt } }`
	r := e.do(token, mk, map[string]any{"c": fx[own].Community, "b": "2015-04-02"})
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	if got := str(r.Data, "createPerson", "birthDate"); got != "2015-04-02" {
		t.Errorf("birthDate = %q, want the day as given", got)
	}
	if got := str(r.Data, "createPerson", "createdAt"); !instant.MatchString(got) {
		t.Errorf("createdAt %q is not RFC 3339 UTC with whole seconds", got)
	}
	for _, bad := range []string{"2015-04-02T00:00:00Z", "02.04.2015", "2015-02-30"} {
		r := e.do(token, mk, map[string]any{"c": fx[own].Community, "b": bad})
		if r.code() != server.CodeBadUserInput || len(r.Errors) == 0 || !regexp.MustCompile(`YYYY-MM-DD`).MatchString(r.Errors[0].Message) {
			t.Errorf("birthDate %q: %s %v, want BAD_USER_INPUT naming YYYY-MM-DD", bad, r.code(), r.Errors)
		}
	}
}
