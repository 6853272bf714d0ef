package main

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/turbota/turbota/internal/demo"
)

func init() {
	register(Scenario{Order: 3, Name: "kill9", Run: killMidWrite,
		Promise: "PostgreSQL killed -9 mid-write: every mutation answered ok is stored, none answered UNAVAILABLE/TIMEOUT is; retrying with its Idempotency-Key gives one effect"})
}

const (
	killWarm    = 2 * time.Second
	killDown    = time.Second
	killAfter   = 3 * time.Second
	killWriters = 6
	killRetries = 8
	killBackoff = 300 * time.Millisecond
)

// submitReportMutation opens a case; the summary marks each submission.
const submitReportMutation = `mutation($c: ID!, $s: String!) { submitReport(input: {communityID: $c, source: NEIGHBOUR,
	urgency: ROUTINE, categories: [NEGLECT], summary: $s}) { id } }`

// reporters may submit reports, two per demo community.
var reporters = []string{demo.VinnytsiaChildrenServiceEmail, demo.PoltavaChildrenServiceEmail,
	demo.VinnytsiaPartnerReporterEmail, demo.PoltavaPartnerReporterEmail,
	demo.VinnytsiaSocialProtectionEmail, demo.PoltavaSocialProtectionEmail}

// write is one submission and what it was answered.
type write struct {
	token, key, summary, community string
	sent                           time.Time
	first                          *Answer
}

func (w *write) send(ctx context.Context, c *Caller) *Answer {
	return c.Do(ctx, w.token, submitReportMutation, map[string]any{"c": w.community, "s": w.summary},
		http.Header{"Idempotency-Key": {w.key}})
}

// reporter is a signed-in user who may submit reports, and their community.
type reporter struct{ token, community string }

func signInReporters(e *Env, s *Server, c *Caller) ([]reporter, error) {
	tokens, err := e.SignIn(s, reporters...)
	if err != nil {
		return nil, err
	}
	out := make([]reporter, len(tokens))
	for i, t := range tokens {
		community, err := e.CommunityOf(c, t)
		if err != nil {
			return nil, err
		}
		out[i] = reporter{token: t, community: community}
	}
	return out, nil
}

func killMidWrite(e *Env) error {
	s, err := e.Serve("turbota")
	if err != nil {
		return err
	}
	c := e.Caller(s, killWriters+2)
	who, err := signInReporters(e, s, c)
	if err != nil {
		return err
	}
	var mu sync.Mutex
	var writes []*write
	ctx, stop := context.WithCancel(e.Ctx)
	var wg sync.WaitGroup
	for i := range killWriters {
		wg.Go(func() {
			r := who[i%len(who)]
			for n := 0; ctx.Err() == nil; n++ {
				w := &write{token: r.token, community: r.community, sent: time.Now(),
					key:     fmt.Sprintf("kill9-%s-%d-%d", e.Tag, i, n),
					summary: fmt.Sprintf("Fault kill9 %s w%d n%d: сусіди повідомляють про дитину без нагляду", e.Tag, i, n)}
				w.first = w.send(ctx, c)
				if ctx.Err() != nil {
					return
				}
				mu.Lock()
				writes = append(writes, w)
				mu.Unlock()
				if !w.first.OK() {
					// A client backs off when refused (less than the
					// Retry-After, to sample the outage more often).
					pause(ctx, killBackoff)
				}
			}
		})
	}
	pause(e.Ctx, killWarm)
	killedAt := time.Now()
	killErr := e.PG.Kill()
	pause(e.Ctx, killDown)
	startErr := e.PG.Start(e.Ctx)
	upAt := time.Now()
	pause(e.Ctx, killAfter)
	stop()
	wg.Wait()
	if err := firstErr(killErr, startErr); err != nil {
		return err
	}
	e.Logf("killed PostgreSQL (SIGKILL to every process); back %s later, after crash recovery", msec(upAt.Sub(killedAt)))
	return judgeKill(e, c, writes)
}

func judgeKill(e *Env, c *Caller, writes []*write) error {
	db, err := e.SQL()
	if err != nil {
		return err
	}
	stored, err := storedReports(e.Ctx, db, e.Tag)
	if err != nil {
		return err
	}
	var ch checks
	var answers Tally
	lost, ghosts, refused, unclear := 0, 0, 0, 0
	for _, w := range writes {
		answers.Add(w.first.Kind())
		ids := stored[w.summary]
		switch {
		case w.first.OK():
			if len(ids) != 1 || ids[0] != w.first.Str("submitReport", "id") {
				lost++
			}
		case w.first.Is(http.StatusServiceUnavailable, "UNAVAILABLE") || w.first.Is(http.StatusGatewayTimeout, "TIMEOUT"):
			refused++
			if len(ids) > 0 {
				ghosts++
			}
		default:
			unclear++
		}
	}
	e.Figure("%d submissions: %s", len(writes), answers.String())
	e.Figure("answered ok but not stored: %d; refused (UNAVAILABLE/TIMEOUT) but stored: %d of %d; neither ok nor a truthful refusal: %d",
		lost, ghosts, refused, unclear)
	ch.Expect(lost == 0, "%d writes answered ok are not in the database", lost)
	ch.Expect(ghosts == 0, "%d writes answered UNAVAILABLE/TIMEOUT were stored all the same", ghosts)
	ch.Expect(unclear == 0, "%d writes got neither ok nor 503/504 with Retry-After", unclear)
	ch.Expect(refused > 0, "no write met the outage: the kill was not exercised")
	retryAll(e, c, writes, &ch)
	return ch.Err()
}

// retryAll sends every submission again with its key: each must end with
// exactly one report, and an ok answer given again must name the same one.
func retryAll(e *Env, c *Caller, writes []*write, ch *checks) {
	replayed, mismatched, gaveUp := 0, 0, 0
	final := map[string]string{}
	for _, w := range writes {
		var a *Answer
		for try := 0; try < killRetries; try++ {
			if a = w.send(e.Ctx, c); a.OK() || e.Ctx.Err() != nil {
				break
			}
			pause(e.Ctx, 250*time.Millisecond)
		}
		if !a.OK() {
			gaveUp++
			continue
		}
		final[w.summary] = a.Str("submitReport", "id")
		if w.first.OK() {
			if a.Header.Get("Idempotent-Replayed") == "true" {
				replayed++
			}
			if final[w.summary] != w.first.Str("submitReport", "id") {
				mismatched++
			}
		}
	}
	db, err := e.SQL()
	if err != nil {
		ch.Expect(false, "%v", err)
		return
	}
	stored, err := storedReports(e.Ctx, db, e.Tag)
	if err != nil {
		ch.Expect(false, "%v", err)
		return
	}
	exactlyOne := 0
	for _, w := range writes {
		if ids := stored[w.summary]; len(ids) == 1 && ids[0] == final[w.summary] {
			exactlyOne++
		}
	}
	e.Figure("after retrying every one with its key: %d/%d exactly one report; ok answers replayed %d, with another id %d; never ok %d",
		exactlyOne, len(writes), replayed, mismatched, gaveUp)
	ch.Expect(exactlyOne == len(writes), "%d of %d submissions do not have exactly one report after retries", len(writes)-exactlyOne, len(writes))
	ch.Expect(mismatched == 0, "%d retries of ok answers named another report", mismatched)
}

// storedReports maps the scenario's summaries to the ids of their reports.
func storedReports(ctx context.Context, db *sql.DB, tag string) (map[string][]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT summary, id FROM reports WHERE summary LIKE $1`, "Fault kill9 "+tag+" %")
	if err != nil {
		return nil, fmt.Errorf("read the reports: %w", err)
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var summary, id string
		if err := rows.Scan(&summary, &id); err != nil {
			return nil, err
		}
		out[summary] = append(out[summary], id)
	}
	return out, rows.Err()
}
