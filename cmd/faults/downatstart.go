package main

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/turbota/turbota/internal/demo"
)

func init() {
	register(Scenario{Order: 1, Name: "down-at-start", Run: downAtStart,
		Promise: "serve started before PostgreSQL waits with backoff and becomes ready once it is up"})
}

const (
	// startDown is how long the database stays down after serve starts.
	startDown = 4 * time.Second
	// readyAfterUp bounds the wait once the database is up: serve retries
	// at most every 5 s, then checks migrations and reference data.
	readyAfterUp = 20 * time.Second
)

func downAtStart(e *Env) error {
	db, err := e.Database()
	if err != nil {
		return err
	}
	if err := e.PG.Stop(); err != nil {
		return err
	}
	s, err := e.StartServer("turbota", nil, []string{"TURBOTA_DATABASE_URL=" + e.PG.DSN(db)})
	if err != nil {
		return err
	}
	pause(e.Ctx, startDown)
	var c checks
	if exited, status := s.Exited(); exited {
		c.Expect(false, "serve exited after %s with the database down (%v), instead of waiting", startDown, status)
		return c.Err()
	}
	waits := retryWaits(s)
	e.Figure("database down %s: serve still waiting, retrying after %v", startDown, waits)
	c.Expect(len(waits) >= 2 && waits[len(waits)-1] > waits[0], "serve's retries in %s down (%v) do not back off", startDown, waits)

	up := time.Now()
	if err := e.PG.Start(e.Ctx); err != nil {
		return err
	}
	pgTook := time.Since(up)
	err = s.WaitReady(e.Ctx, readyAfterUp)
	e.Figure("PostgreSQL up in %s; serve ready %s after PostgreSQL was started", msec(pgTook), msec(time.Since(up)))
	c.Expect(err == nil, "serve not ready %s after the database came up: %v", readyAfterUp, err)
	if err == nil {
		_, err := e.SignIn(s, demo.VinnytsiaChildrenServiceEmail)
		c.Expect(err == nil, "sign-in after the wait: %v", err)
	}
	return c.Err()
}

var retryIn = regexp.MustCompile(`"retry_in":([0-9.]+)`)

// retryWaits are the waits serve logged between its attempts to reach the
// database (zerolog writes durations in milliseconds).
func retryWaits(s *Server) []time.Duration {
	var out []time.Duration
	_ = eachLine(s.LogPath, func(l string) {
		if m := retryIn.FindStringSubmatch(l); m != nil && strings.Contains(l, "database not reachable yet") {
			ms, _ := strconv.ParseFloat(m[1], 64)
			out = append(out, time.Duration(ms*float64(time.Millisecond)))
		}
	})
	return out
}
