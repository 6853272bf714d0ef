package graph

import (
	"context"

	"github.com/hashicorp/go-multierror"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/schema/pulid"
)

// node looks an object up by its global ID. What does not exist and what
// the viewer may not see both answer null, alike. ent wraps a miss in a
// go-multierror, whose error chain sends errors.Is into endless recursion,
// so the wrapper is taken off here.
func node(ctx context.Context, c *ent.Client, id pulid.ID) (ent.Noder, error) {
	n, err := c.Noder(ctx, id, ent.WithNodeType(ent.IDToType))
	if me, ok := err.(*multierror.Error); ok && len(me.Errors) > 0 {
		err = me.Errors[0]
	}
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return n, err
}
