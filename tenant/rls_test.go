package tenant_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"slices"
	"testing"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"github.com/lib/pq"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/community"
	"github.com/turbota/turbota/ent/migrate"
	"github.com/turbota/turbota/ent/person"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/platform/testdb"
	"github.com/turbota/turbota/internal/reference/territory/territorytest"
	"github.com/turbota/turbota/tenant"

	_ "github.com/turbota/turbota/ent/runtime"
)

func TestMain(m *testing.M) {
	os.Exit(testdb.Main(m, territorytest.Prepare))
}

func open(t *testing.T) (*sql.DB, *ent.Client) {
	t.Helper()
	db, err := sql.Open("postgres", testdb.New(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, ent.NewClient(ent.Driver(entsql.OpenDB(dialect.Postgres, db)))
}

// tenantTables are the tables of the ent schema that carry community_id.
func tenantTables() []string {
	var out []string
	for _, t := range migrate.Tables {
		for _, c := range t.Columns {
			if c.Name == "community_id" {
				out = append(out, t.Name)
			}
		}
	}
	return out
}

func TestCatalogEveryTenantTableHasForcedRLS(t *testing.T) {
	db, _ := open(t)
	tables := tenantTables()
	if len(tables) < 6 {
		t.Fatalf("found only %d tenant tables: %v", len(tables), tables)
	}
	for _, name := range tables {
		var enabled, forced bool
		var policies int
		err := db.QueryRow(`SELECT c.relrowsecurity, c.relforcerowsecurity,
			(SELECT count(*) FROM pg_policies p WHERE p.tablename = c.relname AND p.policyname <> 'owner_all')
			FROM pg_class c WHERE c.relname = $1 AND c.relnamespace = 'public'::regnamespace`, name).Scan(&enabled, &forced, &policies)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !enabled || !forced || policies == 0 {
			t.Errorf("table %s: rls enabled=%v forced=%v policies=%d", name, enabled, forced, policies)
		}
	}
}

func TestCatalogAppRoleOwnsNothingAndCannotBypass(t *testing.T) {
	db, _ := open(t)
	var super, bypass, login bool
	if err := db.QueryRow(`SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = $1`, tenant.AppRole).
		Scan(&super, &bypass, &login); err != nil {
		t.Fatal(err)
	}
	if super || bypass || login {
		t.Errorf("%s: superuser=%v bypassrls=%v login=%v", tenant.AppRole, super, bypass, login)
	}
	var owned int
	if err := db.QueryRow(`SELECT count(*) FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = $1)`,
		tenant.AppRole).Scan(&owned); err != nil {
		t.Fatal(err)
	}
	if owned != 0 {
		t.Errorf("%s owns %d relations", tenant.AppRole, owned)
	}
	for _, table := range []string{"credentials", "sessions", "login_attempts"} {
		var can bool
		if err := db.QueryRow(`SELECT has_table_privilege($1, $2, 'SELECT')`, tenant.AppRole, table).Scan(&can); err != nil {
			t.Fatal(err)
		}
		if can {
			t.Errorf("%s can read %s", tenant.AppRole, table)
		}
	}
	for _, priv := range []string{"UPDATE", "DELETE"} {
		var can bool
		if err := db.QueryRow(`SELECT has_table_privilege($1, 'audit_events', $2)`, tenant.AppRole, priv).Scan(&can); err != nil {
			t.Fatal(err)
		}
		if can {
			t.Errorf("%s may %s the audit log", tenant.AppRole, priv)
		}
	}
}

// TestRLSAloneStopsCrossCommunityAccess switches off the first two walls
// (casbin and the ent privacy rules, through ent's allow decision) and shows
// that PostgreSQL still refuses to read or change another community's rows.
func TestRLSAloneStopsCrossCommunityAccess(t *testing.T) {
	_, client := open(t)
	a, b, pa, pb := twoCommunities(t, client)

	v := &tenant.Viewer{UserID: "US00000000000000000000000000"}
	v.SetCommunities([]pulid.ID{a}, []pulid.ID{a})
	v.SetSight(&tenant.Sight{})
	tx, err := tenant.Begin(context.Background(), client, v)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	open := tenant.Bypass(context.Background(), "test: walls 1 and 2 off") // only row-level security left

	ids, err := tx.Person.Query().IDs(open)
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != 1 || ids[0] != pa {
		t.Errorf("read across communities: got %v, want only %v", ids, pa)
	}
	if _, err := tx.Person.Get(open, pb); !ent.IsNotFound(err) {
		t.Errorf("get of the other community's person: err = %v, want not found", err)
	}
	n, err := tx.Person.Update().Where(person.ID(pb)).SetFirstName("Змінено").Save(open)
	if err != nil || n != 0 {
		t.Errorf("update across communities changed %d rows (err %v)", n, err)
	}
	n, err = tx.Person.Delete().Where(person.ID(pb)).Exec(open)
	if err != nil || n != 0 {
		t.Errorf("delete across communities removed %d rows (err %v)", n, err)
	}
	_, err = tx.Person.Create().SetCommunityID(b).SetKind(person.KindCHILD).SetFirstName("Х").SetLastName("Y").Save(open)
	var pqErr *pq.Error
	if !errors.As(err, &pqErr) || pqErr.Code != "42501" {
		t.Errorf("insert into the other community: err = %v, want a row-level security violation", err)
	}
	_ = tx.Rollback()
	got, err := client.Person.Get(tenant.SystemContext(context.Background()), pb)
	if err != nil || got.FirstName != "Бета" {
		t.Errorf("the other community's person changed: %+v, %v", got, err)
	}
}

func mustPerson(t *testing.T, c *ent.Client, community pulid.ID, name string) pulid.ID {
	t.Helper()
	p, err := c.Person.Create().SetCommunityID(community).SetKind(person.KindCHILD).
		SetFirstName(name).SetLastName("Тест").Save(tenant.SystemContext(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	return p.ID
}

// TestRLSAloneEnforcesObjectPermissions: the sight's readable communities
// per object type (turbota.readable, parsed by turbota_readable) narrow
// exactly the types they name — to some communities, or to none — and
// leave every other type to the read set.
func TestRLSAloneEnforcesObjectPermissions(t *testing.T) {
	_, client := open(t)
	a, b, pa, pb := twoCommunities(t, client)
	for _, c := range []struct {
		name     string
		readable map[string][]pulid.ID
		want     []pulid.ID
	}{
		{"no narrowing", nil, []pulid.ID{pa, pb}},
		{"people in one community", map[string][]pulid.ID{"person": {a}, "family": {}}, []pulid.ID{pa}},
		{"people nowhere", map[string][]pulid.ID{"person": {}}, nil},
		{"another type narrowed", map[string][]pulid.ID{"personal": {}, "family": {}}, []pulid.ID{pa, pb}},
	} {
		v := &tenant.Viewer{UserID: "US00000000000000000000000000"}
		v.SetCommunities([]pulid.ID{a, b}, []pulid.ID{a, b})
		v.SetSight(&tenant.Sight{Readable: c.readable})
		tx, err := tenant.Begin(context.Background(), client, v)
		if err != nil {
			t.Fatal(err)
		}
		ids, err := tx.Person.Query().Order(ent.Asc(person.FieldFirstName)).IDs(tenant.Bypass(context.Background(), "test: walls 1 and 2 off"))
		_ = tx.Rollback()
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(ids, c.want) {
			t.Errorf("%s: people %v, want %v", c.name, ids, c.want)
		}
	}
}

// twoCommunities are the first two communities by code, with a person
// registered in each (Альфа in a, Бета in b).
func twoCommunities(t *testing.T, c *ent.Client) (a, b, pa, pb pulid.ID) {
	t.Helper()
	cs, err := c.Community.Query().Order(ent.Asc(community.FieldKatottgCode)).Limit(2).
		All(tenant.SystemContext(context.Background()))
	if err != nil || len(cs) != 2 {
		t.Fatalf("communities: %v", err)
	}
	a, b = cs[0].ID, cs[1].ID
	return a, b, mustPerson(t, c, a, "Альфа"), mustPerson(t, c, b, "Бета")
}
