package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/auth"
	"github.com/turbota/turbota/internal/auth/secret"
	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/notify"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/platform/testmail"
	"github.com/turbota/turbota/internal/server"
	"github.com/turbota/turbota/tenant"
)

// The account lifecycle as a community runs it: a worker is hired, loses
// a phone and is reset, forgets a password and resets it from an e-mailed
// link, and is dismissed. Mail goes to a real mail server (Mailpit) and is
// read back from it.

const (
	disableUserMutation   = `mutation($u: ID!, $r: String!) { disableUser(input: {userID: $u, reason: $r}) { id disabled } }`
	enableUserMutation    = `mutation($u: ID!, $r: String!) { enableUser(input: {userID: $u, reason: $r}) { id disabled } }`
	resetFactorMutation   = `mutation($u: ID!, $r: String!) { resetSecondFactor(input: {userID: $u, reason: $r}) { id totpEnabled totpEnrollmentDue } }`
	sendResetMutation     = `mutation($u: ID!, $r: String!) { sendPasswordResetLink(input: {userID: $u, reason: $r}) { id passwordResetSentAt } }`
	requestResetMutation  = `mutation($e: String!) { requestPasswordReset(email: $e) }`
	resetPasswordMutation = `mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }`
	membersQuery          = `query($c: ID!) { communityMembers(communityID: $c) { role user { id email disabled totpEnabled totpEnrollmentDue } } }`
	newPassphrase         = "зелена ліхтарня над рікою"
	// workerPassword is a hired worker's first password.
	workerPassword = "тиха вода греблю рве щодня"
)

// mailEnv is a test server whose security e-mails go to Mailpit.
func mailEnv(t *testing.T) (*env, *testmail.Server) {
	t.Helper()
	mail := testmail.Start(t)
	e := newEnv(t, server.Config{})
	m, err := notifySMTP(mail)
	if err != nil {
		t.Fatal(err)
	}
	e.auth.UseMailer(m, "http://turbota.test")
	return e, mail
}

func notifySMTP(m *testmail.Server) (notify.Mailer, error) {
	return notify.NewSMTP(notify.SMTP{Host: m.SMTPHost, Port: m.SMTPPort, From: "turbota@turbota.test"})
}

var hired atomic.Int64

// hire opens an account working in the community of the given admin with
// a role, under an address no other test uses; it returns its ID and e-mail.
func (e *env) hire(adminEmail string, role membership.Role) (pulid.ID, string) {
	e.t.Helper()
	email := fmt.Sprintf("worker%d-%d@hired.test", hired.Add(1), clock.Now().UnixNano())
	ctx := tenant.SystemContext(context.Background())
	u, err := e.auth.CreateUser(ctx, email, "Працівниця громади", workerPassword)
	if err != nil {
		e.t.Fatal(err)
	}
	if err := e.auth.Client().Membership.Create().SetUserID(u.ID).SetRole(role).
		SetCommunityID(e.communityOf(adminEmail)).Exec(ctx); err != nil {
		e.t.Fatal(err)
	}
	if err := e.authz.Reload(ctx); err != nil { // as the policy watcher would
		e.t.Fatal(err)
	}
	return u.ID, email
}

func (e *env) communityOf(email string) pulid.ID {
	e.t.Helper()
	var id string
	if err := e.db.QueryRow(`SELECT m.community_id FROM memberships m JOIN users u ON u.id = m.user_id
		WHERE u.email = $1 AND m.community_id IS NOT NULL LIMIT 1`, email).Scan(&id); err != nil {
		e.t.Fatal(err)
	}
	return pulid.ID(id)
}

func (e *env) signIn(email, password string) *gqlResponse {
	return e.do("", loginMutation, map[string]any{"e": email, "p": password})
}

// loginWorker signs a hired worker in and returns the session's token.
func (e *env) loginWorker(email string) string {
	e.t.Helper()
	r := e.signIn(email, workerPassword)
	if len(r.Errors) > 0 {
		e.t.Fatalf("login %s: %v", email, r.Errors)
	}
	return str(r.Data, "login", "token")
}

