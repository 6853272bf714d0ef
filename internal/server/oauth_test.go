package server_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/internal/auth"
	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/server"
	"github.com/turbota/turbota/tenant"
)

// The OAuth2 side of API clients: a client made by its community's admin
// obtains tokens with golang.org/x/oauth2's client-credentials client, the
// real client library of the ecosystem, and calls the API with them.

const createOAuthClient = `mutation($c: ID!, $s: [String!], $r: [String!]) {
  createAPIClient(input: {communityID: $c, name: "School system", scopes: $s, allowedRanges: $r}) {
    clientSecret apiClient { id scopes allowedRanges }
  }
}`

// oauthClient is a client's credentials as its admin received them.
type oauthClient struct{ id, secret string }

// adminScopes are scopes of API_CLIENT that a community admin holds too,
// and so may give.
var adminScopes = []string{"community:read", "organization:read"}

func (e *env) newOAuthClient(admin string, scopes, ranges []string) oauthClient {
	e.t.Helper()
	if scopes == nil {
		scopes = adminScopes
	}
	vars := map[string]any{"c": fx[own].Community, "s": scopes, "r": ranges}
	r := e.do(admin, createOAuthClient, vars)
	if len(r.Errors) > 0 {
		e.t.Fatalf("create client: %v", r.Errors)
	}
	return oauthClient{id: str(r.Data, "createAPIClient", "apiClient", "id"), secret: str(r.Data, "createAPIClient", "clientSecret")}
}

// systemOAuthClient is a client of the role API_CLIENT with scopes no
// community admin holds (reports), made by the server itself as fixtures
// are; the scopes are still checked against the role.
func (e *env) systemOAuthClient(scopes []string) oauthClient {
	e.t.Helper()
	ctx := authz.NewContext(tenant.SystemContext(context.Background()), e.authz)
	ac, _, secret, err := auth.NewAPIClient(ctx, e.client, fx[own].Community, auth.APIClientInput{Name: "Reporting tool", Scopes: scopes})
	if err != nil {
		e.t.Fatal(err)
	}
	if err := e.authz.Reload(ctx); err != nil { // as a request that made it would
		e.t.Fatal(err)
	}
	return oauthClient{id: string(ac.ID), secret: secret}
}

// callOK: a call that needs community:read passes.
func (e *env) callOK(token string) *gqlResponse {
	e.t.Helper()
	r := e.do(token, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": fx[own].Community})
	if len(r.Errors) == 0 && !strings.Contains(r.String(), string(fx[own].Community)) {
		e.t.Errorf("the community is not found: %s", r)
	}
	return r
}

// credentials is the client library's view of a client.
func (e *env) credentials(c oauthClient, style oauth2.AuthStyle, scopes ...string) *clientcredentials.Config {
	return &clientcredentials.Config{ClientID: c.id, ClientSecret: c.secret, TokenURL: e.url + "/oauth/token",
		Scopes: scopes, AuthStyle: style}
}

// token asks for a token, or fails with the OAuth2 error code.
func tokenOf(cfg *clientcredentials.Config) (string, string) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	tok, err := cfg.Token(ctx)
	var re *oauth2.RetrieveError
	switch {
	case errors.As(err, &re):
		return "", re.ErrorCode
	case err != nil:
		return "", err.Error()
	}
	return tok.AccessToken, ""
}

const reportCount = `{ reports(first: 5) { totalCount } }`

