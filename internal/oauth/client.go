package oauth

import (
	"github.com/ory/fosite"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/internal/platform/clock"
)

// client is an API client as fosite sees it: confidential, client
// credentials only, with the scopes its administrator gave it.
type client struct{ c *ent.APIClient }

var _ fosite.ClientWithSecretRotation = client{}

func (c client) GetID() string             { return string(c.c.ID) }
func (c client) GetHashedSecret() []byte   { return c.c.SecretHash }
func (c client) GetRedirectURIs() []string { return nil }
func (c client) GetGrantTypes() fosite.Arguments {
	return fosite.Arguments{"client_credentials"}
}
func (c client) GetResponseTypes() fosite.Arguments { return fosite.Arguments{"token"} }
func (c client) GetScopes() fosite.Arguments        { return fosite.Arguments(c.c.Scopes) }
func (c client) IsPublic() bool                     { return false }
func (c client) GetAudience() fosite.Arguments      { return nil }

// GetRotatedHashes is the secret the last rotation replaced, while its
// overlap lasts.
func (c client) GetRotatedHashes() [][]byte {
	if len(c.c.PreviousSecretHash) == 0 || c.c.PreviousSecretUntil == nil || !clock.Now().Before(*c.c.PreviousSecretUntil) {
		return nil
	}
	return [][]byte{c.c.PreviousSecretHash}
}
