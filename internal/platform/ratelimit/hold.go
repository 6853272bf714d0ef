package ratelimit

import (
	"context"
	"math/rand/v2"
	"time"
)

// Hold keeps a refused request for up to Config.Hold before it is
// answered: until its bucket has a token again, plus a random part of as
// long again, so that callers held for one token do not all wake at once
// and pass authentication together for one of them to win it. A refusal
// is cheap, so a client that ignores Retry-After and asks again at once
// would otherwise spin, thousands of refusals a second per connection, and
// burn the CPU the limit was to protect; held, each connection asks about
// once per hold. At most Config.MaxHeld requests are held at a time (a
// sleeping goroutine each); past that they are answered at once. It
// returns how long it held, for the Retry-After that is left.
func (l *Limiter) Hold(ctx context.Context, d Decision) time.Duration {
	wait := min(d.RetryAfter+time.Duration(rand.Int64N(int64(d.RetryAfter)+1)), l.cfg.Hold)
	if wait <= 0 {
		return 0
	}
	select {
	case l.held <- struct{}{}:
		defer func() { <-l.held }()
	default:
		return 0
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	start := time.Now()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
	return time.Since(start)
}
