package indicators

import (
	"math"
	"strconv"
)

// Threshold is the smallest count shown to a viewer without access to the
// records behind it: a count of 1 to 4 children or cases in one community
// and period can point at a family the neighbours know.
const Threshold = 5

// NoShare is shown for a share of nothing (no assessments, no placements):
// not 0%, which would say every one of them was late.
const NoShare = "—"

// Cell is one figure as a viewer gets to see it.
type Cell struct {
	Value      *float64 // nil when suppressed
	Display    string   // what to print: the value, or "<5"
	Suppressed bool
}

// Suppress is the one rule for small counts: without record access, a count
// from 1 to Threshold-1 is shown as "<5" and its value withheld; zero and
// larger counts are shown. A share is withheld ("<5") when its denominator
// would be, and is no share at all without a denominator; pass the
// denominator as base (for counts, base is the count).
func Suppress(value float64, base int, share, recordAccess bool) Cell {
	if !recordAccess && base > 0 && base < Threshold {
		return hiddenCell()
	}
	v := value
	if share && base == 0 {
		return Cell{Display: NoShare}
	}
	if share {
		return Cell{Value: &v, Display: strconv.FormatFloat(value*100, 'f', 1, 64) + "%"}
	}
	// Counts are whole; a ratio (cases per specialist) shows one decimal.
	return Cell{Value: &v, Display: strconv.FormatFloat(math.Round(value*10)/10, 'f', -1, 64)}
}

// hiddenCell is a withheld figure. A figure hidden only so that a small one
// cannot be worked out from it (see protect.go) shows the same marker: told
// apart, it would say "5 or more" and bound the small one.
func hiddenCell() Cell {
	return Cell{Display: "<" + strconv.Itoa(Threshold), Suppressed: true}
}

// shownCell is how a figure of a row is shown: as CellOf, and hidden where
// the row's suppression pattern hides it (hide may be nil: none).
func shownCell(d Definition, f Figure, k Key, recordAccess bool, hide func(Key) bool) Cell {
	c := CellOf(d, f, recordAccess)
	if !c.Suppressed && !recordAccess && hide != nil && hide(k) {
		return hiddenCell()
	}
	return c
}

// CellOf is how a figure of an indicator is shown: a ratio without a
// denominator (no specialists) is no ratio at all, "—" rather than 0;
// everything else goes through Suppress.
func CellOf(d Definition, f Figure, recordAccess bool) Cell {
	if d.Unit == Ratio && f.Base == 0 {
		return Cell{Display: NoShare}
	}
	return Suppress(Value(d, f), SuppressionBase(d, f), d.Unit == Share, recordAccess)
}
