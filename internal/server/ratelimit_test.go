package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/platform/ratelimit"
	"github.com/turbota/turbota/internal/platform/testdb"
	"github.com/turbota/turbota/internal/server"
)

// frozenRate refills no token while a test runs: what is admitted depends
// on the bursts alone, never on the machine's speed.
const frozenRate = 1e-6

// limitedEnv is a test server with rate limits. The shared buckets live in
// a database of their own, reached through the limiter's own pool, as in
// production where they never share the request pool.
func limitedEnv(t *testing.T, viewer, apiClient, community, address int) *env {
	t.Helper()
	return newEnv(t, server.Config{RateLimiter: testLimiter(t, viewer, apiClient, community, address)})
}

// testLimiter is a limiter with frozen rates and these bursts.
func testLimiter(t *testing.T, viewer, apiClient, community, address int) *ratelimit.Limiter {
	t.Helper()
	cfg := ratelimit.DefaultConfig()
	cfg.Viewer = ratelimit.Limit{Rate: frozenRate, Burst: viewer}
	cfg.APIClient = ratelimit.Limit{Rate: frozenRate, Burst: apiClient}
	cfg.Community = ratelimit.Limit{Rate: frozenRate, Burst: community}
	cfg.Address = ratelimit.Limit{Rate: frozenRate, Burst: address}
	cfg.Hold = 50 * time.Millisecond // refusals are held (days at this rate), but not for long here
	pool, err := ratelimit.OpenPool(testdb.New(t), cfg.PoolSize)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pool.Close() })
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	return ratelimit.New(ctx, pool, cfg, zerolog.New(logs))
}

// limitedResponse is an answer with the headers the limiter sets.
type limitedResponse struct {
	*gqlResponse
	header http.Header
}

func (e *env) doWithHeaders(token, query string, vars map[string]any) limitedResponse {
	e.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, e.url+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	out := limitedResponse{gqlResponse: &gqlResponse{Status: resp.StatusCode}, header: resp.Header}
	if err := json.NewDecoder(resp.Body).Decode(out.gqlResponse); err != nil {
		e.t.Fatalf("decode response (status %d): %v", resp.StatusCode, err)
	}
	return out
}

// mustBeLimited checks a refusal: 429, RATE_LIMITED with retryAfterSeconds
// equal to Retry-After, and the RateLimit field naming the refusing policy.
func mustBeLimited(t *testing.T, r limitedResponse, policy string) {
	t.Helper()
	if r.Status != http.StatusTooManyRequests || r.code() != server.CodeRateLimited {
		t.Fatalf("status %d, errors %v; want 429 RATE_LIMITED", r.Status, r.Errors)
	}
	retry, err := strconv.Atoi(r.header.Get("Retry-After"))
	if err != nil || retry < 1 {
		t.Fatalf("Retry-After %q", r.header.Get("Retry-After"))
	}
	if got, _ := r.Errors[0].Extensions["retryAfterSeconds"].(float64); int(got) != retry {
		t.Errorf("retryAfterSeconds %v, Retry-After %d", r.Errors[0].Extensions["retryAfterSeconds"], retry)
	}
	if reason := r.Errors[0].Extensions["reason"]; reason != nil {
		t.Errorf("reason %v: a rate limit is not the sign-in throttle", reason)
	}
	if want := fmt.Sprintf("%q;r=0;t=%d", policy, retry); r.header.Get("RateLimit") != want {
		t.Errorf("RateLimit %q, want %q", r.header.Get("RateLimit"), want)
	}
}

func mustPass(t *testing.T, r limitedResponse, who string) {
	t.Helper()
	if r.Status != http.StatusOK || len(r.Errors) > 0 {
		t.Fatalf("%s: status %d, errors %v", who, r.Status, r.Errors)
	}
	if r.header.Get("RateLimit-Policy") == "" || r.header.Get("RateLimit") == "" {
		t.Errorf("%s: no RateLimit headers on an answer: %v", who, r.header)
	}
}

