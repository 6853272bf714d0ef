package main

import (
	"context"
	"net/http"
	"sync"
	"syscall"
	"time"

	"github.com/turbota/turbota/internal/demo"
)

func init() {
	register(Scenario{Order: 6, Name: "sigterm", Run: sigtermUnderLoad,
		Promise: "SIGTERM under load: requests in flight complete, /readyz turns 503 at once, the process exits 0 within the drain time"})
}

const (
	drainDelay = 2 * time.Second
	// shutdownGrace is how long serve lets requests finish after the
	// listener closes (server.ListenAndServe).
	shutdownGrace = 15 * time.Second
	// readyzGrace: a probe sent this soon after the signal may still have
	// raced it.
	readyzGrace   = 100 * time.Millisecond
	sigtermReader = 6
	// slowRelease is when the lock delaying one write is released: after
	// the listener has closed, so the write is in flight through it.
	slowRelease = drainDelay + time.Second
)

// probeLog is every /readyz answer with when it was asked.
type probeLog struct {
	mu     sync.Mutex
	sent   []time.Time
	status []int
}

func (p *probeLog) run(ctx context.Context, c *Caller) {
	for ctx.Err() == nil {
		sent := time.Now()
		st := c.Get(ctx, "/readyz")
		p.mu.Lock()
		p.sent, p.status = append(p.sent, sent), append(p.status, st)
		p.mu.Unlock()
		pause(ctx, 20*time.Millisecond)
	}
}

func sigtermUnderLoad(e *Env) error {
	// Rate limits lifted (generousLimits): a read refused for its rate in
	// flight at SIGTERM says nothing about how the shutdown treats it.
	s, err := e.Serve("turbota", append([]string{"--drain-delay", drainDelay.String(), "--lock-timeout", "10s",
		"--statement-timeout", "12s", "--request-timeout", "20s"}, generousLimits...)...)
	if err != nil {
		return err
	}
	tokens, err := e.SignIn(s, demo.VinnytsiaChildrenServiceEmail, demo.PoltavaChildrenServiceEmail)
	if err != nil {
		return err
	}
	c := e.Caller(s, sigtermReader+4)
	family, err := someFamily(e, c, tokens[0])
	if err != nil {
		return err
	}
	db, err := e.SQL()
	if err != nil {
		return err
	}
	release, err := lockRow(e, db, family)
	if err != nil {
		return err
	}
	defer release()
	marker := "Fault sigterm " + e.Tag
	ctx, stop := context.WithCancel(e.Ctx)
	defer stop()
	var slow *Answer
	var wg sync.WaitGroup
	wg.Go(func() {
		slow = c.Do(ctx, tokens[0], updateFamilyMutation, map[string]any{"id": family, "n": marker}, nil)
	})
	rec := &recorder{}
	for i := range sigtermReader {
		wg.Go(func() { readLoop(ctx, c, tokens[i%2], rec) })
	}
	pause(e.Ctx, time.Second)
	probes := &probeLog{}
	termAt := time.Now()
	if err := s.Signal(syscall.SIGTERM); err != nil {
		return err
	}
	wg.Go(func() { probes.run(ctx, c) })
	pause(e.Ctx, slowRelease)
	release()
	exited := s.Wait(drainDelay + shutdownGrace + 5*time.Second)
	exitAfter := time.Since(termAt)
	stop()
	wg.Wait()
	notes, _ := familyNotes(e, db, family)
	return judgeSigterm(e, s, exited, exitAfter, termAt, rec, probes, slow, notes == marker)
}

func judgeSigterm(e *Env, s *Server, exited bool, exitAfter time.Duration, termAt time.Time, rec *recorder, probes *probeLog, slow *Answer, stored bool) error {
	var ch checks
	var before, after Tally
	for _, o := range rec.all {
		if o.sent.Before(termAt) {
			before.Add(o.a.Kind())
		} else {
			after.Add(loginKind(o.a))
		}
	}
	firstDown, lateOK := time.Duration(-1), 0
	for i, st := range probes.status {
		since := probes.sent[i].Sub(termAt)
		if st == http.StatusServiceUnavailable && firstDown < 0 {
			firstDown = since
		}
		if st == http.StatusOK && since > readyzGrace {
			lateOK++
		}
	}
	e.Figure("reads sent before SIGTERM: %s; after: %s", before.String(), after.String())
	e.Figure("write in flight across the shutdown (lock released %s after SIGTERM): %s in %s, stored %v",
		msec(slowRelease), slow.Kind(), msec(slow.Took), stored)
	e.Figure("/readyz: first 503 %s after SIGTERM, %d answers 200 later than %s", msecOrNever(firstDown), lateOK, msec(readyzGrace))
	if exited {
		e.Figure("exit code %d, %s after SIGTERM (drain delay %s, grace %s)", s.ExitCode(), msec(exitAfter), drainDelay, shutdownGrace)
	}
	ch.Expect(before.Total() > 0 && before.Get("200") == before.Total(), "requests in flight at SIGTERM did not all complete: %s", before.String())
	ch.Expect(slow.OK() && stored, "the write in flight across the shutdown: %s, stored %v", slow.Kind(), stored)
	ch.Expect(firstDown >= 0 && firstDown <= readyzGrace, "/readyz did not turn 503 at once (first 503 %s after SIGTERM)", msecOrNever(firstDown))
	ch.Expect(lateOK == 0, "/readyz answered 200 %d times after SIGTERM", lateOK)
	ch.Expect(exited, "the process had not exited %s after SIGTERM", msec(exitAfter))
	ch.Expect(!exited || s.ExitCode() == 0, "the process exited with code %d", s.ExitCode())
	return ch.Err()
}

func msecOrNever(d time.Duration) string {
	if d < 0 {
		return "never"
	}
	return msec(d)
}
