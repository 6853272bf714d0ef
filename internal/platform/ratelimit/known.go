package ratelimit

import (
	"crypto/sha256"
	"sync/atomic"
	"time"
)

// A refused caller who keeps asking would still cost a session lookup per
// request, since the viewer is known only after authentication. So the
// limiter remembers, for a while, whom each credential authenticated as
// (by the credential's hash, in memory only) and refuses a known
// credential from memory while one of its buckets is known to be empty.
// Only a credential that authenticated is remembered, so nobody can charge
// their requests to someone else's buckets; a session revoked meanwhile
// is told 429 instead of 401 until Retry-After, which says nothing more.

type credential struct {
	subject Subject
	used    atomic.Int64 // unix nanoseconds
}

// Remember records that the credential authenticated as s.
func (l *Limiter) Remember(cred string, s Subject) {
	if cred == "" {
		return
	}
	h := sha256.Sum256([]byte(cred))
	now := l.now().UnixNano()
	l.mu.Lock()
	defer l.mu.Unlock()
	c, ok := l.creds[h]
	if !ok || c.subject != s {
		c = &credential{subject: s}
		l.creds[h] = c
	}
	c.used.Store(now)
}

// RefuseKnown answers, before authentication, for a credential seen
// before whose caller has an empty bucket: ok is true with the refusal.
func (l *Limiter) RefuseKnown(cred string) (d Decision, ok bool) {
	if cred == "" {
		return Decision{}, false
	}
	h := sha256.Sum256([]byte(cred))
	l.mu.Lock()
	c, known := l.creds[h]
	l.mu.Unlock()
	if !known {
		return Decision{}, false
	}
	bs := l.buckets(c.subject)
	now := l.now()
	for _, b := range bs {
		if wait := l.knownEmpty(b.key, now); wait > 0 {
			return Decision{RetryAfter: wait, States: []State{refused(b, wait)}, policies: bs}, true
		}
	}
	return Decision{}, false
}

// knownEmpty is how long the key's shared bucket is known to stay empty
// on this replica, or 0.
func (l *Limiter) knownEmpty(key string, now time.Time) time.Duration {
	l.mu.Lock()
	e, ok := l.entries[key]
	l.mu.Unlock()
	if !ok {
		return 0
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.leased > 0 || !now.Before(e.emptyUntil) {
		return 0
	}
	return e.emptyUntil.Sub(now)
}

func (l *Limiter) forgetIdleCredentials(before time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for h, c := range l.creds {
		if c.used.Load() < before.UnixNano() {
			delete(l.creds, h)
		}
	}
}
