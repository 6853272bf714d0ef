// Package demo loads synthetic demonstration data: two real communities of
// the codifier, staffed by one invented user per role, with invented
// families, children and reports. No real person is in it.
//
// It needs the territory (package territory) loaded first.
package demo

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/caseaccess"
	"github.com/turbota/turbota/ent/community"
	"github.com/turbota/turbota/ent/credential"
	"github.com/turbota/turbota/ent/family"
	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/ent/organization"
	"github.com/turbota/turbota/ent/person"
	"github.com/turbota/turbota/ent/region"
	"github.com/turbota/turbota/ent/relationship"
	"github.com/turbota/turbota/ent/report"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/user"
	"github.com/turbota/turbota/internal/auth/secret"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/internal/workflow"
	"github.com/turbota/turbota/tenant"
)

// DefaultPassword is every demo account's password unless the caller of
// Load chooses another.
const DefaultPassword = "turbota-demo-2026"

// The demo communities: real communities of the KATOTTG codifier, in two
// regions, holding only invented people.
const (
	// VinnytsiaCommunityCode is Вінницька міська громада (Вінницький район, Вінницька область).
	VinnytsiaCommunityCode = "UA05020030000031457"
	// PoltavaCommunityCode is Полтавська міська громада (Полтавський район, Полтавська область).
	PoltavaCommunityCode = "UA53080370000025447"
	// VinnytsiaOblastCode is Вінницька область, the regional supervisor's region.
	VinnytsiaOblastCode = "UA05000000000010236"
	// PoltavaOblastCode is Полтавська область.
	PoltavaOblastCode = "UA53000000000028050"
)

// Demo accounts, one per role in each community, plus the oversight roles.
const (
	VinnytsiaAdminEmail              = "admin@vinnytsia.demo.turbota.ua"
	VinnytsiaSocialProtectionEmail   = "uszn@vinnytsia.demo.turbota.ua"
	VinnytsiaChildrenServiceEmail    = "ssd@vinnytsia.demo.turbota.ua"
	VinnytsiaProviderManagerEmail    = "provider@vinnytsia.demo.turbota.ua"
	VinnytsiaProviderSpecialistEmail = "specialist@vinnytsia.demo.turbota.ua"
	VinnytsiaGuardianshipEmail       = "guardianship@vinnytsia.demo.turbota.ua"
	VinnytsiaPartnerReporterEmail    = "school@vinnytsia.demo.turbota.ua"
	VinnytsiaAuditorEmail            = "auditor@vinnytsia.demo.turbota.ua"

	PoltavaAdminEmail              = "admin@poltava.demo.turbota.ua"
	PoltavaSocialProtectionEmail   = "uszn@poltava.demo.turbota.ua"
	PoltavaChildrenServiceEmail    = "ssd@poltava.demo.turbota.ua"
	PoltavaProviderManagerEmail    = "provider@poltava.demo.turbota.ua"
	PoltavaProviderSpecialistEmail = "specialist@poltava.demo.turbota.ua"
	PoltavaGuardianshipEmail       = "guardianship@poltava.demo.turbota.ua"
	PoltavaPartnerReporterEmail    = "school@poltava.demo.turbota.ua"
	PoltavaAuditorEmail            = "auditor@poltava.demo.turbota.ua"

	// RegionalSupervisorEmail supervises Вінницька область.
	RegionalSupervisorEmail = "region@vinnytsia-oblast.demo.turbota.ua"
	// NationalAnalystEmail sees the whole country.
	NationalAnalystEmail = "analyst@demo.turbota.ua"
)

// ErrTerritoryNotLoaded is returned when a demo community or region is not
// in the database.
var ErrTerritoryNotLoaded = errors.New("demo: territory not loaded (run territory.Load first)")

// Login is a demo account, for printing.
type Login struct {
	Email, Role, Community string
}

func (l Login) String() string {
	return fmt.Sprintf("%-40s %-20s %s", l.Email, l.Role, l.Community)
}

type account struct {
	email, displayName string
	role               membership.Role
	org                organization.Kind // empty: no organization
}

type orgSpec struct {
	kind organization.Kind
	name string
}

type communitySpec struct {
	code, display string
	orgs          []orgSpec
	accounts      []account
	names         nameLists
}

