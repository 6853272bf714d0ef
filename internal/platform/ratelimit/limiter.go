// Package ratelimit gives every caller a fair share: token buckets per
// signed-in user, per API client, per community and, for requests without a
// viewer, per client address, shared by every replica through PostgreSQL.
//
// The shared bucket of a key lives in the UNLOGGED table rate_limit_buckets.
// A replica does not ask it per request: it leases a batch of tokens (Lease
// seconds of the bucket's rate, at most a quarter of its burst) with one
// statement on the limiter's own pool and spends them from memory; when the
// shared bucket has no whole token left, the replica refuses that key from
// memory until the bucket's refill time, so a flood costs no database work.
//
// The approximation: all replicas together never admit more than the shared
// bucket grants, but tokens one replica has leased and not yet spent are out
// of reach of the others, so a caller spread over R replicas may be refused
// up to R batches early. Remaining counts in the RateLimit header are
// estimates for the same reason.
//
// When the shared buckets cannot be reached (the database is down, or the
// limiter's pool is stuck past StoreTimeout), the replica limits each key on
// its own with golang.org/x/time/rate buckets of the same shape, for
// RetryStore at a time, and says so once at warn. Neither failing open (a
// flood passes exactly when the database struggles) nor closed (a database
// blip refuses everyone, even what needs no database) is better than that:
// each replica keeps its limits, the whole at most R times the budget, and
// the requests themselves meet the outage (UNAVAILABLE) on their own path.
package ratelimit

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"math"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rs/zerolog"
	"golang.org/x/time/rate"
)

// Class is the kind of caller a bucket limits; it names the policy in the
// RateLimit headers.
type Class string

// The classes of buckets.
const (
	ClassViewer    Class = "viewer"
	ClassAPIClient Class = "api-client"
	ClassCommunity Class = "community"
	ClassAddress   Class = "address"
)

// Subject is who a request is charged to. A request with a user or API
// client is charged to it and, when Community is set, to that community
// too; one without either is charged to its address.
//
// Community is the viewer's community when they have exactly one (staff,
// partner reporters, API clients). Regional and national viewers read many
// communities and are limited by their own bucket only: which community a
// request touches is not known before it runs, and charging all of theirs
// would let one analyst empty a region's buckets.
type Subject struct {
	UserID      string
	APIClientID string
	Community   string
	Address     string
}

// Limiter decides whether a request may go on. Safe for concurrent use.
type Limiter struct {
	cfg   Config
	store store
	log   zerolog.Logger
	now   func() time.Time

	mu      sync.Mutex
	entries map[string]*entry
	creds   map[[32]byte]*credential
	held    chan struct{} // one slot per refused request being held

	fallback struct {
		sync.Mutex
		until  time.Time
		active bool
		epoch  int // counts outages: local buckets start anew in each
	}
}

// entry is one key's state on this replica.
type entry struct {
	mu         sync.Mutex
	leased     int       // tokens taken from the shared bucket, not spent yet
	shared     float64   // what the shared bucket held after the last lease
	sharedAt   time.Time // when
	emptyUntil time.Time // the shared bucket has no whole token before then
	local      *rate.Limiter
	slots      chan struct{} // requests of the caller running on this replica
	localEpoch int           // the outage local was made for
	used       atomic.Int64  // unix nanoseconds of the last request
}

// New builds a limiter over the shared buckets reached through db, the
// limiter's own pool (OpenPool), and starts sweeping idle state until ctx
// ends.
func New(ctx context.Context, db *sql.DB, cfg Config, log zerolog.Logger) *Limiter {
	l := &Limiter{cfg: cfg, store: store{db: db}, log: log, now: time.Now, entries: map[string]*entry{}, creds: map[[32]byte]*credential{},
		held: make(chan struct{}, max(cfg.MaxHeld, 0))}
	go l.sweepEvery(ctx, time.Minute)
	return l
}

// Config is the limiter's configuration.
func (l *Limiter) Config() Config { return l.cfg }

// Allow charges one request to the subject's buckets, in order (the
// caller's own first, then its community), and gives back what was taken
// when a later bucket refuses: a user refused by their own bucket does not
// drain their community's.
func (l *Limiter) Allow(ctx context.Context, s Subject) Decision {
	bs := l.buckets(s)
	d := Decision{Allowed: true, policies: bs}
	for _, b := range bs {
		st := l.take(ctx, b)
		d.States = append(d.States, st)
		if !st.Allowed {
			for _, prev := range d.States[:len(d.States)-1] {
				prev.refund()
			}
			d.Allowed, d.RetryAfter = false, st.RetryAfter
			return d
		}
	}
	return d
}

// bucket is one key with its class and shape.
type bucket struct {
	class Class
	key   string
	limit Limit
}

func (l *Limiter) buckets(s Subject) []bucket {
	var out []bucket
	switch {
	case s.APIClientID != "":
		out = append(out, bucket{ClassAPIClient, "api:" + s.APIClientID, l.cfg.APIClient})
	case s.UserID != "":
		out = append(out, bucket{ClassViewer, "user:" + s.UserID, l.cfg.Viewer})
	default:
		return append(out, bucket{ClassAddress, "addr:" + AddressKey(s.Address), l.cfg.Address})
	}
	if s.Community != "" {
		out = append(out, bucket{ClassCommunity, "community:" + s.Community, l.cfg.Community})
	}
	return out
}

// AddressKey stands for a client address in the shared table and in
// memory: hashed, so neither holds an address, and an IPv6 address by its
// /64, which one host can fill with addresses at will.
func AddressKey(addr string) string {
	if ip := net.ParseIP(addr); ip != nil && ip.To4() == nil {
		addr = ip.Mask(net.CIDRMask(64, 128)).String()
	}
	h := sha256.Sum256([]byte(addr))
	return hex.EncodeToString(h[:16])
}

