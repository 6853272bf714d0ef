package server_test

import (
	"context"
	"fmt"
	"time"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/activity"
	"github.com/turbota/turbota/ent/approval"
	"github.com/turbota/turbota/ent/auditevent"
	"github.com/turbota/turbota/ent/caseaccess"
	"github.com/turbota/turbota/ent/caseevent"
	"github.com/turbota/turbota/ent/community"
	"github.com/turbota/turbota/ent/consent"
	"github.com/turbota/turbota/ent/decision"
	"github.com/turbota/turbota/ent/document"
	"github.com/turbota/turbota/ent/invitation"
	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/ent/needsassessment"
	"github.com/turbota/turbota/ent/notification"
	"github.com/turbota/turbota/ent/organization"
	"github.com/turbota/turbota/ent/person"
	"github.com/turbota/turbota/ent/policyrule"
	"github.com/turbota/turbota/ent/region"
	"github.com/turbota/turbota/ent/relationship"
	"github.com/turbota/turbota/ent/report"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/schema/schematype"
	"github.com/turbota/turbota/ent/servicetype"
	"github.com/turbota/turbota/ent/user"
	"github.com/turbota/turbota/internal/auth"
	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/internal/workflow"
	"github.com/turbota/turbota/tenant"
)

// fixture is one object of every kind in one community, for the isolation
// matrix to aim at.
type fixture struct {
	Community    pulid.ID
	Region       pulid.ID
	District     pulid.ID
	Organization pulid.ID
	// Provider is the organisation the demo provider's staff work in where
	// they work in the community, else the fixture organisation: the one
	// named as acting (assessing, serving), which staff may only do for
	// their own.
	Provider     pulid.ID
	Family       pulid.ID
	Person       pulid.ID
	Parent       pulid.ID
	Relationship pulid.ID
	Case         pulid.ID
	CaseEvent    pulid.ID
	Safety       pulid.ID
	Needs        pulid.ID
	Decision     pulid.ID
	Placement    pulid.ID
	Plan         pulid.ID
	PlanReview   pulid.ID
	ServiceType  pulid.ID // reference data: the same everywhere
	Referral     pulid.ID
	Consent      pulid.ID
	Withdrawable pulid.ID // a second consent, for withdrawConsent
	TeamMember   pulid.ID
	Service      pulid.ID
	Activity     pulid.ID
	CaseAccess   pulid.ID
	Document     pulid.ID
	Session      pulid.ID
	Approval     pulid.ID
	Notification pulid.ID
	SavedFilter  pulid.ID
	Offer        pulid.ID // a service on the map
	OtherService pulid.ID // a classifier service the fixture organisation does not offer yet
	Emergency    pulid.ID // an emergency access, long expired
	Programme    pulid.ID // a voucher programme with the fixture family's voucher
	Spare        pulid.ID // a voucher programme the fixture family holds nothing of
	Voucher      pulid.ID
	// The workforce register and training (workforce_fixtures_test.go).
	Position, Colleague, TrainingProgramme, TrainingEvent, Enrolment, Certificate pulid.ID
	// A working group with its chair, a meeting, an action item and a document.
	Group, GroupMember, GroupMeeting, GroupAction, GroupDocument pulid.ID
	// Supervision is a session of the journal (workforce_fixtures_test.go):
	// by an external expert, for the community's member (no viewer of the
	// matrix), with one open follow-up item.
	Supervision pulid.ID
	// Transfer is a request to hand the fixture case to Elsewhere, a
	// community nobody of the matrix works in, still awaiting its answer.
	Transfer   pulid.ID
	Elsewhere  pulid.ID
	Report     pulid.ID
	APIClient  pulid.ID
	APIToken   string
	Membership pulid.ID
	MemberUser pulid.ID
	Invitation pulid.ID // to the staff member, still pending
	PolicyRule pulid.ID
	AuditEvent pulid.ID
}

// The three communities of the matrix: the demo community of Вінницька
// область (own), another community of that region, and the demo community of
// Полтавська область.
var fx = map[string]*fixture{}

const (
	own         = "own"
	sameRegion  = "same-region"
	otherRegion = "other-region"
)