var vinnytsia = communitySpec{
	code:    VinnytsiaCommunityCode,
	display: "Вінницька міська громада",
	orgs: []orgSpec{
		{organization.KindCHILDREN_SERVICE, "Служба у справах дітей Вінницької міської ради"},
		{organization.KindSOCIAL_PROTECTION, "Департамент соціальної політики Вінницької міської ради"},
		{organization.KindPUBLIC_PROVIDER, "Центр надання соціальних послуг Вінницької міської ради"},
		{organization.KindNGO_PROVIDER, "Громадська організація «Родинне коло Поділля»"},
		{organization.KindGUARDIANSHIP_BODY, "Виконавчий комітет Вінницької міської ради"},
		{organization.KindPARTNER, "Ліцей № 45 Вінницької міської ради"},
	},
	accounts: []account{
		{VinnytsiaAdminEmail, "Ірина Коваль", membership.RoleCOMMUNITY_ADMIN, organization.KindGUARDIANSHIP_BODY},
		{VinnytsiaSocialProtectionEmail, "Наталія Бондар", membership.RoleSOCIAL_PROTECTION, organization.KindSOCIAL_PROTECTION},
		{VinnytsiaChildrenServiceEmail, "Олена Мороз", membership.RoleCHILDREN_SERVICE, organization.KindCHILDREN_SERVICE},
		{VinnytsiaProviderManagerEmail, "Віктор Ткач", membership.RolePROVIDER_MANAGER, organization.KindPUBLIC_PROVIDER},
		{VinnytsiaProviderSpecialistEmail, "Людмила Савчук", membership.RolePROVIDER_SPECIALIST, organization.KindPUBLIC_PROVIDER},
		{VinnytsiaGuardianshipEmail, "Сергій Лисенко", membership.RoleGUARDIANSHIP_BODY, organization.KindGUARDIANSHIP_BODY},
		{VinnytsiaPartnerReporterEmail, "Тетяна Гнатюк", membership.RolePARTNER_REPORTER, organization.KindPARTNER},
		{VinnytsiaAuditorEmail, "Андрій Поліщук", membership.RoleAUDITOR, organization.KindGUARDIANSHIP_BODY},
	},
	names: vinnytsiaNames,
}

var poltava = communitySpec{
	code:    PoltavaCommunityCode,
	display: "Полтавська міська громада",
	orgs: []orgSpec{
		{organization.KindCHILDREN_SERVICE, "Служба у справах дітей Полтавської міської ради"},
		{organization.KindSOCIAL_PROTECTION, "Управління соціального захисту населення Полтавської міської ради"},
		{organization.KindPUBLIC_PROVIDER, "Центр надання соціальних послуг Полтавської міської ради"},
		{organization.KindNGO_PROVIDER, "Благодійний фонд «Світанок над Ворсклою»"},
		{organization.KindGUARDIANSHIP_BODY, "Виконавчий комітет Полтавської міської ради"},
		{organization.KindPARTNER, "Гімназія № 41 Полтавської міської ради"},
	},
	accounts: []account{
		{PoltavaAdminEmail, "Галина Кравець", membership.RoleCOMMUNITY_ADMIN, organization.KindGUARDIANSHIP_BODY},
		{PoltavaSocialProtectionEmail, "Володимир Руденко", membership.RoleSOCIAL_PROTECTION, organization.KindSOCIAL_PROTECTION},
		{PoltavaChildrenServiceEmail, "Світлана Марченко", membership.RoleCHILDREN_SERVICE, organization.KindCHILDREN_SERVICE},
		{PoltavaProviderManagerEmail, "Оксана Левченко", membership.RolePROVIDER_MANAGER, organization.KindPUBLIC_PROVIDER},
		{PoltavaProviderSpecialistEmail, "Юлія Панченко", membership.RolePROVIDER_SPECIALIST, organization.KindPUBLIC_PROVIDER},
		{PoltavaGuardianshipEmail, "Микола Кушнір", membership.RoleGUARDIANSHIP_BODY, organization.KindGUARDIANSHIP_BODY},
		{PoltavaPartnerReporterEmail, "Надія Шаповал", membership.RolePARTNER_REPORTER, organization.KindPARTNER},
		{PoltavaAuditorEmail, "Петро Білоус", membership.RoleAUDITOR, organization.KindGUARDIANSHIP_BODY},
	},
	names: poltavaNames,
}

