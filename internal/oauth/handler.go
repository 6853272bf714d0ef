package oauth

import (
	"context"
	"net/http"

	"github.com/ory/fosite"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/auditevent"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/audit"
	"github.com/turbota/turbota/internal/auth"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/tenant"
)

// ErrAddressNotAllowed is the token endpoint's answer to a client calling
// from outside its allowed ranges: an extension error code (RFC 6749 §8.5)
// that client code can rely on.
var ErrAddressNotAllowed = &fosite.RFC6749Error{
	ErrorField:       "address_not_allowed",
	DescriptionField: "The client may not call from this address.",
	CodeField:        http.StatusForbidden,
}

// Token is the token endpoint: the client-credentials grant only.
func (s *Server) Token(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	ar, err := s.provider.NewAccessRequest(ctx, r, newSession())
	if err != nil {
		s.provider.WriteAccessError(ctx, w, ar, err)
		return
	}
	c := ar.GetClient().(client)
	if !auth.AddressAllowed(c.c.AllowedRanges, s.addr(r)) {
		s.provider.WriteAccessError(ctx, w, ar, ErrAddressNotAllowed)
		return
	}
	grantScopes(ar, c)
	ar.GetSession().(*session).SetSubject(c.GetID())
	resp, err := s.provider.NewAccessResponse(ctx, ar)
	if err == nil {
		err = s.issued(ctx, c.c)
	}
	if err != nil {
		s.provider.WriteAccessError(ctx, w, ar, err)
		return
	}
	s.provider.WriteAccessResponse(ctx, w, ar, resp)
}

// grantScopes grants what the client asked for (fosite has checked it lies
// within the client's scopes: invalid_scope otherwise), or, when it asked
// for none, all of the client's scopes.
func grantScopes(ar fosite.AccessRequester, c client) {
	scopes := ar.GetRequestedScopes()
	if len(scopes) == 0 {
		scopes = c.GetScopes()
	}
	for _, sc := range scopes {
		ar.GrantScope(sc)
	}
}

// issued records the token in the client's last use and in the audit log,
// with the client as the actor.
func (s *Server) issued(ctx context.Context, c *ent.APIClient) error {
	if err := s.store.client.APIClient.UpdateOneID(c.ID).SetLastUsedAt(clock.Now()).Exec(sys(ctx)); err != nil {
		return err
	}
	ctx = tenant.NewContext(ctx, &tenant.Viewer{APIClientID: c.ID})
	return audit.Write(ctx, s.store.client, audit.Event{Action: auditevent.ActionLOGIN, Community: c.CommunityID,
		EntityType: ent.TypeAPIClient, EntityID: string(c.ID)})
}

// Revoke is the revocation endpoint (RFC 7009): a client ends one of its own
// tokens.
func (s *Server) Revoke(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	s.provider.WriteRevocationResponse(ctx, w, s.provider.NewRevocationRequest(ctx, r))
}

// Introspect is the introspection endpoint (RFC 7662) for the community's
// own tools: a client authenticated with its credentials (or a bearer
// token of its own) learns about tokens of its community's clients; a
// token of any other community is, to it, inactive.
func (s *Server) Introspect(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	ir, err := s.provider.NewIntrospectionRequest(ctx, r, newSession())
	if err != nil {
		s.provider.WriteIntrospectionError(ctx, w, err)
		return
	}
	sess, _ := ir.GetAccessRequester().GetSession().(*session)
	if sess == nil || sess.apiClient == nil || sess.apiClient.CommunityID != s.callerCommunity(ctx, r) {
		s.provider.WriteIntrospectionError(ctx, w, fosite.ErrInactiveToken)
		return
	}
	s.provider.WriteIntrospectionResponse(ctx, w, ir)
}

// callerCommunity is the community of the client that asks for an
// introspection, which fosite has authenticated already.
func (s *Server) callerCommunity(ctx context.Context, r *http.Request) pulid.ID {
	if id, _, ok := r.BasicAuth(); ok {
		if c, err := s.store.client.APIClient.Get(sys(ctx), pulid.ID(id)); err == nil {
			return c.CommunityID
		}
		return ""
	}
	if token := fosite.AccessTokenFromRequest(r); token != "" {
		sess := newSession()
		if _, err := s.store.GetAccessTokenSession(ctx, signature(token), sess); err == nil {
			return sess.apiClient.CommunityID
		}
	}
	return ""
}
