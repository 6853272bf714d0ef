package ratelimit

import (
	"context"
	"time"
)

// Enter waits for one of the caller's MaxInFlight slots on this replica and
// returns its release. A token bucket bounds how many requests a caller
// sends in a while, not how many run at once: a client that saved up its
// burst, or whose workers wake together, would run them all side by side
// and every other community's requests would queue behind them. Held to a
// few at a time (the web app's parallel queries of one page wait a moment),
// a caller's requests take turns, while the other communities' do not wait
// for them. The caller is the user or API client, or for anonymous
// requests the address: a sign-in flood from one address hashes two
// passwords at a time, however many it sends, and an office behind one
// NAT signs in two at a time. Communities have no slots. ok is false when no slot came free
// within QueueTimeout (or the client left): the request is refused.
func (l *Limiter) Enter(ctx context.Context, s Subject) (release func(), ok bool) {
	bs := l.buckets(s)
	if l.cfg.MaxInFlight <= 0 {
		return func() {}, true
	}
	e := l.entry(bs[0].key)
	e.mu.Lock()
	if e.slots == nil {
		e.slots = make(chan struct{}, l.cfg.MaxInFlight)
	}
	slots := e.slots
	e.mu.Unlock()
	select {
	case slots <- struct{}{}:
		return func() { <-slots }, true
	default:
	}
	t := time.NewTimer(l.cfg.QueueTimeout)
	defer t.Stop()
	select {
	case slots <- struct{}{}:
		return func() { <-slots }, true
	case <-t.C:
	case <-ctx.Done():
	}
	return nil, false
}

// Busy is the refusal of a request that found no free slot: like one out
// of tokens, but worth trying again in a second.
func (l *Limiter) Busy(s Subject) Decision {
	bs := l.buckets(s)
	return Decision{RetryAfter: time.Second, States: []State{refused(bs[0], time.Second)}, policies: bs}
}