var communities = []communitySpec{vinnytsia, poltava}

var (
	regionalSupervisor = account{RegionalSupervisorEmail, "Лариса Мельничук", membership.RoleREGIONAL_SUPERVISOR, ""}
	nationalAnalyst    = account{NationalAnalystEmail, "Ігор Зайченко", membership.RoleNATIONAL_ANALYST, ""}
)

const (
	regionalDisplay = "Вінницька область"
	nationalDisplay = "Україна"
)

// CommunityCodes returns the KATOTTG codes of the demo communities.
func CommunityCodes() []string { return []string{VinnytsiaCommunityCode, PoltavaCommunityCode} }

// Logins lists every demo account, in the order Load returns them.
func Logins() []Login {
	var out []Login
	for _, c := range communities {
		for _, a := range c.accounts {
			out = append(out, Login{Email: a.email, Role: string(a.role), Community: c.display})
		}
	}
	return append(out,
		Login{Email: regionalSupervisor.email, Role: string(regionalSupervisor.role), Community: regionalDisplay},
		Login{Email: nationalAnalyst.email, Role: string(nationalAnalyst.role), Community: nationalDisplay},
	)
}

// Emails lists the email of every demo account.
func Emails() []string {
	var out []string
	for _, l := range Logins() {
		out = append(out, l.Email)
	}
	return out
}

// PersonNames returns every first name, patronymic and surname of the demo
// people of one community (by KATOTTG code); nil for any other code.
func PersonNames(communityCode string) []string {
	for _, c := range communities {
		if c.code == communityCode {
			return planPeople(c.names).names()
		}
	}
	return nil
}

