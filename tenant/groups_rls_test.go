package tenant_test

import (
	"context"
	"testing"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/community"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/workinggroup"
	"github.com/turbota/turbota/ent/workinggroupmeeting"
	"github.com/turbota/turbota/ent/workinggroupmember"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/tenant"
)

// TestRLSAloneKeepsAPlaceInAGroupToItsGroup: with casbin and the ent
// privacy rules off, PostgreSQL alone narrows a viewer who reaches working
// groups by a place in one to their own group (its meetings too, through
// filters as well), and their changes as its secretary to the group they
// are secretary of: a member of another group reads nothing of it and
// records no meeting in it.
func TestRLSAloneKeepsAPlaceInAGroupToItsGroup(t *testing.T) {
	_, client := open(t)
	sys := tenant.SystemContext(context.Background())
	cm, err := client.Community.Query().Order(ent.Asc(community.FieldKatottgCode)).First(sys)
	check(t, err)
	u, err := client.User.Create().SetEmail("secretary@groups.test").SetDisplayName("Секретар").Save(sys)
	check(t, err)
	group := func(title string, role workinggroupmember.Role) *ent.WorkingGroup {
		g, err := client.WorkingGroup.Create().SetCommunityID(cm.ID).SetTitle(title).Save(sys)
		check(t, err)
		check(t, client.WorkingGroupMember.Create().SetCommunityID(cm.ID).SetGroupID(g.ID).SetUserID(u.ID).SetRole(role).Exec(sys))
		check(t, client.WorkingGroupMeeting.Create().SetCommunityID(cm.ID).SetGroupID(g.ID).SetNumber(1).SetHeldOn(clock.Now()).Exec(sys))
		return g
	}
	own := group("Своя", workinggroupmember.RoleSECRETARY)
	sitting := group("Член", workinggroupmember.RoleMEMBER)
	other, err := client.WorkingGroup.Create().SetCommunityID(cm.ID).SetTitle("Чужа").Save(sys)
	check(t, err)
	check(t, client.WorkingGroupMeeting.Create().SetCommunityID(cm.ID).SetGroupID(other.ID).SetNumber(1).SetHeldOn(clock.Now()).Exec(sys))

	tx, ctx := asViewer(t, client, world{community: cm.ID}, u.ID, &tenant.Sight{
		GroupNarrowed: []pulid.ID{cm.ID}, GroupWrites: []pulid.ID{cm.ID}})
	groups, err := tx.WorkingGroup.Query().IDs(ctx)
	check(t, err)
	if len(groups) != 2 || !contains(groups, own.ID) || !contains(groups, sitting.ID) {
		t.Errorf("groups: got %v, want only %v and %v", groups, own.ID, sitting.ID)
	}
	n, err := tx.WorkingGroupMeeting.Query().Where(workinggroupmeeting.HasGroupWith(workinggroup.Title("Чужа"))).Count(ctx)
	check(t, err)
	if n != 0 {
		t.Errorf("a filter through the other group counts %d meetings", n)
	}
	if n, err := tx.WorkingGroupMeeting.Query().Count(ctx); err != nil || n != 2 {
		t.Errorf("meetings: %d visible (err %v), want those of the viewer's two groups", n, err)
	}
	// As secretary: a meeting of their own group, none of the group they only sit in.
	if err := tx.WorkingGroupMeeting.Create().SetCommunityID(cm.ID).SetGroupID(own.ID).SetNumber(2).SetHeldOn(clock.Now()).Exec(ctx); err != nil {
		t.Errorf("the secretary records a meeting of their group: %v", err)
	}
	if err := tx.WorkingGroupMeeting.Create().SetCommunityID(cm.ID).SetGroupID(sitting.ID).SetNumber(2).SetHeldOn(clock.Now()).Exec(ctx); err == nil {
		t.Error("a member recorded a meeting of a group they are not secretary of")
	}
	_ = tx.Rollback()
	tx, ctx = asViewer(t, client, world{community: cm.ID}, u.ID, &tenant.Sight{GroupNarrowed: []pulid.ID{cm.ID}, GroupWrites: []pulid.ID{cm.ID}})
	changed, err := tx.WorkingGroup.Update().Where(workinggroup.ID(other.ID)).SetMandate("M").Save(ctx)
	if err != nil || changed != 0 {
		t.Errorf("update of the other group changed %d rows (err %v)", changed, err)
	}
}
