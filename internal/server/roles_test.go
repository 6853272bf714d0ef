package server_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/server"
)

const (
	narrowMutation  = `mutation($c: ID!, $r: MembershipRole!, $p: String!) { narrowRole(input: {communityID: $c, role: $r, permission: $p}) { key permissions { object action allowed narrowed } } }`
	restoreMutation = `mutation($c: ID!, $r: MembershipRole!, $p: String!) { restoreRole(input: {communityID: $c, role: $r, permission: $p}) { key } }`
	casesQuery      = `{ cases(first: 100) { totalCount } }`
)

// A community admin narrows the children's service of their community:
// its case files and violence cases are gone for it at once, the change is
// in the log, and restoring the default gives them back.
func TestAdminNarrowsCasework(t *testing.T) {
	e := newEnv(t, server.Config{})
	c := fx[own].Community
	admin, ssd := e.login(demo.VinnytsiaAdminEmail), e.login(demo.VinnytsiaChildrenServiceEmail)
	before := e.do(ssd, casesQuery, nil)
	if n, _ := before.Data["cases"].(map[string]any)["totalCount"].(float64); n == 0 {
		t.Fatalf("the children's service sees no cases to begin with: %s", before.String())
	}
	for _, p := range []string{"case_file:read", "violence_case:read"} {
		r := e.do(admin, narrowMutation, map[string]any{"c": c, "r": "CHILDREN_SERVICE", "p": p})
		if len(r.Errors) > 0 {
			t.Fatalf("narrowing %s: %s", p, r.Errors)
		}
	}
	after := e.do(ssd, casesQuery, nil)
	if n, _ := after.Data["cases"].(map[string]any)["totalCount"].(float64); n != 0 || len(after.Errors) > 0 {
		t.Errorf("the narrowed children's service still sees %v cases: %s", n, after.Errors)
	}
	roles := e.do(admin, `query($c: ID!) { communityRoles(communityID: $c) { key permissions { object action default allowed narrowed } } }`,
		map[string]any{"c": c})
	if !narrowedIn(roles.Data, "CHILDREN_SERVICE", "case_file", "read") {
		t.Errorf("communityRoles does not show the narrowing: %s", roles.String())
	}
	if n := e.count(`SELECT count(*) FROM audit_events WHERE community_id = $1 AND entity_type = 'PolicyRule' AND actor_user_id = $2`,
		c, e.userID(demo.VinnytsiaAdminEmail)); n < 2 {
		t.Errorf("%d policy changes logged, want at least 2", n)
	}
	if r := e.do(admin, restoreMutation, map[string]any{"c": c, "r": "CHILDREN_SERVICE", "p": "case_file:read"}); len(r.Errors) > 0 {
		t.Fatalf("restoring: %s", r.Errors)
	}
	if n, _ := e.do(ssd, casesQuery, nil).Data["cases"].(map[string]any)["totalCount"].(float64); n == 0 {
		t.Errorf("restored, the children's service still sees no cases")
	}
	// Another community's children's service keeps its sight.
	if n, _ := e.do(e.login(demo.PoltavaChildrenServiceEmail), casesQuery, nil).Data["cases"].(map[string]any)["totalCount"].(float64); n == 0 {
		t.Errorf("Poltava's children's service lost its cases to Vinnytsia's narrowing")
	}
}