// AllPersonNames returns every first name, patronymic and surname of every
// demo person, so tests can check that none of them leaks into a log.
func AllPersonNames() []string {
	var out []string
	for _, c := range communities {
		out = append(out, planPeople(c.names).names()...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// StaffNames returns the display names of the demo accounts.
func StaffNames() []string {
	var out []string
	for _, c := range communities {
		for _, a := range c.accounts {
			out = append(out, a.displayName)
		}
	}
	return append(out, regionalSupervisor.displayName, nationalAnalyst.displayName)
}

// Load creates what is missing of the demo data, in one transaction, and
// returns the accounts. An empty password means DefaultPassword. Existing
// accounts keep their password; running Load again creates nothing.
func Load(ctx context.Context, client *ent.Client, password string) ([]Login, error) {
	if password == "" {
		password = DefaultPassword
	}
	if err := secret.ValidatePassword(password); err != nil {
		return nil, fmt.Errorf("demo: password: %w", err)
	}
	ctx = tenant.SystemContext(ctx)
	tx, err := client.Tx(ctx)
	if err != nil {
		return nil, fmt.Errorf("demo: begin: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	l := &loader{c: tx.Client(), password: password, now: clock.Now()}
	for _, spec := range communities {
		if err := l.community(ctx, spec); err != nil {
			return nil, err
		}
	}
	rg, err := l.c.Region.Query().Where(region.KatottgCode(VinnytsiaOblastCode)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, ErrTerritoryNotLoaded
	}
	if err != nil {
		return nil, fmt.Errorf("demo: find region: %w", err)
	}
	if err := l.account(ctx, regionalSupervisor, nil, &rg.ID, nil); err != nil {
		return nil, err
	}
	if err := l.account(ctx, nationalAnalyst, nil, nil, nil); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("demo: commit: %w", err)
	}
	return Logins(), nil
}

type loader struct {
	c        *ent.Client
	password string
	hash     string // made once, on the first account to create
	now      time.Time
	orgs     map[organization.Kind]pulid.ID // of the community being loaded
	staff    map[membership.Role]pulid.ID   // its demo users, by role
}

func (l *loader) passwordHash() (string, error) {
	if l.hash == "" {
		h, err := secret.HashPassword(l.password)
		if err != nil {
			return "", fmt.Errorf("demo: hash password: %w", err)
		}
		l.hash = h
	}
	return l.hash, nil
}

func (l *loader) community(ctx context.Context, spec communitySpec) error {
	cm, err := l.c.Community.Query().Where(community.KatottgCode(spec.code)).Only(ctx)
	if ent.IsNotFound(err) {
		return ErrTerritoryNotLoaded
	}
	if err != nil {
		return fmt.Errorf("demo: find community %s: %w", spec.code, err)
	}
	orgs := map[organization.Kind]pulid.ID{}
	for _, o := range spec.orgs {
		id, err := l.c.Organization.Query().
			Where(organization.CommunityID(cm.ID), organization.KindEQ(o.kind), organization.Name(o.name)).
			FirstID(ctx)
		if ent.IsNotFound(err) {
			var created *ent.Organization
			created, err = l.c.Organization.Create().SetCommunityID(cm.ID).SetKind(o.kind).SetName(o.name).Save(ctx)
			if err == nil {
				id = created.ID
			}
		}
		if err != nil {
			return fmt.Errorf("demo: organization %q: %w", o.name, err)
		}
		orgs[o.kind] = id
	}
	for _, a := range spec.accounts {
		var org *pulid.ID
		if id, ok := orgs[a.org]; ok {
			org = &id
		}
		if err := l.account(ctx, a, &cm.ID, nil, org); err != nil {
			return err
		}
	}
	l.orgs = orgs
	return l.people(ctx, cm.ID, spec)
}

// account makes the user (with the shared password hash) and its membership
// unless they exist.
func (l *loader) account(ctx context.Context, a account, communityID, regionID, orgID *pulid.ID) error {
	u, err := l.c.User.Query().Where(user.Email(a.email)).Only(ctx)
	if ent.IsNotFound(err) {
		u, err = l.c.User.Create().SetEmail(a.email).SetDisplayName(a.displayName).Save(ctx)
	}
	if err != nil {
		return fmt.Errorf("demo: user %s: %w", a.email, err)
	}
	hasCred, err := l.c.Credential.Query().Where(credential.UserID(u.ID)).Exist(ctx)
	if err != nil {
		return fmt.Errorf("demo: credential of %s: %w", a.email, err)
	}
	if !hasCred {
		hash, err := l.passwordHash()
		if err != nil {
			return err
		}
		if err := l.c.Credential.Create().SetUserID(u.ID).SetPasswordHash(hash).Exec(ctx); err != nil {
			return fmt.Errorf("demo: credential of %s: %w", a.email, err)
		}
	}
	q := l.c.Membership.Query().Where(membership.UserID(u.ID), membership.RoleEQ(a.role))
	if communityID != nil {
		q.Where(membership.CommunityID(*communityID))
	} else {
		q.Where(membership.CommunityIDIsNil())
	}
	if regionID != nil {
		q.Where(membership.RegionID(*regionID))
	} else {
		q.Where(membership.RegionIDIsNil())
	}
	exists, err := q.Exist(ctx)
	if err != nil {
		return fmt.Errorf("demo: membership of %s: %w", a.email, err)
	}
	if exists {
		return nil
	}
	err = l.c.Membership.Create().SetUserID(u.ID).SetRole(a.role).
		SetNillableCommunityID(communityID).SetNillableRegionID(regionID).SetNillableOrganizationID(orgID).
		Exec(ctx)
	if err != nil {
		return fmt.Errorf("demo: membership of %s: %w", a.email, err)
	}
	return nil
}

// people creates the invented families, persons and reports of a community
// unless its demo families exist. Errors name no person: they may be logged.
func (l *loader) people(ctx context.Context, communityID pulid.ID, spec communitySpec) error {
	plan := planPeople(spec.names)
	var surnames []string
	for _, f := range plan.families {
		surnames = append(surnames, f.name)
	}
	exists, err := l.c.Family.Query().Where(family.CommunityID(communityID), family.NameIn(surnames...)).Exist(ctx)
	if err != nil {
		return fmt.Errorf("demo: families of %s: %w", spec.code, err)
	}
	if exists {
		return nil
	}
	familyCreates := make([]*ent.FamilyCreate, len(plan.families))
	for i, f := range plan.families {
		familyCreates[i] = l.c.Family.Create().SetCommunityID(communityID).SetName(f.name).SetAddress(f.address).
			SetNotes("Демонстраційні дані: вигадана сім'я.")
	}
	families, err := l.c.Family.CreateBulk(familyCreates...).Save(ctx)
	if err != nil {
		return fmt.Errorf("demo: create families of %s: %w", spec.code, err)
	}
	var personCreates []*ent.PersonCreate
	for i, f := range plan.families {
		for _, m := range f.members {
			personCreates = append(personCreates, l.c.Person.Create().SetCommunityID(communityID).
				SetFamilyID(families[i].ID).SetKind(m.kind).SetSex(m.sex).
				SetLastName(m.last).SetFirstName(m.first).SetPatronymic(m.patronymic).SetBirthDate(m.birth))
		}
	}
	persons, err := l.c.Person.CreateBulk(personCreates...).Save(ctx)
	if err != nil {
		return fmt.Errorf("demo: create persons of %s: %w", spec.code, err)
	}
	// The children of each family, in plan order.
	children := make([][]pulid.ID, len(plan.families))
	n := 0
	for i, f := range plan.families {
		for _, m := range f.members {
			if m.kind == person.KindCHILD {
				children[i] = append(children[i], persons[n].ID)
			}
			n++
		}
	}
	if err := l.relationships(ctx, communityID, plan, persons); err != nil {
		return fmt.Errorf("demo: relationships of %s: %w", spec.code, err)
	}
	if l.staff, err = l.staffOf(ctx, spec); err != nil {
		return err
	}
	school := l.staff[membership.RolePARTNER_REPORTER]
	for i, r := range plan.reports {
		rc := l.c.Report.Create().SetCommunityID(communityID).SetReceivedAt(l.now.Add(-r.age)).
			SetSource(r.source).SetUrgency(r.urgency).SetSummary(r.summary).SetCategories(r.cats)
		if r.source == report.SourceSCHOOL && school != "" {
			rc.SetSubmittedBy("user:" + string(school)) // the demo school follows its own reports
		}
		if r.contact != "" {
			rc.SetReporterContact(r.contact)
		}
		var kids []pulid.ID
		if r.family >= 0 {
			kids = children[r.family]
			if r.children > 0 && r.children < len(kids) {
				kids = kids[:r.children]
			}
			rc.SetFamilyID(families[r.family].ID).AddChildIDs(kids...)
		}
		rep, err := rc.Save(ctx)
		if err != nil {
			return fmt.Errorf("demo: create report of %s: %w", spec.code, err)
		}
		if err := l.caseFor(ctx, spec.code, rep, kids, i); err != nil {
			return fmt.Errorf("demo: case of %s: %w", spec.code, err)
		}
	}
	return nil
}

// staffOf finds the community's demo users by role: the school that
// submitted its school reports, the workers who manage its cases.
func (l *loader) staffOf(ctx context.Context, spec communitySpec) (map[membership.Role]pulid.ID, error) {
	out := map[membership.Role]pulid.ID{}
	for _, a := range spec.accounts {
		id, err := l.c.User.Query().Where(user.Email(a.email)).OnlyID(ctx)
		if err != nil {
			return nil, fmt.Errorf("demo: find %s: %w", a.email, err)
		}
		out[a.role] = id
	}
	return out, nil
}

// relationships links each adult of a family to its children as mother or
// father, by sex, as the plan lists members adults first.
func (l *loader) relationships(ctx context.Context, communityID pulid.ID, plan peoplePlan, persons []*ent.Person) error {
	var creates []*ent.RelationshipCreate
	n := 0
	for _, f := range plan.families {
		members := persons[n : n+len(f.members)]
		n += len(f.members)
		for i, adult := range f.members {
			if adult.kind != person.KindADULT {
				continue
			}
			kind := relationship.KindFATHER
			if adult.sex == person.SexFEMALE {
				kind = relationship.KindMOTHER
			}
			for j, child := range f.members {
				if child.kind == person.KindCHILD {
					creates = append(creates, l.c.Relationship.Create().SetCommunityID(communityID).
						SetPersonID(members[i].ID).SetRelativeID(members[j].ID).SetKind(kind))
				}
			}
		}
	}
	return l.c.Relationship.CreateBulk(creates...).Exec(ctx)
}

// Where the demo cases stand, by report (in plan order: received 3 h, 20 h,
// 30 h, 4 days, 21 days and 6 h ago), so that together the two communities
// show every stage, and some deadlines are overdue: the 30-hour-old report
// still waits for its safety assessment, the 21-day-old one for a decision.
var (
	toSafety   = []procedure.State{procedure.StateAssessingSafety}
	toNeeds    = append(slices.Clone(toSafety), procedure.StateAssessingNeeds)
	toDecision = append(slices.Clone(toNeeds), procedure.StateAwaitingDecision)
	toOpen     = append(slices.Clone(toDecision), procedure.StateOpen)
	toReview   = append(slices.Clone(toOpen), procedure.StateUnderReview)
	toClosed   = append(slices.Clone(toSafety), procedure.StateClosed)
	// The anonymous report's family turns out to live in another community.
	toTransferred = append(slices.Clone(toSafety), procedure.StateTransferred)
)

var demoStages = map[string][][]procedure.State{
	VinnytsiaCommunityCode: {nil, toSafety, nil, toOpen, toDecision, toClosed},
	PoltavaCommunityCode:   {nil, toSafety, nil, toNeeds, toReview, toTransferred},
}

// safety records the safety assessment a case that moved past it had: the
// children's service and the centre's specialist went out within hours.
func (l *loader) safety(ctx context.Context, cf *ent.CaseFile, rep *ent.Report) error {
	result := procedure.SafetyDangerPresent
	if rep.Source == report.SourceFAMILY {
		result = procedure.SafetySafe
	}
	return l.c.SafetyAssessment.Create().SetCommunityID(cf.CommunityID).SetCaseID(cf.ID).
		SetConductedAt(rep.ReceivedAt.Add(5 * time.Hour)).SetResult(result).SetOnTime(true).
		SetParticipants([]string{"Служба у справах дітей", "Фахівець із соціальної роботи"}).Exec(ctx)
}

// manage assigns a case manager once the children's service has gone out:
// its specialist while the case is assessed, the provider's specialist
// once it is under accompaniment (with the access the assignment gives).
func (l *loader) manage(ctx context.Context, cf *ent.CaseFile, path []procedure.State) error {
	if len(path) == 0 {
		return nil
	}
	manager := l.staff[membership.RoleCHILDREN_SERVICE]
	if slices.Contains(path, procedure.StateOpen) {
		manager = l.staff[membership.RolePROVIDER_SPECIALIST]
	}
	if manager == "" {
		return nil
	}
	if err := l.c.CaseFile.UpdateOneID(cf.ID).SetManagerID(manager).Exec(ctx); err != nil {
		return err
	}
	return l.c.CaseAccess.Create().SetCommunityID(cf.CommunityID).SetCaseID(cf.ID).SetUserID(manager).
		SetReason(caseaccess.ReasonMANAGER).Exec(ctx)
}

// caseFor opens the report's case and walks it through the workflow.
func (l *loader) caseFor(ctx context.Context, code string, rep *ent.Report, children []pulid.ID, i int) error {
	cf, err := workflow.OpenForReport(ctx, l.c, rep, children)
	if err != nil {
		return err
	}
	stages := demoStages[code]
	path := stages[i%len(stages)]
	// Each step the procedure requires is recorded before the case moves
	// past it, as procedure.CheckTransition asks.
	for _, st := range path {
		if st == procedure.StateAssessingNeeds || (st == procedure.StateClosed && slices.Contains(path, procedure.StateAssessingSafety)) {
			if err := l.safety(ctx, cf, rep); err != nil {
				return err
			}
		}
		if st == procedure.StateAwaitingDecision {
			if err := l.needsAssessed(ctx, cf, rep.ReceivedAt.Add(26*time.Hour)); err != nil {
				return err
			}
		}
		if st == procedure.StateOpen {
			if err := l.servicesDecided(ctx, cf, rep.ReceivedAt.Add(50*time.Hour)); err != nil {
				return err
			}
		}
		if _, err := workflow.Transition(ctx, l.c, cf.ID, st, ""); err != nil {
			return err
		}
	}
	if err := l.manage(ctx, cf, path); err != nil {
		return err
	}
	if slices.Contains(path, procedure.StateClosed) {
		// Assessed safe, nothing more needed: closed under "other".
		if err := l.c.CaseFile.UpdateOneID(cf.ID).SetClosureOutcome(string(procedure.OutcomeOther)).Exec(ctx); err != nil {
			return err
		}
	}
	return l.work(ctx, cf, rep, path)
}
