package procedure

import (
	"testing"
	"time"
)

// A date-only field's day is in the future only once Kyiv's day is
// earlier: at 01:30 in Kyiv (23:30 UTC the evening before) today is today.
func TestFutureDayIsKyivsDay(t *testing.T) {
	stored := time.Date(2026, time.December, 8, 0, 0, 0, 0, time.UTC) // "2026-12-08" as the API keeps it
	for _, c := range []struct {
		now    time.Time
		future bool
	}{
		{time.Date(2026, time.December, 7, 21, 30, 0, 0, time.UTC), true},  // 23:30 on the 7th in Kyiv
		{time.Date(2026, time.December, 7, 22, 0, 0, 0, time.UTC), false},  // midnight of the 8th in Kyiv
		{time.Date(2026, time.December, 7, 23, 30, 0, 0, time.UTC), false}, // 01:30 on the 8th in Kyiv
		{time.Date(2026, time.December, 8, 21, 59, 0, 0, time.UTC), false}, // 23:59 on the 8th
		{time.Date(2026, time.July, 7, 20, 59, 0, 0, time.UTC), true},      // summer time: 23:59 on 7 July
	} {
		if got := FutureDay(stored, c.now); got != c.future {
			t.Errorf("at %s: FutureDay = %v, want %v", c.now, got, c.future)
		}
	}
}
