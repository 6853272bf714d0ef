package authz

import (
	"context"
	"slices"
	"strings"

	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/tenant"
)

// Scopes of OAuth2 tokens are casbin permissions written object:action
// ("report:create"). A token narrows its API client's role to them; it can
// never widen it, since the role's own policy is asked first.

// scopeActions are the actions a scope may name.
var scopeActions = []string{ActRead, ActCreate, ActUpdate, ActDelete}

// RoleScopes lists every scope the role holds in the community: what an API
// client of that role may be given.
func (a *Authorizer) RoleScopes(role string, community pulid.ID) []string {
	var out []string
	for _, obj := range Objects {
		for _, act := range scopeActions {
			if a.RoleAllows(role, community, obj, act) {
				out = append(out, Scope(obj, act))
			}
		}
	}
	return out
}

// Scope names the permission to do act on obj.
func Scope(obj, act string) string { return obj + ":" + act }

// scopeAllows reports whether the viewer's token scopes, if it has any,
// allow act on obj.
func scopeAllows(v *tenant.Viewer, obj, act string) bool {
	return v.Scopes == nil || slices.Contains(v.Scopes, Scope(obj, act))
}

// scopeKey tells apart, in the caches, a client's answers under tokens of
// different scopes.
func scopeKey(v *tenant.Viewer) string {
	if v.Scopes == nil {
		return ""
	}
	return "#" + strings.Join(v.Scopes, " ")
}

// GrantableScopes are the scopes the viewer may give an API client of the
// role in the community: the role's, to those who may create clients
// there, and none to anyone else (the list tells how a community tuned
// its rules).
func GrantableScopes(ctx context.Context, community pulid.ID, role string) []string {
	a, v, err := from(ctx)
	if err != nil || !a.Allowed(v, community, "api_client", ActCreate) {
		return []string{}
	}
	return a.RoleScopes(role, community)
}

// ScopesOfRole lists the scopes the role holds in the community, by the
// authorizer of ctx; ok is false without one (the server's own work).
// It tells what a role is, not what the viewer may do.
func ScopesOfRole(ctx context.Context, role string, community pulid.ID) (scopes []string, ok bool) {
	a := FromContext(ctx)
	if a == nil {
		return nil, false
	}
	return a.RoleScopes(role, community), true
}
