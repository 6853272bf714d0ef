package oauth

import (
	"net/http"
	"time"

	"github.com/ory/fosite"
	"github.com/ory/fosite/compose"

	"github.com/turbota/turbota/ent"
)

// DefaultTokenTTL is how long an access token works unless configured.
const DefaultTokenTTL = 10 * time.Minute

// Server answers the OAuth2 endpoints.
type Server struct {
	provider fosite.OAuth2Provider
	store    *store
	// addr is the client address of a request, as the HTTP server found
	// it past the proxies it trusts.
	addr func(r *http.Request) string
}

// New builds the authorization server over the clients and tokens of the
// database; ttl is the lifetime of access tokens (DefaultTokenTTL for 0),
// tokenURL the address of the token endpoint.
func New(client *ent.Client, ttl time.Duration, tokenURL string, addr func(r *http.Request) string) *Server {
	if ttl <= 0 {
		ttl = DefaultTokenTTL
	}
	st := &store{client: client, ttl: ttl}
	cfg := &fosite.Config{
		AccessTokenLifespan: ttl,
		TokenURL:            tokenURL,
		ClientSecretsHasher: sha256Hasher{},
		// Scopes are object:action pairs, not a hierarchy.
		ScopeStrategy:            fosite.ExactScopeStrategy,
		AudienceMatchingStrategy: fosite.DefaultAudienceMatchingStrategy,
	}
	p := compose.Compose(cfg, st, strategy{},
		compose.OAuth2ClientCredentialsGrantFactory,
		compose.OAuth2TokenRevocationFactory,
		compose.OAuth2TokenIntrospectionFactory,
	)
	return &Server{provider: p, store: st, addr: addr}
}