// A viewer past their burst is refused with Retry-After; a second viewer
// of the same community shares the community's budget; viewers of another
// community and API clients keep their own.
func TestRateLimitsPerViewerAndCommunity(t *testing.T) {
	e := limitedEnv(t, 3, 2, 5, 10)
	ssd := e.login(demo.VinnytsiaChildrenServiceEmail)
	uszn := e.login(demo.VinnytsiaSocialProtectionEmail)
	poltava := e.login(demo.PoltavaChildrenServiceEmail)
	const q = `{ families(first: 1) { totalCount } }`

	for i := range 3 {
		mustPass(t, e.doWithHeaders(ssd, q, nil), fmt.Sprintf("request %d within the viewer's burst", i+1))
	}
	mustBeLimited(t, e.doWithHeaders(ssd, q, nil), "viewer")
	// Refused again from memory, before the session is looked up: even
	// revoked meanwhile, it is told 429, not 401.
	if _, err := e.db.Exec(`UPDATE sessions SET revoked_at = now() WHERE user_id = (SELECT id FROM users WHERE email = $1)`,
		demo.VinnytsiaChildrenServiceEmail); err != nil {
		t.Fatal(err)
	}
	mustBeLimited(t, e.doWithHeaders(ssd, q, nil), "viewer")
	// The refused request cost the community nothing: two are left of five.
	for i := range 2 {
		mustPass(t, e.doWithHeaders(uszn, q, nil), fmt.Sprintf("colleague's request %d", i+1))
	}
	mustBeLimited(t, e.doWithHeaders(uszn, q, nil), "community")

	r := e.doWithHeaders(poltava, q, nil)
	mustPass(t, r, "a viewer of another community")
	if got := r.header.Get("RateLimit-Policy"); got != `"viewer";q=3;w=3000000, "community";q=5;w=5000000` {
		t.Errorf("RateLimit-Policy %q", got)
	}
	// An API client of another community has its own bucket: two, then no more.
	for range 2 {
		mustPass(t, e.doWithHeaders(fx[otherRegion].APIToken, `{ reports(first: 1) { totalCount } }`, nil), "API client")
	}
	mustBeLimited(t, e.doWithHeaders(fx[otherRegion].APIToken, `{ reports(first: 1) { totalCount } }`, nil), "api-client")
}

// A flood of sign-ins with unknown e-mails from one address is refused
// before the login resolver runs: past the address's burst no failure is
// counted (login_attempts and LOGIN_FAILED stop growing), and a user signed
// in from the same address carries on, charged to their own bucket.
func TestAnonymousFloodIsRefusedBeforeSignIn(t *testing.T) {
	const burst, flood = 5, 20
	e := limitedEnv(t, 40, 40, 160, burst+1)
	token := e.login(demo.VinnytsiaChildrenServiceEmail) // the address's first request
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		codes = map[string]int{}
	)
	for i := range flood {
		wg.Go(func() {
			vars := map[string]any{"e": fmt.Sprintf("nobody%d@example.org", i), "p": "wrong password"}
			r := e.doWithHeaders("", loginMutation, vars)
			mu.Lock()
			defer mu.Unlock()
			codes[fmt.Sprint(r.Status, " ", r.code())]++
		})
	}
	wg.Wait()
	if codes["200 UNAUTHENTICATED"] != burst || codes["429 RATE_LIMITED"] != flood-burst {
		t.Fatalf("answers %v, want %d refused sign-ins and %d rate-limited", codes, burst, flood-burst)
	}
	counted := func() (attempts, audited int) {
		t.Helper()
		// Failures counted; a sign-in's device mark (device:…) is none.
		if err := e.db.QueryRow(`SELECT (SELECT count(*) FROM login_attempts WHERE key NOT LIKE 'device:%'),
			(SELECT count(*) FROM audit_events WHERE action = 'LOGIN_FAILED')`).Scan(&attempts, &audited); err != nil {
			t.Fatal(err)
		}
		return attempts, audited
	}
	attempts, audited := counted()
	if attempts != 2*burst || audited != burst {
		t.Fatalf("%d login attempts and %d LOGIN_FAILED recorded, want %d and %d: the flood reached sign-in", attempts, audited, 2*burst, burst)
	}
	mustBeLimited(t, e.doWithHeaders("", loginMutation, map[string]any{"e": "late@example.org", "p": "x"}), "address")
	if a, b := counted(); a != attempts || b != audited {
		t.Fatalf("a refused sign-in was counted: %d → %d attempts, %d → %d audited", attempts, a, audited, b)
	}
	mustPass(t, e.doWithHeaders(token, `{ families(first: 1) { totalCount } }`, nil), "signed-in user behind the flooding address")
}

// Without a limiter configured nothing is limited and no header is set.
func TestNoRateLimiter(t *testing.T) {
	e := newEnv(t, server.Config{})
	r := e.doWithHeaders("", loginMutation, map[string]any{"e": "a@example.org", "p": "x"})
	if r.header.Get("RateLimit") != "" || r.Status == http.StatusTooManyRequests {
		t.Fatalf("limited without a limiter: %d %v", r.Status, r.header)
	}
}
