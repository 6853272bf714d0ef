package authz_test

import (
	"context"
	"database/sql"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"github.com/go-openapi/inflect"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/casefile"
	"github.com/turbota/turbota/ent/community"
	"github.com/turbota/turbota/ent/customrole"
	"github.com/turbota/turbota/ent/invitation"
	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/ent/migrate"
	"github.com/turbota/turbota/ent/organization"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/serviceprovision"
	"github.com/turbota/turbota/ent/voucherprogramme"
	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/reference/classifier"
	"github.com/turbota/turbota/tenant"
)

// reference is one foreign key of the schema: a column of a table that
// names a row of another table. For a many-to-many edge the table is the
// owner's and the column the join table's.
type reference struct {
	table, column, refTable, via string
}

// references lists, from the generated migration schema, every foreign key
// to a community-owned table (the community edge itself aside), so that a
// new edge is probed without editing the test.
func references() []reference {
	owned := map[string]bool{}
	for _, t := range migrate.Tables {
		for _, c := range t.Columns {
			if c.Name == "community_id" {
				owned[t.Name] = true
			}
		}
	}
	var out []reference
	for _, t := range migrate.Tables {
		for _, fk := range t.ForeignKeys {
			ref := fk.RefTable.Name
			if ref == community.Table || !owned[ref] || len(fk.Columns) != 1 {
				continue
			}
			r := reference{table: t.Name, column: fk.Columns[0].Name, refTable: ref}
			if !owned[t.Name] && t.Name != membership.Table {
				// A join table, named for the edge's owner and the edge: the
				// edge belongs to the table of its other key. (Its inverse
				// edge writes the same rows, through the same rule.)
				for _, other := range t.ForeignKeys {
					if other != fk {
						r.table, r.via = other.RefTable.Name, t.Name
					}
				}
				if !strings.HasPrefix(r.via, inflect.Singularize(r.table)+"_") {
					continue
				}
			}
			out = append(out, r)
		}
	}
	return out
}

// builders maps each table to a function making a fresh create builder of
// its entity, found by running every client's Create through a hook that
// reads the table off the minted ID and stops the save.
func builders(t *testing.T, w *world) map[string]func() reflect.Value {
	t.Helper()
	c := w.client
	stop := errors.New("probe: stop")
	var seen string
	db, err := sql.Open("postgres", w.dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	probe := ent.NewClient(ent.Driver(entsql.OpenDB(dialect.Postgres, db))) // its own hooks
	probe.Use(func(ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			if im, ok := m.(interface{ ID() (pulid.ID, bool) }); ok {
				id, _ := im.ID()
				seen, _ = ent.IDToType(ctx, id)
			} else {
				// A plain number for a key (document chunks): ent's own
				// naming of the table.
				seen = inflect.Pluralize(inflect.Underscore(m.Type()))
			}
			return nil, stop
		})
	})
	out := map[string]func() reflect.Value{}
	cv, pv := reflect.ValueOf(c).Elem(), reflect.ValueOf(probe).Elem()
	sys := tenant.SystemContext(context.Background())
	for i := 0; i < cv.NumField(); i++ {
		f := pv.Field(i)
		if f.Kind() != reflect.Pointer || !strings.HasSuffix(f.Type().Elem().Name(), "Client") {
			continue
		}
		if create := f.MethodByName("Create"); !create.IsValid() || create.Type().NumIn() != 0 {
			continue
		}
		seen = ""
		b := f.MethodByName("Create").Call(nil)[0]
		b.MethodByName("Save").Call([]reflect.Value{reflect.ValueOf(sys)})
		if seen != "" {
			real := cv.Field(i)
			out[seen] = func() reflect.Value { return real.MethodByName("Create").Call(nil)[0] }
		}
	}
	return out
}

// setRef names id on the builder's edge for the reference: the edge's
// field where it has one, else its setter (Set<Edge>ID, Add<Edge>IDs).
func setRef(b reflect.Value, r reference, id pulid.ID) error {
	m := b.MethodByName("Mutation").Call(nil)[0].Interface().(ent.Mutation)
	if r.via == "" && m.SetField(r.column, id) == nil {
		return nil
	}
	name := strings.TrimPrefix(r.column, inflect.Singularize(r.table)+"_")
	set := "Set" + inflect.Camelize(name) + "ID"
	if r.via != "" {
		edge := strings.TrimPrefix(r.via, inflect.Singularize(r.table)+"_")
		set = "Add" + inflect.Camelize(inflect.Singularize(edge)) + "IDs"
	}
	meth := b.MethodByName(set)
	if !meth.IsValid() {
		return errors.New("no setter " + set)
	}
	meth.Call([]reflect.Value{reflect.ValueOf(id)})
	return nil
}

