package tenant

import (
	"context"

	"github.com/turbota/turbota/ent/privacy"
)

type systemKey struct{}

// SystemContext marks work the server does on its own behalf (migrations,
// reference data, demo data, sign-in), which no viewer's rules apply to.
// Such work runs as the database owner, outside row-level security: never
// use it for anything a request asked for.
func SystemContext(ctx context.Context) context.Context {
	ctx = context.WithValue(ctx, systemKey{}, true)
	return privacy.DecisionContext(ctx, privacy.Allow)
}

// IsSystem reports whether ctx was made by SystemContext.
func IsSystem(ctx context.Context) bool {
	ok, _ := ctx.Value(systemKey{}).(bool)
	return ok
}
