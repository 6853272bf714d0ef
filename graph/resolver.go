package graph

import (
	"context"

	"github.com/turbota/turbota/auth"
	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/graph/model"
	"github.com/turbota/turbota/tenant"
)

// Resolver holds the services the resolvers call. Request-scoped state (the
// viewer and the per-request transaction) comes through the context.
type Resolver struct {
	Auth       *auth.Service
	Authorizer *authz.Authorizer
}

// db is the request's transactional client: every resolver reads and writes
// through it, under the viewer's privacy rules and row-level security.
func db(ctx context.Context) (*ent.Client, error) {
	if tenant.FromContext(ctx) == nil {
		return nil, auth.ErrUnauthenticated
	}
	c := ent.FromContext(ctx)
	if c == nil {
		return nil, auth.ErrUnauthenticated
	}
	return c, nil
}

// withDB runs fn with the request's client: most resolvers are one call.
func withDB[T any](ctx context.Context, fn func(*ent.Client) (T, error)) (T, error) {
	c, err := db(ctx)
	if err != nil {
		var zero T
		return zero, err
	}
	return fn(c)
}

// viewerClient is the client and context to read a viewer's own records:
// the request's, or, for the viewer a sign-in just created, the owner
// client under that viewer's privacy rules (the request is anonymous).
func (r *viewerResolver) viewerClient(ctx context.Context, obj *model.Viewer) (*ent.Client, context.Context, error) {
	if v := tenant.FromContext(ctx); v != nil && v.UserID == obj.V.UserID {
		c, err := db(ctx)
		return c, ctx, err
	}
	return r.Auth.Client(), tenant.NewContext(authz.NewContext(ctx, r.Authorizer), obj.V), nil
}

// values turns gqlgen's list of input pointers into a list of values.
func values[T any](in []*T) []T {
	out := make([]T, 0, len(in))
	for _, p := range in {
		if p != nil {
			out = append(out, *p)
		}
	}
	return out
}

// pointers turns a list of values into the list of pointers gqlgen wants.
func pointers[T any](in []T) []*T {
	out := make([]*T, len(in))
	for i := range in {
		out[i] = &in[i]
	}
	return out
}
