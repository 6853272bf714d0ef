package main

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/turbota/turbota/internal/demo"
)

func init() {
	register(Scenario{Order: 2, Name: "restart", Run: restartUnderLoad,
		Promise: "PostgreSQL restarted under load: 503 UNAVAILABLE + Retry-After while down (never 401, never no answer), all 200 again within seconds"})
}

const (
	restartWarm      = 2 * time.Second // load before the restart
	restartDown      = 3 * time.Second // the database is down this long
	restartAfter     = 8 * time.Second // load after it is back
	restartReaders   = 8
	restartRecovered = 5 * time.Second // everything 200 again within this
)

// seen is one answer with when its request was sent.
type seen struct {
	sent time.Time
	a    *Answer
	who  string // "read" or "sign-in"
}

// recorder collects answers from concurrent clients.
type recorder struct {
	mu  sync.Mutex
	all []seen
}

func (r *recorder) add(s seen) {
	r.mu.Lock()
	r.all = append(r.all, s)
	r.mu.Unlock()
}

// generousLimits lift the rate limits far above a scenario's load: its
// readers (eight on four accounts in restart) ask more often than a person may (the
// noisy scenarios hold the limits to their promise), and a request refused
// for its rate says nothing about how a restart is weathered.
var generousLimits = []string{"--rate-limit-viewer-rate", "1000", "--rate-limit-viewer-burst", "1000",
	"--rate-limit-community-rate", "1000", "--rate-limit-community-burst", "1000",
	"--rate-limit-address-rate", "100", "--rate-limit-address-burst", "100"}

func restartUnderLoad(e *Env) error {
	s, err := e.Serve("turbota", generousLimits...)
	if err != nil {
		return err
	}
	tokens, err := e.SignIn(s, demo.VinnytsiaChildrenServiceEmail, demo.PoltavaChildrenServiceEmail,
		demo.VinnytsiaSocialProtectionEmail, demo.PoltavaSocialProtectionEmail)
	if err != nil {
		return err
	}
	caller := e.Caller(s, restartReaders+4)
	rec := &recorder{}
	ctx, stop := context.WithCancel(e.Ctx)
	var wg sync.WaitGroup
	for i := range restartReaders {
		wg.Go(func() { readLoop(ctx, caller, tokens[i%len(tokens)], rec) })
	}
	wg.Go(func() { signInLoop(ctx, caller, e.Password, rec) })
	ready := &readyProbe{}
	wg.Go(func() { ready.run(ctx, caller) })

	pause(e.Ctx, restartWarm)
	downAt := time.Now()
	stopErr := e.PG.Stop()
	pause(e.Ctx, restartDown)
	startErr := e.PG.Start(e.Ctx)
	upAt := time.Now()
	pause(e.Ctx, restartAfter)
	stop()
	wg.Wait()
	if stopErr != nil || startErr != nil {
		return firstErr(stopErr, startErr)
	}
	return judgeRestart(e, s, rec, ready, downAt, upAt)
}

// readLoop reads a case list over and over, as a busy office does.
func readLoop(ctx context.Context, c *Caller, token string, rec *recorder) {
	for ctx.Err() == nil {
		sent := time.Now()
		a := c.Do(ctx, token, casesQuery, nil, nil)
		if ctx.Err() != nil {
			return
		}
		rec.add(seen{sent: sent, a: a, who: "read"})
		pause(ctx, 20*time.Millisecond)
	}
}

// signInLoop signs a demo user in every 200 ms.
func signInLoop(ctx context.Context, c *Caller, password string, rec *recorder) {
	for ctx.Err() == nil {
		sent := time.Now()
		a := c.Do(ctx, "", signInMutation, map[string]any{"e": demo.PoltavaGuardianshipEmail, "p": password}, nil)
		if ctx.Err() != nil {
			return
		}
		rec.add(seen{sent: sent, a: a, who: "sign-in"})
		pause(ctx, 200*time.Millisecond)
	}
}

