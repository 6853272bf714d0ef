package authz_test

import (
	"context"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/ent/policyrule"
	"github.com/turbota/turbota/ent/report"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/tenant"
)

// TestNarrowingReachesRowLevelSecurity: a community's narrowing of the
// children's service (case files, violence cases) holds in PostgreSQL with
// casbin and the ent privacy rules switched off, through the sight the
// request hands the database; the same role elsewhere keeps its sight.
func TestNarrowingReachesRowLevelSecurity(t *testing.T) {
	w := setup(t)
	sys := tenant.SystemContext(context.Background())
	plain, violent := casesIn(t, w.client, w.a)
	v := w.grant(t, membership.RoleCHILDREN_SERVICE, w.a, "")
	v.SetCommunities([]pulid.ID{w.a}, []pulid.ID{w.a})

	seen := func() (cases, reports int) {
		t.Helper()
		z, err := authz.New(sys, w.client)
		check(t, err)
		v.SetSight(z.SightOf(v))
		tx, err := tenant.Begin(context.Background(), w.client, v)
		check(t, err)
		defer func() { _ = tx.Rollback() }()
		ctx := tenant.Bypass(context.Background(), "test: walls 1 and 2 off") // only row-level security left
		ids, err := tx.CaseFile.Query().IDs(ctx)
		check(t, err)
		rs, err := tx.Report.Query().Where(report.HasCaseWith()).IDs(ctx)
		check(t, err)
		return len(ids), len(rs)
	}
	if c, r := seen(); c != 2 || r != 2 {
		t.Fatalf("before narrowing the children's service sees %d cases and %d reports, want 2 and 2 (%s, %s)", c, r, plain, violent)
	}
	check(t, w.client.PolicyRule.Create().SetDomain(string(w.a)).SetRole(policyrule.RoleCHILDREN_SERVICE).
		SetObject(authz.ObjViolence).SetAction("read").SetEffect(policyrule.EffectDENY).Exec(sys))
	if c, r := seen(); c != 1 || r != 1 {
		t.Errorf("without violence_case:read the database shows %d cases and %d reports, want 1 and 1", c, r)
	}
	check(t, w.client.PolicyRule.Create().SetDomain(string(w.a)).SetRole(policyrule.RoleCHILDREN_SERVICE).
		SetObject("case_file").SetAction("read").SetEffect(policyrule.EffectDENY).Exec(sys))
	if c, _ := seen(); c != 0 {
		t.Errorf("without case_file:read the database shows %d cases", c)
	}
}

// TestCommunityAllowBeyondDefaultsWidensNothing: an ALLOW the defaults do
// not give (written before the bound, or past it) grants nothing.
func TestCommunityAllowBeyondDefaultsWidensNothing(t *testing.T) {
	w := setup(t)
	sys := tenant.SystemContext(context.Background())
	v := w.grant(t, membership.RolePARTNER_REPORTER, w.a, "")
	check(t, w.client.PolicyRule.Create().SetDomain(string(w.a)).SetRole(policyrule.RolePARTNER_REPORTER).
		SetObject("case_file").SetAction("read").SetEffect(policyrule.EffectALLOW).Exec(sys))
	z, err := authz.New(sys, w.client)
	check(t, err)
	if z.Allowed(v, w.a, "case_file", "read") {
		t.Error("a community ALLOW beyond the default policy widened the school to case files")
	}
	if !z.Allowed(v, w.a, "report", "create") {
		t.Error("the school lost its default")
	}
}

// casesIn makes two cases in the community, the second about violence.
func casesIn(t *testing.T, c *ent.Client, community pulid.ID) (plain, violent pulid.ID) {
	t.Helper()
	ctx := tenant.SystemContext(context.Background())
	mk := func(cats ...procedure.Category) pulid.ID {
		cf, err := c.CaseFile.Create().SetCommunityID(community).SetRuleSetVersion("test").Save(ctx)
		check(t, err)
		check(t, c.Report.Create().SetCommunityID(community).SetSource(report.SourceSCHOOL).SetSummary("Повідомлення").
			SetSubmittedBy("user:US0000000000000000000000ELSE").SetCategories(cats).SetCaseID(cf.ID).Exec(ctx))
		return cf.ID
	}
	return mk(procedure.CategoryNeglect), mk(procedure.CategoryPhysicalViolence)
}

func check(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestTuningReachesEveryReplica: a narrowing, a custom role and its
// retirement, made behind a replica's back, reach it through the
// database's notification.
func TestTuningReachesEveryReplica(t *testing.T) {
	w := setup(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sys := tenant.SystemContext(ctx)
	replica, err := authz.New(ctx, w.client)
	check(t, err)
	go func() { _ = replica.Watch(ctx, w.dsn, zerolog.Nop()) }()
	<-time.After(200 * time.Millisecond) // let the listener subscribe
	ssd := w.grant(t, membership.RoleCHILDREN_SERVICE, w.a, "")
	eventually(t, "the grant", func() bool { return replica.Allowed(ssd, w.a, "case_file", "read") })

	check(t, w.client.PolicyRule.Create().SetDomain(string(w.a)).SetRole(policyrule.RoleCHILDREN_SERVICE).
		SetObject("case_file").SetAction("read").SetEffect(policyrule.EffectDENY).Exec(sys))
	eventually(t, "the narrowing", func() bool { return !replica.Allowed(ssd, w.a, "case_file", "read") })

	role, err := w.client.CustomRole.Create().SetCommunityID(w.a).SetNameUk("Календар").SetNameEn("Calendar").
		SetPermissions([]string{"calendar_year:update"}).Save(sys)
	check(t, err)
	u, err := w.client.User.Create().SetEmail(string(pulid.MustNew("US")) + "@test").SetDisplayName("T").Save(sys)
	check(t, err)
	check(t, w.client.Membership.Create().SetUserID(u.ID).SetRole(membership.RoleCUSTOM).SetCustomRoleID(role.ID).
		SetCommunityID(w.a).Exec(sys))
	holder := &tenant.Viewer{UserID: u.ID, Grants: []tenant.Grant{{Role: string(role.ID), CommunityID: w.a}}}
	eventually(t, "the custom role", func() bool { return replica.Allowed(holder, w.a, "calendar_year", "update") })
	if replica.Allowed(holder, w.a2, "calendar_year", "update") || replica.Allowed(holder, w.a, "calendar_year", "delete") {
		t.Error("the custom role holds beyond its community or its permissions")
	}
	check(t, w.client.CustomRole.UpdateOneID(role.ID).SetRetiredAt(clock.Now()).Exec(sys))
	eventually(t, "the retirement", func() bool { return !replica.Allowed(holder, w.a, "calendar_year", "update") })
}

// eventually waits, up to ten seconds, for the replica to agree.
func eventually(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for !ok() {
		select {
		case <-deadline:
			t.Fatalf("%s never reached the other replica", what)
		case <-time.After(50 * time.Millisecond):
		}
	}
}