// TestEveryEdgeRefusesAnotherCommunitysRecord creates, through ent
// directly (no resolver, no workflow), a record of each type in one
// community naming, on each of its edges to community-owned records, a
// record of another community: the privacy policy refuses every one as
// NOT_FOUND (authz.RefError); a record of the same community passes the
// rule.
func TestEveryEdgeRefusesAnotherCommunitysRecord(t *testing.T) {
	w := setup(t)
	sys := tenant.SystemContext(context.Background())
	if err := classifier.LoadDefaults(sys, w.client); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Load(sys, w.client, ""); err != nil {
		t.Fatal(err)
	}
	own := w.communityByCode(t, demo.VinnytsiaCommunityCode)
	other := w.communityByCode(t, demo.PoltavaCommunityCode)
	v := w.grant(t, membership.RoleCOMMUNITY_ADMIN, own, "")
	v.Grants = append(v.Grants, tenant.Grant{Role: string(membership.RoleCHILDREN_SERVICE), CommunityID: own})
	if err := w.client.Membership.Create().SetUserID(v.UserID).SetCommunityID(own).SetRole(membership.RoleCHILDREN_SERVICE).Exec(sys); err != nil {
		t.Fatal(err)
	}
	v.SetCommunities([]pulid.ID{own}, []pulid.ID{own})
	for _, c := range []pulid.ID{own, other} {
		w.ensureVoucherProgramme(t, c)
		w.ensureServiceProvision(t, c)
		w.ensureCustomRole(t, c)
		w.ensureTraining(t, c)
		w.ensureGroup(t, c)
	}
	z, err := authz.New(context.Background(), w.client)
	if err != nil {
		t.Fatal(err)
	}
	ctx := authz.NewContext(tenant.NewContext(context.Background(), v), z)
	make := builders(t, w)
	refs := references()
	if len(refs) < 40 {
		t.Fatalf("only %d references found in the schema: %v", len(refs), refs)
	}
	covered := authz.ReferencedTables()
	for _, r := range refs {
		t.Run(r.table+"."+r.column, func(t *testing.T) {
			if !slices.Contains(covered, r.refTable) {
				t.Fatalf("%s is not among the tables the reference rule can look up", r.refTable)
			}
			newB, ok := make[r.table]
			if !ok {
				t.Fatalf("no entity found for table %s", r.table)
			}
			for _, tc := range []struct {
				community pulid.ID
				refused   bool
			}{{other, true}, {own, false}} {
				id := w.rowOf(t, r.refTable, tc.community)
				b := newB()
				m := b.MethodByName("Mutation").Call(nil)[0].Interface().(ent.Mutation)
				if err := m.SetField("community_id", own); err != nil {
					t.Fatal(err)
				}
				if r.table == membership.Table {
					// A grant to oneself of a role one holds: all that is
					// left to refuse is the reference.
					_ = m.SetField("user_id", v.UserID)
					_ = m.SetField("role", membership.RoleCHILDREN_SERVICE)
				}
				if r.table == invitation.Table {
					_ = m.SetField("role", invitation.RoleCHILDREN_SERVICE)
				}
				if err := setRef(b, r, id); err != nil {
					t.Fatal(err)
				}
				out := b.MethodByName("Save").Call([]reflect.Value{reflect.ValueOf(ctx)})
				err, _ := out[1].Interface().(error)
				var refErr *authz.RefError
				switch got := errors.As(err, &refErr); {
				case tc.refused && !got:
					t.Errorf("a %s of another community: %v, want a refusal of the reference", r.refTable, err)
				case tc.refused && !errors.Is(err, tenant.ErrNotVisible):
					t.Errorf("refused as %v, want NOT_FOUND", err)
				case !tc.refused && got:
					t.Errorf("a %s of the same community refused: %v", r.refTable, err)
				}
			}
		})
	}
}

func (w *world) communityByCode(t *testing.T, code string) pulid.ID {
	t.Helper()
	id, err := w.client.Community.Query().Where(community.KatottgCode(code)).OnlyID(tenant.SystemContext(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// rowOf is a row of the table in the community, from the demo data.
func (w *world) rowOf(t *testing.T, table string, c pulid.ID) pulid.ID {
	t.Helper()
	rows, err := w.client.QueryContext(context.Background(), "SELECT id FROM "+table+" WHERE community_id = $1 ORDER BY id LIMIT 1", string(c))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var id string
	for rows.Next() {
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
	}
	if id == "" {
		t.Fatalf("the demo data has no row of %s in community %s", table, c)
	}
	return pulid.ID(id)
}

// ensureVoucherProgramme gives the community a voucher programme, which
// the demo data has only for one.
func (w *world) ensureVoucherProgramme(t *testing.T, c pulid.ID) {
	t.Helper()
	sys := tenant.SystemContext(context.Background())
	if n, err := w.client.VoucherProgramme.Query().Where(voucherprogramme.CommunityID(c)).Count(sys); err != nil || n > 0 {
		if err != nil {
			t.Fatal(err)
		}
		return
	}
	if err := w.client.VoucherProgramme.Create().SetCommunityID(c).SetName("P").SetValueUah(100).SetVouchers(1).
		SetEligibility("…").SetStartsOn(clock.Now()).Exec(sys); err != nil {
		t.Fatal(err)
	}
}

// ensureCustomRole gives the community a role of its own, which the demo
// data has in none.
func (w *world) ensureCustomRole(t *testing.T, c pulid.ID) {
	t.Helper()
	sys := tenant.SystemContext(context.Background())
	if n, err := w.client.CustomRole.Query().Where(customrole.CommunityID(c)).Count(sys); err != nil || n > 0 {
		if err != nil {
			t.Fatal(err)
		}
		return
	}
	if err := w.client.CustomRole.Create().SetCommunityID(c).SetNameUk("Роль").SetNameEn("Role").
		SetPermissions([]string{"family:read"}).Exec(sys); err != nil {
		t.Fatal(err)
	}
}

// ensureServiceProvision gives the community a service of one of its
// cases, which the demo data has only for one.
func (w *world) ensureServiceProvision(t *testing.T, c pulid.ID) {
	t.Helper()
	sys := tenant.SystemContext(context.Background())
	if n, err := w.client.ServiceProvision.Query().Where(serviceprovision.CommunityID(c)).Count(sys); err != nil || n > 0 {
		if err != nil {
			t.Fatal(err)
		}
		return
	}
	st, err := w.client.ServiceType.Query().FirstID(sys)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.client.ServiceProvision.Create().SetCommunityID(c).SetCaseID(w.rowOf(t, casefile.Table, c)).
		SetProviderID(w.rowOf(t, organization.Table, c)).SetServiceTypeID(st).SetStartedAt(clock.Now()).Exec(sys); err != nil {
		t.Fatal(err)
	}
}