// readyProbe polls /readyz and remembers when it last changed.
type readyProbe struct {
	mu      sync.Mutex
	states  []int
	changes []time.Time
}

func (p *readyProbe) run(ctx context.Context, c *Caller) {
	for ctx.Err() == nil {
		st := c.Get(ctx, "/readyz")
		p.mu.Lock()
		if n := len(p.states); n == 0 || p.states[n-1] != st {
			p.states, p.changes = append(p.states, st), append(p.changes, time.Now())
		}
		p.mu.Unlock()
		pause(ctx, 50*time.Millisecond)
	}
}

// firstOK is when /readyz turned 200 at or after t (zero if never).
func (p *readyProbe) firstOK(t time.Time) time.Time {
	p.mu.Lock()
	defer p.mu.Unlock()
	for i, st := range p.states {
		if st == http.StatusOK && !p.changes[i].Before(t) {
			return p.changes[i]
		}
	}
	return time.Time{}
}

// sawDown says whether /readyz answered 503 between from and to.
func (p *readyProbe) sawDown(from, to time.Time) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	for i, st := range p.states {
		end := to
		if i+1 < len(p.changes) {
			end = p.changes[i+1]
		}
		if st == http.StatusServiceUnavailable && p.changes[i].Before(to) && end.After(from) {
			return true
		}
	}
	return false
}

func judgeRestart(e *Env, s *Server, rec *recorder, ready *readyProbe, downAt, upAt time.Time) error {
	var c checks
	var before, during, after Tally
	var lastBad time.Time
	var wrong []string
	for _, o := range rec.all {
		kind := o.who + " " + o.a.Kind()
		switch {
		case o.sent.Before(downAt):
			before.Add(kind)
		case o.sent.Before(upAt):
			during.Add(kind)
		default:
			after.Add(kind)
			if !o.a.OK() && o.sent.After(lastBad) {
				lastBad = o.sent
			}
		}
		// 200, or the truthful refusal: nothing else is acceptable.
		if !o.a.OK() && !o.a.Is(http.StatusServiceUnavailable, "UNAVAILABLE") && len(wrong) < 5 {
			wrong = append(wrong, kind+" "+clip(firstMessage(o.a), 100)+" (Retry-After "+retryAfterOf(o.a)+")")
		}
	}
	e.Figure("before: %s", before.String())
	e.Figure("database down %s: %s", msec(upAt.Sub(downAt)), during.String())
	e.Figure("after: %s", after.String())
	recovery, lastFailed := time.Duration(0), "no request sent after the database was back failed"
	if !lastBad.IsZero() {
		recovery = lastBad.Sub(upAt)
		lastFailed = "the last failed request was sent " + msec(recovery) + " after the database was back"
	}
	readyAt := ready.firstOK(upAt)
	e.Figure("%s; /readyz 200 again after %s", lastFailed, msecSince(readyAt, upAt))
	c.Expect(len(wrong) == 0, "answers other than 200 or 503 UNAVAILABLE with Retry-After: %v", wrong)
	c.Expect(before.Total() > 0 && during.Total() > 0 && after.Total() > 0, "no load in some phase")
	c.Expect(during.Get("read 503 UNAVAILABLE") > 0, "no read saw the outage: the restart was not exercised")
	c.Expect(recovery <= restartRecovered, "requests still failed %s after the database was back (limit %s)", msec(recovery), restartRecovered)
	c.Expect(ready.sawDown(downAt, upAt), "/readyz never said 503 while the database was down")
	c.Expect(!readyAt.IsZero(), "/readyz not 200 again after the restart")
	if exited, status := s.Exited(); exited {
		c.Expect(false, "the server exited during the restart (%v)", status)
	}
	return c.Err()
}

func retryAfterOf(a *Answer) string {
	if a.Header == nil {
		return "none"
	}
	return nonBlank(a.Header.Get("Retry-After"), "none")
}

func msecSince(t, from time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return msec(t.Sub(from))
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
