package oauth

import (
	"context"

	"github.com/ory/fosite"

	"github.com/turbota/turbota/internal/auth/secret"
)

// strategy makes access tokens as Turbota makes its other bearer tokens
// (secret.NewToken with the OAuth prefix) and finds them by their SHA-256,
// so no signing key has to be shared between replicas. Whether a token is
// still valid is what the store finds: it only returns live tokens.
type strategy struct{}

func (strategy) AccessTokenSignature(_ context.Context, token string) string { return signature(token) }

func (strategy) GenerateAccessToken(context.Context, fosite.Requester) (string, string, error) {
	token, hash, err := secret.NewToken(secret.OAuthPrefix)
	return token, string(hash), err
}

func (strategy) ValidateAccessToken(_ context.Context, _ fosite.Requester, token string) error {
	if !secret.LooksLikeToken(token, secret.OAuthPrefix) {
		return fosite.ErrInvalidTokenFormat
	}
	return nil
}

// Neither refresh tokens nor authorization codes are ever issued.
func (strategy) RefreshTokenSignature(context.Context, string) string { return "" }
func (strategy) GenerateRefreshToken(context.Context, fosite.Requester) (string, string, error) {
	return "", "", fosite.ErrUnsupportedGrantType
}
func (strategy) ValidateRefreshToken(context.Context, fosite.Requester, string) error {
	return fosite.ErrInactiveToken
}
func (strategy) AuthorizeCodeSignature(context.Context, string) string { return "" }
func (strategy) GenerateAuthorizeCode(context.Context, fosite.Requester) (string, string, error) {
	return "", "", fosite.ErrUnsupportedGrantType
}
func (strategy) ValidateAuthorizeCode(context.Context, fosite.Requester, string) error {
	return fosite.ErrInactiveToken
}
