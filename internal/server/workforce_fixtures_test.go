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
	return nil
}
