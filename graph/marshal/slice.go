// Package marshal holds what the generated executor calls in place of
// gqlgen's own helpers (see graph/gqlgen).
package marshal

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
)

// Slice marshals a list's elements one after another in the request's
// goroutine. It takes the arguments of graphql.MarshalSliceConcurrently,
// which starts a goroutine per element so that their resolvers can overlap;
// Turbota's resolvers of one operation share its transaction and run one at
// a time, so the goroutines only cost (a page of 50 cases started 150 of
// them).
func Slice(ctx context.Context, length int, _ int64, omitPanicHandler bool,
	marshalElement func(ctx context.Context, i int) graphql.Marshaler) graphql.Array {
	ret := make(graphql.Array, length)
	for i := range length {
		ret[i] = element(ctx, i, omitPanicHandler, marshalElement)
	}
	return ret
}

// element marshals one element under its own field context, as gqlgen does.
func element(ctx context.Context, i int, omitPanicHandler bool,
	marshalElement func(ctx context.Context, i int) graphql.Marshaler) (m graphql.Marshaler) {
	childCtx := graphql.WithFieldContext(ctx, &graphql.FieldContext{Index: &i})
	if !omitPanicHandler {
		defer func() {
			if r := recover(); r != nil {
				graphql.AddError(childCtx, graphql.Recover(childCtx, r))
				m = graphql.Null
			}
		}()
	}
	return marshalElement(childCtx, i)
}
