package main

// A minimal noisy-tenant measurement. The rate-limit work brings a fuller
// faults/noisy.go with this same API (NoisyTenant, Phase, NoisyResult,
// Run); when it lands it replaces this file and noisytenant.go keeps
// calling it.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// NoisyTenant: community B's case list, read at a person's pace, idle and
// then while a community-A user runs parallel workers reading their own
// as fast as they can. B's p99 under the noise must stay within MaxRatio
// times its idle p99.
type NoisyTenant struct {
	URL         string   // the server, e.g. http://127.0.0.1:8080
	NoisyEmail  string   // community A's user
	QuietEmails []string // community B's users, taking turns
	Password    string
	Workers     int     // A's parallel workers
	QuietRate   float64 // B's requests a second
	// Duration of each measured phase; A's workers run Warmup first.
	Duration, Warmup time.Duration
	// Hostile workers retry at once when refused; others wait Retry-After.
	Hostile  bool
	MaxRatio float64
}

// Phase is B's figures in one phase.
type Phase struct {
	N        int
	P50, P99 time.Duration
	Failed   int // answers other than 200 without errors
}

// NoisyResult is what the measurement found.
type NoisyResult struct {
	Idle, Noisy                      Phase
	NoisyOK, NoisyLimited, NoisyElse int64 // A's answers while measured
}

// Run measures, writes the figures to out and fails when the promise breaks.
func (n NoisyTenant) Run(ctx context.Context, out io.Writer) (*NoisyResult, error) {
	c := newCaller(n.URL, n.Workers+2, 30*time.Second)
	noisy, err := c.SignIn(ctx, n.NoisyEmail, n.Password)
	if err != nil {
		return nil, err
	}
	var quiet []string
	for _, email := range n.QuietEmails {
		tok, err := c.SignIn(ctx, email, n.Password)
		if err != nil {
			return nil, err
		}
		quiet = append(quiet, tok)
	}
	if len(quiet) == 0 {
		return nil, errors.New("noisy tenant: no user of community B")
	}
	res := &NoisyResult{Idle: n.measure(ctx, c, quiet)}
	fmt.Fprintf(out, "B idle: n=%d p50=%s p99=%s failed=%d\n", res.Idle.N, msec(res.Idle.P50), msec(res.Idle.P99), res.Idle.Failed)
	loadCtx, stop := context.WithCancel(ctx)
	var counting atomic.Bool
	var wg sync.WaitGroup
	for range n.Workers {
		wg.Go(func() { n.hammer(loadCtx, c, noisy, &counting, res) })
	}
	pause(ctx, n.Warmup)
	counting.Store(true)
	began := time.Now()
	res.Noisy = n.measure(ctx, c, quiet)
	counting.Store(false)
	secs := time.Since(began).Seconds()
	stop()
	wg.Wait()
	fmt.Fprintf(out, "B under %d workers of A: n=%d p50=%s p99=%s failed=%d\n", n.Workers, res.Noisy.N, msec(res.Noisy.P50), msec(res.Noisy.P99), res.Noisy.Failed)
	fmt.Fprintf(out, "A answered %.1f/s, refused %.1f/s (429), other %d\n", float64(res.NoisyOK)/secs, float64(res.NoisyLimited)/secs, res.NoisyElse)
	ratio := float64(res.Noisy.P99) / float64(max(res.Idle.P99, time.Microsecond))
	fmt.Fprintf(out, "B p99 ratio %.2f (limit %.2f)\n", ratio, n.MaxRatio)
	switch {
	case res.Idle.N == 0 || res.Noisy.N == 0:
		return res, errors.New("noisy tenant: no measurement")
	case res.Idle.Failed > 0 || res.Noisy.Failed > 0:
		return res, fmt.Errorf("B's case list failed %d times idle, %d under noise", res.Idle.Failed, res.Noisy.Failed)
	case ratio > n.MaxRatio:
		return res, fmt.Errorf("B's p99 %s under noise is %.2f× its idle p99 %s, more than %.2f×", msec(res.Noisy.P99), ratio, msec(res.Idle.P99), n.MaxRatio)
	}
	return res, nil
}

// measure reads B's case list at QuietRate for Duration.
func (n NoisyTenant) measure(ctx context.Context, c *Caller, tokens []string) Phase {
	var lat Latencies
	failed := 0
	tick := time.NewTicker(time.Duration(float64(time.Second) / n.QuietRate))
	defer tick.Stop()
	end := time.After(n.Duration)
	for ctx.Err() == nil {
		select {
		case <-end:
			return Phase{N: len(lat), P50: lat.Pct(0.5), P99: lat.Pct(0.99), Failed: failed}
		case <-tick.C:
		}
		a := c.Do(ctx, tokens[len(lat)%len(tokens)], casesQuery, nil, nil)
		lat = append(lat, a.Took)
		if !a.OK() {
			failed++
		}
	}
	return Phase{N: len(lat), P50: lat.Pct(0.5), P99: lat.Pct(0.99), Failed: failed}
}

// hammer is one of A's workers.
func (n NoisyTenant) hammer(ctx context.Context, c *Caller, token string, counting *atomic.Bool, res *NoisyResult) {
	for ctx.Err() == nil {
		a := c.Do(ctx, token, casesQuery, nil, nil)
		if ctx.Err() != nil {
			return
		}
		count := counting.Load()
		switch {
		case a.OK():
			if count {
				atomic.AddInt64(&res.NoisyOK, 1)
			}
		case a.Status == http.StatusTooManyRequests:
			if count {
				atomic.AddInt64(&res.NoisyLimited, 1)
			}
			if !n.Hostile {
				pause(ctx, time.Second)
			}
		default:
			if count {
				atomic.AddInt64(&res.NoisyElse, 1)
			}
			pause(ctx, 100*time.Millisecond)
		}
	}
}
