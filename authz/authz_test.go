package authz_test

import (
	"context"
	"database/sql"
	"os"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"github.com/rs/zerolog"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/authz/authztest"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/community"
	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/ent/policyrule"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/platform/testdb"
	"github.com/turbota/turbota/tenant"

	_ "github.com/turbota/turbota/ent/runtime"
)

func TestMain(m *testing.M) {
	os.Exit(testdb.Main(m, authztest.Prepare))
}

type world struct {
	dsn      string
	client   *ent.Client
	a, a2, c pulid.ID // two communities of one region, one of another
}

func setup(t testing.TB) *world {
	t.Helper()
	dsn := testdb.New(t)
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	w := &world{dsn: dsn, client: ent.NewClient(ent.Driver(entsql.OpenDB(dialect.Postgres, db)))}
	ctx := tenant.SystemContext(context.Background())
	cs, err := w.client.Community.Query().Order(ent.Asc(community.FieldKatottgCode)).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	w.a, w.a2 = cs[0].ID, cs[1].ID
	for _, c := range cs {
		if c.RegionID != cs[0].RegionID {
			w.c = c.ID
			break
		}
	}
	return w
}

// grant makes a user with one role and returns its viewer.
func (w *world) grant(t *testing.T, role membership.Role, community, region pulid.ID) *tenant.Viewer {
	t.Helper()
	ctx := tenant.SystemContext(context.Background())
	u, err := w.client.User.Create().SetEmail(string(pulid.MustNew("US")) + "@test").SetDisplayName("T").Save(ctx)
	if err != nil {
		t.Fatal(err)
	}
	m := w.client.Membership.Create().SetUserID(u.ID).SetRole(role)
	g := tenant.Grant{Role: string(role)}
	if community != "" {
		m.SetCommunityID(community)
		g.CommunityID = community
	}
	if region != "" {
		m.SetRegionID(region)
		g.RegionID = region
	}
	if err := m.Exec(ctx); err != nil {
		t.Fatal(err)
	}
	return &tenant.Viewer{UserID: u.ID, Grants: []tenant.Grant{g}}
}

func TestRegionalGrantCoversItsCommunitiesOnly(t *testing.T) {
	w := setup(t)
	ctx := context.Background()
	regionA := w.regionOf(t, w.a)
	v := w.grant(t, membership.RoleREGIONAL_SUPERVISOR, "", regionA)
	z, err := authz.New(ctx, w.client)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		community pulid.ID
		obj, act  string
		want      bool
	}{
		{w.a, "organization", "read", true},
		{w.a2, "organization", "read", true},
		{w.c, "organization", "read", false},
		{w.a, "person", "read", false},
		{w.a, "organization", "update", false},
	}
	for _, tc := range cases {
		if got := z.Allowed(v, tc.community, tc.obj, tc.act); got != tc.want {
			t.Errorf("%s %s in %s: %v, want %v", tc.act, tc.obj, tc.community, got, tc.want)
		}
	}
}

func TestCommunityDenyOverridesDefault(t *testing.T) {
	w := setup(t)
	ctx := context.Background()
	v := w.grant(t, membership.RoleCHILDREN_SERVICE, w.a, "")
	v2 := w.grant(t, membership.RoleCHILDREN_SERVICE, w.a2, "")
	sys := tenant.SystemContext(ctx)
	if err := w.client.PolicyRule.Create().SetDomain(string(w.a)).SetRole(policyrule.RoleCHILDREN_SERVICE).
		SetObject("report").SetAction("update").SetEffect(policyrule.EffectDENY).Exec(sys); err != nil {
		t.Fatal(err)
	}
	z, err := authz.New(ctx, w.client)
	if err != nil {
		t.Fatal(err)
	}
	if z.Allowed(v, w.a, "report", "update") {
		t.Error("deny rule of the community ignored")
	}
	if !z.Allowed(v2, w.a2, "report", "update") {
		t.Error("deny rule leaked into another community")
	}
}

// TestPolicyChangeReachesEveryReplica runs two authorizers, as two server
// replicas would, and changes a grant behind both their backs: the
// database's notification must reach the watching one.
func TestPolicyChangeReachesEveryReplica(t *testing.T) {
	w := setup(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	replica, err := authz.New(ctx, w.client)
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = replica.Watch(ctx, w.dsn, zerolog.Nop()) }()
	time.Sleep(200 * time.Millisecond) // let the listener subscribe
	v := w.grant(t, membership.RoleCHILDREN_SERVICE, w.a, "")
	deadline := time.Now().Add(5 * time.Second)
	for !replica.Allowed(v, w.a, "person", "read") {
		if time.Now().After(deadline) {
			t.Fatal("the new grant never reached the other replica")
		}
		time.Sleep(50 * time.Millisecond)
	}
	if _, err := w.client.Membership.Delete().Where(membership.UserID(v.UserID)).Exec(tenant.SystemContext(ctx)); err != nil {
		t.Fatal(err)
	}
	for replica.Allowed(v, w.a, "person", "read") {
		if time.Now().After(deadline.Add(5 * time.Second)) {
			t.Fatal("the revoked grant stayed allowed on the other replica")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (w *world) regionOf(t *testing.T, c pulid.ID) pulid.ID {
	cm, err := w.client.Community.Get(tenant.SystemContext(context.Background()), c)
	if err != nil {
		t.Fatal(err)
	}
	return cm.RegionID
}

func TestObjectNames(t *testing.T) {
	for in, want := range map[string]string{"APIClient": "api_client", "AuditEvent": "audit_event", "Person": "person", "PolicyRule": "policy_rule"} {
		if got := authz.Object(in); got != want {
			t.Errorf("Object(%s) = %s, want %s", in, got, want)
		}
	}
}

// BenchmarkEnforce asks the policy, uncached, what a community's
// children's service may read: one casbin enforcement per kind of record,
// as a viewer's sight needs when the policy has just changed.
func BenchmarkEnforce(b *testing.B) {
	w := setup(b)
	z, err := authz.New(context.Background(), w.client)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		for _, obj := range authz.Objects {
			z.RoleAllows(string(membership.RoleCHILDREN_SERVICE), w.a, obj, authz.ActRead)
		}
	}
}
