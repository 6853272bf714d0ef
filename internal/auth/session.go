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
	}
	return nil, ErrUnauthenticated
}

func (s *Service) authenticateSession(ctx context.Context, token string) (*Caller, error) {
	sess, err := s.lookupSession(ctx, token)
	if err != nil {
		return nil, err
	}
	now := clock.Now()
	if sess.Revoked || now.After(sess.ExpiresAt) || now.After(sess.LastSeenAt.Add(s.cfg.IdleTimeout)) || sess.Disabled {
		return nil, ErrUnauthenticated
	}
	if now.Sub(sess.LastSeenAt) > touchEvery {
		if err := s.client.Session.UpdateOneID(sess.ID).SetLastSeenAt(now).Exec(ctx); err != nil {
			return nil, err
		}
	}
	v, err := viewerOf(ctx, s.client, sess.UserID, sess.Grants)
	if err != nil {
		return nil, err
	}
	v.SessionID, v.EnrollmentOnly = sess.ID, sess.Enrollment
	return &Caller{Viewer: v, CSRF: sess.CSRF}, nil
}

func (s *Service) authenticateAPIClient(ctx context.Context, token string) (*Caller, error) {
	c, err := s.client.APIClient.Query().Where(apiclient.TokenHash(secret.HashToken(token))).Only(ctx)
	if err != nil {
		return nil, notFound(err, "look up API client")
	}
	now := clock.Now()
	if c.RevokedAt != nil || now.After(c.ExpiresAt) {
		return nil, ErrUnauthenticated
	}
	if c.LastUsedAt == nil || now.Sub(*c.LastUsedAt) > touchEvery {
		if err := s.client.APIClient.UpdateOne(c).SetLastUsedAt(now).Exec(ctx); err != nil {
			return nil, err
		}
	}
	v := &tenant.Viewer{APIClientID: c.ID, Grants: []tenant.Grant{{Role: string(c.Role), CommunityID: c.CommunityID}}}
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
	return audit.Write(ctx, s.client, audit.Event{Action: auditevent.ActionLOGOUT, EntityType: ent.TypeUser,
		EntityID: string(v.UserID), ActorUser: v.UserID})
}

// RevokeSessions ends every session of a user (password reset, disabling).
func (s *Service) RevokeSessions(ctx context.Context, userID pulid.ID) error {
	_, err := s.client.Session.Update().
		Where(session.UserID(userID), session.RevokedAtIsNil()).
		SetRevokedAt(clock.Now()).Save(tenant.SystemContext(ctx))
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
