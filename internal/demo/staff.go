package demo

import (
	"context"
	"fmt"
	"slices"

	"github.com/rs/zerolog"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/ent/policyrule"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/user"
	"github.com/turbota/turbota/internal/audit"
	"github.com/turbota/turbota/internal/auth"
	"github.com/turbota/turbota/tenant"
)

// staff is a demo community's staff at work: each role's user, and the
// context that user acts in, built as the server builds a request's (the
// viewer of their memberships, seen through the casbin policy), so that
// every step of the demo's casework passes the same privacy rules, is
// signed by its author on the timeline and in the audit, and is refused
// where a real user would be.
type staff struct {
	ids map[membership.Role]pulid.ID
	as  map[membership.Role]context.Context
}

// id is the user holding the role, "" for none.
func (s staff) id(r membership.Role) pulid.ID { return s.ids[r] }

// ctx is the context the role's user acts in.
func (s staff) ctx(r membership.Role) context.Context { return s.as[r] }

// acting are the roles whose users work the demo cases: only they get a
// viewer (seeing through the policy is most of a viewer's cost).
var acting = []membership.Role{membership.RoleCHILDREN_SERVICE, membership.RoleSOCIAL_PROTECTION, membership.RolePROVIDER_MANAGER,
	membership.RolePROVIDER_SPECIALIST, membership.RoleGUARDIANSHIP_BODY, membership.RolePARTNER_REPORTER}

// authorizer loads the casbin policy the demo's staff act under: the
// default rules must be in the database (authz.SyncDefaults), as the
// server's start puts them.
func (l *loader) authorizer(ctx context.Context) (*authz.Authorizer, error) {
	n, err := l.c.PolicyRule.Query().Where(policyrule.Default(true)).Count(ctx)
	if err != nil {
		return nil, fmt.Errorf("demo: policy: %w", err)
	}
	if n == 0 {
		return nil, ErrPolicyNotLoaded
	}
	a, err := authz.New(ctx, l.c)
	if err != nil {
		return nil, fmt.Errorf("demo: policy: %w", err)
	}
	return a, nil
}

// staffOf builds the contexts of the community's demo users who work its
// cases. base is the context their work starts from (staffBase): it
// bypasses nothing.
func (l *loader) staffOf(ctx, base context.Context, spec communitySpec) (staff, error) {
	s := staff{ids: map[membership.Role]pulid.ID{}, as: map[membership.Role]context.Context{}}
	for _, a := range spec.accounts {
		if !slices.Contains(acting, a.role) {
			continue
		}
		id, err := l.c.User.Query().Where(user.Email(a.email)).OnlyID(ctx)
		if err != nil {
			return s, fmt.Errorf("demo: find %s: %w", a.email, err)
		}
		v, err := auth.BuildViewer(ctx, l.c, id)
		if err != nil {
			return s, fmt.Errorf("demo: viewer of %s: %w", a.email, err)
		}
		l.authz.See(v)
		s.ids[a.role] = id
		// The load's transaction is the request's: the change log and the
		// access log write in it, the access log once per user and record
		// (audit.Collect; flushed before the commit).
		c := ent.NewContext(audit.Collect(tenant.NewContext(authz.NewContext(base, l.authz), v)), l.c)
		s.as[a.role] = c
		l.acted = append(l.acted, c)
	}
	return s, nil
}

// underRLS runs a step that PostgreSQL itself checks (a transfer's
// notification runs a function that asks which communities the caller
// writes in) as the viewer of ctx, under row-level security, as a
// request's transaction runs; then the load goes on as the owner.
func (l *loader) underRLS(ctx context.Context, step func() error) error {
	query, args, err := tenant.Setup(tenant.FromContext(ctx), tenant.Limits{})
	if err != nil {
		return err
	}
	if _, err := l.c.ExecContext(ctx, query, args...); err != nil {
		return fmt.Errorf("demo: act under row-level security: %w", err)
	}
	if err := step(); err != nil {
		return err
	}
	if _, err := l.c.ExecContext(ctx, "RESET ROLE"); err != nil {
		return fmt.Errorf("demo: back to the owner: %w", err)
	}
	return nil
}

// staffBase is the context the staff's work starts from: the caller's
// cancellation and logger, none of its values. The caller may have passed
// a system context (a bypass of the privacy policies), which the staff
// must not inherit.
func staffBase(ctx context.Context) context.Context {
	return zerolog.Ctx(ctx).WithContext(valueless{ctx})
}

// valueless is a context that is done when its parent is, and carries no
// value of it.
type valueless struct{ context.Context }

func (valueless) Value(any) any { return nil }

// flushReads writes the access log the staff's reads collected.
func (l *loader) flushReads() error {
	for _, c := range l.acted {
		if err := audit.Flush(c, l.c); err != nil {
			return fmt.Errorf("demo: access log: %w", err)
		}
	}
	return nil
}