func buildFixtures(ctx context.Context, c *ent.Client) error {
	ctx = tenant.SystemContext(ctx)
	vin, err := c.Community.Query().Where(community.KatottgCode(demo.VinnytsiaCommunityCode)).Only(ctx)
	if err != nil {
		return err
	}
	pol, err := c.Community.Query().Where(community.KatottgCode(demo.PoltavaCommunityCode)).Only(ctx)
	if err != nil {
		return err
	}
	neighbour, err := c.Community.Query().Where(community.RegionID(vin.RegionID), community.IDNEQ(vin.ID),
		community.HasRegionWith(region.KatottgCode(demo.VinnytsiaOblastCode))).
		Order(ent.Asc(community.FieldKatottgCode)).First(ctx)
	if err != nil {
		return err
	}
	for name, cm := range map[string]*ent.Community{own: vin, sameRegion: neighbour, otherRegion: pol} {
		f, err := fixtureIn(ctx, c, cm, name)
		if err != nil {
			return fmt.Errorf("fixture %s: %w", name, err)
		}
		fx[name] = f
	}
	return nil
}

func fixtureIn(ctx context.Context, c *ent.Client, cm *ent.Community, name string) (*fixture, error) {
	f := &fixture{Community: cm.ID, Region: cm.RegionID}
	if cm.DistrictID != nil {
		f.District = *cm.DistrictID
	}
	org, err := c.Organization.Create().SetCommunityID(cm.ID).SetName("Fixture org " + name).
		SetKind(organization.KindPUBLIC_PROVIDER).Save(ctx)
	if err != nil {
		return nil, err
	}
	fam, err := c.Family.Create().SetCommunityID(cm.ID).SetName("Fixture family " + name).Save(ctx)
	if err != nil {
		return nil, err
	}
	// The fixture's child is in the register of children deprived of parental care.
	p, err := c.Person.Create().SetCommunityID(cm.ID).SetFamilyID(fam.ID).SetKind(person.KindCHILD).
		SetFirstName("Fixture").SetLastName("Child " + name).
		SetParentalCareStatus(person.ParentalCareStatusDEPRIVED_OF_PARENTAL_CARE).SetParentalCareBasis("fixture").
		SetParentalCareSince(fixtureDay).Save(ctx)
	if err != nil {
		return nil, err
	}
	// Received before every date the tests give its steps (stepDay and later).
	rep, err := c.Report.Create().SetCommunityID(cm.ID).SetSource(report.SourceSCHOOL).SetSummary("Fixture report").
		SetReceivedAt(fixtureDay.Add(-time.Hour)).
		SetFamilyID(fam.ID).AddChildIDs(p.ID).Save(ctx)
	if err != nil {
		return nil, err
	}
	f.Organization, f.Family, f.Person, f.Report = org.ID, fam.ID, p.ID, rep.ID
	f.Provider = org.ID
	staff, err := c.Membership.Query().Where(membership.CommunityID(cm.ID), membership.OrganizationIDNotNil(),
		membership.HasUserWith(user.Email(demo.VinnytsiaProviderManagerEmail))).First(ctx)
	switch {
	case err == nil:
		f.Provider = *staff.OrganizationID
	case !ent.IsNotFound(err):
		return nil, err
	}
	parent, err := c.Person.Create().SetCommunityID(cm.ID).SetFamilyID(fam.ID).SetKind(person.KindADULT).
		SetFirstName("Fixture").SetLastName("Parent " + name).Save(ctx)
	if err != nil {
		return nil, err
	}
	rel, err := c.Relationship.Create().SetCommunityID(cm.ID).SetPersonID(parent.ID).SetRelativeID(p.ID).
		SetKind(relationship.KindMOTHER).Save(ctx)
	if err != nil {
		return nil, err
	}
	f.Parent, f.Relationship = parent.ID, rel.ID
	cf, err := workflow.OpenForReport(ctx, c, rep, []pulid.ID{p.ID})
	if err != nil {
		return nil, err
	}
	ev, err := c.CaseEvent.Query().Where(caseevent.CaseID(cf.ID)).Only(ctx)
	if err != nil {
		return nil, err
	}
	sa, err := c.SafetyAssessment.Create().SetCommunityID(cm.ID).SetCaseID(cf.ID).SetConductedAt(cf.OpenedAt).
		SetResult(procedure.SafetySafe).SetOnTime(true).Save(ctx)
	if err != nil {
		return nil, err
	}
	na, err := c.NeedsAssessment.Create().SetCommunityID(cm.ID).SetCaseID(cf.ID).SetProviderID(org.ID).
		SetKind(needsassessment.KindINITIAL).SetConductedAt(cf.OpenedAt).SetDomains([]schematype.DomainRating{}).
		SetStrengths("").SetConclusion("Fixture").SetActNumber("1").SetActFiledAt(cf.OpenedAt).
		SetDue(cf.OpenedAt).SetOnTime(true).Save(ctx)
	if err != nil {
		return nil, err
	}
	dc, err := c.Decision.Create().SetCommunityID(cm.ID).SetCaseID(cf.ID).SetBody(decision.BodyGUARDIANSHIP_BODY).
		SetKind(decision.KindOTHER).SetNumber("1").SetDecidedAt(cf.OpenedAt).SetLegalBasis("fixture").Save(ctx)
	if err != nil {
		return nil, err
	}
	pm, err := c.Placement.Create().SetCommunityID(cm.ID).SetCaseID(cf.ID).SetChildID(f.Person).SetForm(procedure.CareKin).
		SetAddress("fixture").SetStartedAt(cf.OpenedAt).Save(ctx)
	if err != nil {
		return nil, err
	}
	f.Placement = pm.ID
	goals := []schematype.PlanGoal{{Key: "g1", Text: "Fixture goal", Actions: []schematype.PlanAction{
		{Text: "Fixture action", ResponsibleOrganizationID: org.ID, Due: dayOf(fixtureDay.AddDate(0, 3, 0))}}}}
	pl, err := c.Plan.Create().SetCommunityID(cm.ID).SetCaseID(cf.ID).SetVersion(1).SetGoals(goals).
		SetNextReviewAt(cf.OpenedAt.AddDate(0, 3, 0)).Save(ctx)
	if err != nil {
		return nil, err
	}
	pr, err := c.PlanReview.Create().SetCommunityID(cm.ID).SetPlanID(pl.ID).SetReviewedAt(cf.OpenedAt).
		SetOutcomes([]schematype.GoalOutcome{{Key: "g1", Outcome: "PARTLY_ACHIEVED"}}).Save(ctx)
	if err != nil {
		return nil, err
	}
	f.Case, f.CaseEvent, f.Safety, f.Needs, f.Decision = cf.ID, ev.ID, sa.ID, na.ID, dc.ID
	f.Plan, f.PlanReview = pl.ID, pr.ID
	st, err := c.ServiceType.Query().First(ctx)
	if err != nil {
		return nil, err
	}
	f.ServiceType = st.ID
	ac, token, _, err := auth.NewAPIClient(ctx, c, cm.ID, auth.APIClientInput{Name: "Fixture app " + name})
	if err != nil {
		return nil, err
	}
	f.APIClient, f.APIToken = ac.ID, token
	u, err := auth.CreateUserWithHash(ctx, c, "member-"+name+"@fixture.test", "Fixture member", "x")
	if err != nil {
		return nil, err
	}
	m, err := c.Membership.Create().SetUserID(u.ID).SetRole(membership.RolePROVIDER_SPECIALIST).
		SetCommunityID(cm.ID).SetOrganizationID(org.ID).Save(ctx)
	if err != nil {
		return nil, err
	}
	f.Membership, f.MemberUser = m.ID, u.ID
	inv, err := c.Invitation.Create().SetCommunityID(cm.ID).SetUserID(u.ID).SetEmail(u.Email).
		SetRole(invitation.RoleGUARDIANSHIP_BODY).SetInvitedByID(u.ID).Save(ctx)
	if err != nil {
		return nil, err
	}
	f.Invitation = inv.ID
	if err := workFixtures(ctx, c, f, cf, org.ID); err != nil {
		return nil, err
	}
	rule, err := c.PolicyRule.Create().SetDomain(string(cm.ID)).SetRole(policyrule.RoleGUARDIANSHIP_BODY).
		SetObject("organization").SetAction("read").SetEffect(policyrule.EffectALLOW).Save(ctx)
	if err != nil {
		return nil, err
	}
	f.PolicyRule = rule.ID
	audit, err := c.AuditEvent.Query().Where(auditevent.CommunityID(cm.ID)).First(ctx)
	if err != nil {
		return nil, err
	}
	f.AuditEvent = audit.ID
	return f, nil
}