func TestOAuthClientCredentials(t *testing.T) {
	e := newEnv(t, server.Config{})
	c := e.systemOAuthClient([]string{"report:read", "report:create", "community:read"})

	if _, code := tokenOf(e.credentials(oauthClient{c.id, c.secret + "x"}, oauth2.AuthStyleInHeader)); code != "invalid_client" {
		t.Errorf("a wrong secret: %q, want invalid_client", code)
	}
	if _, code := tokenOf(e.credentials(c, oauth2.AuthStyleInHeader, "case_file:read")); code != "invalid_scope" {
		t.Errorf("a scope beyond the client: %q, want invalid_scope", code)
	}

	// Its calls are the client's in the log.
	wide, _ := tokenOf(e.credentials(c, oauth2.AuthStyleInHeader))
	r := e.do(wide, `mutation($c: ID!) { submitReport(input: {communityID: $c, source: SCHOOL, summary: "From OAuth"}) { id } }`,
		map[string]any{"c": fx[own].Community})
	if len(r.Errors) > 0 {
		t.Fatalf("submit with all scopes: %v", r.Errors)
	}
	// The client reads what it submitted with either way of authenticating.
	for name, style := range map[string]oauth2.AuthStyle{"client_secret_basic": oauth2.AuthStyleInHeader, "client_secret_post": oauth2.AuthStyleInParams} {
		tok, code := tokenOf(e.credentials(c, style, "report:read"))
		if code != "" {
			t.Fatalf("%s: %s", name, code)
		}
		if r := e.do(tok, reportCount, nil); len(r.Errors) > 0 || num(r.Data, "reports", "totalCount") < 1 {
			t.Errorf("%s: the client reads no reports: %v %v", name, r.Errors, r.Data)
		}
	}
	// A token of one scope acts in that scope only.
	narrow, _ := tokenOf(e.credentials(c, oauth2.AuthStyleInHeader, "community:read"))
	if r := e.do(narrow, reportCount, nil); len(r.Errors) == 0 && num(r.Data, "reports", "totalCount") > 0 {
		t.Errorf("a community:read token reads reports: %v", r.Data)
	}
	if n := e.count(`SELECT count(*) FROM audit_events WHERE actor_api_client_id = '` + c.id + `' AND action = 'CREATE'`); n < 1 {
		t.Errorf("the report the client submitted is not in the audit as the client's")
	}
	if n := e.count(`SELECT count(*) FROM audit_events WHERE actor_api_client_id = '` + c.id + `' AND action = 'LOGIN'`); n < 3 {
		t.Errorf("%d tokens issued in the audit, want at least 3", n)
	}
}

// A client may never be given more than its role (BAD_USER_INPUT), nor
// more than its maker holds (FORBIDDEN).
func TestOAuthScopesWithinTheRole(t *testing.T) {
	e := newEnv(t, server.Config{})
	admin := e.login(demo.VinnytsiaAdminEmail)
	r := e.do(admin, createOAuthClient, map[string]any{"c": fx[own].Community, "s": []string{"case_file:read"}})
	if r.code() != server.CodeBadUserInput {
		t.Errorf("a client given case_file:read: %v", r.Errors)
	}
	r = e.do(admin, createOAuthClient, map[string]any{"c": fx[own].Community, "s": []string{"report:read"}})
	if r.code() != server.CodeForbidden {
		t.Errorf("an admin gives report:read, which it does not hold: %v", r.Errors)
	}
	c := e.newOAuthClient(admin, nil, nil)
	r = e.do(admin, `mutation($id: ID!) { updateAPIClient(id: $id, input: {scopes: ["report:create"]}) { id } }`, map[string]any{"id": c.id})
	if r.code() != server.CodeForbidden {
		t.Errorf("an admin widens a client to report:create: %v", r.Errors)
	}
	sc := e.do(admin, `query($c: ID!) { apiClientScopes(communityID: $c, role: API_CLIENT) }`, map[string]any{"c": fx[own].Community})
	if !strings.Contains(sc.String(), "report:create") || strings.Contains(sc.String(), "case_file") {
		t.Errorf("the scopes of API_CLIENT: %s", sc)
	}
}

func TestOAuthTokenExpires(t *testing.T) {
	e := newEnv(t, server.Config{})
	c := e.newOAuthClient(e.login(demo.VinnytsiaAdminEmail), nil, nil)
	tok, code := tokenOf(e.credentials(c, oauth2.AuthStyleInHeader))
	if code != "" {
		t.Fatal(code)
	}
	restore := clock.Shift(clock.Offset() + 9*time.Minute)
	if r := e.callOK(tok); len(r.Errors) > 0 {
		t.Errorf("a token 9 minutes old: %v", r.Errors)
	}
	restore()
	restore = clock.Shift(clock.Offset() + 11*time.Minute)
	defer restore()
	if r := e.callOK(tok); r.code() != server.CodeUnauthenticated {
		t.Errorf("a token 11 minutes old: %v", r.Errors)
	}
}