// Widening past the default policy is refused and logged, so is narrowing
// in another community, an oversight role, or the admins' own right to
// change the rules.
func TestTuningRefusals(t *testing.T) {
	e := newEnv(t, server.Config{})
	c := fx[own].Community
	admin := e.login(demo.VinnytsiaAdminEmail)
	cases := []struct {
		name, token, community, role, perm, mutation, code string
	}{
		{"widening a school to case files", admin, string(c), "PARTNER_REPORTER", "case_file:read", restoreMutation, server.CodeForbidden},
		{"widening the admins to case files", admin, string(c), "COMMUNITY_ADMIN", "case_file:read", restoreMutation, server.CodeForbidden},
		{"narrowing a regional supervisor", admin, string(c), "REGIONAL_SUPERVISOR", "indicator:read", narrowMutation, server.CodeForbidden},
		{"locking the admins out", admin, string(c), "COMMUNITY_ADMIN", "policy_rule:create", narrowMutation, server.CodeForbidden},
		{"another community's admin", e.login(demo.PoltavaAdminEmail), string(c), "CHILDREN_SERVICE", "case_file:read", narrowMutation, server.CodeNotFound},
		{"a children's service", e.login(demo.VinnytsiaChildrenServiceEmail), string(c), "PROVIDER_MANAGER", "case_file:read", narrowMutation, server.CodeForbidden},
		{"no such permission", admin, string(c), "CHILDREN_SERVICE", "case_file:steal", narrowMutation, server.CodeBadUserInput},
	}
	for _, tc := range cases {
		r := e.do(tc.token, tc.mutation, map[string]any{"c": tc.community, "r": tc.role, "p": tc.perm})
		if r.code() != tc.code {
			t.Errorf("%s: %s, want %s", tc.name, r.String(), tc.code)
		}
	}
	if n := e.count(`SELECT count(*) FROM policy_rules WHERE domain = $1`, c); n != 1 { // the fixture's own
		t.Errorf("%d rules in the community after refusals, want the fixture's 1", n)
	}
	if n := e.count(`SELECT count(*) FROM audit_events WHERE action = 'DENIED' AND entity_type = 'policy_rule' AND community_id = $1`, c); n < 4 {
		t.Errorf("%d refused tunings logged, want at least 4", n)
	}
}

// A custom role: defined from what the admin holds, refused beyond it,
// granted to a member who then uses it, and retired with effect at once.
func TestCustomRole(t *testing.T) {
	e := newEnv(t, server.Config{})
	c := fx[own].Community
	admin := e.login(demo.VinnytsiaAdminEmail)
	define := `mutation($c: ID!, $p: [String!]!) { defineRole(input: {communityID: $c, nameUk: "Реєстратор організацій", nameEn: "Organisation registrar", permissions: $p}) { key customRoleID label { uk en } permissions { object action } } }`
	beyond := e.do(admin, define, map[string]any{"c": c, "p": []string{"organization:create", "case_file:read"}})
	if beyond.code() != server.CodeForbidden {
		t.Errorf("a custom role beyond the admin's own rights: %s", beyond.String())
	}
	if r := e.do(e.login(demo.PoltavaAdminEmail), define, map[string]any{"c": c, "p": []string{"organization:create"}}); r.code() != server.CodeNotFound {
		t.Errorf("another community's admin defines a role here: %s", r.String())
	}
	r := e.do(admin, define, map[string]any{"c": c, "p": []string{"organization:create", "organization:read"}})
	role := str(r.Data, "defineRole", "customRoleID")
	if role == "" {
		t.Fatalf("defining a role: %s", r.String())
	}
	school := e.userID(demo.VinnytsiaPartnerReporterEmail)
	grant := `mutation($u: ID!, $c: ID!, $cr: ID!) { grantRole(input: {userID: $u, role: CUSTOM, customRoleID: $cr, communityID: $c}) { id role customRole { label { en } } } }`
	g := e.do(admin, grant, map[string]any{"u": school, "c": c, "cr": role})
	if str(g.Data, "grantRole", "customRole", "label", "en") != "Organisation registrar" {
		t.Fatalf("granting the custom role: %s", g.String())
	}
	token := e.login(demo.VinnytsiaPartnerReporterEmail)
	create := `mutation($c: ID!) { createOrganization(input: {communityID: $c, name: "Нова школа", kind: PARTNER}) { id } }`
	if r := e.do(token, create, map[string]any{"c": c}); len(r.Errors) > 0 {
		t.Errorf("the custom role's holder cannot use it: %s", r.Errors)
	}
	poltava := e.login(demo.PoltavaAdminEmail)
	if r := e.do(poltava, `mutation($id: ID!) { retireRole(id: $id) { retired } }`, map[string]any{"id": role}); r.code() != server.CodeNotFound {
		t.Errorf("another community's admin retires the role: %s", r.String())
	}
	if r := e.do(poltava, `mutation($id: ID!) { updateRole(id: $id, input: {permissions: ["organization:update"]}) { key } }`, map[string]any{"id": role}); r.code() != server.CodeNotFound {
		t.Errorf("another community's admin edits the role: %s", r.String())
	}
	if r := e.do(admin, `mutation($id: ID!) { updateRole(id: $id, input: {permissions: ["organization:create", "case_file:read"]}) { key } }`, map[string]any{"id": role}); r.code() != server.CodeForbidden {
		t.Errorf("an admin edits its role beyond its own rights: %s", r.String())
	}
	if r := e.do(admin, `mutation($id: ID!) { retireRole(id: $id) { retired } }`, map[string]any{"id": role}); len(r.Errors) > 0 {
		t.Fatalf("retiring: %s", r.Errors)
	}
	if r := e.do(token, create, map[string]any{"c": c}); len(r.Errors) == 0 {
		t.Errorf("a retired role still lets its holder create organisations")
	}
	if r := e.do(admin, grant, map[string]any{"u": e.userID(demo.VinnytsiaSocialProtectionEmail), "c": c, "cr": role}); r.code() != server.CodeForbidden {
		t.Errorf("granting a retired role: %s", r.String())
	}
	if n := e.count(`SELECT count(*) FROM audit_events WHERE community_id = $1 AND entity_type = 'CustomRole'`, c); n < 2 {
		t.Errorf("%d custom role changes logged, want at least 2", n)
	}
	if n := e.count(`SELECT count(*) FROM audit_events WHERE action = 'DENIED' AND entity_type = 'custom_role' AND community_id = $1`, c); n < 1 {
		t.Errorf("the refused custom role is not logged")
	}
}

