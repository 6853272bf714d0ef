package tenant_test

import (
	"context"
	"testing"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/user"
	"github.com/turbota/turbota/tenant"
)

// TestRLSAloneLimitsWhoseAccountsChange: with the privacy rules passed,
// row-level security still lets an administrator of one community change
// only the accounts of people working there alone: not their own, not a
// neighbouring community's, not one shared with a neighbour; and a viewer
// who may not read the community's users changes none.
func TestRLSAloneLimitsWhoseAccountsChange(t *testing.T) {
	_, client := open(t)
	a, b, _, _ := twoCommunities(t, client)
	admin := account(t, client, "admin", a)
	here, there, both := account(t, client, "here", a), account(t, client, "there", b), account(t, client, "both", a, b)
	everyone := []pulid.ID{admin, here, there, both}
	for _, c := range []struct {
		name     string
		readable map[string][]pulid.ID
		want     int
	}{
		{"an administrator of a", nil, 1},
		{"a worker of a who may not read users", map[string][]pulid.ID{"user": {}}, 0},
	} {
		v := &tenant.Viewer{UserID: admin}
		v.SetCommunities([]pulid.ID{a}, []pulid.ID{a})
		v.SetSight(&tenant.Sight{Readable: c.readable})
		tx, err := tenant.Begin(context.Background(), client, v)
		if err != nil {
			t.Fatal(err)
		}
		open := tenant.Bypass(context.Background(), "test: walls 1 and 2 off")
		n, err := tx.User.Update().Where(user.IDIn(everyone...)).SetDisabled(true).Save(open)
		if err == nil && n == 1 {
			var changed []pulid.ID
			changed, err = tx.User.Query().Where(user.Disabled(true)).IDs(open)
			if len(changed) != 1 || changed[0] != here {
				t.Errorf("%s changed %v, want only %v", c.name, changed, here)
			}
		}
		_ = tx.Rollback()
		if err != nil || n != c.want {
			t.Errorf("%s: %d accounts changed (err %v), want %d", c.name, n, err, c.want)
		}
	}
}

// account opens an account holding a role in each community given.
func account(t *testing.T, c *ent.Client, name string, communities ...pulid.ID) pulid.ID {
	t.Helper()
	ctx := tenant.SystemContext(context.Background())
	u, err := c.User.Create().SetEmail(name + "@accounts.test").SetDisplayName(name).Save(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, cm := range communities {
		if err := c.Membership.Create().SetUserID(u.ID).SetRole(membership.RoleCOMMUNITY_ADMIN).SetCommunityID(cm).Exec(ctx); err != nil {
			t.Fatal(err)
		}
	}
	return u.ID
}
