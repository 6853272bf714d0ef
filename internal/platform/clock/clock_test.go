package clock_test

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/platform/clock/clocktest"
)

// The tests here move the process-wide clock, so none is parallel.

func TestFreezeStopsTheClockAndAdvanceMovesIt(t *testing.T) {
	at := time.Date(2027, time.June, 1, 9, 0, 0, 0, time.UTC)
	clocktest.Freeze(t, at)
	if got := clock.Now(); !got.Equal(at) {
		t.Fatalf("frozen clock reads %v, want %v", got, at)
	}
	clocktest.Advance(t, 25*time.Hour)
	if got := clock.Now(); !got.Equal(at.Add(25 * time.Hour)) {
		t.Fatalf("advanced clock reads %v", got)
	}
	if !clock.Frozen() {
		t.Fatal("an advanced frozen clock runs")
	}
	if got := clock.Since(at); got != 25*time.Hour {
		t.Fatalf("Since = %v", got)
	}
	if got := clock.Until(at); got != -25*time.Hour {
		t.Fatalf("Until = %v", got)
	}
}

func TestRestoreGivesBackTheEarlierSetting(t *testing.T) {
	before := clock.Offset()
	restore := clock.Advance(48 * time.Hour)
	if got := clock.Offset() - before; got != 48*time.Hour {
		t.Fatalf("offset moved by %v", got)
	}
	inner := clock.Freeze(time.Unix(0, 0))
	inner()
	if clock.Frozen() || clock.Offset()-before != 48*time.Hour {
		t.Fatalf("restoring the freeze lost the shift: frozen=%v offset=%v", clock.Frozen(), clock.Offset())
	}
	restore()
	if clock.Offset() != before {
		t.Fatalf("offset %v after restore, want %v", clock.Offset(), before)
	}
}

func TestRunFromKeepsRunning(t *testing.T) {
	at := time.Date(2028, time.February, 29, 12, 0, 0, 0, time.UTC)
	clocktest.RunFrom(t, at)
	first := clock.Now()
	if d := first.Sub(at); d < 0 || d > time.Hour {
		t.Fatalf("RunFrom(%v) reads %v", at, first)
	}
	if clock.Frozen() {
		t.Fatal("RunFrom froze the clock")
	}
	for !clock.Now().After(first) { // a running clock moves; no sleep needed
	}
}

// TestConcurrentAdvancesAddUp: Advance is a compare-and-swap, so no move is
// lost to a concurrent one (run with -race for the memory side).
func TestConcurrentAdvancesAddUp(t *testing.T) {
	clocktest.Freeze(t, time.Unix(0, 0).UTC())
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				clock.Advance(time.Second)
				_ = clock.Now()
			}
		})
	}
	wg.Wait()
	if got := clock.Since(time.Unix(0, 0)); got != 800*time.Second {
		t.Fatalf("800 advances of a second moved the clock by %v", got)
	}
}

func TestParseShift(t *testing.T) {
	wall := time.Date(2026, time.December, 6, 17, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in   string
		want time.Time
	}{
		{"+1y", time.Date(2027, time.December, 6, 17, 0, 0, 0, time.UTC)},
		{"-2y", time.Date(2024, time.December, 6, 17, 0, 0, 0, time.UTC)},
		{"+3mo", time.Date(2027, time.March, 6, 17, 0, 0, 0, time.UTC)},
		{"+10d", time.Date(2026, time.December, 16, 17, 0, 0, 0, time.UTC)},
		{"+36h", time.Date(2026, time.December, 8, 5, 0, 0, 0, time.UTC)},
		{"2027-06-01", time.Date(2027, time.June, 1, 0, 0, 0, 0, time.UTC)},
		{"2027-06-01T09:00:00+03:00", time.Date(2027, time.June, 1, 6, 0, 0, 0, time.UTC)},
	} {
		d, err := clock.ParseShift(tc.in, wall)
		if err != nil {
			t.Errorf("%s: %v", tc.in, err)
			continue
		}
		if got := wall.Add(d); !got.Equal(tc.want) {
			t.Errorf("%s: the clock would read %v, want %v", tc.in, got, tc.want)
		}
	}
	for _, bad := range []string{"1y", "+1w", "tomorrow", "+", "2027-13-01"} {
		if _, err := clock.ParseShift(bad, wall); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// TestEnvMovesTheClockOfATestBinary runs this test binary again with
// TURBOTA_TEST_CLOCK set and reads the clock it started with.
func TestEnvMovesTheClockOfATestBinary(t *testing.T) {
	if os.Getenv("CLOCK_TEST_CHILD") != "" {
		fmt.Println("now=" + clock.Now().UTC().Format(time.RFC3339))
		return
	}
	for _, tc := range []struct{ env, wantPrefix string }{
		{"2027-06-01", "now=2027-06-01T00:"},
		{"+1y", "now=" + time.Now().AddDate(1, 0, 0).UTC().Format("2006-01-02")},
	} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestEnvMovesTheClockOfATestBinary$")
		cmd.Env = append(os.Environ(), "CLOCK_TEST_CHILD=1", clock.EnvVar+"="+tc.env)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s: %v", tc.env, err)
		}
		if !strings.Contains(string(out), tc.wantPrefix) {
			t.Errorf("%s=%s: the child's clock read %q, want %s…", clock.EnvVar, tc.env, out, tc.wantPrefix)
		}
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestEnvMovesTheClockOfATestBinary$")
	cmd.Env = append(os.Environ(), "CLOCK_TEST_CHILD=1", clock.EnvVar+"=next week")
	if err := cmd.Run(); err == nil {
		t.Error("a test binary with a bad TURBOTA_TEST_CLOCK ran")
	}
}
