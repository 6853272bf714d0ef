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

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent"
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

// The default is printed in the README and at every demo start: no real
// account may choose it.
func init() { secret.RefusePublished(DefaultPassword) }

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

// ErrPolicyNotLoaded is returned when the default casbin policy, which the
// demo's staff act under, is not in the database.
var ErrPolicyNotLoaded = errors.New("demo: policy not loaded (run authz.SyncDefaults first)")

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
	// The default is published, which the policy refuses for real accounts;
	// the demo's are meant to be known.
	if err := secret.ValidatePassword(password); err != nil && password != DefaultPassword {
		return nil, fmt.Errorf("demo: password: %w", err)
	}
	base := staffBase(ctx)
	ctx = tenant.SystemContext(ctx)
	tx, err := client.Tx(ctx)
	if err != nil {
		return nil, fmt.Errorf("demo: begin: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	l := &loader{c: tx.Client(), password: password, now: clock.Now(), base: base, crews: map[string]crew{}}
	// Every community's accounts first, so that the policy the staff act
	// under knows them all when it loads; then their casework.
	var work []func() error
	for _, spec := range communities {
		w, err := l.community(ctx, spec)
		if err != nil {
			return nil, err
		}
		work = append(work, w)
	}
	for _, w := range work {
		if err := w(); err != nil {
			return nil, err
		}
	}
	for _, step := range l.after {
		if err := step(); err != nil {
			return nil, fmt.Errorf("demo: %w", err)
		}
	}
	if err := l.flushReads(); err != nil {
		return nil, err
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
	base     context.Context   // the staff's work starts from it (staffBase)
	authz    *authz.Authorizer // loaded once casework is to be written
	password string
	hash     string // made once, on the first account to create
	now      time.Time
	orgs     map[organization.Kind]pulid.ID // of the community being loaded
	staff    staff                          // its demo users at work
	crews    map[string]crew                // every community's, by code, for steps between communities
	after    []func() error                 // steps that wait for every community's staff
	acted    []context.Context              // every staff context, whose reads are flushed at the end
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

// community makes the community's organisations and accounts, and returns
// the loading of its people and casework.
func (l *loader) community(ctx context.Context, spec communitySpec) (func() error, error) {
	cm, err := l.c.Community.Query().Where(community.KatottgCode(spec.code)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, ErrTerritoryNotLoaded
	}
	if err != nil {
		return nil, fmt.Errorf("demo: find community %s: %w", spec.code, err)
	}
	orgs := map[organization.Kind]pulid.ID{}
	for _, o := range spec.orgs {
		id, err := l.c.Organization.Query().
			Where(organization.CommunityID(cm.ID), organization.KindEQ(o.kind), organization.Name(o.name)).
			FirstID(ctx)
		if ent.IsNotFound(err) {
			var created *ent.Organization
			created, err = withLetterhead(l.c.Organization.Create().SetCommunityID(cm.ID).SetKind(o.kind).SetName(o.name),
				spec.code, o.kind).Save(ctx)
			if err == nil {
				id = created.ID
			}
		}
		if err != nil {
			return nil, fmt.Errorf("demo: organization %q: %w", o.name, err)
		}
		orgs[o.kind] = id
	}
	for _, a := range spec.accounts {
		var org *pulid.ID
		if id, ok := orgs[a.org]; ok {
			org = &id
		}
		if err := l.account(ctx, a, &cm.ID, nil, org); err != nil {
			return nil, err
		}
	}
	return func() error {
		l.orgs = orgs
		return l.people(ctx, cm.ID, spec)
	}, nil
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
	if l.authz == nil {
		if l.authz, err = l.authorizer(ctx); err != nil {
			return err
		}
	}
	if l.staff, err = l.staffOf(ctx, l.base, spec); err != nil {
		return err
	}
	l.crews[spec.code] = crew{staff: l.staff, orgs: l.orgs}
	// The children's service keeps the community's register of families.
	reg := l.staff.ctx(membership.RoleCHILDREN_SERVICE)
	familyCreates := make([]*ent.FamilyCreate, len(plan.families))
	for i, f := range plan.families {
		familyCreates[i] = l.c.Family.Create().SetCommunityID(communityID).SetName(f.name).SetAddress(f.address).
			SetNotes("Демонстраційні дані: вигадана сім'я.")
	}
	families, err := l.c.Family.CreateBulk(familyCreates...).Save(reg)
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
	persons, err := l.c.Person.CreateBulk(personCreates...).Save(reg)
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
	if err := l.relationships(reg, communityID, plan, persons); err != nil {
		return fmt.Errorf("demo: relationships of %s: %w", spec.code, err)
	}
	for i, r := range plan.reports {
		var kids []pulid.ID
		var fam *pulid.ID
		if r.family >= 0 {
			kids = children[r.family]
			if r.children > 0 && r.children < len(kids) {
				kids = kids[:r.children]
			}
			fam = &families[r.family].ID
		}
		rep, cf, err := l.report(communityID, r, fam, kids)
		if err != nil {
			return fmt.Errorf("demo: report of %s: %w", spec.code, err)
		}
		if err := l.caseFor(spec.code, rep, cf, kids, i); err != nil {
			return fmt.Errorf("demo: case of %s: %w", spec.code, err)
		}
	}
	return nil
}

// report registers a report as the server's submitReport does: the school
// submits its own (and follows it), the children's service registers what
// came by telephone, post or in person; the case opens with it.
func (l *loader) report(communityID pulid.ID, r reportPlan, fam *pulid.ID, kids []pulid.ID) (*ent.Report, *ent.CaseFile, error) {
	if r.source == report.SourceSCHOOL && l.staff.id(membership.RolePARTNER_REPORTER) != "" {
		return l.schoolReport(communityID, r, fam, kids)
	}
	return l.submit(l.staff.ctx(membership.RoleCHILDREN_SERVICE), communityID, r, fam, kids)
}

func (l *loader) submit(ctx context.Context, communityID pulid.ID, r reportPlan, fam *pulid.ID, kids []pulid.ID) (*ent.Report, *ent.CaseFile, error) {
	received := l.now.Add(-r.age)
	if err := workflow.CheckReceivedAt(&received); err != nil {
		return nil, nil, err
	}
	rc := l.c.Report.Create().SetCommunityID(communityID).SetReceivedAt(received).
		SetSource(r.source).SetUrgency(r.urgency).SetSummary(r.summary).SetCategories(r.cats).
		SetNillableFamilyID(fam).AddChildIDs(kids...).SetSubmittedBy(tenant.FromContext(ctx).Subject())
	if r.contact != "" {
		rc.SetReporterContact(r.contact)
	}
	rep, err := rc.Save(ctx)
	if err != nil {
		return nil, nil, err
	}
	cf, err := workflow.OpenForReport(ctx, l.c, rep, kids)
	return rep, cf, err
}

// schoolReport: the school reports what it knows (it reads no registry),
// and the children's service finds the family and its child in the
// registry: the report is corrected to name the child, with the reason,
// and the case is the family's.
func (l *loader) schoolReport(communityID pulid.ID, r reportPlan, fam *pulid.ID, kids []pulid.ID) (*ent.Report, *ent.CaseFile, error) {
	rep, cf, err := l.submit(l.staff.ctx(membership.RolePARTNER_REPORTER), communityID, r, nil, nil)
	if err != nil || len(kids) == 0 {
		return rep, cf, err
	}
	ctx := l.staff.ctx(membership.RoleCHILDREN_SERVICE)
	on := rep.ReceivedAt.Add(20 * time.Minute) // found in the register at once
	if _, err := workflow.CorrectReport(ctx, l.c, workflow.ReportCorrection{Report: rep.ID, AddChildIDs: kids, CorrectedAt: &on,
		Reason: "Дитину, про яку повідомив заклад освіти, встановлено за реєстром громади."}); err != nil {
		return nil, nil, fmt.Errorf("identify the child: %w", err)
	}
	if fam != nil {
		if cf, err = workflow.UpdateCase(ctx, l.c, cf.ID, ent.UpdateCaseInput{FamilyID: fam}, workflow.GivenOn("occurredAt", &on)); err != nil {
			return nil, nil, fmt.Errorf("the family's case: %w", err)
		}
	}
	return rep, cf, nil
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
// show every stage, and some deadlines are overdue: Полтава's 30-hour-old
// report still waits for its safety assessment (Вінниця's was assessed at
// once: the children were in immediate danger), some actions of Полтава's
// 21-day-old plan are past due. Вінниця's 21-day-old case waits for the
// approval of its needs assessment, and for Полтава to take it over (see
// stories).
var (
	toSafety   = []procedure.State{procedure.StateAssessingSafety}
	toNeeds    = append(slices.Clone(toSafety), procedure.StateAssessingNeeds)
	toDecision = append(slices.Clone(toNeeds), procedure.StateAwaitingDecision)
	toOpen     = append(slices.Clone(toDecision), procedure.StateOpen)
	toReview   = append(slices.Clone(toOpen), procedure.StateUnderReview)
	toClosed   = append(slices.Clone(toSafety), procedure.StateClosed)
	// The anonymous report is handed to the social protection department.
	toTransferred = append(slices.Clone(toSafety), procedure.StateTransferred)
)

var demoStages = map[string][][]procedure.State{
	VinnytsiaCommunityCode: {nil, toSafety, toSafety, toOpen, toNeeds, toClosed},
	PoltavaCommunityCode:   {nil, toSafety, nil, toDecision, toReview, toTransferred},
}
