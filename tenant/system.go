package tenant

import (
	"context"

	"github.com/rs/zerolog"

	"github.com/turbota/turbota/ent/privacy"
)

type bypassKey struct{}

// Bypass is the one way past the ent privacy policies, and every use names
// its step: the server's own work (SystemContext), and the steps of a
// workflow that must reach records the viewer's policies do not show (the
// case's timeline and accesses, the recipients of a notification, the
// approvals of an older plan). It lifts no row-level security: a request's
// transaction still runs as the viewer, under the same record-level rules.
// The step is logged at debug level and readable from the context.
func Bypass(ctx context.Context, step string) context.Context {
	zerolog.Ctx(ctx).Debug().Str("privacy_bypass", step).Msg("past the privacy policies")
	return privacy.DecisionContext(context.WithValue(ctx, bypassKey{}, step), privacy.Allow)
}

// BypassStep names the step that bypassed the privacy policies in ctx, ""
// when none did.
func BypassStep(ctx context.Context) string {
	s, _ := ctx.Value(bypassKey{}).(string)
	return s
}

// SystemContext marks work the server does on its own behalf (migrations,
// reference data, demo data, sign-in), which no viewer's rules apply to.
// Such work runs as the database owner, outside row-level security: never
// use it for anything a request asked for.
func SystemContext(ctx context.Context) context.Context { return Bypass(ctx, System) }

// System is SystemContext's step.
const System = "system"

// IsSystem reports whether ctx was made by SystemContext.
func IsSystem(ctx context.Context) bool { return BypassStep(ctx) == System }
