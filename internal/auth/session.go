package auth

import (
	"context"
	"fmt"
	"time"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/apiclient"
	"github.com/turbota/turbota/ent/auditevent"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/session"
	"github.com/turbota/turbota/internal/audit"
	"github.com/turbota/turbota/internal/auth/secret"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/tenant"
)

// touchEvery limits last-seen writes to one a minute per session.
const touchEvery = time.Minute

// Caller is an authenticated request's identity.
type Caller struct {
	Viewer *tenant.Viewer
	// CSRF is the session's anti-forgery token; empty for API tokens, which
	// browsers never send on their own.
	CSRF string
}

// Authenticate resolves a session or API client token to its caller.
func (s *Service) Authenticate(ctx context.Context, token string) (*Caller, error) {
	ctx = tenant.SystemContext(ctx)
	switch {
	case secret.LooksLikeToken(token, secret.SessionPrefix):
		return s.authenticateSession(ctx, token)
	case secret.LooksLikeToken(token, secret.APIPrefix):
		return s.authenticateAPIClient(ctx, token)
	case secret.LooksLikeToken(token, secret.OAuthPrefix):
		return s.authenticateOAuthToken(ctx, token)
	}
	return nil, ErrUnauthenticated
}

func (s *Service) authenticateSession(ctx context.Context, token string) (*Caller, error) {
	hash := secret.HashToken(token)
	if c, ok := s.sessions.get(hash); ok {
		if caller, err := s.callerOf(ctx, hash, c); err == nil {
			return caller, nil
		}
		// Refused by what this server last saw: look again, another server
		// may have kept the session alive.
	}
	c, err := s.lookupCaller(ctx, hash)
	if err != nil {
		return nil, err
	}
	return s.callerOf(ctx, hash, c)
}

// lookupCaller looks a session up and keeps the caller it makes.
func (s *Service) lookupCaller(ctx context.Context, hash []byte) (*cachedSession, error) {
	s.sessions.forget(hash)
	sess, stamp, err := s.lookupSession(ctx, hash)
	if err != nil {
		return nil, err
	}
	v, err := viewerOf(ctx, s.client, sess.UserID, sess.Grants)
	if err != nil {
		return nil, err
	}
	v.SessionID, v.EnrollmentOnly = sess.ID, sess.Enrollment
	c := &cachedSession{row: *sess, stamp: stamp, viewer: v}
	s.sessions.put(hash, c)
	return c, nil
}

// callerOf is the caller of a session as looked up, if the session is still
// valid now; its viewer carries the stamp for the request's transaction.
func (s *Service) callerOf(ctx context.Context, hash []byte, c *cachedSession) (*Caller, error) {
	sess, now := c.row, clock.Now()
	if sess.Revoked || now.After(sess.ExpiresAt) || now.After(sess.LastSeenAt.Add(s.cfg.IdleTimeout)) || sess.Disabled {
		s.sessions.forget(hash)
		return nil, ErrUnauthenticated
	}
	if now.Sub(sess.LastSeenAt) > touchEvery {
		if err := s.client.Session.UpdateOneID(sess.ID).SetLastSeenAt(now).Exec(ctx); err != nil {
			return nil, err
		}
		s.sessions.touched(hash, now)
	}
	v := c.viewer.Clone()
	v.Check = &tenant.SessionCheck{TokenHash: hash, Stamp: c.stamp, Idle: s.cfg.IdleTimeout}
	return &Caller{Viewer: v, CSRF: sess.CSRF}, nil
}

// Recheck looks up again the session of a viewer whose request transaction
// found it changed (tenant.ErrViewerChanged): the viewer it makes now, or
// ErrUnauthenticated if the session ended.
func (s *Service) Recheck(ctx context.Context, v *tenant.Viewer) (*tenant.Viewer, error) {
	if v == nil || v.Check == nil {
		return nil, ErrUnauthenticated
	}
	ctx = tenant.SystemContext(ctx)
	c, err := s.lookupCaller(ctx, v.Check.TokenHash)
	if err != nil {
		return nil, err
	}
	caller, err := s.callerOf(ctx, v.Check.TokenHash, c)
	if err != nil {
		return nil, err
	}
	return caller.Viewer, nil
}

func (s *Service) authenticateAPIClient(ctx context.Context, token string) (*Caller, error) {
	c, err := s.client.APIClient.Query().Where(apiclient.TokenHash(secret.HashToken(token))).Only(ctx)
	if err != nil {
		return nil, notFound(err, "look up API client")
	}
	return s.clientCaller(ctx, c, nil)
}

// clientCaller is an API client acting in its role, narrowed to scopes when
// they are not nil, if it still works and calls from an address it may.
func (s *Service) clientCaller(ctx context.Context, c *ent.APIClient, scopes []string) (*Caller, error) {
	now := clock.Now()
	if c.RevokedAt != nil || !now.Before(c.ExpiresAt) {
		return nil, ErrUnauthenticated
	}
	if !AddressAllowed(c.AllowedRanges, RemoteAddr(ctx)) {
		return nil, ErrAddressNotAllowed
	}
	if c.LastUsedAt == nil || now.Sub(*c.LastUsedAt) > touchEvery {
		if err := s.client.APIClient.UpdateOne(c).SetLastUsedAt(now).Exec(ctx); err != nil {
			return nil, err
		}
	}
	v := &tenant.Viewer{APIClientID: c.ID, Grants: []tenant.Grant{{Role: string(c.Role), CommunityID: c.CommunityID}}, Scopes: scopes}
	if err := resolveCommunities(ctx, s.client, v); err != nil {
		return nil, err
	}
	return &Caller{Viewer: v}, nil
}

// Logout ends a session.
func (s *Service) Logout(ctx context.Context, v *tenant.Viewer) error {
	if v == nil || v.SessionID == "" {
		return ErrUnauthenticated
	}
	ctx = tenant.SystemContext(ctx)
	if err := s.client.Session.UpdateOneID(v.SessionID).SetRevokedAt(clock.Now()).Exec(ctx); err != nil {
		return err
	}
	if v.Check != nil {
		s.sessions.forget(v.Check.TokenHash)
	}
	return audit.Write(ctx, s.client, audit.Event{Action: auditevent.ActionLOGOUT, EntityType: ent.TypeUser,
		EntityID: string(v.UserID), ActorUser: v.UserID})
}

// RevokeSessions ends every session of a user (password reset, disabling).
func (s *Service) RevokeSessions(ctx context.Context, userID pulid.ID) error {
	_, err := s.client.Session.Update().
		Where(session.UserID(userID), session.RevokedAtIsNil()).
		SetRevokedAt(clock.Now()).Save(tenant.SystemContext(ctx))
	s.sessions.forgetUser(userID)
	return err
}

// notFound: an unknown token is ErrUnauthenticated; any other error (the
// database is down, the request ran out of time) is what it is, so the
// client is never told it was signed out when it was not.
func notFound(err error, what string) error {
	if ent.IsNotFound(err) {
		return ErrUnauthenticated
	}
	return fmt.Errorf("%s: %w", what, err)
}
