package auth

import (
	"context"
	"errors"

	"github.com/turbota/turbota/ent/oauthtoken"
	"github.com/turbota/turbota/internal/auth/secret"
	"github.com/turbota/turbota/internal/platform/clock"
)

// ErrAddressNotAllowed: an API client called from outside the address
// ranges its administrator allowed.
var ErrAddressNotAllowed = errors.New("the API client may not call from this address")

// authenticateOAuthToken resolves an OAuth2 access token (internal/oauth
// issues them) to its client, acting in its role narrowed to the token's
// scopes. Revoking the client or the token, or the token's expiry on the
// product's clock, ends it.
func (s *Service) authenticateOAuthToken(ctx context.Context, token string) (*Caller, error) {
	t, err := s.client.OAuthToken.Query().Where(oauthtoken.Signature(secret.HashToken(token))).Only(ctx)
	if err != nil {
		return nil, notFound(err, "look up OAuth token")
	}
	if t.RevokedAt != nil || !clock.Now().Before(t.ExpiresAt) {
		return nil, ErrUnauthenticated
	}
	c, err := s.client.APIClient.Get(ctx, t.ClientID)
	if err != nil {
		return nil, notFound(err, "look up API client")
	}
	var scopes []string // none: the client's whole role, as its scopes say
	if len(t.Scopes) > 0 {
		scopes = t.Scopes
	}
	return s.clientCaller(ctx, c, scopes)
}
