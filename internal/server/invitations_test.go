package server_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/lib/pq"

	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/server"
)

const inviteMutation = `mutation($c: ID!, $e: String!, $r: MembershipRole!) {
	inviteUser(input: {communityID: $c, email: $e, displayName: "Запрошена", password: "a long enough passphrase", role: $r}) {
		email role status community { id } organization { id } } }`

// An admin cannot tell from the answer whether an e-mail has an account:
// another community's admin and a new e-mail get the same invitation.
func TestInvitationTellsNothingOfOtherAccounts(t *testing.T) {
	e := newEnv(t, server.Config{})
	admin := e.login(demo.VinnytsiaAdminEmail)
	c := fx[own].Community
	existing := e.do(admin, inviteMutation, map[string]any{"c": c, "e": demo.PoltavaAdminEmail, "r": "COMMUNITY_ADMIN"})
	fresh := e.do(admin, inviteMutation, map[string]any{"c": c, "e": "new-person@fixture.test", "r": "COMMUNITY_ADMIN"})
	if len(existing.Errors) > 0 || len(fresh.Errors) > 0 {
		t.Fatalf("invitations: %v %v", existing.Errors, fresh.Errors)
	}
	shape := func(r *gqlResponse) string {
		inv := r.Data["inviteUser"].(map[string]any)
		delete(inv, "email")
		b, _ := json.Marshal(inv)
		return string(b)
	}
	if shape(existing) != shape(fresh) {
		t.Errorf("an existing account is told apart: %s vs %s", shape(existing), shape(fresh))
	}
	// The inviting side sees the pending invitations, never the accounts.
	list := e.do(admin, `query($c: ID!) { communityInvitations(communityID: $c) { email status } }`, map[string]any{"c": c})
	for _, want := range []string{demo.PoltavaAdminEmail, "new-person@fixture.test"} {
		if !contains(list.String(), `{"email":"`+want+`","status":"PENDING"}`) {
			t.Errorf("pending invitation to %s not listed: %s %v", want, list.String(), list.Errors)
		}
	}
	// Nobody holds a role yet.
	if n := e.count(`SELECT count(*) FROM memberships m JOIN users u ON u.id = m.user_id
		WHERE m.community_id = $1 AND u.email IN ($2, 'new-person@fixture.test')`, c, demo.PoltavaAdminEmail); n != 0 {
		t.Errorf("%d roles granted before anyone accepted", n)
	}
}

// A refused invitation leaves nothing behind: no account, no invitation.
func TestRefusedInvitationCreatesNothing(t *testing.T) {
	e := newEnv(t, server.Config{})
	admin := e.login(demo.VinnytsiaAdminEmail)
	r := e.do(admin, inviteMutation, map[string]any{"c": fx[own].Community, "e": "escalate@fixture.test", "r": "CHILDREN_SERVICE"})
	if r.code() != server.CodeForbidden {
		t.Errorf("an invitation with a role beyond the admin's: %v", r.Errors)
	}
	if n := e.count(`SELECT count(*) FROM users WHERE email = 'escalate@fixture.test'`) +
		e.count(`SELECT count(*) FROM invitations WHERE email = 'escalate@fixture.test'`); n != 0 {
		t.Errorf("a refused invitation left %d rows", n)
	}
	if n := e.count(`SELECT count(*) FROM audit_events WHERE action = 'DENIED' AND entity_type = 'invitation'`); n != 1 {
		t.Errorf("%d refused invitations logged", n)
	}
	other := e.do(admin, inviteMutation, map[string]any{"c": fx[otherRegion].Community, "e": "elsewhere@fixture.test", "r": "COMMUNITY_ADMIN"})
	if other.code() != server.CodeNotFound {
		t.Errorf("an invitation to another community: %v", other.Errors)
	}
}