// take charges one request to one bucket.
func (l *Limiter) take(ctx context.Context, b bucket) State {
	e := l.entry(b.key)
	e.mu.Lock()
	defer e.mu.Unlock()
	now := l.now()
	e.used.Store(now.UnixNano())
	switch {
	case e.leased > 0:
	case now.Before(e.emptyUntil):
		return refused(b, e.emptyUntil.Sub(now))
	case l.usingFallback(now) > 0:
		return l.takeLocal(e, b, now)
	default:
		if st, ok := l.lease(ctx, e, b, now); !ok {
			return st
		}
	}
	e.leased--
	if e.leased == 0 && e.shared < 1 {
		// The lease is spent and the shared bucket had no whole token left:
		// none can be there before it refills, whatever other replicas do.
		e.emptyUntil = e.sharedAt.Add(seconds((1 - e.shared) / b.limit.Rate))
	}
	return State{Class: b.class, Limit: b.limit, Allowed: true, Remaining: e.estimate(b.limit, now),
		refund: func() { e.mu.Lock(); e.leased++; e.mu.Unlock() }}
}

// lease refills e from the shared bucket; ok is false with the state to
// answer when there is nothing to spend.
func (l *Limiter) lease(ctx context.Context, e *entry, b bucket, now time.Time) (State, bool) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), l.cfg.StoreTimeout)
	defer cancel()
	granted, remaining, err := l.store.take(ctx, b.key, b.limit, l.batch(b.limit))
	if err != nil {
		l.storeFailed(now, err)
		return l.takeLocal(e, b, now), false
	}
	l.storeWorks()
	e.shared, e.sharedAt = remaining, now
	if granted == 0 {
		wait := seconds((1 - remaining) / b.limit.Rate)
		e.emptyUntil = now.Add(wait)
		return refused(b, wait), false
	}
	e.leased = granted
	return State{}, true
}

// batch is how many tokens a replica leases at once.
func (l *Limiter) batch(lim Limit) int {
	n := int(math.Ceil(lim.Rate * l.cfg.Lease.Seconds()))
	return max(1, min(n, lim.Burst/4))
}

// takeLocal limits on this replica alone, while the shared buckets cannot
// be reached. The local bucket starts, for each outage, with what the
// shared one was last known to hold (full for a caller never seen), so an
// outage hands nobody a fresh burst.
func (l *Limiter) takeLocal(e *entry, b bucket, now time.Time) State {
	if epoch := l.usingFallback(now); e.local == nil || e.localEpoch != epoch {
		e.local = rate.NewLimiter(rate.Limit(b.limit.Rate), b.limit.Burst)
		if !e.sharedAt.IsZero() {
			e.local.AllowN(now, b.limit.Burst-e.estimate(b.limit, now))
		}
		e.localEpoch = epoch
	}
	r := e.local.ReserveN(now, 1)
	if wait := r.DelayFrom(now); wait > 0 {
		r.CancelAt(now)
		return refused(b, wait)
	}
	return State{Class: b.class, Limit: b.limit, Allowed: true, Remaining: int(e.local.TokensAt(now)),
		refund: func() { r.CancelAt(l.now()) }}
}

// estimate is how many requests the key has left, as far as this replica
// knows: its own lease and the shared bucket refilled since it last looked.
func (e *entry) estimate(lim Limit, now time.Time) int {
	shared := e.shared + now.Sub(e.sharedAt).Seconds()*lim.Rate
	return int(min(float64(lim.Burst), float64(e.leased)+shared))
}

// usingFallback is the outage in force (its epoch), or 0.
func (l *Limiter) usingFallback(now time.Time) int {
	l.fallback.Lock()
	defer l.fallback.Unlock()
	if l.fallback.active && now.Before(l.fallback.until) {
		return l.fallback.epoch
	}
	return 0
}

func (l *Limiter) storeFailed(now time.Time, err error) {
	l.fallback.Lock()
	defer l.fallback.Unlock()
	if !l.fallback.active {
		l.fallback.epoch++
		l.log.Warn().Str("error", err.Error()).Dur("retry_in", l.cfg.RetryStore).
			Msg("rate limits: shared buckets unreachable, limiting on this replica alone")
	}
	l.fallback.active, l.fallback.until = true, now.Add(l.cfg.RetryStore)
}

func (l *Limiter) storeWorks() {
	l.fallback.Lock()
	defer l.fallback.Unlock()
	if l.fallback.active {
		l.log.Info().Msg("rate limits: shared buckets reachable again")
	}
	l.fallback.active = false
}

func (l *Limiter) entry(key string) *entry {
	l.mu.Lock()
	defer l.mu.Unlock()
	e, ok := l.entries[key]
	if !ok {
		e = &entry{}
		l.entries[key] = e
	}
	return e
}

// sweepEvery forgets keys idle for two periods (their unspent lease is
// lost, which only errs on the strict side) and deletes shared buckets
// that are full again.
func (l *Limiter) sweepEvery(ctx context.Context, period time.Duration) {
	t := time.NewTicker(period)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			l.forgetIdle(l.now().Add(-2 * period))
			l.forgetIdleCredentials(l.now().Add(-2 * period))
			sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
			if _, err := l.store.sweep(sctx); err != nil && ctx.Err() == nil {
				l.log.Warn().Str("error", err.Error()).Msg("rate limits: sweep failed")
			}
			cancel()
		}
	}
}

func (l *Limiter) forgetIdle(before time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for k, e := range l.entries {
		if e.used.Load() < before.UnixNano() {
			delete(l.entries, k)
		}
	}
}

func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }
