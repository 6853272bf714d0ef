package ratelimit

import (
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Decision is the answer for one request.
type Decision struct {
	Allowed    bool
	RetryAfter time.Duration // when refused: until the refusing bucket has a token
	States     []State       // the buckets charged, in order, up to the refusing one
	policies   []bucket
}

// State is one bucket after the request.
type State struct {
	Class      Class
	Limit      Limit
	Allowed    bool
	Remaining  int           // requests left, as far as this replica knows
	RetryAfter time.Duration // when refused
	refund     func()
}

func refused(b bucket, wait time.Duration) State {
	return State{Class: b.class, Limit: b.limit, RetryAfter: wait, refund: func() {}}
}

// RetryAfterSeconds is Retry-After in whole seconds, at least one.
func (d Decision) RetryAfterSeconds() int { return ceilSeconds(d.RetryAfter) }

// SetHeaders writes the RateLimit-Policy and RateLimit fields of the IETF
// draft (draft-ietf-httpapi-ratelimit-headers-09) and, on a refusal,
// Retry-After. A token bucket of rate r and burst b is told as a quota of
// b per b/r seconds (the time it takes to refill from empty); RateLimit
// names the bucket closest to refusing.
func (d Decision) SetHeaders(h http.Header) {
	if len(d.policies) == 0 {
		return
	}
	policies := make([]string, len(d.policies))
	for i, b := range d.policies {
		w := max(1, int(math.Ceil(float64(b.limit.Burst)/b.limit.Rate)))
		policies[i] = strconv.Quote(string(b.class)) + ";q=" + strconv.Itoa(b.limit.Burst) + ";w=" + strconv.Itoa(w)
	}
	h.Set("RateLimit-Policy", strings.Join(policies, ", "))
	st := d.tightest()
	remaining, reset := st.Remaining, st.resetSeconds()
	if !d.Allowed {
		remaining, reset = 0, d.RetryAfterSeconds()
		h.Set("Retry-After", strconv.Itoa(reset))
	}
	h.Set("RateLimit", strconv.Quote(string(st.Class))+";r="+strconv.Itoa(remaining)+";t="+strconv.Itoa(reset))
}

// tightest is the refusing bucket, or the one with the fewest requests left.
func (d Decision) tightest() State {
	best := d.States[0]
	for _, st := range d.States[1:] {
		if !st.Allowed || st.Remaining < best.Remaining {
			best = st
		}
	}
	return best
}

// resetSeconds: until the bucket is full again.
func (s State) resetSeconds() int {
	return int(math.Ceil(float64(s.Limit.Burst-s.Remaining) / s.Limit.Rate))
}

func ceilSeconds(d time.Duration) int { return max(1, int(math.Ceil(d.Seconds()))) }
