package indicators

import "testing"

func TestSuppress(t *testing.T) {
	for _, c := range []struct {
		name         string
		value        float64
		base         int
		share, admit bool
		display      string
		suppressed   bool
	}{
		{"zero is shown", 0, 0, false, false, "0", false},
		{"one is hidden", 1, 1, false, false, "<5", true},
		{"four is hidden", 4, 4, false, false, "<5", true},
		{"five is shown", 5, 5, false, false, "5", false},
		{"record access sees all", 3, 3, false, true, "3", false},
		{"a share of a small base is hidden", 0.5, 2, true, false, "<5", true},
		{"a share of a large base is shown", 0.25, 8, true, false, "25.0%", false},
		{"a share of nothing is no share", 0, 0, true, false, NoShare, false},
		{"a ratio shows one decimal", 5.0 / 3, 5, false, false, "1.7", false},
	} {
		got := Suppress(c.value, c.base, c.share, c.admit)
		if got.Display != c.display || got.Suppressed != c.suppressed || (got.Value == nil) != (c.suppressed || c.display == NoShare) {
			t.Errorf("%s: %+v", c.name, got)
		}
	}
}
