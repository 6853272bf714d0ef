// Package oauth is the OAuth2 authorization server of API clients: the
// client-credentials grant (RFC 6749 §4.4) at /oauth/token, revocation
// (RFC 7009) at /oauth/revoke and introspection (RFC 7662) at
// /oauth/introspect, built on github.com/ory/fosite. Turbota keeps the
// clients (ent.APIClient, whose ID is the client_id) and the issued tokens
// (ent.OAuthToken, by the SHA-256 of each); fosite parses the requests,
// authenticates the clients, checks the scopes and writes the answers.
//
// Access tokens are opaque, short-lived and bearer: the GraphQL endpoint
// accepts them (internal/auth) and acts as the client, narrowed to the
// token's scopes.
package oauth
