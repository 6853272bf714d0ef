package server_test

import (
	"context"
	"time"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/certificate"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/schema/schematype"
	"github.com/turbota/turbota/ent/staffposition"
	"github.com/turbota/turbota/ent/supervisionsession"
	"github.com/turbota/turbota/ent/trainingprogramme"
	"github.com/turbota/turbota/ent/workinggroupdocument"
	"github.com/turbota/turbota/ent/workinggroupmember"
)

// workforceFixtures: a position of the fixture organisation held by the
// community's staff member and one held by a colleague without an account,
// a programme with an event, the first holder enrolled in it (attended a
// module, not completed yet), and a certificate of theirs.
func workforceFixtures(ctx context.Context, c *ent.Client, f *fixture) error {
	started := fixtureDay.AddDate(-2, 0, 0)
	p, err := c.StaffPosition.Create().SetCommunityID(f.Community).SetOrganizationID(f.Organization).
		SetKind(staffposition.KindSOCIAL_WORK_SPECIALIST).SetHolderID(f.MemberUser).SetHolderName("Fixture Specialist").
		SetStartedOn(started).SetQualifications([]string{"Fixture qualification"}).Save(ctx)
	if err != nil {
		return err
	}
	colleague, err := c.StaffPosition.Create().SetCommunityID(f.Community).SetOrganizationID(f.Organization).
		SetKind(staffposition.KindPSYCHOLOGIST).SetHolderName("Fixture Colleague").SetWorkload(0.5).Save(ctx)
	if err != nil {
		return err
	}
	tp, err := c.TrainingProgramme.Create().SetCommunityID(f.Community).SetTitle("Fixture training").
		SetFormat(trainingprogramme.FormatONLINE).SetFundingSource("Subvention").
		SetModules([]schematype.TrainingModule{{Topic: "Law", Hours: 6}, {Topic: "Practice", Hours: 6, Trainers: []string{"Trainer"}}}).Save(ctx)
	if err != nil {
		return err
	}
	day := fixtureDay.Truncate(24 * time.Hour)
	ev, err := c.TrainingEvent.Create().SetCommunityID(f.Community).SetProgrammeID(tp.ID).
		SetStartsOn(day.AddDate(0, 0, -3)).SetEndsOn(day.AddDate(0, 0, -1)).SetOrganizerName("Fixture centre").Save(ctx)
	if err != nil {
		return err
	}
	en, err := c.TrainingEnrolment.Create().SetCommunityID(f.Community).SetEventID(ev.ID).SetPositionID(p.ID).
		SetAttendedModules([]int{1}).Save(ctx)
	if err != nil {
		return err
	}
	cf, err := c.Certificate.Create().SetCommunityID(f.Community).SetPositionID(p.ID).
		SetNumber("FX-0001").SetIssuer("Fixture centre").SetKind(certificate.KindSTATE_STANDARD).
		SetIssuedOn(day).SetTitle("Fixture training").Save(ctx)
	if err != nil {
		return err
	}
	f.Colleague = colleague.ID
	sv, err := c.SupervisionSession.Create().SetCommunityID(f.Community).SetKind(supervisionsession.KindGROUP).
		SetFormat(supervisionsession.FormatONLINE).SetHeldOn(fixtureDay).SetSupervisorKind(supervisionsession.SupervisorKindEXTERNAL).
		SetSupervisorName("Fixture expert").SetSuperviseeIds([]pulid.ID{f.MemberUser}).SetCaseIds([]pulid.ID{f.Case}).
		SetFollowUps([]schematype.SupervisionFollowUp{{Key: "1", Text: "Fixture follow-up", DueOn: fixtureDay.AddDate(0, 0, 60)}}).Save(ctx)
	if err != nil {
		return err
	}
	f.Supervision = sv.ID
	f.Position, f.TrainingProgramme, f.TrainingEvent, f.Enrolment, f.Certificate = p.ID, tp.ID, ev.ID, en.ID, cf.ID
	return groupFixtures(ctx, c, f)
}

// groupFixtures: a working group with an external chair and a member
// without an account (nobody of the matrix holds a place in it), a meeting
// that gave an open action item, and an adopted document.
func groupFixtures(ctx context.Context, c *ent.Client, f *fixture) error {
	day := fixtureDay.Truncate(24 * time.Hour)
	g, err := c.WorkingGroup.Create().SetCommunityID(f.Community).SetTitle("Fixture group").SetEstablishedOn(day.AddDate(0, -3, 0)).Save(ctx)
	if err != nil {
		return err
	}
	chair, err := c.WorkingGroupMember.Create().SetCommunityID(f.Community).SetGroupID(g.ID).SetName("Fixture Chair").
		SetRole(workinggroupmember.RoleCHAIR).Save(ctx)
	if err != nil {
		return err
	}
	m, err := c.WorkingGroupMeeting.Create().SetCommunityID(f.Community).SetGroupID(g.ID).SetNumber(1).
		SetHeldOn(day.AddDate(0, 0, -7)).SetAttendees([]pulid.ID{chair.ID}).SetDecisions([]string{"Fixture decision"}).Save(ctx)
	if err != nil {
		return err
	}
	a, err := c.WorkingGroupAction.Create().SetCommunityID(f.Community).SetGroupID(g.ID).SetMeetingID(m.ID).
		SetText("Fixture item").SetOwnerID(chair.ID).SetDueOn(day.AddDate(0, 1, 0)).Save(ctx)
	if err != nil {
		return err
	}
	d, err := c.WorkingGroupDocument.Create().SetCommunityID(f.Community).SetGroupID(g.ID).SetMeetingID(m.ID).
		SetTitle("Fixture mapping").SetKind(workinggroupdocument.KindSERVICE_MAPPING).SetAdoptedOn(day.AddDate(0, 0, -7)).Save(ctx)
	if err != nil {
		return err
	}
	f.Group, f.GroupMember, f.GroupMeeting, f.GroupAction, f.GroupDocument = g.ID, chair.ID, m.ID, a.ID, d.ID
	return nil
}