func TestOAuthSecretRotation(t *testing.T) {
	e := newEnv(t, server.Config{})
	admin := e.login(demo.VinnytsiaAdminEmail)
	old := e.newOAuthClient(admin, nil, nil)
	until := clock.Now().Add(time.Hour).UTC().Format(time.RFC3339)
	r := e.do(admin, `mutation($id: ID!, $u: Time) { rotateAPIClientSecret(id: $id, oldSecretValidUntil: $u) { clientSecret apiClient { previousSecretUntil } } }`,
		map[string]any{"id": old.id, "u": until})
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	fresh := oauthClient{old.id, str(r.Data, "rotateAPIClientSecret", "clientSecret")}
	if _, code := tokenOf(e.credentials(old, oauth2.AuthStyleInHeader)); code != "" {
		t.Errorf("the old secret during the overlap: %s", code)
	}
	restore := clock.Shift(clock.Offset() + 2*time.Hour)
	defer restore()
	if _, code := tokenOf(e.credentials(old, oauth2.AuthStyleInHeader)); code != "invalid_client" {
		t.Errorf("the old secret after the overlap: %q", code)
	}
	if _, code := tokenOf(e.credentials(fresh, oauth2.AuthStyleInHeader)); code != "" {
		t.Errorf("the new secret: %s", code)
	}
}

