package server_test

import (
	"bytes"
	"encoding/json"
	"github.com/turbota/turbota/internal/auth"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/turbota/turbota/internal/auth/secret"
	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/server"
)

const familiesQuery = `{ families(first: 5) { totalCount } }`

func TestLoginWrongPasswordAndUnknownAccountLookAlike(t *testing.T) {
	e := newEnv(t, server.Config{})
	wrong := e.do("", loginMutation, map[string]any{"e": demo.VinnytsiaChildrenServiceEmail, "p": "not the password"})
	unknown := e.do("", loginMutation, map[string]any{"e": "nobody@example.org", "p": "not the password"})
	if wrong.code() != server.CodeUnauthenticated || unknown.code() != server.CodeUnauthenticated {
		t.Fatalf("codes: wrong=%s unknown=%s", wrong.code(), unknown.code())
	}
	if wrong.Errors[0].Message != unknown.Errors[0].Message {
		t.Errorf("messages differ: %q vs %q", wrong.Errors[0].Message, unknown.Errors[0].Message)
	}
}

func TestLoginThrottledEvenInParallel(t *testing.T) {
	e := newEnv(t, server.Config{})
	const attempts = 12
	codes := make([]string, attempts)
	var wg sync.WaitGroup
	for i := range attempts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i] = e.do("", loginMutation, map[string]any{"e": demo.VinnytsiaChildrenServiceEmail, "p": "wrong password!"}).code()
		}()
	}
	wg.Wait()
	count := map[string]int{}
	for _, c := range codes {
		count[c]++
	}
	if count[server.CodeUnauthenticated] != 5 || count[server.CodeRateLimited] != attempts-5 {
		t.Fatalf("want 5 failures then throttling, got %v", count)
	}
	r := e.do("", loginMutation, map[string]any{"e": demo.VinnytsiaChildrenServiceEmail, "p": demo.DefaultPassword})
	if r.code() != server.CodeRateLimited || r.Errors[0].Extensions["retryAfterSeconds"] == nil ||
		r.Errors[0].Extensions["reason"] != server.ReasonLoginThrottled {
		t.Errorf("right password while throttled: %v", r.Errors)
	}
}

func TestLoginAliasesCannotMultiplyAttempts(t *testing.T) {
	e := newEnv(t, server.Config{})
	r := e.do("", `mutation { a: login(input: {email: "x@y.z", password: "p1"}) { token } b: login(input: {email: "x@y.z", password: "p2"}) { token } }`, nil)
	if r.code() != server.CodeBadUserInput {
		t.Fatalf("two logins in one operation: %v", r.Errors)
	}
}

func TestSessionExpiresWhenIdleAndWhenOld(t *testing.T) {
	e := newEnv(t, server.Config{})
	token := e.login(demo.VinnytsiaChildrenServiceEmail)
	if r := e.do(token, familiesQuery, nil); len(r.Errors) > 0 {
		t.Fatalf("fresh session: %v", r.Errors)
	}
	// Time passes for the session alone (the clock is shared by parallel
	// tests): its stored times move back.
	e.ageSession(token, "last_seen_at = last_seen_at - interval '31 minutes'")
	if r := e.do(token, familiesQuery, nil); r.Status != http.StatusUnauthorized || r.code() != server.CodeUnauthenticated {
		t.Errorf("idle session: status %d %v", r.Status, r.Errors)
	}
	token = e.login(demo.VinnytsiaChildrenServiceEmail)
	e.ageSession(token, "created_at = created_at - interval '13 hours', expires_at = expires_at - interval '13 hours'")
	if r := e.do(token, familiesQuery, nil); r.code() != server.CodeUnauthenticated {
		t.Errorf("session past its absolute lifetime, in use a moment ago: %v", r.Errors)
	}
}

