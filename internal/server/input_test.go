package server_test

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/auth"
	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/server"
	"github.com/turbota/turbota/tenant"
)

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }

// viewerOf builds the viewer of a user as the server would.
func viewerOf(t *testing.T, e *env, id pulid.ID) *tenant.Viewer {
	t.Helper()
	v, err := auth.BuildViewer(t.Context(), e.client, id)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestBadInputGetsAClearErrorAndWritesNothing(t *testing.T) {
	e := newEnv(t, server.Config{Limits: server.Limits{MaxDepth: 6, MaxAliases: 3, MaxComplexity: 40, MaxPage: 100}})
	token := e.login(demo.VinnytsiaChildrenServiceEmail)
	c := fx[own].Community
	deep := `{ families { edges { node { members { edges { node { family { members { edges { node { id } } } } } } } } } } }`
	wide := `{ ` + strings.Repeat("regions { totalCount } ", 1) + `a: viewer { user { id } } b: viewer { user { id } } c: viewer { user { id } } d: viewer { user { id } } }`
	complexQ := `{ families { edges { node { id name address notes createdAt updatedAt members { edges { node { id firstName lastName patronymic birthDate sex kind createdAt updatedAt } } } reports { edges { node { id summary source urgency status receivedAt } } } } } } }`
	cases := []struct {
		name, query string
		vars        map[string]any
		code, field string
	}{
		{"malformed", `{ families {`, nil, server.CodeBadUserInput, ""},
		{"unknown field", `{ families { nope } }`, nil, server.CodeBadUserInput, ""},
		{"too deep", deep, nil, server.CodeBadUserInput, ""},
		{"too many aliases", wide, nil, server.CodeBadUserInput, ""},
		{"too complex", complexQ, nil, server.CodeBadUserInput, ""},
		{"page too large", `{ families(first: 1000) { totalCount } }`, nil, server.CodeBadUserInput, "first"},
		{"invalid enum", `mutation($c: ID!) { createPerson(input: {communityID: $c, kind: ALIEN, firstName: "A", lastName: "B"}) { id } }`,
			map[string]any{"c": c}, server.CodeBadUserInput, ""},
		{"invalid enum in variable", `mutation($c: ID!, $k: PersonKind!) { createPerson(input: {communityID: $c, kind: $k, firstName: "A", lastName: "B"}) { id } }`,
			map[string]any{"c": c, "k": "ALIEN"}, server.CodeBadUserInput, ""},
		{"invalid date", `mutation($c: ID!) { createPerson(input: {communityID: $c, kind: CHILD, firstName: "A", lastName: "B", birthDate: "31.02.2020"}) { id } }`,
			map[string]any{"c": c}, server.CodeBadUserInput, ""},
		{"empty name", `mutation($c: ID!) { createFamily(input: {communityID: $c, name: ""}) { id } }`,
			map[string]any{"c": c}, server.CodeBadUserInput, "name"},
		{"invalid id", `mutation { updateFamily(id: "not-an-id", input: {name: "X"}) { id } }`, nil, server.CodeNotFound, ""},
		{"invalid community id", `mutation { createFamily(input: {communityID: "CM123", name: "X"}) { id } }`, nil, server.CodeNotFound, ""},
		{"missing family", `mutation($c: ID!, $f: ID!) { createPerson(input: {communityID: $c, kind: CHILD, firstName: "A", lastName: "B", familyID: $f}) { id } }`,
			map[string]any{"c": c, "f": pulid.MustNew("FM")}, server.CodeNotFound, ""},
	}
	before := e.counts(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := e.do(token, tc.query, tc.vars)
			if r.code() != tc.code {
				t.Fatalf("code %q, want %q: %v", r.code(), tc.code, r.Errors)
			}
			if r.Errors[0].Message == "" || strings.Contains(strings.ToLower(r.Errors[0].Message), "sql") {
				t.Errorf("unclear message %q", r.Errors[0].Message)
			}
			if tc.field != "" && r.Errors[0].Extensions["field"] != tc.field {
				t.Errorf("field %v, want %s", r.Errors[0].Extensions["field"], tc.field)
			}
		})
	}
	if after := e.counts(t); after != before {
		t.Errorf("bad input wrote something: %v → %v", before, after)
	}
	if r := e.do(token, `{ node(id: "garbage") { id } }`, nil); r.Data["node"] != nil || (len(r.Errors) > 0 && r.code() != server.CodeNotFound) {
		t.Errorf("node(garbage): %v %v", r.Data, r.Errors)
	}
}

func TestOversizedBodyIsRefused(t *testing.T) {
	e := newEnv(t, server.Config{MaxBodyBytes: 1 << 16})
	big := `{"query":"{ viewer { user { id } } }","variables":{"x":"` + strings.Repeat("a", 1<<17) + `"}}`
	r := e.post("", []byte(big), nil)
	if r.Status < 400 || r.code() != server.CodeBadUserInput {
		t.Errorf("oversized body: status %d %v", r.Status, r.Errors)
	}
}

func (e *env) counts(t *testing.T) string {
	var n [3]int
	if err := e.db.QueryRow(`SELECT (SELECT count(*) FROM persons), (SELECT count(*) FROM families), (SELECT count(*) FROM reports)`).
		Scan(&n[0], &n[1], &n[2]); err != nil {
		t.Fatal(err)
	}
	return fmt.Sprint(n)
}
