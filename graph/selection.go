package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
)

// selects reports whether the current field's selection reaches the
// path ("edges", "node", "case"): to eager-load an edge that entgql's
// field collection does not know, because its resolver is our own.
func selects(ctx context.Context, path ...string) bool {
	if graphql.GetFieldContext(ctx) == nil {
		return false
	}
	op := graphql.GetOperationContext(ctx)
	fields := graphql.CollectFieldsCtx(ctx, nil)
	for i, name := range path {
		var next *graphql.CollectedField
		for j := range fields {
			if fields[j].Name == name {
				next = &fields[j]
				break
			}
		}
		if next == nil {
			return false
		}
		if i < len(path)-1 {
			fields = graphql.CollectFields(op, next.Selections, nil)
		}
	}
	return true
}