// subjects are the mails' subjects, in the order they arrived.
func subjects(ms []testmail.Message) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Subject
	}
	return out
}

func countSubject(ms []testmail.Message, part string) int {
	n := 0
	for _, m := range ms {
		if strings.Contains(m.Subject, part) {
			n++
		}
	}
	return n
}

// A dismissed worker: the administrator disables the account with a
// reason. Every session and the API token the worker made stop at once,
// the right password is answered as a wrong one, the administrator sees
// the state, the reason is in the log, the worker is told by e-mail; once
// enabled again the account signs in, its old sessions stay ended.
func TestAnAdminDisablesADismissedWorker(t *testing.T) {
	e, mail := mailEnv(t)
	id, email := e.hire(demo.VinnytsiaAdminEmail, membership.RoleCOMMUNITY_ADMIN)
	first, second := e.loginWorker(email), e.loginWorker(email)
	// A token the worker registered for the school's journal while she
	// could (its secret was shown to her).
	apiToken, hash, err := secret.NewToken(secret.APIPrefix)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.auth.Client().APIClient.Create().SetCommunityID(e.communityOf(email)).SetName("Шкільний журнал").
		SetTokenHash(hash).SetTokenPrefix(apiToken[:10]).SetExpiresAt(clock.Now().Add(24 * time.Hour)).SetCreatedByID(id).
		Exec(tenant.SystemContext(context.Background())); err != nil {
		t.Fatal(err)
	}
	if r := e.do(apiToken, familiesQuery, nil); len(r.Errors) > 0 {
		t.Fatalf("the worker's API token: %v", r.Errors)
	}
	admin := e.login(demo.VinnytsiaAdminEmail)
	vars := map[string]any{"u": id, "r": "Звільнено наказом № 12"}

	if r := e.do(admin, disableUserMutation, map[string]any{"u": id, "r": "  "}); r.code() != server.CodeBadUserInput ||
		r.Errors[0].Extensions["field"] != "reason" {
		t.Fatalf("no reason: %v", r.Errors)
	}
	r := e.do(admin, disableUserMutation, vars)
	if len(r.Errors) > 0 || r.Data["disableUser"].(map[string]any)["disabled"] != true {
		t.Fatalf("disable: %s %v", r.String(), r.Errors)
	}
	for name, token := range map[string]string{"first session": first, "second session": second, "API token": apiToken} {
		if r := e.do(token, familiesQuery, nil); r.code() != server.CodeUnauthenticated {
			t.Errorf("%s after disabling: %v", name, r.Errors)
		}
	}
	right, wrong := e.signIn(email, workerPassword), e.signIn(email, "not the password at all")
	if right.code() != server.CodeUnauthenticated || right.Errors[0].Message != wrong.Errors[0].Message {
		t.Errorf("disabled sign-in %v, unlike a wrong password %v", right.Errors, wrong.Errors)
	}
	members := e.do(admin, membersQuery, map[string]any{"c": e.communityOf(email)})
	if !strings.Contains(members.String(), fmt.Sprintf(`"disabled":true,"email":%q`, email)) &&
		!strings.Contains(members.String(), fmt.Sprintf(`"email":%q,"disabled":true`, email)) {
		t.Errorf("the admin does not see the account disabled: %s %v", members.String(), members.Errors)
	}
	var changes string
	if err := e.db.QueryRow(`SELECT changes::text FROM audit_events WHERE entity_id = $1 AND fields::jsonb ? 'reason'`,
		string(id)).Scan(&changes); err != nil || !strings.Contains(changes, "Звільнено наказом № 12") {
		t.Errorf("the reason in the audit log: %q %v", changes, err)
	}
	if got := mail.Await(t, email, 1); countSubject(got, "Your account was disabled") != 1 {
		t.Errorf("mails to the worker: %v", subjects(got))
	}

	if r := e.do(admin, enableUserMutation, vars); len(r.Errors) > 0 {
		t.Fatalf("enable: %v", r.Errors)
	}
	if r := e.do(first, familiesQuery, nil); r.code() != server.CodeUnauthenticated {
		t.Errorf("a session from before, after enabling: %v", r.Errors)
	}
	if r := e.signIn(email, workerPassword); len(r.Errors) > 0 {
		t.Errorf("sign-in after enabling: %v", r.Errors)
	}
}

