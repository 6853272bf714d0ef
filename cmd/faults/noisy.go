// Package faults holds fault scenarios run against a live Turbota server:
// each measures, prints its figures and fails when a promise breaks.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// NoisyTenant is the "noisy tenant" scenario: community B's case list,
// read at a person's pace, idle and then while a user of community A
// runs parallel workers reading their own case list as fast as they can.
// The promise (issue 11, item 6): B's p99 under the noise stays within
// MaxRatio times its idle p99, and B is never refused.
type NoisyTenant struct {
	URL        string // the server, e.g. http://127.0.0.1:8080
	NoisyEmail string // community A's user
	// QuietEmails are community B's users, who take turns, each at most
	// QuietRate/len of the pace: a community at work rather than one
	// person clicking faster than anyone does.
	QuietEmails []string
	Password    string
	Workers     int     // A's parallel workers
	QuietRate   float64 // B's requests a second
	// Rounds of an idle and a noisy phase of Duration each, interleaved so
	// that whatever else the machine does weighs on both alike. A's
	// workers run Warmup before B is measured under them, so that A's burst
	// is spent and the steady state shows, and the server rests as long
	// after them.
	Rounds           int
	Duration, Warmup time.Duration
	// Hostile workers retry at once when refused; others wait Retry-After,
	// as an HTTP client library does.
	Hostile  bool
	MaxRatio float64
}

// Phase is B's figures in one phase.
type Phase struct {
	N        int
	P50, P99 time.Duration
	Failed   int // answers other than 200 without errors (429 included)
}

// NoisyResult is what the scenario measured.
type NoisyResult struct {
	Idle, Noisy                      Phase
	NoisyOK, NoisyLimited, NoisyElse int64 // A's answers while measured
}

// The case register of the web app: 50 cases with family, children,
// safety assessments and manager.
const caseListQuery = `{ cases(first: 50, orderBy: {direction: DESC, field: OPENED_AT}) { edges { node {
	id status openedAt family { name } children { firstName lastName birthDate }
	safetyAssessments { result conductedAt } manager { displayName } } } } }`

// Run runs the scenario, writes its figures to out and returns an error
// when the promise is broken.
func (n NoisyTenant) Run(ctx context.Context, out io.Writer) (*NoisyResult, error) {
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: n.Workers + 2}}
	noisy, err := login(ctx, client, n.URL, n.NoisyEmail, n.Password)
	if err != nil {
		return nil, err
	}
	var quiet []string
	for _, email := range n.QuietEmails {
		token, err := login(ctx, client, n.URL, email, n.Password)
		if err != nil {
			return nil, err
		}
		quiet = append(quiet, token)
	}
	if len(quiet) == 0 {
		return nil, errors.New("noisy tenant: no user of community B")
	}
	res := &NoisyResult{}
	var idle, noisyLat []time.Duration
	var loaded time.Duration
	for round := range max(n.Rounds, 1) {
		lat, failed := n.measure(ctx, client, quiet)
		idle, res.Idle.Failed = append(idle, lat...), res.Idle.Failed+failed
		lat, failed, took := n.underNoise(ctx, client, noisy, quiet, res)
		noisyLat, res.Noisy.Failed, loaded = append(noisyLat, lat...), res.Noisy.Failed+failed, loaded+took
		fmt.Fprintf(out, "noisy tenant: round %d done\n", round+1)
	}
	res.Idle, res.Noisy = summarise(idle, res.Idle.Failed), summarise(noisyLat, res.Noisy.Failed)
	fmt.Fprintf(out, "noisy tenant: B idle            n=%d p50=%v p99=%v failed=%d\n", res.Idle.N, ms(res.Idle.P50), ms(res.Idle.P99), res.Idle.Failed)
	fmt.Fprintf(out, "noisy tenant: B under %d workers n=%d p50=%v p99=%v failed=%d\n", n.Workers, res.Noisy.N, ms(res.Noisy.P50), ms(res.Noisy.P99), res.Noisy.Failed)
	fmt.Fprintf(out, "noisy tenant: A answered %.1f/s, refused %.1f/s (429), other %d\n",
		float64(res.NoisyOK)/loaded.Seconds(), float64(res.NoisyLimited)/loaded.Seconds(), res.NoisyElse)
	ratio := float64(res.Noisy.P99) / float64(max(res.Idle.P99, time.Microsecond))
	fmt.Fprintf(out, "noisy tenant: B p99 ratio %.2f (limit %.2f)\n", ratio, n.MaxRatio)
	switch {
	case res.Idle.N == 0 || res.Noisy.N == 0:
		return res, errors.New("noisy tenant: no measurement")
	case res.Idle.Failed > 0 || res.Noisy.Failed > 0:
		return res, fmt.Errorf("noisy tenant: B's case list failed %d times idle, %d under noise", res.Idle.Failed, res.Noisy.Failed)
	case ratio > n.MaxRatio:
		return res, fmt.Errorf("noisy tenant: B's p99 %v under noise is %.2f× its idle p99 %v, more than %.2f×", ms(res.Noisy.P99), ratio, ms(res.Idle.P99), n.MaxRatio)
	}
	return res, nil
}

