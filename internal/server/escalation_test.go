package server_test

import (
	"testing"

	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/server"
)

const grantRoleMutation = `mutation($u: ID!, $c: ID!, $r: MembershipRole!) { grantRole(input: {userID: $u, role: $r, communityID: $c}) { id } }`

func (e *env) userID(email string) string {
	e.t.Helper()
	var id string
	if err := e.db.QueryRow(`SELECT id FROM users WHERE email = $1`, email).Scan(&id); err != nil {
		e.t.Fatal(err)
	}
	return id
}

func (e *env) count(query string, args ...any) int {
	e.t.Helper()
	var n int
	if err := e.db.QueryRow(query, args...).Scan(&n); err != nil {
		e.t.Fatal(err)
	}
	return n
}

// A community admin ("no case files") can neither grant itself the
// children's service role nor mint an API client holding it; each refusal
// is FORBIDDEN and logged.
func TestAdminGivesNoMoreThanItHolds(t *testing.T) {
	e := newEnv(t, server.Config{})
	admin := e.login(demo.VinnytsiaAdminEmail)
	c := fx[own].Community
	self := e.do(admin, grantRoleMutation, map[string]any{"u": e.userID(demo.VinnytsiaAdminEmail), "c": c, "r": "CHILDREN_SERVICE"})
	if self.code() != server.CodeForbidden {
		t.Errorf("an admin grants itself the children's service role: %s", self.Errors)
	}
	other := e.do(admin, grantRoleMutation, map[string]any{"u": fx[own].MemberUser, "c": c, "r": "CHILDREN_SERVICE"})
	if other.code() != server.CodeForbidden {
		t.Errorf("an admin grants a colleague the children's service role: %s", other.Errors)
	}
	api := e.do(admin, `mutation($c: ID!) { createAPIClient(input: {communityID: $c, name: "Escalate", role: CHILDREN_SERVICE}) { token } }`,
		map[string]any{"c": c})
	if api.code() != server.CodeForbidden {
		t.Errorf("an admin mints an API client with the children's service role: %s", api.Errors)
	}
	rule := e.do(admin, `mutation($c: ID!) { setPolicyRule(input: {communityID: $c, role: COMMUNITY_ADMIN, object: "case_file", action: "read", effect: ALLOW}) { id } }`,
		map[string]any{"c": c})
	if rule.code() != server.CodeForbidden {
		t.Errorf("an admin widens its own role: %s", rule.Errors)
	}
	if n := e.count(`SELECT count(*) FROM api_clients WHERE name = 'Escalate'`); n != 0 {
		t.Errorf("%d API clients minted", n)
	}
	// What the admin holds it may give: another admin.
	if r := e.do(admin, grantRoleMutation, map[string]any{"u": fx[own].MemberUser, "c": c, "r": "COMMUNITY_ADMIN"}); len(r.Errors) > 0 {
		t.Errorf("an admin makes a colleague admin: %s", r.Errors)
	}
	denied := e.count(`SELECT count(*) FROM audit_events WHERE action = 'DENIED' AND community_id = $1 AND actor_user_id = $2`,
		c, e.userID(demo.VinnytsiaAdminEmail))
	if denied != 4 {
		t.Errorf("%d refused attempts logged, want 4", denied)
	}
}

// Whoever holds a role may give it, with the right to grant: the check is
// the granter's own rights, not the admin role.
func TestGrantWithinOwnRights(t *testing.T) {
	e := newEnv(t, server.Config{})
	c := fx[own].Community
	if _, err := e.db.Exec(`INSERT INTO memberships (id, created_at, updated_at, user_id, role, community_id)
		SELECT 'MB' || substr(md5(random()::text), 1, 26), now(), now(), id, 'CHILDREN_SERVICE', $1 FROM users WHERE email = $2`,
		c, demo.VinnytsiaAdminEmail); err != nil {
		t.Fatal(err)
	}
	if err := e.authz.Reload(t.Context()); err != nil {
		t.Fatal(err)
	}
	admin := e.login(demo.VinnytsiaAdminEmail)
	if r := e.do(admin, grantRoleMutation, map[string]any{"u": fx[own].MemberUser, "c": c, "r": "CHILDREN_SERVICE"}); len(r.Errors) > 0 {
		t.Errorf("an admin who works in the children's service grants its role: %s", r.Errors)
	}
	if r := e.do(admin, grantRoleMutation, map[string]any{"u": fx[own].MemberUser, "c": c, "r": "SOCIAL_PROTECTION"}); r.code() != server.CodeForbidden {
		t.Errorf("a role beyond both of the granter's: %s", r.Errors)
	}
}

// Another community's account cannot be given a role by its ID: it is as
// invisible as one that does not exist.
func TestNoGrantToAnotherCommunitysAccount(t *testing.T) {
	e := newEnv(t, server.Config{})
	admin := e.login(demo.VinnytsiaAdminEmail)
	poltava := e.userID(demo.PoltavaAdminEmail)
	r := e.do(admin, grantRoleMutation, map[string]any{"u": poltava, "c": fx[own].Community, "r": "COMMUNITY_ADMIN"})
	missing := e.do(admin, grantRoleMutation, map[string]any{"u": "US00000000000000000000000000", "c": fx[own].Community, "r": "COMMUNITY_ADMIN"})
	if r.code() != server.CodeNotFound || missing.code() != server.CodeNotFound || r.Errors[0].Message != missing.Errors[0].Message {
		t.Errorf("another community's account: %s; an account that does not exist: %s", r.String(), missing.Errors)
	}
	if n := e.count(`SELECT count(*) FROM memberships WHERE user_id = $1 AND community_id = $2`, poltava, fx[own].Community); n != 0 {
		t.Errorf("%d roles granted to another community's admin", n)
	}
	if n := e.count(`SELECT count(*) FROM audit_events WHERE action = 'DENIED' AND entity_type = 'membership' AND community_id = $1`,
		fx[own].Community); n != 2 {
		t.Errorf("%d refused grants to unseen accounts logged, want 2", n)
	}
}
