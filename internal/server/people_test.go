package server_test

import (
	"testing"

	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/server"
)

func TestPeopleSearchForgivesTyposAndOrder(t *testing.T) {
	e := newEnv(t, server.Config{})
	token := e.login(demo.VinnytsiaChildrenServiceEmail)
	c := fx[own].Community
	mk := `mutation($c: ID!, $l: String!, $f: String!, $b: Date) { createPerson(input: {communityID: $c, kind: CHILD, lastName: $l, firstName: $f, birthDate: $b}) { id } }`
	r := e.do(token, mk, map[string]any{"c": c, "l": "Ковальчук", "f": "Дмитро", "b": "2015-04-02"})
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	id := str(r.Data, "createPerson", "id")
	for _, text := range []string{"Ковальчук", "ковальчук дмитро", "Дмитро Ковальчук", "Ковальчюк"} {
		s := e.do(token, `query($c: ID!, $t: String!) { searchPersons(communityID: $c, text: $t) { id } }`, map[string]any{"c": c, "t": text})
		items, _ := s.Data["searchPersons"].([]any)
		if len(items) == 0 || str(items[0].(map[string]any), "id") != id {
			t.Errorf("search %q: %v %v", text, items, s.Errors)
		}
	}
	dup := `query($c: ID!, $b: Date) { possibleDuplicates(input: {communityID: $c, lastName: "Ковальчюк", firstName: "Дмитро", birthDate: $b}) { id } }`
	if d := e.do(token, dup, map[string]any{"c": c, "b": "2015-04-02"}); len(d.Data["possibleDuplicates"].([]any)) != 1 {
		t.Errorf("same child, a typo in the surname: %v %v", d.Data, d.Errors)
	}
	if d := e.do(token, dup, map[string]any{"c": c, "b": "2016-09-30"}); len(d.Data["possibleDuplicates"].([]any)) != 0 {
		t.Errorf("another birth date is another child: %v", d.Data)
	}
	other := e.login(demo.PoltavaChildrenServiceEmail)
	if s := e.do(other, `query($c: ID!) { searchPersons(communityID: $c, text: "Ковальчук") { id } }`, map[string]any{"c": c}); len(s.Data["searchPersons"].([]any)) != 0 {
		t.Errorf("another community found the child: %v", s.Data)
	}
}

func TestRelationshipStaysInsideItsCommunity(t *testing.T) {
	e := newEnv(t, server.Config{})
	token := e.login(demo.VinnytsiaChildrenServiceEmail)
	q := `mutation($c: ID!, $p: ID!, $r: ID!) { createRelationship(input: {communityID: $c, personID: $p, relativeID: $r, kind: SIBLING}) { id kind } }`
	ok := e.do(token, q, map[string]any{"c": fx[own].Community, "p": fx[own].Person, "r": fx[own].Parent})
	if len(ok.Errors) > 0 {
		t.Fatal(ok.Errors)
	}
	bad := e.do(token, q, map[string]any{"c": fx[own].Community, "p": fx[own].Person, "r": fx[otherRegion].Person})
	if bad.code() != server.CodeNotFound {
		t.Errorf("relationship to another community's child: %v", bad.Errors)
	}
}
