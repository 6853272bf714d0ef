package server_test

import (
	"bytes"
	"net/http"
	"testing"

	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/server"
	"github.com/turbota/turbota/internal/server/proxy"
)

// The test server's peer is 127.0.0.1: trusting it stands for a reverse
// proxy in front of Turbota.
func trustLoopback(t *testing.T) proxy.Trusted {
	t.Helper()
	tr, err := proxy.Parse("127.0.0.0/8, ::1")
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// anonymous posts a query without a viewer, with extra headers.
func (e *env) anonymous(header http.Header) limitedResponse {
	e.t.Helper()
	r, h := e.postHeaders("", []byte(`{"query":"{ viewer { user { id } } }"}`), header)
	return limitedResponse{gqlResponse: r, header: h}
}

func forwardedFor(v string) http.Header { return http.Header{"X-Forwarded-For": {v}} }

// Behind a trusted proxy every client has its own address budget; what a
// client writes itself into X-Forwarded-For does not give it a new one.
func TestAddressLimitPerClientBehindTrustedProxy(t *testing.T) {
	e := newEnv(t, server.Config{RateLimiter: testLimiter(t, 100, 100, 100, 2), TrustedProxies: trustLoopback(t)})
	for range 2 {
		mustPass(t, e.anonymous(forwardedFor("198.51.100.1")), "first client")
	}
	mustBeLimited(t, e.anonymous(forwardedFor("198.51.100.1")), "address")
	mustBeLimited(t, e.anonymous(forwardedFor("203.0.113.50, 198.51.100.1")), "address")
	mustPass(t, e.anonymous(forwardedFor("198.51.100.2")), "second client")
}

// Without trusted proxies the forwarding headers are anyone's words: a
// client cannot escape its budget by writing a new address each time.
func TestForwardedForIgnoredFromUntrustedPeers(t *testing.T) {
	e := newEnv(t, server.Config{RateLimiter: testLimiter(t, 100, 100, 100, 2)})
	mustPass(t, e.anonymous(forwardedFor("198.51.100.1")), "first")
	mustPass(t, e.anonymous(forwardedFor("198.51.100.2")), "second")
	mustBeLimited(t, e.anonymous(forwardedFor("198.51.100.3")), "address")
}

// loginCookies signs in as a browser would and returns the cookies set.
func loginCookies(t *testing.T, e *env, header http.Header) map[string]*http.Cookie {
	t.Helper()
	body := []byte(`{"query":"mutation { login(input: {email: \"` + demo.VinnytsiaChildrenServiceEmail + `\", password: \"` + demo.DefaultPassword + `\"}) { token } }"}`)
	req, _ := http.NewRequest(http.MethodPost, e.url+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := e.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	out := map[string]*http.Cookie{}
	for _, c := range resp.Cookies() {
		out[c.Name] = c
	}
	if out["turbota_session"] == nil || out["turbota_csrf"] == nil {
		t.Fatalf("login set no session cookies (status %d)", resp.StatusCode)
	}
	return out
}

// A TLS-terminating proxy that says the client came over https gets Secure
// cookies: the session (HttpOnly) and the CSRF token (readable by the SPA),
// both SameSite=Strict. The session records the client's address, the one
// the sign-in throttle counts.
func TestSecureCookiesBehindTLSProxy(t *testing.T) {
	e := newEnv(t, server.Config{TrustedProxies: trustLoopback(t)})
	c := loginCookies(t, e, http.Header{"X-Forwarded-Proto": {"https"}, "X-Forwarded-For": {"198.51.100.77"}})
	s, csrf := c["turbota_session"], c["turbota_csrf"]
	if !s.Secure || !s.HttpOnly || s.SameSite != http.SameSiteStrictMode {
		t.Errorf("session cookie: %+v", s)
	}
	if !csrf.Secure || csrf.HttpOnly || csrf.SameSite != http.SameSiteStrictMode {
		t.Errorf("CSRF cookie: %+v", csrf)
	}
	var addr string
	if err := e.db.QueryRow(`SELECT remote_addr FROM sessions ORDER BY created_at DESC LIMIT 1`).Scan(&addr); err != nil {
		t.Fatal(err)
	}
	if addr != "198.51.100.77" {
		t.Errorf("session recorded address %q, want the client's", addr)
	}
	// Plain http through the same proxy: not Secure, or the browser would
	// never send the cookie back.
	if c := loginCookies(t, e, http.Header{"X-Forwarded-Proto": {"http"}}); c["turbota_session"].Secure {
		t.Errorf("Secure over plain http: %+v", c["turbota_session"])
	}
	// Browsers that came over https are told to keep to it.
	if _, h := e.postHeaders("", []byte(`{"query":"{ viewer { user { id } } }"}`), http.Header{"X-Forwarded-Proto": {"https"}}); h.Get("Strict-Transport-Security") == "" {
		t.Error("no Strict-Transport-Security over https")
	}
	if _, h := e.postHeaders("", []byte(`{"query":"{ viewer { user { id } } }"}`), nil); h.Get("Strict-Transport-Security") != "" {
		t.Error("Strict-Transport-Security over plain http")
	}
}

// When Turbota itself serves https, its cookies are Secure too.
func TestSecureCookiesOverOwnTLS(t *testing.T) {
	e := newEnvOpts(t, server.Config{}, envOptions{tls: true})
	c := loginCookies(t, e, nil)
	if s := c["turbota_session"]; !s.Secure || !s.HttpOnly {
		t.Errorf("session cookie over TLS: %+v", s)
	}
	if !c["turbota_csrf"].Secure {
		t.Errorf("CSRF cookie over TLS: %+v", c["turbota_csrf"])
	}
}

// An untrusted peer cannot claim https (nor an address).
func TestForwardedProtoIgnoredFromUntrustedPeers(t *testing.T) {
	e := newEnv(t, server.Config{})
	c := loginCookies(t, e, http.Header{"X-Forwarded-Proto": {"https"}, "X-Forwarded-For": {"198.51.100.77"}})
	if c["turbota_session"].Secure {
		t.Errorf("untrusted X-Forwarded-Proto believed: %+v", c["turbota_session"])
	}
	var addr string
	if err := e.db.QueryRow(`SELECT remote_addr FROM sessions ORDER BY created_at DESC LIMIT 1`).Scan(&addr); err != nil {
		t.Fatal(err)
	}
	if addr != "127.0.0.1" {
		t.Errorf("session recorded address %q, want the peer's", addr)
	}
}