// The person invited sees the invitation after signing in and accepts it;
// only then do they hold the role. Nobody else can answer it.
func TestInvitationAcceptedAndDeclined(t *testing.T) {
	e := newEnv(t, server.Config{})
	admin := e.login(demo.VinnytsiaAdminEmail)
	c := fx[own].Community
	for range 2 {
		if r := e.do(admin, inviteMutation, map[string]any{"c": c, "e": demo.PoltavaAdminEmail, "r": "COMMUNITY_ADMIN"}); len(r.Errors) > 0 {
			t.Fatal(r.Errors)
		}
	}
	invited := e.login(demo.PoltavaAdminEmail)
	mine := e.do(invited, `{ myInvitations { id role community { id name } } }`, nil)
	list, _ := mine.Data["myInvitations"].([]any)
	if len(list) != 2 {
		t.Fatalf("invitations seen by the person invited: %s %v", mine.String(), mine.Errors)
	}
	first, second := list[0].(map[string]any)["id"], list[1].(map[string]any)["id"]
	// Another person cannot answer it.
	if r := e.do(e.login(demo.PoltavaChildrenServiceEmail), `mutation($id: ID!) { acceptInvitation(id: $id) { id } }`,
		map[string]any{"id": first}); r.code() != server.CodeNotFound {
		t.Errorf("someone else accepts the invitation: %v", r.Errors)
	}
	accept := e.do(invited, `mutation($id: ID!) { acceptInvitation(id: $id) { id role community { id } } }`, map[string]any{"id": first})
	if len(accept.Errors) > 0 || str(accept.Data, "acceptInvitation", "role") != "COMMUNITY_ADMIN" {
		t.Fatalf("accept: %s %v", accept.String(), accept.Errors)
	}
	if r := e.do(invited, `mutation($id: ID!) { acceptInvitation(id: $id) { id } }`, map[string]any{"id": first}); r.code() != server.CodeNotFound {
		t.Errorf("an invitation accepted twice: %v", r.Errors)
	}
	if r := e.do(invited, `mutation($id: ID!) { declineInvitation(id: $id) { status } }`, map[string]any{"id": second}); str(r.Data, "declineInvitation", "status") != "DECLINED" {
		t.Errorf("decline: %s %v", r.String(), r.Errors)
	}
	if !e.authz.Allowed(viewerOf(t, e, pulid.ID(e.userID(demo.PoltavaAdminEmail))), c, "membership", "create") {
		t.Error("the accepted role is not in force")
	}
	// An invitation is good for one grant: once the role is revoked, the
	// person cannot take it back by themselves.
	mb := str(accept.Data, "acceptInvitation", "id")
	if r := e.do(admin, `mutation($id: ID!) { revokeRole(id: $id) }`, map[string]any{"id": mb}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	again := e.do(e.login(demo.PoltavaAdminEmail), grantRoleMutation, map[string]any{"u": e.userID(demo.PoltavaAdminEmail), "c": c, "r": "COMMUNITY_ADMIN"})
	if len(again.Errors) == 0 {
		t.Error("a revoked role granted again by its holder on the strength of the old invitation")
	}
	if n := e.count(`SELECT count(*) FROM audit_events WHERE community_id = $1 AND entity_type = 'Membership' AND action = 'CREATE'
		AND actor_user_id = $2`, c, e.userID(demo.PoltavaAdminEmail)); n != 1 {
		t.Errorf("the acceptance is logged %d times in the community", n)
	}
}

// An invitation is good for one grant, however it is taken up: once the
// role is revoked, the person cannot give it back to themselves with it.
func TestInvitationGrantsOnce(t *testing.T) {
	e := newEnv(t, server.Config{})
	admin := e.login(demo.VinnytsiaAdminEmail)
	c := fx[own].Community
	if r := e.do(admin, inviteMutation, map[string]any{"c": c, "e": demo.PoltavaAdminEmail, "r": "COMMUNITY_ADMIN"}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	self := map[string]any{"u": e.userID(demo.PoltavaAdminEmail), "c": c, "r": "COMMUNITY_ADMIN"}
	first := e.do(e.login(demo.PoltavaAdminEmail), grantRoleMutation, self)
	if len(first.Errors) > 0 {
		t.Fatalf("taking up the invitation through grantRole: %v", first.Errors)
	}
	if n := e.count(`SELECT count(*) FROM invitations WHERE email = $1 AND status = 'ACCEPTED'`, demo.PoltavaAdminEmail); n != 1 {
		t.Errorf("the invitation taken up is not marked accepted (%d)", n)
	}
	if r := e.do(admin, `mutation($id: ID!) { revokeRole(id: $id) }`, map[string]any{"id": str(first.Data, "grantRole", "id")}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	if r := e.do(e.login(demo.PoltavaAdminEmail), grantRoleMutation, self); len(r.Errors) == 0 {
		t.Error("a revoked role given back by its holder with a used invitation")
	}
}

// The request role may add a password only to an account its own
// transaction opened: not to an account that exists already, even one
// that has none.
func TestRequestsAddNoPasswordToExistingAccounts(t *testing.T) {
	e := newEnv(t, server.Config{})
	id := string(pulid.MustNew("US"))
	if _, err := e.db.Exec(`INSERT INTO users (id, created_at, updated_at, email, display_name, disabled)
		VALUES ($1, now(), now(), 'nopassword@example.org', 'Без пароля', false)`, id); err != nil {
		t.Fatal(err)
	}
	tx, err := e.db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`SET LOCAL ROLE turbota_app`); err != nil {
		t.Fatal(err)
	}
	_, err = tx.Exec(`INSERT INTO credentials (id, created_at, updated_at, password_hash, user_id)
		VALUES ($1, now(), now(), 'x', $2)`, string(pulid.MustNew("CR")), id)
	var pe *pq.Error
	if !errors.As(err, &pe) || pe.Code != "42501" {
		t.Errorf("a request added a password to an existing account: %v", err)
	}
}

// A password an attacker would try first is refused with a reason the app
// words, and nothing is created: the published demo password, a keyboard
// run, blanks, control characters, the invitee's own name. (A NUL is
// refused before, as in any text: hostile_test.go.)
func TestInvitationRefusesGuessablePasswords(t *testing.T) {
	e := newEnv(t, server.Config{})
	admin := e.login(demo.VinnytsiaAdminEmail)
	const invite = `mutation($c: ID!, $e: String!, $p: String!) {
		inviteUser(input: {communityID: $c, email: $e, displayName: "Оксана Гриценко", password: $p, role: COMMUNITY_ADMIN}) { email } }`
	for _, tc := range []struct{ password, reason string }{
		{demo.DefaultPassword, "PASSWORD_COMMON"},
		{"qwertyuiopas", "PASSWORD_GUESSABLE"},
		{"            ", "PASSWORD_GUESSABLE"},
		{"purple\amonkey dishwasher", "PASSWORD_CONTROL"},
		{"hrytsenkohrytsenko", "PASSWORD_GUESSABLE"},
		{"short", "PASSWORD_TOO_SHORT"},
	} {
		r := e.do(admin, invite, map[string]any{"c": fx[own].Community, "e": "hrytsenko@fixture.test", "p": tc.password})
		if r.code() != server.CodeBadUserInput || len(r.Errors) == 0 || r.Errors[0].Extensions["reason"] != tc.reason {
			t.Errorf("password %q: %v, want BAD_USER_INPUT %s", tc.password, r.Errors, tc.reason)
		}
	}
	if n := e.count(`SELECT count(*) FROM users WHERE email = 'hrytsenko@fixture.test'`); n != 0 {
		t.Errorf("%d accounts created with refused passwords", n)
	}
	if r := e.do(admin, invite, map[string]any{"c": fx[own].Community, "e": "hrytsenko@fixture.test", "p": "жовтий тигр біжить полем"}); len(r.Errors) > 0 {
		t.Errorf("a strong passphrase refused: %v", r.Errors)
	}
}
