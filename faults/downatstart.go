package main

import (
	"time"

	"github.com/turbota/turbota/demo"
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
	retries := s.LogLines("database not reachable yet")
	e.Figure("database down %s: serve still waiting, %d retries logged", startDown, retries)
	c.Expect(retries >= 2, "serve logged %d retries in %s down: no backoff loop", retries, startDown)

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