// Nobody else runs the account: an administrator of another community, a
// colleague without the role, the API client, the administrator on their
// own account, or on a worker who also works for another community (that
// is the operator's).
func TestOnlyTheCommunitysAdminRunsAnAccount(t *testing.T) {
	e := newEnv(t, server.Config{})
	id, email := e.hire(demo.VinnytsiaAdminEmail, membership.RoleCHILDREN_SERVICE)
	shared, _ := e.hire(demo.VinnytsiaAdminEmail, membership.RoleCHILDREN_SERVICE)
	ctx := tenant.SystemContext(context.Background())
	if err := e.auth.Client().Membership.Create().SetUserID(shared).SetRole(membership.RoleCHILDREN_SERVICE).
		SetCommunityID(e.communityOf(demo.PoltavaAdminEmail)).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	neighbour, colleague := e.login(demo.PoltavaAdminEmail), e.login(demo.VinnytsiaChildrenServiceEmail)
	admin := e.login(demo.VinnytsiaAdminEmail)
	self := e.userID(demo.VinnytsiaAdminEmail)
	for _, m := range []string{disableUserMutation, enableUserMutation, resetFactorMutation, sendResetMutation} {
		name := m[strings.Index(m, "{")+2 : strings.Index(m, "(input")]
		cases := []struct {
			who, token string
			user       any
			codes      []string
		}{
			{"the neighbouring community's admin", neighbour, id, []string{server.CodeNotFound}},
			{"a colleague without the role", colleague, id, []string{server.CodeNotFound, server.CodeForbidden}},
			{"the community's API client", fx[own].APIToken, fx[own].MemberUser, []string{server.CodeNotFound, server.CodeForbidden}},
			{"the admin on their own account", admin, self, []string{server.CodeNotFound}},
			{"the admin on a worker of two communities", admin, shared, []string{server.CodeNotFound}},
			{"the neighbour on that worker", neighbour, shared, []string{server.CodeNotFound}},
		}
		for _, c := range cases {
			r := e.do(c.token, m, map[string]any{"u": c.user, "r": "спроба"})
			if len(r.Errors) == 0 || !slices.Contains(c.codes, r.code()) {
				t.Errorf("%s by %s: %s %v", name, c.who, r.String(), r.Errors)
			}
		}
	}
	if r := e.signIn(email, workerPassword); len(r.Errors) > 0 {
		t.Errorf("the worker after the attempts: %v", r.Errors)
	}
	if n := e.count(`SELECT count(*) FROM users WHERE id IN ($1, $2) AND (disabled OR totp_enrollment_due OR password_reset_sent_at IS NOT NULL)`,
		string(id), string(shared)); n != 0 {
		t.Errorf("%d accounts changed by refused attempts", n)
	}
}

