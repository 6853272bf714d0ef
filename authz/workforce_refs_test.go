package authz_test

import (
	"context"
	"testing"

	"github.com/turbota/turbota/ent/organization"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/schema/schematype"
	"github.com/turbota/turbota/ent/staffposition"
	"github.com/turbota/turbota/ent/workinggroup"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/tenant"
)

// ensureTraining gives the community a staff position, a training
// programme with an event and the position enrolled in it, which the
// demo data of Load (before LoadRegion) has in none.
func (w *world) ensureTraining(t *testing.T, c pulid.ID) {
	t.Helper()
	sys := tenant.SystemContext(context.Background())
	if n, err := w.client.StaffPosition.Query().Where(staffposition.CommunityID(c)).Count(sys); err != nil || n > 0 {
		if err != nil {
			t.Fatal(err)
		}
		return
	}
	org, err := w.client.Organization.Query().Where(organization.CommunityID(c)).FirstID(sys)
	if err != nil {
		t.Fatal(err)
	}
	p, err := w.client.StaffPosition.Create().SetCommunityID(c).SetOrganizationID(org).SetKind(staffposition.KindPSYCHOLOGIST).
		SetHolderName("H").Save(sys)
	if err != nil {
		t.Fatal(err)
	}
	tp, err := w.client.TrainingProgramme.Create().SetCommunityID(c).SetTitle("T").SetFormat("ONLINE").
		SetModules([]schematype.TrainingModule{{Topic: "M", Hours: 1}}).Save(sys)
	if err != nil {
		t.Fatal(err)
	}
	day := clock.Now()
	ev, err := w.client.TrainingEvent.Create().SetCommunityID(c).SetProgrammeID(tp.ID).SetStartsOn(day).SetEndsOn(day).Save(sys)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.client.TrainingEnrolment.Create().SetCommunityID(c).SetEventID(ev.ID).SetPositionID(p.ID).Exec(sys); err != nil {
		t.Fatal(err)
	}
}

// ensureGroup gives the community a working group with a member and a
// meeting, which the demo data of Load (before LoadRegion) has in none.
func (w *world) ensureGroup(t *testing.T, c pulid.ID) {
	t.Helper()
	sys := tenant.SystemContext(context.Background())
	if n, err := w.client.WorkingGroup.Query().Where(workinggroup.CommunityID(c)).Count(sys); err != nil || n > 0 {
		if err != nil {
			t.Fatal(err)
		}
		return
	}
	g, err := w.client.WorkingGroup.Create().SetCommunityID(c).SetTitle("G").Save(sys)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.client.WorkingGroupMember.Create().SetCommunityID(c).SetGroupID(g.ID).SetName("M").Exec(sys); err != nil {
		t.Fatal(err)
	}
	if err := w.client.WorkingGroupMeeting.Create().SetCommunityID(c).SetGroupID(g.ID).SetNumber(1).SetHeldOn(clock.Now()).Exec(sys); err != nil {
		t.Fatal(err)
	}
}