// workFixtures adds the work on the fixture case: consents, a referral to
// the fixture organisation, a team place, a service and a visit, and
// access for every provider of the community, so that providers' staff
// read the case as the matrix expects of their role.
func workFixtures(ctx context.Context, c *ent.Client, f *fixture, cf *ent.CaseFile, org pulid.ID) error {
	cn, err := c.Consent.Create().SetCommunityID(f.Community).SetFamilyID(f.Family).SetGivenBy("Fixture parent").
		SetGivenAt(fixtureDay).SetDocument("згода № 1").Save(ctx)
	if err != nil {
		return err
	}
	cn2, err := c.Consent.Create().SetCommunityID(f.Community).SetFamilyID(f.Family).SetGivenBy("Fixture parent").
		SetGivenAt(fixtureDay).SetDocument("згода № 2").Save(ctx)
	if err != nil {
		return err
	}
	// The matrix puts the fixture's provider on the team: the family agreed.
	if err := c.Consent.Create().SetCommunityID(f.Community).SetFamilyID(f.Family).SetGivenBy("Fixture parent").
		SetGivenAt(fixtureDay).SetDocument("згода № 3").SetPurpose(consent.PurposeTEAM).
		SetRecipientKind(consent.RecipientKindPUBLIC_PROVIDER).Exec(ctx); err != nil {
		return err
	}
	rf, err := c.Referral.Create().SetCommunityID(f.Community).SetCaseID(cf.ID).SetFromOrganizationID(org).
		SetToOrganizationID(org).SetReason("Fixture referral").SetSentAt(cf.OpenedAt).SetConsentID(cn.ID).Save(ctx)
	if err != nil {
		return err
	}
	tm, err := c.TeamMember.Create().SetCommunityID(f.Community).SetCaseID(cf.ID).SetOrganizationID(org).
		SetName("Fixture member").SetRole("psychologist").Save(ctx)
	if err != nil {
		return err
	}
	sv, err := c.ServiceProvision.Create().SetCommunityID(f.Community).SetCaseID(cf.ID).SetProviderID(org).
		SetServiceTypeID(f.ServiceType).SetStartedAt(fixtureDay).Save(ctx)
	if err != nil {
		return err
	}
	ac, err := c.Activity.Create().SetCommunityID(f.Community).SetCaseID(cf.ID).SetServiceID(sv.ID).
		SetKind(activity.KindHOME_VISIT).SetAt(fixtureDay).SetDurationMinutes(60).Save(ctx)
	if err != nil {
		return err
	}
	providers, err := c.Organization.Query().Where(organization.CommunityID(f.Community),
		organization.KindIn(organization.KindPUBLIC_PROVIDER, organization.KindNGO_PROVIDER)).IDs(ctx)
	if err != nil {
		return err
	}
	for _, p := range providers {
		a, err := c.CaseAccess.Create().SetCommunityID(f.Community).SetCaseID(cf.ID).SetOrganizationID(p).
			SetReason(caseaccess.ReasonREFERRAL).Save(ctx)
		if err != nil {
			return err
		}
		f.CaseAccess = a.ID
	}
	f.Consent, f.Withdrawable, f.Referral, f.TeamMember, f.Service, f.Activity = cn.ID, cn2.ID, rf.ID, tm.ID, sv.ID, ac.ID
	return paperFixtures(ctx, c, f, cf)
}