// form posts an OAuth2 form as a client (Basic) and decodes the answer.
func (e *env) form(path string, c oauthClient, values url.Values) (int, map[string]any) {
	e.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, e.url+path, strings.NewReader(values.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(url.QueryEscape(c.id), url.QueryEscape(c.secret))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	out := map[string]any{}
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

func TestOAuthRevocationAndIntrospection(t *testing.T) {
	e := newEnv(t, server.Config{})
	admin := e.login(demo.VinnytsiaAdminEmail)
	c, tool := e.newOAuthClient(admin, nil, nil), e.newOAuthClient(admin, nil, nil)
	tok, _ := tokenOf(e.credentials(c, oauth2.AuthStyleInHeader))

	// The community's own tool learns about the token; a neighbour's does not.
	if _, in := e.form("/oauth/introspect", tool, url.Values{"token": {tok}}); in["active"] != true || in["client_id"] != c.id {
		t.Errorf("introspection by the community's tool: %v", in)
	}
	poltava := e.login(demo.PoltavaAdminEmail)
	r := e.do(poltava, createOAuthClient, map[string]any{"c": fx[otherRegion].Community, "s": adminScopes})
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	stranger := oauthClient{str(r.Data, "createAPIClient", "apiClient", "id"), str(r.Data, "createAPIClient", "clientSecret")}
	if _, in := e.form("/oauth/introspect", stranger, url.Values{"token": {tok}}); in["active"] != false {
		t.Errorf("introspection by another community's client: %v", in)
	}

	// RFC 7009: the client revokes its token.
	if status, body := e.form("/oauth/revoke", c, url.Values{"token": {tok}}); status != http.StatusOK {
		t.Errorf("revocation: %d %v", status, body)
	}
	if r := e.callOK(tok); r.code() != server.CodeUnauthenticated {
		t.Errorf("a revoked token: %v", r.Errors)
	}
	if _, in := e.form("/oauth/introspect", tool, url.Values{"token": {tok}}); in["active"] != false {
		t.Errorf("introspection of a revoked token: %v", in)
	}

	// Revoking the client ends all its tokens at once.
	t1, _ := tokenOf(e.credentials(c, oauth2.AuthStyleInHeader))
	t2, _ := tokenOf(e.credentials(c, oauth2.AuthStyleInParams))
	if r := e.do(admin, `mutation($id: ID!) { revokeAPIClient(id: $id) { revokedAt } }`, map[string]any{"id": c.id}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	for _, tk := range []string{t1, t2} {
		if r := e.callOK(tk); r.code() != server.CodeUnauthenticated {
			t.Errorf("a token of a revoked client: %v", r.Errors)
		}
	}
	if _, code := tokenOf(e.credentials(c, oauth2.AuthStyleInHeader)); code != "invalid_client" {
		t.Errorf("a revoked client asks for a token: %q", code)
	}
}

func TestOAuthAllowedRanges(t *testing.T) {
	e := newEnv(t, server.Config{})
	admin := e.login(demo.VinnytsiaAdminEmail)
	far := e.newOAuthClient(admin, nil, []string{"192.0.2.0/24"})
	if _, code := tokenOf(e.credentials(far, oauth2.AuthStyleInHeader)); code != "address_not_allowed" {
		t.Errorf("a token asked from outside the ranges: %q", code)
	}
	near := e.newOAuthClient(admin, nil, []string{"127.0.0.0/8", "::1"})
	tok, code := tokenOf(e.credentials(near, oauth2.AuthStyleInHeader))
	if code != "" {
		t.Fatal(code)
	}
	if r := e.callOK(tok); len(r.Errors) > 0 {
		t.Fatalf("a call from inside the ranges: %v", r.Errors)
	}
	// The admin narrows the ranges: the token's next call is refused.
	if r := e.do(admin, `mutation($id: ID!) { updateAPIClient(id: $id, input: {allowedRanges: ["198.51.100.7"]}) { allowedRanges } }`,
		map[string]any{"id": near.id}); len(r.Errors) > 0 || !strings.Contains(r.String(), "198.51.100.7/32") {
		t.Fatalf("update ranges: %v", r)
	}
	r := e.callOK(tok)
	if r.code() != server.CodeForbidden || r.Errors[0].Extensions["reason"] != server.ReasonAddressNotAllowed {
		t.Errorf("a call from outside the ranges: %v", r.Errors)
	}
	if r := e.do(admin, createOAuthClient, map[string]any{"c": fx[own].Community, "r": []string{"not a range"}}); r.code() != server.CodeBadUserInput {
		t.Errorf("a malformed range: %v", r.Errors)
	}
}

// A neighbour community's admin neither sees nor changes the client.
func TestOAuthClientOfAnotherCommunity(t *testing.T) {
	e := newEnv(t, server.Config{})
	c := e.newOAuthClient(e.login(demo.VinnytsiaAdminEmail), nil, nil)
	poltava := e.login(demo.PoltavaAdminEmail)
	for name, q := range map[string]string{
		"rotate": `mutation($id: ID!) { rotateAPIClientSecret(id: $id) { clientSecret } }`,
		"update": `mutation($id: ID!) { updateAPIClient(id: $id, input: {allowedRanges: []}) { id } }`,
		"revoke": `mutation($id: ID!) { revokeAPIClient(id: $id) { id } }`,
		"see":    `query($id: ID!) { node(id: $id) { id } }`,
	} {
		r := e.do(poltava, q, map[string]any{"id": c.id})
		if name == "see" {
			if r.code() != server.CodeNotFound && !strings.Contains(r.String(), `"node":null`) {
				t.Errorf("%s: %v", name, r)
			}
			continue
		}
		if r.code() != server.CodeNotFound {
			t.Errorf("%s: %v", name, r.Errors)
		}
	}
	list := e.do(poltava, `query($c: ID!) { apiClients(communityID: $c) { id } }`, map[string]any{"c": fx[own].Community})
	if strings.Contains(list.String(), c.id) {
		t.Errorf("the neighbour lists the client: %s", list)
	}
	if _, code := tokenOf(e.credentials(c, oauth2.AuthStyleInHeader)); code != "" {
		t.Errorf("the client after the neighbour's attempts: %s", code)
	}
}

// A client's OAuth2 token is charged to the client's own bucket, whatever
// token it holds, and past it refused with the RateLimit headers.
func TestOAuthClientRateLimited(t *testing.T) {
	e := limitedEnv(t, 100, 3, 100, 100)
	c := e.newOAuthClient(e.login(demo.VinnytsiaAdminEmail), nil, nil)
	t1, _ := tokenOf(e.credentials(c, oauth2.AuthStyleInHeader))
	t2, _ := tokenOf(e.credentials(c, oauth2.AuthStyleInParams))
	for i, tok := range []string{t1, t2, t1} {
		mustPass(t, e.doWithHeaders(tok, `{ viewer { apiClient { id } } }`, nil), fmt.Sprintf("call %d", i))
	}
	r := e.doWithHeaders(t2, `{ viewer { apiClient { id } } }`, nil)
	mustBeLimited(t, r, "api-client")
	if !strings.Contains(r.header.Get("RateLimit-Policy"), `"api-client";q=3`) {
		t.Errorf("RateLimit-Policy %q", r.header.Get("RateLimit-Policy"))
	}
}
