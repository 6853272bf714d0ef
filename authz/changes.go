package authz

import "context"

type changedKey struct{}

// WithChangeTracking lets a request record that it changed the policy, so
// the replica serving it reloads as soon as it commits instead of waiting
// for the database's notification.
func WithChangeTracking(ctx context.Context) context.Context {
	return context.WithValue(ctx, changedKey{}, new(bool))
}

// MarkChanged records a policy change in the request.
func MarkChanged(ctx context.Context) {
	if p, ok := ctx.Value(changedKey{}).(*bool); ok {
		*p = true
	}
}

// Changed reports whether the request changed the policy.
func Changed(ctx context.Context) bool {
	p, ok := ctx.Value(changedKey{}).(*bool)
	return ok && *p
}
