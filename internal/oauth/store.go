package oauth

import (
	"context"
	"time"

	"github.com/ory/fosite"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/oauthtoken"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/auth/secret"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/tenant"
)

// store keeps fosite's clients and access tokens in Turbota's tables. It
// works as the server's own sign-in code does (tenant.SystemContext):
// nobody is signed in while a client proves who it is. Authorization
// codes and refresh tokens do not exist for the client-credentials grant,
// so their parts of fosite's storage find nothing.
type store struct {
	client *ent.Client
	ttl    time.Duration
}

func sys(ctx context.Context) context.Context { return tenant.SystemContext(ctx) }

// GetClient is an API client that may use its credentials: not revoked,
// not expired, and with a secret.
func (s *store) GetClient(ctx context.Context, id string) (fosite.Client, error) {
	c, err := s.client.APIClient.Get(sys(ctx), pulid.ID(id))
	if err != nil {
		return nil, notFound(err)
	}
	if !usable(c) {
		return nil, fosite.ErrNotFound
	}
	return client{c}, nil
}

// usable: a client whose administrator has not revoked it and whose
// validity has not run out.
func usable(c *ent.APIClient) bool {
	return c.RevokedAt == nil && clock.Now().Before(c.ExpiresAt) && len(c.SecretHash) > 0
}

// JWT client assertions are not offered (client_secret_basic and
// client_secret_post only), so no JTI is ever known.
func (s *store) ClientAssertionJWTValid(context.Context, string) error { return nil }
func (s *store) SetClientAssertionJWT(context.Context, string, time.Time) error {
	return fosite.ErrNotFound
}

// CreateAccessTokenSession stores a new token by its signature, with the
// scopes granted and an expiry on the product's clock.
func (s *store) CreateAccessTokenSession(ctx context.Context, signature string, r fosite.Requester) error {
	return s.client.OAuthToken.Create().SetClientID(pulid.ID(r.GetClient().GetID())).
		SetSignature([]byte(signature)).SetRequestID(r.GetID()).SetScopes(r.GetGrantedScopes()).
		SetExpiresAt(clock.Now().Add(s.ttl)).Exec(sys(ctx))
}

// GetAccessTokenSession is the request a token was issued for, while both
// the token and its client still work: revoking the client ends all its
// tokens at once.
func (s *store) GetAccessTokenSession(ctx context.Context, signature string, sess fosite.Session) (fosite.Requester, error) {
	t, err := s.client.OAuthToken.Query().Where(oauthtoken.Signature([]byte(signature))).Only(sys(ctx))
	if err != nil {
		return nil, notFound(err)
	}
	if t.RevokedAt != nil || !clock.Now().Before(t.ExpiresAt) {
		return nil, fosite.ErrNotFound
	}
	c, err := s.client.APIClient.Get(sys(ctx), t.ClientID)
	if err != nil {
		return nil, notFound(err)
	}
	if !usable(c) {
		return nil, fosite.ErrNotFound
	}
	return requestOf(t, c, sess), nil
}

// requestOf rebuilds the token request fosite issued the token for
// (revocation asks without a session).
func requestOf(t *ent.OAuthToken, c *ent.APIClient, sess fosite.Session) fosite.Requester {
	if sess == nil {
		sess = newSession()
	}
	if ts, ok := sess.(*session); ok {
		ts.token, ts.apiClient, ts.Subject = t, c, string(c.ID)
	}
	sess.SetExpiresAt(fosite.AccessToken, t.ExpiresAt)
	r := fosite.NewRequest()
	r.ID, r.RequestedAt, r.Client, r.Session = t.RequestID, t.CreatedAt, client{c}, sess
	r.RequestedScope = fosite.Arguments(t.Scopes)
	r.GrantedScope = fosite.Arguments(t.Scopes)
	return r
}

func (s *store) DeleteAccessTokenSession(ctx context.Context, signature string) error {
	_, err := s.client.OAuthToken.Update().Where(oauthtoken.Signature([]byte(signature)), oauthtoken.RevokedAtIsNil()).
		SetRevokedAt(clock.Now()).Save(sys(ctx))
	return err
}

// RevokeAccessToken ends the tokens of one token request (RFC 7009).
func (s *store) RevokeAccessToken(ctx context.Context, requestID string) error {
	_, err := s.client.OAuthToken.Update().Where(oauthtoken.RequestID(requestID), oauthtoken.RevokedAtIsNil()).
		SetRevokedAt(clock.Now()).Save(sys(ctx))
	return err
}

// No refresh tokens are ever issued.
func (s *store) RevokeRefreshToken(context.Context, string) error { return nil }
func (s *store) CreateRefreshTokenSession(context.Context, string, string, fosite.Requester) error {
	return fosite.ErrNotFound
}
func (s *store) GetRefreshTokenSession(context.Context, string, fosite.Session) (fosite.Requester, error) {
	return nil, fosite.ErrNotFound
}
func (s *store) DeleteRefreshTokenSession(context.Context, string) error  { return nil }
func (s *store) RotateRefreshToken(context.Context, string, string) error { return nil }

// No authorization codes either.
func (s *store) CreateAuthorizeCodeSession(context.Context, string, fosite.Requester) error {
	return fosite.ErrNotFound
}
func (s *store) GetAuthorizeCodeSession(context.Context, string, fosite.Session) (fosite.Requester, error) {
	return nil, fosite.ErrNotFound
}
func (s *store) InvalidateAuthorizeCodeSession(context.Context, string) error { return nil }

// notFound: an unknown client or token is fosite's not-found; anything else
// (the database) is what it is.
func notFound(err error) error {
	if ent.IsNotFound(err) {
		return fosite.ErrNotFound
	}
	return err
}

// signature is how a token is found: the SHA-256 of the whole token.
func signature(token string) string { return string(secret.HashToken(token)) }
