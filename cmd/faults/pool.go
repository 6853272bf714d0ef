package main

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/turbota/turbota/internal/demo"
)

func init() {
	register(Scenario{Order: 5, Name: "pool", Run: poolPressure,
		Promise: "1,000 concurrent anonymous logins with unknown e-mails are all answered while another community's user gets the case list, p99 under 1 s"})
}

const (
	poolLogins  = 1000
	poolSources = 100 // loopback addresses the flood comes from
	poolMaxP99  = time.Second
	poolIdle    = 10 // idle reads before the flood
)

func poolPressure(e *Env) error {
	s, err := e.Serve("turbota")
	if err != nil {
		return err
	}
	tokens, err := e.SignIn(s, demo.PoltavaChildrenServiceEmail)
	if err != nil {
		return err
	}
	reader := e.Caller(s, 2)
	var idle Latencies
	for range poolIdle {
		idle = append(idle, reader.Do(e.Ctx, tokens[0], casesQuery, nil, nil).Took)
	}
	cpu := s.CPU()
	f := startFlood(e, s)
	reads, readKinds := readWhile(e, reader, tokens[0], f.done)
	<-f.done
	cpu = s.CPU() - cpu
	e.Figure("server CPU during the flood: %.1f s over %.1f s (%.1f cores)", cpu.Seconds(), f.total.Seconds(), cpu.Seconds()/f.total.Seconds())
	return judgePool(e, idle, f, reads, readKinds)
}

// floodRun is a login flood; its figures are complete once done closes.
type floodRun struct {
	done  chan struct{}
	kinds Tally
	mu    sync.Mutex
	took  Latencies
	total time.Duration
	// noRetryAfter counts refusals (429, 503, 504) without Retry-After.
	noRetryAfter int
}

// startFlood sends poolLogins sign-ins with unknown e-mails at once, from
// poolSources addresses, and returns without waiting for them.
func startFlood(e *Env, s *Server) *floodRun {
	f := &floodRun{done: make(chan struct{})}
	callers := make([]*Caller, poolSources)
	for i := range callers {
		callers[i] = newCallerFrom(s.URL, fmt.Sprintf("127.0.1.%d", i+1), 2*time.Minute)
	}
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range poolLogins {
		wg.Go(func() {
			<-start
			vars := map[string]any{"e": fmt.Sprintf("nobody-%s-%d@faults.invalid", e.Tag, i), "p": "not-the-password-1"}
			a := callers[i%poolSources].Do(e.Ctx, "", signInMutation, vars, nil)
			f.kinds.Add(loginKind(a))
			f.mu.Lock()
			f.took = append(f.took, a.Took)
			if a.Err == nil && a.Status >= 400 && !a.HasRetryAfter() {
				f.noRetryAfter++
			}
			f.mu.Unlock()
		})
	}
	began := time.Now()
	close(start)
	go func() {
		wg.Wait()
		f.total = time.Since(began)
		close(f.done)
	}()
	return f
}

// loginKind: a refused sign-in is answered 200 with UNAUTHENTICATED or
// RATE_LIMITED; the kind names what came back.
func loginKind(a *Answer) string {
	if a.Err != nil {
		msg := a.Err.Error()
		if i := strings.LastIndex(msg, ": "); i >= 0 {
			msg = msg[i+2:]
		}
		return "no answer (" + clip(msg, 40) + ")"
	}
	return a.Kind()
}

// readWhile reads the case list one request after another, each sent
// while the flood is still under way, and notes when each was sent.
func readWhile(e *Env, c *Caller, token string, done <-chan struct{}) (Latencies, *Tally) {
	var lat Latencies
	var trace []string
	kinds := &Tally{}
	began := time.Now()
	for e.Ctx.Err() == nil {
		sent := time.Since(began)
		a := c.Do(e.Ctx, token, casesQuery, nil, nil)
		lat = append(lat, a.Took)
		kinds.Add(a.Kind())
		trace = append(trace, fmt.Sprintf("+%s:%s", msec(sent), msec(a.Took)))
		// A person, not a script: a few reads a second, inside their own
		// rate limit, so what is measured is the flood's effect.
		select {
		case <-done:
			e.Logf("case list during the flood (sent at: took): %s", strings.Join(trace, " "))
			return lat, kinds
		case <-time.After(readPause):
		}
	}
	return lat, kinds
}

// readPause spaces the other community's reads: five a second at most.
const readPause = 200 * time.Millisecond

func judgePool(e *Env, idle Latencies, f *floodRun, reads Latencies, readKinds *Tally) error {
	var ch checks
	logins := &f.kinds
	e.Figure("%d logins from %d addresses answered in %s: %s", poolLogins, poolSources, msec(f.total), logins.String())
	e.Figure("login latency p50 %s, p99 %s, max %s", msec(f.took.Pct(0.5)), msec(f.took.Pct(0.99)), msec(f.took.Max()))
	e.Figure("other community's case list: idle p50 %s; during the flood n=%d p50 %s, p99 %s, max %s (%s)",
		msec(idle.Pct(0.5)), len(reads), msec(reads.Pct(0.5)), msec(reads.Pct(0.99)), msec(reads.Max()), readKinds.String())
	unanswered := logins.Sum(func(k string) bool { return strings.HasPrefix(k, "no answer") })
	internal := logins.Sum(func(k string) bool { return strings.Contains(k, "INTERNAL") || strings.HasPrefix(k, "500") })
	ch.Expect(logins.Total() == poolLogins, "only %d of %d logins came back", logins.Total(), poolLogins)
	ch.Expect(unanswered == 0, "%d logins got no answer", unanswered)
	ch.Expect(internal == 0, "%d logins answered INTERNAL/500", internal)
	ch.Expect(f.noRetryAfter == 0, "%d refused logins came without Retry-After", f.noRetryAfter)
	ch.Expect(readKinds.Get(fmt.Sprint(http.StatusOK)) == len(reads), "the case list failed during the flood: %s", readKinds.String())
	ch.Expect(reads.Pct(0.99) < poolMaxP99, "the case list's p99 during the flood is %s (limit %s)", msec(reads.Pct(0.99)), poolMaxP99)
	return ch.Err()
}
