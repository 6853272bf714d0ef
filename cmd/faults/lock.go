package main

import (
	"database/sql"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/turbota/turbota/internal/demo"
)

func init() {
	register(Scenario{Order: 4, Name: "lock", Run: lockPastDeadline,
		Promise: "a row lock held past the deadline: the write answers 504 TIMEOUT + Retry-After within the lock timeout, writes nothing, and reads go on"})
}

const (
	lockTimeout = time.Second
	// lockSlack is what the answer may take beyond the lock timeout:
	// sign-in check, transaction set-up, rollback, a busy machine.
	lockSlack = 2 * time.Second
	lockReads = 8
)

const updateFamilyMutation = `mutation($id: ID!, $n: String!) { updateFamily(id: $id, input: {notes: $n}) { id } }`

func lockPastDeadline(e *Env) error {
	s, err := e.Serve("turbota", "--lock-timeout", lockTimeout.String(), "--statement-timeout", "3s", "--request-timeout", "10s")
	if err != nil {
		return err
	}
	tokens, err := e.SignIn(s, demo.VinnytsiaChildrenServiceEmail, demo.PoltavaChildrenServiceEmail)
	if err != nil {
		return err
	}
	c := e.Caller(s, 4)
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
	marker := "Fault lock " + e.Tag
	var blocked *Answer
	var wg sync.WaitGroup
	wg.Go(func() {
		blocked = c.Do(e.Ctx, tokens[0], updateFamilyMutation, map[string]any{"id": family, "n": marker}, nil)
	})
	// Meanwhile both communities read their case lists.
	var reads Latencies
	var readKinds Tally
	for i := range lockReads {
		a := c.Do(e.Ctx, tokens[i%2], casesQuery, nil, nil)
		reads = append(reads, a.Took)
		readKinds.Add(a.Kind())
	}
	wg.Wait()
	release()
	return judgeLock(e, c, db, tokens[0], family, marker, blocked, reads, &readKinds)
}

func judgeLock(e *Env, c *Caller, db *sql.DB, token, family, marker string, blocked *Answer, reads Latencies, readKinds *Tally) error {
	var ch checks
	e.Figure("write behind a held row lock (lock_timeout %s): %s in %s, Retry-After %s",
		lockTimeout, blocked.Kind(), msec(blocked.Took), retryAfterOf(blocked))
	e.Figure("reads meanwhile: %s, p50 %s, max %s", readKinds.String(), msec(reads.Pct(0.5)), msec(reads.Max()))
	ch.Expect(blocked.Is(http.StatusGatewayTimeout, "TIMEOUT"), "the blocked write was answered %s, not 504 TIMEOUT with Retry-After", blocked.Kind())
	ch.Expect(blocked.Took <= lockTimeout+lockSlack, "the blocked write took %s, more than the lock timeout %s + %s", msec(blocked.Took), lockTimeout, lockSlack)
	ch.Expect(readKinds.Get("200") == lockReads, "reads during the wait: %s", readKinds.String())
	ch.Expect(reads.Max() < time.Second, "a read during the wait took %s", msec(reads.Max()))
	if notes, err := familyNotes(e, db, family); err != nil || notes == marker {
		ch.Expect(false, "the timed-out write was stored (or unreadable: %v)", err)
	}
	after := c.Do(e.Ctx, token, updateFamilyMutation, map[string]any{"id": family, "n": marker}, nil)
	notes, _ := familyNotes(e, db, family)
	e.Figure("the same write once the lock is gone: %s in %s", after.Kind(), msec(after.Took))
	ch.Expect(after.OK() && notes == marker, "the write after the lock was released: %s, stored %v", after.Kind(), notes == marker)
	return ch.Err()
}

// someFamily is the family of the newest case the viewer sees.
func someFamily(e *Env, c *Caller, token string) (string, error) {
	a := c.Do(e.Ctx, token, `{ cases(first: 1, orderBy: {direction: DESC, field: OPENED_AT}) { edges { node { family { id } } } } }`, nil, nil)
	if id := a.Str("cases", "edges", 0, "node", "family", "id"); a.OK() && id != "" {
		return id, nil
	}
	return "", fmt.Errorf("find a family: %s %s", a.Kind(), firstMessage(a))
}

func familyNotes(e *Env, db *sql.DB, family string) (string, error) {
	var notes sql.NullString
	err := db.QueryRowContext(e.Ctx, "SELECT notes FROM families WHERE id = $1", family).Scan(&notes)
	return notes.String, err
}

// lockRow holds a row lock on a family, as a long transaction elsewhere
// would, until release is called (more than once is fine).
func lockRow(e *Env, db *sql.DB, family string) (release func(), err error) {
	tx, err := db.BeginTx(e.Ctx, nil)
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(e.Ctx, "SELECT 1 FROM families WHERE id = $1 FOR UPDATE", family); err != nil {
		_ = tx.Rollback()
		return nil, fmt.Errorf("hold the lock: %w", err)
	}
	return func() { _ = tx.Rollback() }, nil
}
