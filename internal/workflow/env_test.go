package workflow_test

import (
	"context"
	"os"
	"testing"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/authz/authztest"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/community"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/user"
	"github.com/turbota/turbota/internal/audit"
	"github.com/turbota/turbota/internal/auth"
	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/platform/testdb"
	"github.com/turbota/turbota/internal/reference/territory/territorytest"
	"github.com/turbota/turbota/tenant"
)

// Every database of these tests starts with the territory and the default
// policy loaded, as the server's start leaves it.
func TestMain(m *testing.M) {
	os.Exit(testdb.Main(m, authztest.Prepare))
}

// env is a database with the demo's two communities worked as their staff
// work them, its change log on.
type env struct {
	c   *ent.Client
	a   *authz.Authorizer
	sys context.Context
}

func demoEnv(t *testing.T) *env {
	t.Helper()
	c := territorytest.Open(t, testdb.New(t))
	audit.Install(c)
	if _, err := demo.Load(context.Background(), c, ""); err != nil {
		t.Fatal(err)
	}
	a, err := authz.New(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	return &env{c: c, a: a, sys: tenant.SystemContext(context.Background())}
}

// as is the context a demo user's request runs in (without the request's
// transaction).
func (e *env) as(t *testing.T, email string) context.Context {
	t.Helper()
	id := e.user(t, email)
	v, err := auth.BuildViewer(context.Background(), e.c, id)
	if err != nil {
		t.Fatal(err)
	}
	e.a.See(v)
	return ent.NewContext(tenant.NewContext(authz.NewContext(context.Background(), e.a), v), e.c)
}

func (e *env) user(t *testing.T, email string) pulid.ID {
	t.Helper()
	id, err := e.c.User.Query().Where(user.Email(email)).OnlyID(e.sys)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func (e *env) community(t *testing.T, code string) pulid.ID {
	t.Helper()
	id, err := e.c.Community.Query().Where(community.KatottgCode(code)).OnlyID(e.sys)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// underRLS runs step as the viewer of ctx in one transaction under
// row-level security, as a request runs (the transfer functions ask
// PostgreSQL which communities the caller works in), and commits it when
// the step succeeds.
func (e *env) underRLS(t *testing.T, ctx context.Context, step func(ctx context.Context, c *ent.Client) error) error {
	t.Helper()
	tx, err := e.c.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	query, args, err := tenant.Setup(tenant.FromContext(ctx), tenant.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, query, args...); err != nil {
		t.Fatal(err)
	}
	tc := tx.Client()
	if err := step(ent.NewContext(ctx, tc), tc); err != nil {
		return err
	}
	return tx.Commit()
}
