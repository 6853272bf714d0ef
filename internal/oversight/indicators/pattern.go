package indicators

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"sync"
	"time"

	"github.com/turbota/turbota/internal/platform/clock"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/procedure"
)

// yearOf finds a period in the pattern's order: 0 the year, 1-4 its
// quarters, 5-16 its months; ok is false for a period of another shape.
func yearOf(p Period) (year, index int, ok bool) {
	from := p.From.In(procedure.Kyiv())
	year, month := from.Year(), int(from.Month())
	switch {
	case p.To.Equal(from.AddDate(1, 0, 0)) && month == 1:
		return year, 0, true
	case p.To.Equal(from.AddDate(0, 3, 0)) && (month-1)%3 == 0:
		return year, 1 + (month-1)/3, true
	case p.To.Equal(from.AddDate(0, 1, 0)):
		return year, 4 + month, true
	}
	return year, 0, false
}

// periodsOf are a year's periods in the pattern's order.
func periodsOf(year int) ([yearPeriods]Period, error) {
	var out [yearPeriods]Period
	var err error
	if out[0], err = PeriodOf(Year, year, 1); err != nil {
		return out, err
	}
	for q := 1; q <= 4; q++ {
		out[q], _ = PeriodOf(Quarter, year, q)
	}
	for m := 1; m <= 12; m++ {
		out[4+m], _ = PeriodOf(Month, year, m)
	}
	return out, nil
}

// Patterns are the suppression patterns of one viewer, by year, computed
// when first asked for.
type Patterns struct {
	ctx      context.Context
	db       *sql.DB
	audience Audience
	years    map[int]*Pattern
}

// PatternsOf prepares the patterns of the viewer of ctx, over everything
// the viewer may see indicators of (not only the scope asked for).
func PatternsOf(ctx context.Context, c *ent.Client, db *sql.DB) (*Patterns, error) {
	a, err := AudienceOf(ctx, c, Scope{})
	if err != nil {
		return nil, err
	}
	return &Patterns{ctx: ctx, db: db, audience: a, years: map[int]*Pattern{}}, nil
}

// patternsFor is PatternsOf for a report of scope s over audience a: a
// report of the whole scope already has the audience the patterns need.
func patternsFor(ctx context.Context, c *ent.Client, db *sql.DB, s Scope, a Audience) (*Patterns, error) {
	if s != (Scope{}) {
		return PatternsOf(ctx, c, db)
	}
	return &Patterns{ctx: ctx, db: db, audience: a, years: map[int]*Pattern{}}, nil
}

// Hidden says whether the figure key of owner (a community, district or
// region; "" for the whole audience) in period p is hidden, primary or
// secondary; a share or ratio is hidden with any count it is made of.
func (ps *Patterns) Hidden(p Period, owner pulid.ID, key Key) (bool, error) {
	year, i, ok := yearOf(p)
	if !ok {
		return false, nil
	}
	pt, err := ps.year(year)
	if err != nil {
		return false, err
	}
	if b, ok := bases[key.Indicator]; ok {
		for _, k := range b {
			if pt.at(i, owner, Key{k, ""}) {
				return true, nil
			}
		}
		return false, nil
	}
	return pt.at(i, owner, key), nil
}

// Hider is Hidden for one row and period, with the period's year computed
// now, so that the function itself cannot fail.
func (ps *Patterns) Hider(p Period, owner pulid.ID) (func(Key) bool, error) {
	if year, _, ok := yearOf(p); ok {
		if _, err := ps.year(year); err != nil {
			return nil, err
		}
	}
	return func(k Key) bool {
		h, _ := ps.Hidden(p, owner, k)
		return h
	}, nil
}

func (ps *Patterns) year(y int) (*Pattern, error) {
	if pt, ok := ps.years[y]; ok {
		return pt, nil
	}
	var epoch int64
	if err := ps.db.QueryRowContext(ps.ctx, epochSQL).Scan(&epoch); err != nil {
		return nil, fmt.Errorf("indicators: %w", err)
	}
	key := patternKey{db: ps.db, year: y, viewer: viewerKey(ps.audience)}
	if pt := keptPattern(key, epoch); pt != nil {
		ps.years[y] = pt
		return pt, nil
	}
	periods, err := periodsOf(y)
	if err != nil {
		return nil, err
	}
	var per [yearPeriods]map[pulid.ID]Figures
	for i, p := range periods {
		if per[i], err = Compute(ps.ctx, ps.db, ps.audience.IDs(), p, ps.audience.Everywhere); err != nil {
			return nil, err
		}
	}
	pt := Protect(y, ps.audience, per)
	ps.years[y] = pt
	keepPattern(key, epoch, pt)
	return pt, nil
}

// Patterns are kept as figures are (cache.go): per database, year and
// audience with its record access, while the data has not changed; the
// national year's pattern is a few seconds of work.
type patternKey struct {
	db     *sql.DB
	year   int
	viewer [sha256.Size]byte
}

type kept struct {
	epoch int64
	at    time.Time
	pt    *Pattern
}

var patterns = struct {
	mu sync.Mutex
	m  map[patternKey]kept
}{m: map[patternKey]kept{}}

func viewerKey(a Audience) [sha256.Size]byte {
	h := sha256.New()
	for _, c := range a.Communities {
		h.Write([]byte(c.ID))
		h.Write([]byte{0, map[bool]byte{true: 1}[a.RecordAccess[c.ID]]})
	}
	var out [sha256.Size]byte
	copy(out[:], h.Sum(nil))
	return out
}

func keptPattern(k patternKey, epoch int64) *Pattern {
	patterns.mu.Lock()
	defer patterns.mu.Unlock()
	if e, ok := patterns.m[k]; ok && e.epoch == epoch && clock.Now().Sub(e.at) < cacheMaxAge {
		return e.pt
	}
	return nil
}

func keepPattern(k patternKey, epoch int64, pt *Pattern) {
	patterns.mu.Lock()
	defer patterns.mu.Unlock()
	if len(patterns.m) >= cacheEntries {
		clear(patterns.m)
	}
	patterns.m[k] = kept{epoch: epoch, at: clock.Now(), pt: pt}
}

func (pt *Pattern) at(period int, owner pulid.ID, key Key) bool {
	o, ok := pt.owners[owner]
	k, known := pt.keys[key]
	if !ok || !known {
		return false
	}
	return pt.hidden[(period*len(pt.owners)+o)*len(pt.keys)+k]
}
