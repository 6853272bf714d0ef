package ratelimit

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/spf13/pflag"
)

// Limit is one token bucket's shape: Rate tokens a second refill it, up to
// Burst tokens; a request takes one.
type Limit struct {
	Rate  float64
	Burst int
}

// Config is every setting of the limiter, one Limit per kind of caller.
type Config struct {
	Enabled bool
	// Viewer: one signed-in user, whatever their communities.
	Viewer Limit
	// APIClient: one third-party application's token.
	APIClient Limit
	// Community: every viewer of one community together (a viewer of
	// exactly one community is charged to it; see Subject).
	Community Limit
	// Address: requests without a viewer (sign-in, the anonymous start of
	// the app) from one client address.
	Address Limit
	// Lease is how many seconds of a bucket's rate a replica takes from the
	// shared bucket at once (at most a quarter of its burst, at least one
	// token): the larger, the fewer database round trips, the coarser the
	// sharing between replicas.
	Lease time.Duration
	// StoreTimeout bounds one lease; past it the replica limits on its own
	// for RetryStore before asking the database again.
	StoreTimeout time.Duration
	RetryStore   time.Duration
	// Hold: how long a refused request is kept before it is answered (see
	// Limiter.Hold), and how many at most at a time.
	Hold    time.Duration
	MaxHeld int
	// MaxInFlight: requests of one user, API client or (anonymous) address
	// running at once on a replica (0: no cap); one waits up to
	// QueueTimeout for a turn.
	MaxInFlight  int
	QueueTimeout time.Duration
	// PoolSize is the size of the limiter's own connection pool, which the
	// caller opens (OpenPool) apart from the request pool.
	PoolSize int
}

// DefaultConfig: a person in the web app sends a handful of queries per
// page and, sustained, rarely more than a few a second; ten a second with
// a burst of sixty lets someone click through pages as fast as they like,
// while the cap of two requests in flight per user is what keeps one user
// (or a script with eight workers) from taking a 2-core server's CPU from
// the other communities (faults noisy measures it). A community's staff
// together get fifty a second: the bucket stops one community from taking
// a server, not its staff from working at nine o'clock. One address
// without a viewer (sign-in, and what the app asks before it) gets 15 at
// once and one a second: an office behind one NAT signs in at nine
// o'clock, about sixty people a minute, while a flood never has more
// sign-ins in flight than the pools serve. Raise them with the server's
// size.
func DefaultConfig() Config {
	return Config{
		Enabled:      true,
		Viewer:       Limit{Rate: 10, Burst: 60},
		APIClient:    Limit{Rate: 10, Burst: 40},
		Community:    Limit{Rate: 50, Burst: 300},
		Address:      Limit{Rate: 1, Burst: 15},
		Lease:        time.Second,
		StoreTimeout: time.Second,
		RetryStore:   5 * time.Second,
		Hold:         time.Second,
		MaxHeld:      1024,
		MaxInFlight:  2,
		QueueTimeout: 10 * time.Second,
		PoolSize:     2,
	}
}

