package marshal

import (
	"bytes"
	"context"
	"testing"

	"github.com/99designs/gqlgen/graphql"
)

// TestSliceKeepsOrderAndIndexes: each element is marshalled in its place,
// under a field context that carries its index (error paths name it).
func TestSliceKeepsOrderAndIndexes(t *testing.T) {
	ctx := graphql.WithFieldContext(context.Background(), &graphql.FieldContext{})
	got := Slice(ctx, 3, 0, false, func(ctx context.Context, i int) graphql.Marshaler {
		if idx := graphql.GetFieldContext(ctx).Index; idx == nil || *idx != i {
			t.Errorf("element %d marshalled under index %v", i, idx)
		}
		return graphql.MarshalInt(i * 10)
	})
	var b bytes.Buffer
	got.MarshalGQL(&b)
	if b.String() != "[0,10,20]" {
		t.Fatalf("got %s", b.String())
	}
}

// TestSlicePanicIsAnError: a panicking element is null and an error of
// the response, as with gqlgen's own helper; the other elements stand.
func TestSlicePanicIsAnError(t *testing.T) {
	ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter, graphql.DefaultRecover)
	ctx = graphql.WithFieldContext(ctx, &graphql.FieldContext{})
	got := Slice(ctx, 2, 0, false, func(_ context.Context, i int) graphql.Marshaler {
		if i == 0 {
			panic("boom")
		}
		return graphql.MarshalInt(i)
	})
	if got[0] != graphql.Null || len(graphql.GetErrors(ctx)) != 1 {
		t.Fatalf("got %v, errors %v", got, graphql.GetErrors(ctx))
	}
}