// A worker lost her phone and has no recovery codes: the administrator
// resets the second factor; her sessions end, she signs in with the
// password alone into enrolment only, and enrols again.
func TestAnAdminResetsALostSecondFactor(t *testing.T) {
	e, mail := mailEnv(t)
	id, email := e.hire(demo.VinnytsiaAdminEmail, membership.RoleCHILDREN_SERVICE)
	token := e.loginWorker(email)
	key := str(e.do(token, `mutation { beginTOTPEnrollment { secret } }`, nil).Data, "beginTOTPEnrollment", "secret")
	code, _ := secret.GenerateTOTP(key, clock.Now())
	if r := e.do(token, `mutation($c: String!) { confirmTOTPEnrollment(code: $c) }`, map[string]any{"c": code}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	admin := e.login(demo.VinnytsiaAdminEmail)
	if r := e.do(e.login(demo.PoltavaAdminEmail), resetFactorMutation, map[string]any{"u": id, "r": "втратила телефон"}); r.code() != server.CodeNotFound {
		t.Errorf("the neighbouring admin resets it: %v", r.Errors)
	}
	r := e.do(admin, resetFactorMutation, map[string]any{"u": id, "r": "втратила телефон"})
	if len(r.Errors) > 0 || !strings.Contains(r.String(), `"totpEnrollmentDue":true`) {
		t.Fatalf("reset: %s %v", r.String(), r.Errors)
	}
	if r := e.do(token, familiesQuery, nil); r.code() != server.CodeUnauthenticated {
		t.Errorf("her session after the reset: %v", r.Errors)
	}
	in := e.signIn(email, workerPassword)
	if len(in.Errors) > 0 {
		t.Fatalf("sign-in with the password alone: %v", in.Errors)
	}
	fresh := str(in.Data, "login", "token")
	if r := e.do(fresh, familiesQuery, nil); r.code() != server.CodeForbidden || r.Errors[0].Extensions["reason"] != "TOTP_ENROLLMENT_REQUIRED" {
		t.Errorf("before enrolling again: %v", r.Errors)
	}
	key = str(e.do(fresh, `mutation { beginTOTPEnrollment { secret } }`, nil).Data, "beginTOTPEnrollment", "secret")
	code, _ = secret.GenerateTOTP(key, clock.Now())
	if r := e.do(fresh, `mutation($c: String!) { confirmTOTPEnrollment(code: $c) }`, map[string]any{"c": code}); len(r.Errors) > 0 {
		t.Fatalf("enrolling again: %v", r.Errors)
	}
	if r := e.do(fresh, familiesQuery, nil); len(r.Errors) > 0 {
		t.Errorf("after enrolling again: %v", r.Errors)
	}
	if n := e.count(`SELECT count(*) FROM audit_events WHERE entity_id = $1 AND fields::jsonb ? 'reason' AND changes::text LIKE '%втратила телефон%'`, string(id)); n != 1 {
		t.Errorf("reasons in the log: %d", n)
	}
	if got := mail.Await(t, email, 1); countSubject(got, "Your second factor was reset") != 1 {
		t.Errorf("mails: %v", subjects(got))
	}
}

var linkToken = regexp.MustCompile(`/reset-password#token=(tbr_[A-Za-z0-9_-]+)`)

// resetToken is the token of the latest reset link mailed to an address.
func resetToken(t *testing.T, mail *testmail.Server, email string, n int) string {
	t.Helper()
	got := mail.Await(t, email, n)
	for i := len(got) - 1; i >= 0; i-- {
		if m := linkToken.FindStringSubmatch(got[i].Text); m != nil {
			return m[1]
		}
	}
	t.Fatalf("no reset link among %v", subjects(got))
	return ""
}

// A worker forgot her password: she asks for a link from the sign-in page
// (the answer is the same for an address nobody has), the link works once,
// the new password passes the same policy, every session ends, the old
// password stops; a link past its time or asked for too often is refused.
func TestAWorkerResetsHerPasswordByAnEmailedLink(t *testing.T) {
	e, mail := mailEnv(t)
	_, email := e.hire(demo.VinnytsiaAdminEmail, membership.RoleCHILDREN_SERVICE)
	session := e.loginWorker(email)
	known, unknown := e.do("", requestResetMutation, map[string]any{"e": email}),
		e.do("", requestResetMutation, map[string]any{"e": "nobody-" + email})
	if len(known.Errors) > 0 || known.String() != unknown.String() {
		t.Fatalf("answers differ: %s %v / %s %v", known.String(), known.Errors, unknown.String(), unknown.Errors)
	}
	token := resetToken(t, mail, email, 1)
	if got := mail.To(t, "nobody-"+email); len(got) != 0 {
		t.Errorf("mail to an unknown address: %v", subjects(got))
	}
	if r := e.do("", resetPasswordMutation, map[string]any{"t": token, "p": "qwertyuiopas"}); r.code() != server.CodeBadUserInput ||
		r.Errors[0].Extensions["field"] != "newPassword" {
		t.Fatalf("a guessable password: %v", r.Errors)
	}
	if r := e.do("", resetPasswordMutation, map[string]any{"t": token, "p": newPassphrase}); len(r.Errors) > 0 {
		t.Fatalf("the reset: %v", r.Errors)
	}
	if r := e.do(session, familiesQuery, nil); r.code() != server.CodeUnauthenticated {
		t.Errorf("a session from before the reset: %v", r.Errors)
	}
	if r := e.signIn(email, workerPassword); r.code() != server.CodeUnauthenticated {
		t.Errorf("the old password: %v", r.Errors)
	}
	if r := e.signIn(email, newPassphrase); len(r.Errors) > 0 {
		t.Errorf("the new password: %v", r.Errors)
	}
	if r := e.do("", resetPasswordMutation, map[string]any{"t": token, "p": "ще одна довга фраза для входу"}); r.code() != server.CodeBadUserInput ||
		r.Errors[0].Extensions["reason"] != "RESET_LINK_INVALID" {
		t.Errorf("the link used twice: %v", r.Errors)
	}
	if got := mail.Await(t, email, 2); countSubject(got, "Your password was changed") != 1 {
		t.Errorf("mails: %v", subjects(got))
	}

	// A link past its thirty minutes.
	if r := e.do("", requestResetMutation, map[string]any{"e": email}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	late := resetToken(t, mail, email, 3)
	if _, err := e.db.Exec(`UPDATE password_resets SET expires_at = $1 WHERE token_hash = $2`,
		clock.Now().Add(-time.Second), secret.HashToken(late)); err != nil {
		t.Fatal(err)
	}
	if r := e.do("", resetPasswordMutation, map[string]any{"t": late, "p": "ще одна довга фраза для входу"}); r.Errors == nil ||
		r.Errors[0].Extensions["reason"] != "RESET_LINK_INVALID" {
		t.Errorf("an expired link: %v", r.Errors)
	}
	// Asked too often: the third request in the window is the last served.
	if r := e.do("", requestResetMutation, map[string]any{"e": email}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	if r := e.do("", requestResetMutation, map[string]any{"e": email}); r.code() != server.CodeRateLimited {
		t.Errorf("a fourth request: %v", r.Errors)
	}
	e.auth.WaitMail()
	if got := mail.To(t, email); countSubject(got, "Password reset") != 3 {
		t.Errorf("reset mails: %v", subjects(got))
	}
	if n := e.count(`SELECT count(*) FROM password_resets WHERE token_hash = $1`, []byte(late)); n != 0 {
		t.Error("a token stored as it is")
	}
}

// The administrator sends the link; they see when, never the link.
func TestAnAdminSendsAResetLink(t *testing.T) {
	e, mail := mailEnv(t)
	id, email := e.hire(demo.VinnytsiaAdminEmail, membership.RoleSOCIAL_PROTECTION)
	admin := e.login(demo.VinnytsiaAdminEmail)
	r := e.do(admin, sendResetMutation, map[string]any{"u": id, "r": "забула пароль, попросила телефоном"})
	if len(r.Errors) > 0 || str(r.Data, "sendPasswordResetLink", "passwordResetSentAt") == "" || strings.Contains(r.String(), "tbr_") {
		t.Fatalf("send: %s %v", r.String(), r.Errors)
	}
	token := resetToken(t, mail, email, 1)
	if r := e.do("", resetPasswordMutation, map[string]any{"t": token, "p": newPassphrase}); len(r.Errors) > 0 {
		t.Fatalf("reset with the admin's link: %v", r.Errors)
	}
	// A link sent before the account was disabled is dead once it is
	// enabled again.
	if r := e.do(admin, sendResetMutation, map[string]any{"u": id, "r": "ще раз"}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	var second string
	for _, m := range mail.Await(t, email, 3) { // the first link, the changed password, the second link
		if got := linkToken.FindStringSubmatch(m.Text); got != nil && got[1] != token {
			second = got[1]
		}
	}
	if second == "" {
		t.Fatal("no second link")
	}
	for _, m := range []string{disableUserMutation, enableUserMutation} {
		if r := e.do(admin, m, map[string]any{"u": id, "r": "перевірка"}); len(r.Errors) > 0 {
			t.Fatal(r.Errors)
		}
	}
	if r := e.do("", resetPasswordMutation, map[string]any{"t": second, "p": "ще одна довга фраза для входу"}); r.Errors == nil ||
		r.Errors[0].Extensions["reason"] != "RESET_LINK_INVALID" {
		t.Errorf("a link from before the account was disabled: %v", r.Errors)
	}
	var by string
	if err := e.db.QueryRow(`SELECT requested_by_id FROM password_resets WHERE user_id = $1`, string(id)).Scan(&by); err != nil ||
		by != e.userID(demo.VinnytsiaAdminEmail) {
		t.Errorf("who sent the link: %q %v", by, err)
	}
}

// A sign-in from a browser the account never used is news to its holder;
// the account's very first sign-in is not. No mail names a family or a
// child, or anyone but the holder.
func TestASignInFromANewDeviceIsMailed(t *testing.T) {
	e, mail := mailEnv(t)
	_, email := e.hire(demo.VinnytsiaAdminEmail, membership.RoleCHILDREN_SERVICE)
	e.loginWorker(email)
	e.auth.WaitMail()
	if got := mail.To(t, email); len(got) != 0 {
		t.Errorf("mail after the first sign-in: %v", subjects(got))
	}
	e.loginWorker(email)
	got := mail.Await(t, email, 1)
	if countSubject(got, "Sign-in from a new device") != 1 {
		t.Fatalf("mails: %v", subjects(got))
	}
	body, _ := json.Marshal(got)
	for _, leak := range []string{"Працівниця", "family", "Fixture"} {
		if strings.Contains(string(body), leak) {
			t.Errorf("the mail carries %q: %s", leak, body)
		}
	}
}

// The operator runs any account from the command line, which works as the
// owner without a request: a worker of two communities, whom neither
// community's administrator may disable, is disabled at once.
func TestTheOperatorDisablesAnAccountOfTwoCommunities(t *testing.T) {
	e, mail := mailEnv(t)
	id, email := e.hire(demo.VinnytsiaAdminEmail, membership.RoleCHILDREN_SERVICE)
	ctx := tenant.SystemContext(context.Background())
	if err := e.auth.Client().Membership.Create().SetUserID(id).SetRole(membership.RoleCHILDREN_SERVICE).
		SetCommunityID(e.communityOf(demo.PoltavaAdminEmail)).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	session := e.loginWorker(email)
	if _, err := e.auth.DisableAccount(ctx, e.auth.Client(), auth.AccountAction{User: id, Reason: "звільнена з обох громад"}); err != nil {
		t.Fatal(err)
	}
	if r := e.do(session, familiesQuery, nil); r.code() != server.CodeUnauthenticated {
		t.Errorf("her session after the operator disabled the account: %v", r.Errors)
	}
	if _, err := e.auth.DisableAccount(ctx, e.auth.Client(), auth.AccountAction{User: id}); err == nil {
		t.Error("the operator acts without a reason")
	}
	if got := mail.Await(t, email, 1); countSubject(got, "Your account was disabled") != 1 {
		t.Errorf("mails: %v", subjects(got))
	}
}
