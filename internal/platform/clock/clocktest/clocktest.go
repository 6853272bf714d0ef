// Package clocktest moves the product's clock for one test and puts it back
// when the test ends.
//
// The clock is process-wide: a test that moves it must not call t.Parallel,
// and no parallel test of the same binary may be running while it does
// (go test starts parallel tests only after every sequential one has
// finished or paused, so a sequential test that moves the clock is safe as
// long as it does not pause itself with t.Parallel). Tests that only need
// dates relative to now use clock.Now() and need nothing from here.
package clocktest

import (
	"testing"
	"time"

	"github.com/turbota/turbota/internal/platform/clock"
)

// Freeze stops the clock at at for the rest of the test.
func Freeze(t testing.TB, at time.Time) {
	t.Helper()
	t.Cleanup(clock.Freeze(at))
}

// Advance moves a frozen or running clock forward by d (back, for a negative
// d); several calls add up, and the clock is restored when the test ends.
func Advance(t testing.TB, d time.Duration) {
	t.Helper()
	t.Cleanup(clock.Advance(d))
}

// RunFrom makes the clock read at now and keep running, for the rest of the
// test.
func RunFrom(t testing.TB, at time.Time) {
	t.Helper()
	t.Cleanup(clock.RunFrom(at))
}