// paperFixtures: a document, a commission sitting, an approval waiting for
// a supervisor and a notification to the fixture's staff member.
func paperFixtures(ctx context.Context, c *ent.Client, f *fixture, cf *ent.CaseFile) error {
	doc, err := c.Document.Create().SetCommunityID(f.Community).SetCaseID(cf.ID).SetKind(document.KindSCAN).
		SetTitle("Fixture scan").SetFileName("scan.png").SetContentType("image/png").SetSize(int64(len(pngBytes))).
		SetSha256("0").Save(ctx)
	if err != nil {
		return err
	}
	if err := c.DocumentChunk.Create().SetCommunityID(f.Community).SetDocumentID(doc.ID).SetSeq(0).SetData(pngBytes).Exec(ctx); err != nil {
		return err
	}
	ks, err := c.CommissionSession.Create().SetCommunityID(f.Community).SetHeldAt(fixtureDay).
		SetAgenda([]schematype.AgendaItem{{Title: "Fixture question", CaseID: &cf.ID}}).Save(ctx)
	if err != nil {
		return err
	}
	draft, err := c.Plan.Create().SetCommunityID(f.Community).SetCaseID(cf.ID).SetVersion(2).
		SetGoals([]schematype.PlanGoal{{Key: "g1", Text: "Fixture goal"}}).SetNextReviewAt(fixtureDay.AddDate(0, 3, 0)).Save(ctx)
	if err != nil {
		return err
	}
	ap, err := c.Approval.Create().SetCommunityID(f.Community).SetCaseID(cf.ID).SetSubjectKind(approval.SubjectKindPLAN).
		SetSubjectID(draft.ID).SetRequestedAt(fixtureDay).Save(ctx)
	if err != nil {
		return err
	}
	nt, err := c.Notification.Create().SetCommunityID(f.Community).SetUserID(f.MemberUser).
		SetKind(notification.KindREFERRAL_RECEIVED).SetCaseID(cf.ID).Save(ctx)
	if err != nil {
		return err
	}
	sf, err := c.SavedFilter.Create().SetCommunityID(f.Community).SetUserID(f.MemberUser).SetName("fixture: overdue").
		SetStatuses([]string{"OVERDUE"}).Save(ctx)
	if err != nil {
		return err
	}
	f.SavedFilter = sf.ID
	f.Document, f.Session, f.Approval, f.Notification = doc.ID, ks.ID, ap.ID, nt.ID
	return mapFixtures(ctx, c, f)
}

