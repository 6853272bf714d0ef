package indicators

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/turbota/turbota/internal/procedure"
)

// PeriodKind is the length of a reporting period.
type PeriodKind string

// The period kinds.
const (
	Month   PeriodKind = "MONTH"
	Quarter PeriodKind = "QUARTER"
	Year    PeriodKind = "YEAR"
)

// PeriodOf is the period of a kind that starts with the given month (or
// quarter) of a year, in Kyiv time; number is 1-based and ignored for years.
func PeriodOf(kind PeriodKind, year, number int) (Period, error) {
	months := map[PeriodKind]int{Month: 1, Quarter: 3, Year: 12}[kind]
	switch {
	case months == 0:
		return Period{}, fmt.Errorf("unknown period kind %q", kind)
	case kind == Month && (number < 1 || number > 12), kind == Quarter && (number < 1 || number > 4):
		return Period{}, fmt.Errorf("no %s number %d", kind, number)
	case year < 2000 || year > 2100:
		return Period{}, fmt.Errorf("year %d is out of range", year)
	}
	first := 1
	if kind != Year {
		first = (number-1)*months + 1
	}
	from := time.Date(year, time.Month(first), 1, 0, 0, 0, 0, procedure.Kyiv())
	return Period{From: from, To: from.AddDate(0, months, 0)}, nil
}

// Previous is the period of the same kind before p.
func (p Period) Previous() Period {
	months := int(p.To.Sub(p.From).Hours()/24/30 + 0.5)
	return Period{From: p.From.AddDate(0, -months, 0), To: p.From}
}

// Shown is one indicator's cell as the viewer may see it.
type Shown struct {
	Definition Definition
	Part       string
	Cell       Cell
}

// Show turns figures into the cells of every indicator (and every part of
// the broken-down ones), suppressed unless the viewer has record access,
// and hidden where hide (the row's suppression pattern, or nil) says.
func Show(f Figures, recordAccess bool, hide func(Key) bool) []Shown {
	var out []Shown
	for _, d := range Definitions {
		parts := []string{""}
		if d.Breakdown != "" {
			parts = partsOf(f, d.Key)
		}
		for _, part := range parts {
			fig := f[Key{d.Key, part}]
			out = append(out, Shown{Definition: d, Part: part,
				Cell: shownCell(d, fig, Key{d.Key, part}, recordAccess, hide)})
		}
	}
	return out
}

func partsOf(f Figures, indicator string) []string {
	var parts []string
	for k := range f {
		if k.Indicator == indicator {
			parts = append(parts, k.Part)
		}
	}
	slices.Sort(parts)
	return parts
}

// Trend computes a scope's totals over the n periods of a kind ending
// with p, oldest first.
func Trend(ctx context.Context, db *sql.DB, a Audience, p Period, n int) ([]Period, []Figures, error) {
	periods := make([]Period, n)
	for i := n - 1; i >= 0; i-- {
		periods[i] = p
		p = p.Previous()
	}
	out := make([]Figures, n)
	for i, pr := range periods {
		_, total, err := ComputeTotal(ctx, db, a.IDs(), pr, a.Everywhere)
		if err != nil {
			return nil, nil, err
		}
		out[i] = total
	}
	return periods, out, nil
}
