package main

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/turbota/turbota/internal/demo"
)

func init() {
	register(Scenario{Order: 11, Name: "embedded", Run: embeddedKilled, OwnDatabase: true,
		Promise: "serve --demo on its embedded PostgreSQL, which is killed -9: Turbota restarts it or exits non-zero; /healthz never stays 200 with a dead database"})
}

const (
	// embeddedReady covers initdb, every migration and the demo data.
	embeddedReady = 3 * time.Minute
	// embeddedBack bounds the wait for a restart (or an exit).
	embeddedBack = 30 * time.Second
)

func embeddedKilled(e *Env) error {
	data := filepath.Join(e.Dir, "data")
	s, err := e.StartServer("turbota", []string{"--demo", "--data-dir", data}, nil)
	if err != nil {
		return err
	}
	start := time.Now()
	if err := s.WaitReady(e.Ctx, embeddedReady); err != nil {
		return err
	}
	e.Figure("first start (initdb, migrations, demo data) ready in %s", msec(time.Since(start)))
	tokens, err := e.SignIn(s, demo.VinnytsiaChildrenServiceEmail)
	if err != nil {
		return err
	}
	c := e.Caller(s, 2)
	pgdata := filepath.Join(data, "pgdata")
	var ch checks
	restarted, err := killEmbedded(e, s, c, tokens[0], pgdata, &ch)
	if err != nil || !restarted {
		return firstErr(err, ch.Err())
	}
	// Now make every restart fail: Turbota must give up and exit non-zero
	// rather than serve on without a database.
	if err := os.Rename(filepath.Join(pgdata, "PG_VERSION"), filepath.Join(pgdata, "PG_VERSION.hidden")); err != nil {
		return err
	}
	if _, err := killEmbedded(e, s, c, tokens[0], pgdata, &ch); err != nil {
		return err
	}
	return ch.Err()
}

// killEmbedded kills the postmaster with SIGKILL (its backends live on
// until they notice, as with `kill -9 <pid>`), then watches the server for
// up to embeddedBack. It reports whether the database came back.
func killEmbedded(e *Env, s *Server, c *Caller, token, pgdata string, ch *checks) (bool, error) {
	old, err := postmasterPID(pgdata)
	if err != nil {
		return false, err
	}
	if err := syscall.Kill(old, syscall.SIGKILL); err != nil {
		return false, fmt.Errorf("kill -9 the embedded postgres: %w", err)
	}
	killed := time.Now()
	var health Tally
	healthyDead := time.Duration(0) // /healthz 200 while the case list fails
	for time.Since(killed) < embeddedBack && e.Ctx.Err() == nil {
		if done, _ := s.Exited(); done {
			e.Figure("postgres %d killed: Turbota exited with code %d after %s (/healthz meanwhile: %s)",
				old, s.ExitCode(), msec(time.Since(killed)), health.String())
			ch.Expect(s.ExitCode() != 0, "Turbota exited 0 after losing its database")
			return false, nil
		}
		tick := time.Now()
		hz := c.Get(e.Ctx, "/healthz")
		health.Add(fmt.Sprintf("%d", hz))
		a := c.Do(e.Ctx, token, casesQuery, nil, nil)
		if a.OK() {
			pid, _ := postmasterPID(pgdata)
			e.Figure("postgres %d killed: restarted as %d, the case list answers again after %s (/healthz meanwhile: %s)",
				old, pid, msec(time.Since(killed)), health.String())
			return true, nil
		}
		pause(e.Ctx, 100*time.Millisecond-time.Since(tick))
		if hz == http.StatusOK {
			healthyDead += time.Since(tick)
		}
	}
	e.Figure("postgres %d killed: after %s no database and Turbota still up (/healthz: %s)", old, msec(embeddedBack), health.String())
	ch.Expect(false, "%s after kill -9 of its PostgreSQL Turbota neither serves nor exited; /healthz said 200 for about %s of it",
		msec(embeddedBack), msec(healthyDead))
	return false, nil
}
