package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// Answer is one answer to a GraphQL request as a client sees it.
type Answer struct {
	Status int
	Header http.Header
	Data   map[string]any
	Errors []GQLError
	// Err is set when there was no answer to read: the connection failed
	// or closed, or the body was not a GraphQL JSON document.
	Err  error
	Took time.Duration
}

// GQLError is one entry of a GraphQL answer's errors.
type GQLError struct {
	Message    string         `json:"message"`
	Extensions map[string]any `json:"extensions"`
}

// OK: 200 with data and no error.
func (a *Answer) OK() bool { return a.Err == nil && a.Status == http.StatusOK && len(a.Errors) == 0 }

// Code is the first error's extensions.code.
func (a *Answer) Code() string {
	if len(a.Errors) == 0 {
		return ""
	}
	c, _ := a.Errors[0].Extensions["code"].(string)
	return c
}

// HasRetryAfter says whether the answer tells the client when to retry.
func (a *Answer) HasRetryAfter() bool { return a.Header.Get("Retry-After") != "" }

// Kind sums the answer up for tallies: "200", "503 UNAVAILABLE",
// "200 with UNAUTHENTICATED", "no answer".
func (a *Answer) Kind() string {
	switch {
	case a.Err != nil:
		return "no answer"
	case len(a.Errors) == 0:
		return fmt.Sprint(a.Status)
	case a.Status == http.StatusOK:
		return "200 with " + nonBlank(a.Code(), "uncoded error")
	}
	return fmt.Sprintf("%d %s", a.Status, nonBlank(a.Code(), "uncoded"))
}

// Is says whether the answer is a refusal with this status and code and a
// Retry-After header.
func (a *Answer) Is(status int, code string) bool {
	return a.Err == nil && a.Status == status && a.Code() == code && a.HasRetryAfter()
}

// Str reads a string from the answer's data, e.g. Str("login", "token");
// an int in the path indexes a list.
func (a *Answer) Str(path ...any) string {
	s, _ := dig(a.Data, path...).(string)
	return s
}

// dig walks into decoded JSON; nil where the path leads nowhere.
func dig(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = m[k]
		case int:
			l, ok := v.([]any)
			if !ok || k < 0 || k >= len(l) {
				return nil
			}
			v = l[k]
		default:
			return nil
		}
	}
	return v
}

func nonBlank(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// Caller sends GraphQL requests to one server.
type Caller struct {
	base string
	hc   *http.Client
}

// newCaller keeps up to conns connections to base; timeout bounds each
// request, far above any honest answer.
func newCaller(base string, conns int, timeout time.Duration) *Caller {
	tr := &http.Transport{MaxIdleConnsPerHost: conns, MaxIdleConns: conns, IdleConnTimeout: 30 * time.Second}
	return &Caller{base: base, hc: &http.Client{Timeout: timeout, Transport: tr}}
}

// newCallerFrom sends from the loopback address ip (the whole 127/8 is
// local), so that a flood comes from many clients, as a botnet's does.
func newCallerFrom(base, ip string, timeout time.Duration) *Caller {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}, Timeout: 5 * time.Second}
	tr := &http.Transport{DialContext: d.DialContext, MaxIdleConnsPerHost: 64}
	return &Caller{base: base, hc: &http.Client{Timeout: timeout, Transport: tr}}
}