func narrowedIn(data map[string]any, role, obj, act string) bool {
	roles, _ := data["communityRoles"].([]any)
	for _, r := range roles {
		m, _ := r.(map[string]any)
		if m["key"] != role {
			continue
		}
		perms, _ := m["permissions"].([]any)
		for _, p := range perms {
			pm, _ := p.(map[string]any)
			if pm["object"] == obj && pm["action"] == act {
				return pm["narrowed"] == true && pm["allowed"] == false
			}
		}
	}
	return false
}

// A custom role named in an invitation: the person invited sees its name,
// accepts it (row-level security checks the role accepted is the one
// offered) and holds its permissions in the community.
func TestCustomRoleByInvitation(t *testing.T) {
	e := newEnv(t, server.Config{})
	c := fx[own].Community
	admin := e.login(demo.VinnytsiaAdminEmail)
	def := e.do(admin, `mutation($c: ID!) { defineRole(input: {communityID: $c, nameUk: "Календар", nameEn: "Calendar keeper", permissions: ["calendar_year:update", "calendar_year:read"]}) { customRoleID } }`,
		map[string]any{"c": c})
	role := str(def.Data, "defineRole", "customRoleID")
	if role == "" {
		t.Fatalf("defining a role: %s", def.String())
	}
	inv := e.do(admin, `mutation($c: ID!, $e: String!, $cr: ID!) { inviteUser(input: {communityID: $c, email: $e, displayName: "Запрошена", password: "a long enough passphrase", role: CUSTOM, customRoleID: $cr}) { id } }`,
		map[string]any{"c": c, "e": demo.PoltavaAdminEmail, "cr": role})
	if len(inv.Errors) > 0 {
		t.Fatalf("inviting with a custom role: %s", inv.String())
	}
	invited := e.login(demo.PoltavaAdminEmail)
	mine := e.do(invited, `{ myInvitations { id customRole { label { en } } } }`, nil)
	list, _ := mine.Data["myInvitations"].([]any)
	if len(list) != 1 || str(list[0].(map[string]any), "customRole", "label", "en") != "Calendar keeper" {
		t.Fatalf("the invitation as its person sees it: %s", mine.String())
	}
	accept := e.do(invited, `mutation($id: ID!) { acceptInvitation(id: $id) { role customRole { customRoleID } } }`,
		map[string]any{"id": list[0].(map[string]any)["id"]})
	if str(accept.Data, "acceptInvitation", "customRole", "customRoleID") != role {
		t.Fatalf("accepting: %s", accept.String())
	}
	perms := e.do(e.login(demo.PoltavaAdminEmail), `query($c: ID!) { viewer { permissions(communityID: $c) } }`, map[string]any{"c": c})
	if got := fmt.Sprint(perms.Data); !strings.Contains(got, "calendar_year:update") || strings.Contains(got, "user:read") {
		t.Errorf("the invited person's permissions in the community: %s", got)
	}
}