// ageSession rewrites the times of the session of token with set.
func (e *env) ageSession(token, set string) {
	e.t.Helper()
	res, err := e.db.Exec(`UPDATE sessions SET `+set+` WHERE token_hash = $1`, secret.HashToken(token))
	if err != nil {
		e.t.Fatalf("age the session: %v", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		e.t.Fatalf("age the session: %d rows", n)
	}
}

func TestLogoutRevokesTheSession(t *testing.T) {
	e := newEnv(t, server.Config{})
	token := e.login(demo.VinnytsiaChildrenServiceEmail)
	if r := e.do(token, `mutation { logout }`, nil); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	if r := e.do(token, familiesQuery, nil); r.code() != server.CodeUnauthenticated {
		t.Errorf("revoked session still works: %v", r.Errors)
	}
}

// A server keeps the sessions it has checked; a change made behind its back
// (by another server, or an operator in the database) still reaches the
// very next request: the request's transaction checks the session's stamp.
func TestAChangeMadeElsewhereReachesACachedSession(t *testing.T) {
	e := newEnv(t, server.Config{})
	var user string
	if err := e.db.QueryRow(`SELECT id FROM users WHERE email = $1`, demo.VinnytsiaChildrenServiceEmail).Scan(&user); err != nil {
		t.Fatal(err)
	}
	for _, change := range []struct{ name, sql string }{
		{"session revoked", `UPDATE sessions SET revoked_at = now() WHERE user_id = $1`},
		{"account disabled", `UPDATE users SET disabled = true WHERE id = $1`},
	} {
		token := e.login(demo.VinnytsiaChildrenServiceEmail)
		if r := e.do(token, familiesQuery, nil); len(r.Errors) > 0 {
			t.Fatalf("%s: before: %v", change.name, r.Errors)
		}
		if _, err := e.db.Exec(change.sql, user); err != nil {
			t.Fatal(err)
		}
		if r := e.do(token, familiesQuery, nil); r.code() != server.CodeUnauthenticated || r.Data["families"] != nil {
			t.Errorf("%s elsewhere: the cached session still answered %s", change.name, r.String())
		}
		if _, err := e.db.Exec(`UPDATE users SET disabled = false WHERE id = $1`, user); err != nil {
			t.Fatal(err)
		}
	}
	// A role withdrawn elsewhere: the next request runs without it.
	token := e.login(demo.VinnytsiaChildrenServiceEmail)
	if r := e.do(token, familiesQuery, nil); len(r.Errors) > 0 || num(r.Data, "families", "totalCount") == 0 {
		t.Fatalf("before: %s", r.String())
	}
	if _, err := e.db.Exec(`DELETE FROM memberships WHERE user_id = $1`, user); err != nil {
		t.Fatal(err)
	}
	if r := e.do(token, familiesQuery, nil); r.Data["families"] != nil && num(r.Data, "families", "totalCount") != 0 {
		t.Errorf("a role withdrawn elsewhere still reads: %s", r.String())
	}
}

func TestAPITokenRevokedAndUnknown(t *testing.T) {
	e := newEnv(t, server.Config{})
	if r := e.do(fx[own].APIToken, `{ reports(first: 1) { totalCount } }`, nil); len(r.Errors) > 0 {
		t.Fatalf("API client: %v", r.Errors)
	}
	admin := e.login(demo.VinnytsiaAdminEmail)
	if r := e.do(admin, `mutation($id: ID!) { revokeAPIClient(id: $id) { revokedAt } }`, map[string]any{"id": fx[own].APIClient}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	if r := e.do(fx[own].APIToken, `{ reports(first: 1) { totalCount } }`, nil); r.code() != server.CodeUnauthenticated {
		t.Errorf("revoked API token: %v", r.Errors)
	}
	if r := e.do("tba_forged", `{ reports(first: 1) { totalCount } }`, nil); r.code() != server.CodeUnauthenticated {
		t.Errorf("forged token: %v", r.Errors)
	}
}

func TestRevokedRoleStopsAtOnce(t *testing.T) {
	e := newEnv(t, server.Config{})
	admin := e.login(demo.VinnytsiaAdminEmail)
	member := fx[own]
	grant := e.do(admin, `mutation($u: ID!, $c: ID!) { grantRole(input: {userID: $u, role: COMMUNITY_ADMIN, communityID: $c}) { id } }`,
		map[string]any{"u": member.MemberUser, "c": member.Community})
	if len(grant.Errors) > 0 {
		t.Fatal(grant.Errors)
	}
	// A worker is not tied to another community's organisation. The admin
	// may not grant a provider's role at all (no escalation), which is
	// decided first; the reference rule itself is proven for every edge by
	// authz.TestEveryEdgeRefusesAnotherCommunitysRecord.
	foreign := e.do(admin, `mutation($u: ID!, $c: ID!, $o: ID) { grantRole(input: {userID: $u, role: PROVIDER_SPECIALIST, communityID: $c, organizationID: $o}) { id } }`,
		map[string]any{"u": member.MemberUser, "c": member.Community, "o": fx[otherRegion].Organization})
	if c := foreign.code(); c != server.CodeNotFound && c != server.CodeForbidden {
		t.Errorf("a role with another community's organisation: %s", foreign.String())
	}
	var tied int
	if err := e.db.QueryRow(`SELECT count(*) FROM memberships WHERE organization_id = $1 AND user_id = $2`,
		fx[otherRegion].Organization, member.MemberUser).Scan(&tied); err != nil || tied != 0 {
		t.Errorf("memberships tied to another community's organisation: %d (%v)", tied, err)
	}
	if !e.authz.Allowed(viewerOf(t, e, member.MemberUser), member.Community, "membership", "create") {
		t.Fatal("granted role not effective")
	}
	id := str(grant.Data, "grantRole", "id")
	if r := e.do(admin, `mutation($id: ID!) { revokeRole(id: $id) }`, map[string]any{"id": id}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	if e.authz.Allowed(viewerOf(t, e, member.MemberUser), member.Community, "membership", "create") {
		t.Error("revoked role still allowed")
	}
}

func TestTOTPEnrolmentAndSignIn(t *testing.T) {
	e := newEnv(t, server.Config{})
	token := e.login(demo.VinnytsiaChildrenServiceEmail)
	begin := e.do(token, `mutation { beginTOTPEnrollment { secret } }`, nil)
	key := str(begin.Data, "beginTOTPEnrollment", "secret")
	if key == "" {
		t.Fatal(begin.Errors)
	}
	if r := e.do(token, `mutation { confirmTOTPEnrollment(code: "000000") }`, nil); r.code() != server.CodeUnauthenticated {
		t.Errorf("wrong confirmation code: %v", r.Errors)
	}
	code, _ := secret.GenerateTOTP(key, clock.Now())
	conf := e.do(token, `mutation($c: String!) { confirmTOTPEnrollment(code: $c) }`, map[string]any{"c": code})
	recovery, _ := conf.Data["confirmTOTPEnrollment"].([]any)
	if len(recovery) != 10 {
		t.Fatalf("recovery codes: %v %v", recovery, conf.Errors)
	}
	vars := map[string]any{"e": demo.VinnytsiaChildrenServiceEmail, "p": demo.DefaultPassword}
	if r := e.do("", loginMutation, vars); r.Errors == nil || r.Errors[0].Extensions["reason"] != "TOTP_REQUIRED" {
		t.Errorf("no code: %v", r.Errors)
	}
	vars["t"] = "123456"
	if r := e.do("", loginMutation, vars); r.Errors == nil || r.Errors[0].Extensions["reason"] != "TOTP_INVALID" {
		t.Errorf("wrong code: %v", r.Errors)
	}
	// The code used to confirm may not be replayed; the next step's may.
	vars["t"], _ = secret.GenerateTOTP(key, clock.Now().Add(30*time.Second))
	if r := e.do("", loginMutation, vars); len(r.Errors) > 0 {
		t.Errorf("right code: %v", r.Errors)
	}
	if r := e.do("", loginMutation, vars); r.Errors == nil {
		t.Error("replayed code accepted")
	}
	vars["t"] = recovery[0]
	if r := e.do("", loginMutation, vars); len(r.Errors) > 0 {
		t.Errorf("recovery code: %v", r.Errors)
	}
	if r := e.do("", loginMutation, vars); r.Errors == nil {
		t.Error("recovery code accepted twice")
	}
}

func TestCommunityCanMakeTOTPMandatory(t *testing.T) {
	e := newEnv(t, server.Config{})
	admin := e.login(demo.VinnytsiaAdminEmail)
	if r := e.do(admin, `mutation($c: ID!) { updateCommunitySettings(communityID: $c, input: {requireTotp: true}) { requireTotp } }`,
		map[string]any{"c": fx[own].Community}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	r := e.do("", loginMutation, map[string]any{"e": demo.VinnytsiaChildrenServiceEmail, "p": demo.DefaultPassword})
	token := str(r.Data, "login", "token")
	if v := e.do(token, `{ viewer { totpEnrollmentRequired } }`, nil); v.Data["viewer"].(map[string]any)["totpEnrollmentRequired"] != true {
		t.Errorf("enrolment not required: %v", v.Data)
	}
	if f := e.do(token, familiesQuery, nil); f.code() != server.CodeForbidden || f.Errors[0].Extensions["reason"] != "TOTP_ENROLLMENT_REQUIRED" {
		t.Errorf("data before enrolment: %v", f.Errors)
	}
	if b := e.do(token, `mutation { beginTOTPEnrollment { secret } }`, nil); len(b.Errors) > 0 {
		t.Errorf("enrolment refused: %v", b.Errors)
	}
}

func TestBrowserSessionNeedsCSRFHeader(t *testing.T) {
	e := newEnv(t, server.Config{})
	body := []byte(`{"query":"mutation { login(input: {email: \"` + demo.VinnytsiaChildrenServiceEmail + `\", password: \"` + demo.DefaultPassword + `\"}) { token } }"}`)
	req, _ := http.NewRequest(http.MethodPost, e.url+"/graphql", bytesReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	var session, csrf *http.Cookie
	for _, c := range resp.Cookies() {
		switch c.Name {
		case "turbota_session":
			session = c
		case "turbota_csrf":
			csrf = c
		}
	}
	if session == nil || csrf == nil || !session.HttpOnly || csrf.HttpOnly {
		t.Fatalf("cookies: session=%v csrf=%v", session, csrf)
	}
	cookie := http.Header{"Cookie": {session.Name + "=" + session.Value}}
	if r := e.post("", []byte(`{"query":"{ viewer { user { id } } }"}`), cookie); r.Status != http.StatusForbidden {
		t.Errorf("cookie without CSRF header: status %d", r.Status)
	}
	cookie.Set("X-CSRF-Token", csrf.Value)
	if r := e.post("", []byte(`{"query":"{ viewer { user { id } } }"}`), cookie); r.Data["viewer"] == nil {
		t.Errorf("cookie with CSRF header: %v", r.Errors)
	}
}

// Concurrent requests of one session while its last-seen mark is written
// (each by whichever request finds it a minute old, here aged over and
// over): none may be refused or fail, the cached session's stamp stays
// what the transaction checks.
func TestConcurrentRequestsOfOneSessionWhileItsMarkIsWritten(t *testing.T) {
	e := newEnv(t, server.Config{})
	var id string
	if err := e.db.QueryRow(`SELECT id FROM case_files WHERE community_id = $1 LIMIT 1`, fx[own].Community).Scan(&id); err != nil {
		t.Fatal(err)
	}
	token := e.login(demo.VinnytsiaChildrenServiceEmail)
	stop := make(chan struct{})
	go func() {
		for {
			select {
			case <-stop:
				return
			case <-time.After(200 * time.Millisecond):
				e.ageSession(token, "last_seen_at = last_seen_at - interval '2 minutes'")
			}
		}
	}()
	var wg sync.WaitGroup
	var mu sync.Mutex
	fails := 0
	for range 16 {
		wg.Go(func() {
			for range 40 {
				if r := e.do(token, caseByIDQuery, map[string]any{"id": id}); len(r.Errors) > 0 {
					mu.Lock()
					fails++
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	close(stop)
	if fails > 0 {
		t.Fatalf("%d of 640 requests failed", fails)
	}
}

// deviceLogin signs in as a browser carrying the device mark (none if ""),
// and answers the error code and reason (empty on success) and the mark
// the server set, if any.
func deviceLogin(t *testing.T, e *env, password, mark string) (code, reason, newMark string, retryAfter float64) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": loginMutation, "variables": map[string]any{"e": demo.VinnytsiaChildrenServiceEmail, "p": password}})
	req, _ := http.NewRequest(http.MethodPost, e.url+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if mark != "" {
		req.AddCookie(&http.Cookie{Name: auth.DeviceCookie, Value: mark})
	}
	resp, err := e.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r gqlResponse
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		t.Fatal(err)
	}
	for _, c := range resp.Cookies() {
		if c.Name == auth.DeviceCookie {
			newMark = c.Value
			if !c.HttpOnly || c.SameSite != http.SameSiteStrictMode {
				t.Errorf("device cookie: %+v", c)
			}
		}
	}
	if len(r.Errors) > 0 {
		reason, _ = r.Errors[0].Extensions["reason"].(string)
		retryAfter, _ = r.Errors[0].Extensions["retryAfterSeconds"].(float64)
	}
	return r.code(), reason, newMark, retryAfter
}

// A colleague who types five wrong passwords for a worker before a
// deadline locks out strangers, not the worker: her browser, where she has
// signed in before, is throttled on its own, with short delays that grow
// after her own failures.
func TestAStrangerCannotLockAWorkerOutOfHerOwnBrowser(t *testing.T) {
	e := newEnv(t, server.Config{})
	code, _, mark, _ := deviceLogin(t, e, demo.DefaultPassword, "")
	if code != "" || mark == "" {
		t.Fatalf("first sign-in: %q, mark %q", code, mark)
	}
	for range 6 {
		deviceLogin(t, e, "wrong password!", "")
	}
	if code, reason, _, _ := deviceLogin(t, e, demo.DefaultPassword, ""); code != server.CodeRateLimited || reason != server.ReasonLoginThrottled {
		t.Fatalf("a stranger's browser after the failures: %q %q", code, reason)
	}
	if code, _, again, _ := deviceLogin(t, e, demo.DefaultPassword, mark); code != "" || again != "" {
		t.Fatalf("her own browser: %q (new mark %q)", code, again)
	}
	// A forged or another account's mark is a stranger's.
	if code, _, _, _ := deviceLogin(t, e, demo.DefaultPassword, mark+"x"); code != server.CodeRateLimited {
		t.Errorf("a forged mark: %q", code)
	}
	// Her own failures: five free, then a delay of seconds, not minutes.
	for i := range 5 {
		if code, _, _, _ := deviceLogin(t, e, "wrong password!", mark); code != server.CodeUnauthenticated {
			t.Fatalf("her failure %d: %q", i+1, code)
		}
	}
	code, reason, _, wait := deviceLogin(t, e, demo.DefaultPassword, mark)
	if code != server.CodeRateLimited || reason != server.ReasonLoginThrottled || wait < 1 || wait > 3 {
		t.Errorf("after her five failures: %q %q, retry after %v s (want a second or two)", code, reason, wait)
	}
}

const (
	changePasswordMutation = `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }`
	mySessionsQuery        = `{ mySessions { id current remoteAddress } }`
)

// A worker changes her password: the current one is asked (a stolen
// session cannot guess it), the new one must pass the policy, her other
// browsers are signed out and this one stays; she sees her sessions and
// ends one; nobody ends another's.
func TestAWorkerChangesHerPasswordAndEndsHerSessions(t *testing.T) {
	e := newEnv(t, server.Config{})
	here, elsewhere := e.login(demo.VinnytsiaChildrenServiceEmail), e.login(demo.VinnytsiaChildrenServiceEmail)
	colleague := e.login(demo.VinnytsiaAdminEmail)

	sessions := e.do(here, mySessionsQuery, nil)
	list, _ := sessions.Data["mySessions"].([]any)
	if len(list) != 2 || len(sessions.Errors) > 0 {
		t.Fatalf("her sessions: %s %v", sessions.String(), sessions.Errors)
	}
	var other string
	for _, s := range list {
		if m := s.(map[string]any); m["current"] == false {
			other = m["id"].(string)
		}
	}
	if r := e.do(colleague, `mutation($id: ID!) { revokeSession(id: $id) }`, map[string]any{"id": other}); r.code() != server.CodeNotFound {
		t.Errorf("a colleague ends her session: %v", r.Errors)
	}
	if r := e.do(elsewhere, familiesQuery, nil); len(r.Errors) > 0 {
		t.Fatalf("her other session after the colleague's try: %v", r.Errors)
	}

	r := e.do(here, changePasswordMutation, map[string]any{"c": "not my password", "n": "жовтий тигр біжить полем"})
	if r.code() != server.CodeBadUserInput || r.Errors[0].Extensions["field"] != "currentPassword" {
		t.Fatalf("a wrong current password: %v", r.Errors)
	}
	r = e.do(here, changePasswordMutation, map[string]any{"c": demo.DefaultPassword, "n": "qwertyuiopas"})
	if r.code() != server.CodeBadUserInput || r.Errors[0].Extensions["reason"] != "PASSWORD_GUESSABLE" {
		t.Fatalf("a guessable new password: %v", r.Errors)
	}
	if r := e.do(here, changePasswordMutation, map[string]any{"c": demo.DefaultPassword, "n": "жовтий тигр біжить полем"}); len(r.Errors) > 0 {
		t.Fatalf("the change: %v", r.Errors)
	}
	if r := e.do(here, familiesQuery, nil); len(r.Errors) > 0 {
		t.Errorf("this session after the change: %v", r.Errors)
	}
	if r := e.do(elsewhere, familiesQuery, nil); r.code() != server.CodeUnauthenticated {
		t.Errorf("her other session after the change: %v", r.Errors)
	}
	if r := e.do("", loginMutation, map[string]any{"e": demo.VinnytsiaChildrenServiceEmail, "p": demo.DefaultPassword}); r.code() != server.CodeUnauthenticated {
		t.Errorf("the old password still signs in: %v", r.Errors)
	}
	third := e.do("", loginMutation, map[string]any{"e": demo.VinnytsiaChildrenServiceEmail, "p": "жовтий тигр біжить полем"})
	if len(third.Errors) > 0 {
		t.Fatalf("the new password: %v", third.Errors)
	}
	token := third.Data["login"].(map[string]any)["token"].(string)
	// She ends the new session from the first one.
	list, _ = e.do(here, mySessionsQuery, nil).Data["mySessions"].([]any)
	for _, s := range list {
		if m := s.(map[string]any); m["current"] == false {
			if r := e.do(here, `mutation($id: ID!) { revokeSession(id: $id) }`, map[string]any{"id": m["id"]}); len(r.Errors) > 0 {
				t.Fatalf("ending her other session: %v", r.Errors)
			}
		}
	}
	if r := e.do(token, familiesQuery, nil); r.code() != server.CodeUnauthenticated {
		t.Errorf("the session she ended: %v", r.Errors)
	}
	if n := e.count(`SELECT count(*) FROM audit_events WHERE action = 'UPDATE' AND entity_type = 'User' AND fields @> '["password"]'`); n != 1 {
		t.Errorf("%d audit lines of the change, want 1", n)
	}
}