// mapFixtures puts the fixture organisation's service on the service map.
func mapFixtures(ctx context.Context, c *ent.Client, f *fixture) error {
	org, err := c.Organization.Query().Where(organization.CommunityID(f.Community), organization.NameHasPrefix("Fixture org")).OnlyID(ctx)
	if err != nil {
		return err
	}
	os, err := c.ProviderService.Create().SetCommunityID(f.Community).SetOrganizationID(org).SetServiceTypeID(f.ServiceType).
		SetCapacity(20).SetAreaServed("уся громада").Save(ctx)
	if err != nil {
		return err
	}
	other, err := c.ServiceType.Query().Where(servicetype.IDNEQ(f.ServiceType)).FirstID(ctx)
	if err != nil {
		return err
	}
	ea, err := c.EmergencyAccess.Create().SetCommunityID(f.Community).SetCaseID(f.Case).SetUserID(f.MemberUser).
		SetReason("A fixture: the police asked about the child at night").SetExpiresAt(fixtureDay).Save(ctx)
	f.Offer, f.OtherService = os.ID, other
	if ea != nil {
		f.Emergency = ea.ID
	}
	if err != nil {
		return err
	}
	if err := transferFixture(ctx, c, f); err != nil {
		return err
	}
	if err := voucherFixtures(ctx, c, f); err != nil {
		return err
	}
	return workforceFixtures(ctx, c, f)
}

// transferFixture: a case of the fixture family asked of a community none of the
// matrix's viewers works in (the first of the codifier outside the
// three), not yet answered.
func transferFixture(ctx context.Context, c *ent.Client, f *fixture) error {
	var known []pulid.ID
	for _, name := range []string{own, sameRegion, otherRegion} {
		if fx[name] != nil {
			known = append(known, fx[name].Community)
		}
	}
	known = append(known, f.Community)
	to, err := c.Community.Query().Where(community.IDNotIn(known...)).Order(ent.Desc(community.FieldKatottgCode)).FirstID(ctx)
	if err != nil {
		return err
	}
	// A case of its own, so that the pending transfer holds no move of the
	// fixture case back (procedure.RuleTransferPending).
	rules, err := procedure.RuleSetAt(fixtureDay)
	if err != nil {
		return err
	}
	moving, err := c.CaseFile.Create().SetCommunityID(f.Community).SetFamilyID(f.Family).SetOpenedAt(fixtureDay).
		SetRuleSetVersion(rules.Version).SetSafetyAssessmentDue(fixtureDay.AddDate(0, 0, 1)).Save(ctx)
	if err != nil {
		return err
	}
	t, err := c.CaseTransfer.Create().SetCommunityID(f.Community).SetCaseID(moving.ID).SetFamilyID(f.Family).
		SetToCommunityID(to).SetReason("A fixture: the family moved").SetRequestedAt(fixtureDay).
		SetOverrideReason("fixture").SetChildren(1).Save(ctx)
	if err != nil {
		return err
	}
	f.Transfer, f.Elsewhere = t.ID, to
	return nil
}

// voucherFixtures: two programmes, and a voucher of the first issued to the
// fixture family.
func voucherFixtures(ctx context.Context, c *ent.Client, f *fixture) error {
	var ids [2]pulid.ID
	for i, name := range []string{"Fixture programme", "Fixture spare programme"} {
		p, err := c.VoucherProgramme.Create().SetCommunityID(f.Community).SetName(name).SetValueUah(5000).
			SetVouchers(1000).SetEligibility("Сім'ї у СЖО").SetStartsOn(fixtureDay.AddDate(-1, 0, 0)).Save(ctx)
		if err != nil {
			return err
		}
		ids[i] = p.ID
	}
	vc, err := c.Voucher.Create().SetCommunityID(f.Community).SetProgrammeID(ids[0]).SetFamilyID(f.Family).
		SetNumber("F-1").SetIssuedAt(fixtureDay).Save(ctx)
	if err != nil {
		return err
	}
	f.Programme, f.Spare, f.Voucher = ids[0], ids[1], vc.ID
	return nil
}

// pngBytes is a 1×1 PNG, a file every upload test can send.
var pngBytes = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89" +
	"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82")
