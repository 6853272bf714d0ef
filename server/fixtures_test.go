package server_test

import (
	"context"
	"fmt"

	"github.com/turbota/turbota/auth"
	"github.com/turbota/turbota/cases"
	"github.com/turbota/turbota/casework"
	"github.com/turbota/turbota/demo"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/auditevent"
	"github.com/turbota/turbota/ent/caseevent"
	"github.com/turbota/turbota/ent/community"
	"github.com/turbota/turbota/ent/decision"
	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/ent/needsassessment"
	"github.com/turbota/turbota/ent/organization"
	"github.com/turbota/turbota/ent/person"
	"github.com/turbota/turbota/ent/policyrule"
	"github.com/turbota/turbota/ent/region"
	"github.com/turbota/turbota/ent/relationship"
	"github.com/turbota/turbota/ent/report"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/schema/schematype"
	"github.com/turbota/turbota/tenant"
)

// fixture is one object of every kind in one community, for the isolation
// matrix to aim at.
type fixture struct {
	Community    pulid.ID
	Region       pulid.ID
	District     pulid.ID
	Organization pulid.ID
	Family       pulid.ID
	Person       pulid.ID
	Parent       pulid.ID
	Relationship pulid.ID
	Case         pulid.ID
	CaseEvent    pulid.ID
	Safety       pulid.ID
	Needs        pulid.ID
	Decision     pulid.ID
	Plan         pulid.ID
	PlanReview   pulid.ID
	ServiceType  pulid.ID // reference data: the same everywhere
	Report       pulid.ID
	APIClient    pulid.ID
	APIToken     string
	Membership   pulid.ID
	MemberUser   pulid.ID
	PolicyRule   pulid.ID
	AuditEvent   pulid.ID
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
	p, err := c.Person.Create().SetCommunityID(cm.ID).SetFamilyID(fam.ID).SetKind(person.KindCHILD).
		SetFirstName("Fixture").SetLastName("Child " + name).Save(ctx)
	if err != nil {
		return nil, err
	}
	rep, err := c.Report.Create().SetCommunityID(cm.ID).SetSource(report.SourceSCHOOL).SetSummary("Fixture report").
		SetFamilyID(fam.ID).AddChildIDs(p.ID).Save(ctx)
	if err != nil {
		return nil, err
	}
	f.Organization, f.Family, f.Person, f.Report = org.ID, fam.ID, p.ID, rep.ID
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
	cf, err := cases.OpenForReport(ctx, c, rep, []pulid.ID{p.ID})
	if err != nil {
		return nil, err
	}
	ev, err := c.CaseEvent.Query().Where(caseevent.CaseID(cf.ID)).Only(ctx)
	if err != nil {
		return nil, err
	}
	sa, err := c.SafetyAssessment.Create().SetCommunityID(cm.ID).SetCaseID(cf.ID).SetConductedAt(cf.OpenedAt).
		SetResult(casework.SafetySafe).SetOnTime(true).Save(ctx)
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
	goals := []schematype.PlanGoal{{Key: "g1", Text: "Fixture goal", Actions: []schematype.PlanAction{
		{Text: "Fixture action", ResponsibleOrganizationID: org.ID, Due: "2027-01-31"}}}}
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
	ac, token, err := auth.NewAPIClient(ctx, c, cm.ID, "Fixture app "+name, "", nil)
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
