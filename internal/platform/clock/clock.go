// Package clock is Turbota's single source of "now": product code asks
// clock.Now() and never time.Now(), so that tests can run the whole product
// on another day (TURBOTA_TEST_CLOCK, see env.go) and a deadline computed in
// Go agrees with the one a query compares against (queries take clock.Now()
// as a parameter instead of PostgreSQL's now()).
//
// The clock is process-wide and race-free: its state is one atomic pointer.
// By default it is the wall clock. Tests may shift it (it keeps running,
// offset by a duration) or freeze it (it stands still at an instant); a
// shift or freeze affects every goroutine, so a test that changes it must
// not run in parallel with others that read it (see Shift and Freeze).
//
// What is not "the date" stays on the wall clock and may call time.Now
// directly: durations measured for logs and metrics, process deadlines
// (waiting for PostgreSQL to start) and file ages. The guard test in this
// package lists those places.
package clock

import (
	"sync/atomic"
	"time"
)

// setting is the clock's state: the wall clock plus offset, or frozen at at.
type setting struct {
	offset time.Duration
	frozen bool
	at     time.Time
}

var current atomic.Pointer[setting]

func init() { current.Store(&setting{}) }

// Now is the current instant of the product's clock.
func Now() time.Time {
	s := current.Load()
	if s.frozen {
		return s.at
	}
	if s.offset == 0 {
		return time.Now()
	}
	// Add keeps the monotonic reading, so durations between two Now() stay
	// immune to wall-clock steps even when shifted.
	return time.Now().Add(s.offset)
}

// Since is Now().Sub(t): how long ago t was by the product's clock.
func Since(t time.Time) time.Duration { return Now().Sub(t) }

// Until is t.Sub(Now()): how long until t by the product's clock.
func Until(t time.Time) time.Duration { return t.Sub(Now()) }

// Offset is how far the clock is from the wall clock (zero when frozen).
func Offset() time.Duration { return current.Load().offset }

// Frozen reports whether the clock stands still.
func Frozen() bool { return current.Load().frozen }

// Shift makes the clock run d ahead of the wall clock (behind, for a negative
// d), replacing any earlier shift or freeze, and returns a function that
// restores the previous setting. For tests and the TURBOTA_TEST_CLOCK hook;
// product code never moves the clock.
func Shift(d time.Duration) (restore func()) {
	return swap(&setting{offset: d})
}

// RunFrom makes the clock read t now and keep running from there.
func RunFrom(t time.Time) (restore func()) {
	return Shift(time.Until(t))
}

// Freeze stops the clock at t until restored or moved again.
func Freeze(t time.Time) (restore func()) {
	return swap(&setting{frozen: true, at: t})
}

// Advance moves the clock forward by d, frozen or running, and returns a
// function that restores the setting it found.
func Advance(d time.Duration) (restore func()) {
	for {
		prev := current.Load()
		next := *prev
		if next.frozen {
			next.at = next.at.Add(d)
		} else {
			next.offset += d
		}
		if current.CompareAndSwap(prev, &next) {
			return func() { current.Store(prev) }
		}
	}
}

func swap(s *setting) func() {
	prev := current.Swap(s)
	return func() { current.Store(prev) }
}
