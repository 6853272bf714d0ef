package auth

import (
	"time"

	"github.com/hashicorp/golang-lru/v2/expirable"

	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/tenant"
)

// A signed-in request used to start with a round trip of its own: the
// session, its account and grants looked up before the request's
// transaction could begin. The server now keeps the callers it has looked
// up, and the request's transaction checks, in the message that begins it,
// that the session's stamp (turbota_session_stamp: its end, the account's
// state, the memberships and live emergency accesses) is still the one
// the caller was made from. Nothing is read under a stale caller: a
// session revoked, an account disabled or a role withdrawn on any server
// changes the stamp, the transaction refuses to begin (tenant.
// ErrViewerChanged) and the request looks the session up again
// (Service.Recheck). Times are still checked here on every request (expiry,
// idle timeout), and the last-seen mark is written as before, at most once
// a minute; the stamp holds only whether the session went idle, which an
// operator's or another server's change of the mark may turn.

const (
	// sessionCacheSize bounds the callers kept: a few hundred bytes each.
	sessionCacheSize = 10_000
	// sessionCacheTTL drops callers of sessions no longer in use; a kept
	// caller is checked on every request whatever its age.
	sessionCacheTTL = 10 * time.Minute
)

// cachedSession is a session as looked up, with the caller it makes.
type cachedSession struct {
	row    sessionRow
	stamp  string
	viewer *tenant.Viewer // never handed out: each request gets a clone
}

type sessionCache struct {
	lru *expirable.LRU[string, *cachedSession]
}

func newSessionCache() *sessionCache {
	return &sessionCache{lru: expirable.NewLRU[string, *cachedSession](sessionCacheSize, nil, sessionCacheTTL)}
}

func (c *sessionCache) get(hash []byte) (*cachedSession, bool) {
	return c.lru.Get(string(hash))
}

func (c *sessionCache) put(hash []byte, s *cachedSession) {
	c.lru.Add(string(hash), s)
}

func (c *sessionCache) forget(hash []byte) {
	c.lru.Remove(string(hash))
}

// forgetUser drops every session of a user (all of them revoked at once).
func (c *sessionCache) forgetUser(user pulid.ID) {
	for _, k := range c.lru.Keys() {
		if s, ok := c.lru.Peek(k); ok && s.row.UserID == user {
			c.lru.Remove(k)
		}
	}
}

// touched records a last-seen mark this server wrote for the session.
func (c *sessionCache) touched(hash []byte, at time.Time) {
	if s, ok := c.lru.Peek(string(hash)); ok {
		t := *s
		t.row.LastSeenAt = at
		c.lru.Add(string(hash), &t)
	}
}