// Bind adds the limiter's flags, each defaulting to its TURBOTA_*
// environment variable, then to DefaultConfig.
func (c *Config) Bind(f *pflag.FlagSet) {
	d := DefaultConfig()
	f.BoolVar(&c.Enabled, "rate-limit", envBool("TURBOTA_RATE_LIMIT", d.Enabled), "limit request rates per viewer, API client, community and anonymous address (TURBOTA_RATE_LIMIT)")
	bindLimit(f, &c.Viewer, "viewer", "a signed-in user", d.Viewer)
	bindLimit(f, &c.APIClient, "api-client", "an API client", d.APIClient)
	bindLimit(f, &c.Community, "community", "all viewers of one community", d.Community)
	bindLimit(f, &c.Address, "address", "anonymous requests from one client address", d.Address)
	f.DurationVar(&c.Lease, "rate-limit-lease", envDuration("TURBOTA_RATE_LIMIT_LEASE", d.Lease), "seconds of a bucket's rate each replica leases at once (TURBOTA_RATE_LIMIT_LEASE)")
	f.DurationVar(&c.StoreTimeout, "rate-limit-store-timeout", envDuration("TURBOTA_RATE_LIMIT_STORE_TIMEOUT", d.StoreTimeout), "longest wait for the shared buckets before limiting locally (TURBOTA_RATE_LIMIT_STORE_TIMEOUT)")
	f.DurationVar(&c.RetryStore, "rate-limit-retry-store", envDuration("TURBOTA_RATE_LIMIT_RETRY_STORE", d.RetryStore), "how long to limit locally after the shared buckets failed (TURBOTA_RATE_LIMIT_RETRY_STORE)")
	f.DurationVar(&c.Hold, "rate-limit-hold", envDuration("TURBOTA_RATE_LIMIT_HOLD", d.Hold), "how long a refused request is held before the answer, so clients that ignore Retry-After cannot spin (TURBOTA_RATE_LIMIT_HOLD)")
	f.IntVar(&c.MaxHeld, "rate-limit-max-held", envInt("TURBOTA_RATE_LIMIT_MAX_HELD", d.MaxHeld), "refused requests held at once; past it they are answered at once (TURBOTA_RATE_LIMIT_MAX_HELD)")
	f.IntVar(&c.MaxInFlight, "rate-limit-in-flight", envInt("TURBOTA_RATE_LIMIT_IN_FLIGHT", d.MaxInFlight), "requests of one user, API client or anonymous address running at once per replica, 0 for no cap (TURBOTA_RATE_LIMIT_IN_FLIGHT)")
	f.DurationVar(&c.QueueTimeout, "rate-limit-queue-timeout", envDuration("TURBOTA_RATE_LIMIT_QUEUE_TIMEOUT", d.QueueTimeout), "longest wait for one of those turns before the request is refused (TURBOTA_RATE_LIMIT_QUEUE_TIMEOUT)")
	f.IntVar(&c.PoolSize, "rate-limit-pool", envInt("TURBOTA_RATE_LIMIT_POOL", d.PoolSize), "connections of the rate limiter's own pool (TURBOTA_RATE_LIMIT_POOL)")
}

func bindLimit(f *pflag.FlagSet, l *Limit, name, who string, def Limit) {
	env := "TURBOTA_RATE_LIMIT_" + envName(name)
	f.Float64Var(&l.Rate, "rate-limit-"+name+"-rate", envFloat(env+"_RATE", def.Rate),
		fmt.Sprintf("requests a second for %s (%s_RATE)", who, env))
	f.IntVar(&l.Burst, "rate-limit-"+name+"-burst", envInt(env+"_BURST", def.Burst),
		fmt.Sprintf("requests at once for %s (%s_BURST)", who, env))
}

// Validate checks the settings with messages a person can act on.
func (c Config) Validate() error {
	if !c.Enabled {
		return nil
	}
	var errs []error
	for _, l := range []struct {
		name string
		Limit
	}{{"viewer", c.Viewer}, {"api-client", c.APIClient}, {"community", c.Community}, {"address", c.Address}} {
		if l.Rate <= 0 || l.Burst < 1 {
			errs = append(errs, fmt.Errorf("--rate-limit-%s-rate must be above 0 and --rate-limit-%s-burst at least 1 (got %g and %d)", l.name, l.name, l.Rate, l.Burst))
		}
	}
	if c.Lease <= 0 || c.StoreTimeout <= 0 || c.RetryStore <= 0 {
		errs = append(errs, errors.New("--rate-limit-lease, --rate-limit-store-timeout and --rate-limit-retry-store must be above 0"))
	}
	if c.Hold < 0 || c.MaxHeld < 0 || c.MaxInFlight < 0 || c.QueueTimeout < 0 {
		errs = append(errs, errors.New("--rate-limit-hold, -max-held, -in-flight and -queue-timeout cannot be negative"))
	}
	if c.PoolSize < 1 {
		errs = append(errs, fmt.Errorf("--rate-limit-pool must be at least 1, not %d", c.PoolSize))
	}
	return errors.Join(errs...)
}

func envName(flag string) string {
	b := []byte(flag)
	for i, c := range b {
		switch {
		case c == '-':
			b[i] = '_'
		case c >= 'a' && c <= 'z':
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

func envBool(name string, def bool) bool {
	if v, err := strconv.ParseBool(os.Getenv(name)); err == nil {
		return v
	}
	return def
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil {
		return v
	}
	return def
}

func envFloat(name string, def float64) float64 {
	if v, err := strconv.ParseFloat(os.Getenv(name), 64); err == nil {
		return v
	}
	return def
}

func envDuration(name string, def time.Duration) time.Duration {
	if v, err := time.ParseDuration(os.Getenv(name)); err == nil {
		return v
	}
	return def
}
