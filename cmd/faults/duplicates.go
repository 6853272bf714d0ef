package main

import (
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/turbota/turbota/internal/demo"
)

func init() {
	register(Scenario{Order: 8, Name: "duplicates", Run: duplicateSubmissions,
		Promise: "100 concurrent identical submitReport calls with one Idempotency-Key make exactly one report, every caller told its id"})
}

const duplicateCalls = 100

func duplicateSubmissions(e *Env) error {
	s, err := e.Serve("turbota")
	if err != nil {
		return err
	}
	c := e.Caller(s, duplicateCalls)
	tokens, err := e.SignIn(s, demo.VinnytsiaChildrenServiceEmail)
	if err != nil {
		return err
	}
	community, err := e.CommunityOf(c, tokens[0])
	if err != nil {
		return err
	}
	summary := fmt.Sprintf("Fault duplicates %s: сусіди повідомляють про дитину без нагляду", e.Tag)
	vars := map[string]any{"c": community, "s": summary}
	key := http.Header{"Idempotency-Key": {"duplicates-" + e.Tag}}
	answers := make([]*Answer, duplicateCalls)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range answers {
		wg.Go(func() {
			<-start
			answers[i] = c.Do(e.Ctx, tokens[0], submitReportMutation, vars, key)
		})
	}
	began := time.Now()
	close(start)
	wg.Wait()
	took := time.Since(began)

	db, err := e.SQL()
	if err != nil {
		return err
	}
	var stored []string
	rows, err := db.QueryContext(e.Ctx, "SELECT id FROM reports WHERE summary = $1", summary)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return err
		}
		stored = append(stored, id)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return judgeDuplicates(e, answers, stored, took)
}

func judgeDuplicates(e *Env, answers []*Answer, stored []string, took time.Duration) error {
	var ch checks
	var kinds Tally
	var lat Latencies
	ids := map[string]int{}
	replayed := 0
	for _, a := range answers {
		kinds.Add(a.Kind())
		lat = append(lat, a.Took)
		if id := a.Str("submitReport", "id"); a.OK() && id != "" {
			ids[id]++
		}
		if a.Header != nil && a.Header.Get("Idempotent-Replayed") == "true" {
			replayed++
		}
	}
	e.Figure("%d calls in %s (max %s): %s; %d replayed", len(answers), msec(took), msec(lat.Max()), kinds.String(), replayed)
	e.Figure("reports stored: %d; distinct ids answered: %d", len(stored), len(ids))
	ch.Expect(len(stored) == 1, "%d reports stored, not 1", len(stored))
	// One user's hundred calls at once pass the user's burst: the rest are
	// refused (429 with Retry-After, nothing done), which is not an effect.
	ch.Expect(kinds.Get("200")+kinds.Get("429 RATE_LIMITED") == len(answers), "not every call was answered ok or refused for the rate: %s", kinds.String())
	ch.Expect(len(ids) == 1, "the answers name %d different reports", len(ids))
	if len(stored) == 1 {
		ch.Expect(ids[stored[0]] == kinds.Get("200"), "answers name a report other than the stored one")
	}
	return ch.Err()
}