// Do posts one operation; hdr adds headers (Idempotency-Key).
func (c *Caller) Do(ctx context.Context, token, query string, vars map[string]any, hdr http.Header) *Answer {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/graphql", bytes.NewReader(body))
	if err != nil {
		return &Answer{Err: err}
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range hdr {
		req.Header[k] = v
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	start := time.Now()
	a := c.send(req)
	a.Took = time.Since(start)
	return a
}

func (c *Caller) send(req *http.Request) *Answer {
	resp, err := c.hc.Do(req)
	if err != nil {
		return &Answer{Err: err}
	}
	defer resp.Body.Close()
	a := &Answer{Status: resp.StatusCode, Header: resp.Header}
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		a.Err = fmt.Errorf("HTTP %d, body cut off: %w", resp.StatusCode, err)
		return a
	}
	var doc struct {
		Data   map[string]any `json:"data"`
		Errors []GQLError     `json:"errors"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil || (doc.Data == nil && len(doc.Errors) == 0) {
		a.Err = fmt.Errorf("HTTP %d, not a GraphQL answer: %q", resp.StatusCode, clip(string(raw), 120))
		return a
	}
	a.Data, a.Errors = doc.Data, doc.Errors
	return a
}

// Get fetches a path and returns its status (0 when nothing answered).
func (c *Caller) Get(ctx context.Context, path string) int {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+path, nil)
	if err != nil {
		return 0
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return 0
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

const signInMutation = `mutation($e: String!, $p: String!) { login(input: {email: $e, password: $p}) { token } }`

// SignIn signs a demo user in and returns the bearer token.
func (c *Caller) SignIn(ctx context.Context, email, password string) (string, error) {
	a := c.Do(ctx, "", signInMutation, map[string]any{"e": email, "p": password}, nil)
	if tok := a.Str("login", "token"); a.OK() && tok != "" {
		return tok, nil
	}
	return "", fmt.Errorf("sign in as %s: %s %v", email, a.Kind(), firstMessage(a))
}

func firstMessage(a *Answer) string {
	if a.Err != nil {
		return a.Err.Error()
	}
	if len(a.Errors) > 0 {
		return a.Errors[0].Message
	}
	return ""
}

func clip(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// The web app's case register: 50 cases with family, children, safety
// assessments and manager; the read every scenario measures.
const casesQuery = `{ cases(first: 50, orderBy: {direction: DESC, field: OPENED_AT}) { edges { node {
	id status openedAt family { name } children { firstName lastName birthDate }
	safetyAssessments { result conductedAt } manager { displayName } } } } }`

// Latencies are request durations, for percentiles.
type Latencies []time.Duration

// Pct is the p-th percentile (0 < p ≤ 1) by the nearest-rank method.
func (l Latencies) Pct(p float64) time.Duration {
	if len(l) == 0 {
		return 0
	}
	s := slices.Clone(l)
	slices.Sort(s)
	i := int(float64(len(s))*p+0.999999) - 1
	return s[min(max(i, 0), len(s)-1)]
}

// Max is the longest.
func (l Latencies) Max() time.Duration { return l.Pct(1) }

// msec prints a duration in milliseconds, or seconds past 10 s.
func msec(d time.Duration) string {
	if d >= 10*time.Second {
		return fmt.Sprintf("%.1fs", d.Seconds())
	}
	return fmt.Sprintf("%dms", d.Milliseconds())
}

// Tally counts answers by kind, safe for concurrent use.
type Tally struct {
	mu sync.Mutex
	n  map[string]int
}

// Add counts one answer of a kind.
func (t *Tally) Add(kind string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.n == nil {
		t.n = map[string]int{}
	}
	t.n[kind]++
}

// Get is the count of a kind.
func (t *Tally) Get(kind string) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.n[kind]
}

// Sum is the count of the kinds that match.
func (t *Tally) Sum(match func(kind string) bool) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := 0
	for k, v := range t.n {
		if match(k) {
			n += v
		}
	}
	return n
}

// Total is the count of every kind.
func (t *Tally) Total() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := 0
	for _, v := range t.n {
		n += v
	}
	return n
}

// String lists the kinds, most frequent first: "200×412, 503 UNAVAILABLE×37".
func (t *Tally) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	kinds := make([]string, 0, len(t.n))
	for k := range t.n {
		kinds = append(kinds, k)
	}
	sort.Slice(kinds, func(i, j int) bool {
		if t.n[kinds[i]] != t.n[kinds[j]] {
			return t.n[kinds[i]] > t.n[kinds[j]]
		}
		return kinds[i] < kinds[j]
	})
	parts := make([]string, len(kinds))
	for i, k := range kinds {
		parts[i] = fmt.Sprintf("%s×%d", k, t.n[k])
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}
