package oauth

import (
	"github.com/ory/fosite"

	"github.com/turbota/turbota/ent"
)

// session is fosite's session of a token; when the store loads a token it
// also keeps the token and its client, for introspection to answer who.
type session struct {
	*fosite.DefaultSession
	token     *ent.OAuthToken
	apiClient *ent.APIClient
}

func newSession() *session { return &session{DefaultSession: &fosite.DefaultSession{}} }

func (s *session) Clone() fosite.Session {
	c := *s
	c.DefaultSession = s.DefaultSession.Clone().(*fosite.DefaultSession)
	return &c
}