// underNoise runs A's workers, waits Warmup, measures B, stops A and lets
// the server settle; it counts A's answers while B is measured.
func (n NoisyTenant) underNoise(ctx context.Context, c *http.Client, noisy string, quiet []string, res *NoisyResult) ([]time.Duration, int, time.Duration) {
	loadCtx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	var counting atomic.Bool
	for range n.Workers {
		wg.Go(func() { n.hammer(loadCtx, c, noisy, &counting, res) })
	}
	sleep(ctx, n.Warmup)
	counting.Store(true)
	start := time.Now()
	lat, failed := n.measure(ctx, c, quiet)
	counting.Store(false)
	took := time.Since(start)
	stop()
	wg.Wait()
	sleep(ctx, n.Warmup)
	return lat, failed, took
}

// measure reads B's case list at QuietRate for Duration, B's users taking
// turns.
func (n NoisyTenant) measure(ctx context.Context, c *http.Client, tokens []string) ([]time.Duration, int) {
	var lat []time.Duration
	failed := 0
	tick := time.NewTicker(time.Duration(float64(time.Second) / n.QuietRate))
	defer tick.Stop()
	end := time.After(n.Duration)
	for {
		select {
		case <-ctx.Done():
			return lat, failed
		case <-end:
			return lat, failed
		case <-tick.C:
		}
		token := tokens[len(lat)%len(tokens)]
		start := time.Now()
		status, _, err := post(ctx, c, n.URL, token, caseListQuery)
		lat = append(lat, time.Since(start))
		if err != nil || status != http.StatusOK {
			failed++
		}
	}
}

// hammer is one of A's workers.
func (n NoisyTenant) hammer(ctx context.Context, c *http.Client, token string, counting *atomic.Bool, res *NoisyResult) {
	for ctx.Err() == nil {
		status, retry, err := post(ctx, c, n.URL, token, caseListQuery)
		if ctx.Err() != nil {
			return
		}
		count := counting.Load()
		switch {
		case err == nil && status == http.StatusOK:
			if count {
				atomic.AddInt64(&res.NoisyOK, 1)
			}
		case status == http.StatusTooManyRequests:
			if count {
				atomic.AddInt64(&res.NoisyLimited, 1)
			}
			if !n.Hostile {
				sleep(ctx, retry)
			}
		default:
			if count {
				atomic.AddInt64(&res.NoisyElse, 1)
			}
			sleep(ctx, 100*time.Millisecond) // the server is failing: do not spin
		}
	}
}

// post sends one operation; status 200 with GraphQL errors counts as 500.
func post(ctx context.Context, c *http.Client, url, token, query string) (status int, retryAfter time.Duration, err error) {
	body, _ := json.Marshal(map[string]any{"query": query})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url+"/graphql", bytes.NewReader(body))
	if err != nil {
		return 0, 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, 0, err
	}
	defer resp.Body.Close()
	var out struct {
		Errors []json.RawMessage `json:"errors"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return resp.StatusCode, 0, err
	}
	if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil {
		retryAfter = time.Duration(s) * time.Second
	}
	if resp.StatusCode == http.StatusOK && len(out.Errors) > 0 {
		return http.StatusInternalServerError, retryAfter, fmt.Errorf("graphql errors: %s", out.Errors[0])
	}
	return resp.StatusCode, retryAfter, nil
}

func login(ctx context.Context, c *http.Client, url, email, password string) (string, error) {
	body, _ := json.Marshal(map[string]any{
		"query":     `mutation($e: String!, $p: String!) { login(input: {email: $e, password: $p}) { token } }`,
		"variables": map[string]any{"e": email, "p": password},
	})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url+"/graphql", bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		return "", fmt.Errorf("sign in: %w", err)
	}
	defer resp.Body.Close()
	var out struct {
		Data struct {
			Login struct{ Token string } `json:"login"`
		} `json:"data"`
		Errors []json.RawMessage `json:"errors"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || out.Data.Login.Token == "" {
		return "", fmt.Errorf("sign in as the scenario's user (status %d): %v %s", resp.StatusCode, err, out.Errors)
	}
	return out.Data.Login.Token, nil
}

func summarise(lat []time.Duration, failed int) Phase {
	p := Phase{N: len(lat), Failed: failed}
	if len(lat) == 0 {
		return p
	}
	slices.Sort(lat)
	p.P50 = lat[len(lat)/2]
	p.P99 = lat[min(len(lat)-1, (len(lat)*99+99)/100-1)]
	return p
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

func ms(d time.Duration) time.Duration { return d.Round(100 * time.Microsecond) }
