package indicators

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/platform/clock"
)

// The national view adds up every case of the country: seconds of work for
// the database, the same for every analyst who opens it, while the figures
// change only when casework is written. Computed figures are therefore
// kept, per database, scope and period, until the data they count changes:
// every write to a table the figures read advances the sequence
// turbota_indicator_epoch (statement triggers, see the migrations), and a
// kept result is used only while the sequence has not moved. Viewers who ask
// for the same figures at once wait for one computation. The figures are
// counts, never records; suppression and the audience are still decided
// per viewer on top of them.
const (
	// cacheEntries bounds the memory kept: a national year is about a
	// megabyte (1,470 communities × 50 figures).
	cacheEntries = 64
	// cacheMaxAge bounds how long a result may be used: a write whose
	// statement ended (moving the sequence) before a computation started,
	// but committed after it, is otherwise only seen at the next write.
	cacheMaxAge = 10 * time.Minute
)

const epochSQL = `SELECT last_value FROM turbota_indicator_epoch`

type cacheKey struct {
	db         *sql.DB
	from, to   int64
	everywhere bool
	scope      [sha256.Size]byte
}

type cacheEntry struct {
	epoch int64
	at    time.Time
	ready chan struct{} // closed once per, total and err are set
	per   map[pulid.ID]Figures
	total Figures // per added up: the national view's total adds 1,470 maps
	err   error
}

var figures = struct {
	mu      sync.Mutex
	entries map[cacheKey]*cacheEntry
}{entries: map[cacheKey]*cacheEntry{}}

// Compute returns the figures of each community for the period (see
// compute), from what was computed before while the data has not changed.
// The Figures of the result are shared: callers read them, never write.
func Compute(ctx context.Context, db *sql.DB, communities []pulid.ID, p Period, everywhere bool) (map[pulid.ID]Figures, error) {
	per, _, err := computeKept(ctx, db, communities, p, everywhere)
	return per, err
}

// ComputeTotal is Compute with the figures added up (Total), kept with
// them; the total is shared too.
func ComputeTotal(ctx context.Context, db *sql.DB, communities []pulid.ID, p Period, everywhere bool) (map[pulid.ID]Figures, Figures, error) {
	return computeKept(ctx, db, communities, p, everywhere)
}

func computeKept(ctx context.Context, db *sql.DB, communities []pulid.ID, p Period, everywhere bool) (map[pulid.ID]Figures, Figures, error) {
	var epoch int64
	if err := db.QueryRowContext(ctx, epochSQL).Scan(&epoch); err != nil {
		return nil, nil, fmt.Errorf("indicators: %w", err)
	}
	key := keyOf(db, communities, p, everywhere)
	e, mine := claim(key, epoch)
	if mine {
		e.per, e.err = compute(ctx, db, communities, p, everywhere)
		if e.err == nil {
			e.total = Total(e.per)
		}
		close(e.ready)
		if e.err != nil {
			release(key, e)
		}
	}
	select {
	case <-e.ready:
	case <-ctx.Done():
		return nil, nil, ctx.Err()
	}
	if e.err != nil && ctx.Err() == nil && (errors.Is(e.err, context.Canceled) || errors.Is(e.err, context.DeadlineExceeded)) {
		// The viewer who computed went away; this one still waits.
		per, err := compute(ctx, db, communities, p, everywhere)
		if err != nil {
			return nil, nil, err
		}
		return per, Total(per), nil
	}
	if e.err != nil {
		return nil, nil, e.err
	}
	return maps.Clone(e.per), e.total, nil
}

func keyOf(db *sql.DB, communities []pulid.ID, p Period, everywhere bool) cacheKey {
	ids := slices.Clone(communities)
	slices.Sort(ids)
	h := sha256.New()
	for _, id := range ids {
		h.Write([]byte(id))
		h.Write([]byte{0})
	}
	k := cacheKey{db: db, from: p.From.UnixNano(), to: p.To.UnixNano(), everywhere: everywhere}
	copy(k.scope[:], h.Sum(nil))
	return k
}

// claim returns the entry for key at epoch, and whether the caller is to
// compute it (a new entry) or only to wait for it.
func claim(key cacheKey, epoch int64) (*cacheEntry, bool) {
	figures.mu.Lock()
	defer figures.mu.Unlock()
	if e, ok := figures.entries[key]; ok && e.epoch == epoch && clock.Since(e.at) < cacheMaxAge {
		return e, false
	}
	if len(figures.entries) >= cacheEntries {
		evictOldest()
	}
	e := &cacheEntry{epoch: epoch, at: clock.Now(), ready: make(chan struct{})}
	figures.entries[key] = e
	return e, true
}

// release forgets a failed computation, so that the next viewer tries again.
func release(key cacheKey, e *cacheEntry) {
	figures.mu.Lock()
	defer figures.mu.Unlock()
	if figures.entries[key] == e {
		delete(figures.entries, key)
	}
}

func evictOldest() {
	var oldest cacheKey
	var at time.Time
	for k, e := range figures.entries {
		if at.IsZero() || e.at.Before(at) {
			oldest, at = k, e.at
		}
	}
	delete(figures.entries, oldest)
}
