package ratelimit

import (
	"context"
	"time"
)

// Hold keeps a refused request for up to Config.Hold (never past the time
// its bucket has a token again) before it is answered. A refusal is cheap,
// so a client that ignores Retry-After and asks again at once would
// otherwise spin, thousands of refusals a second per connection, and burn
// the CPU the limit was to protect; held, each connection asks about once
// per hold. At most Config.MaxHeld requests are held at a time (a sleeping
// goroutine each); past that they are answered at once. It returns how
// long it held, for the Retry-After that is left.
func (l *Limiter) Hold(ctx context.Context, d Decision) time.Duration {
	wait := min(d.RetryAfter, l.cfg.Hold)
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
