package demo

import (
	"context"
	"fmt"
	"hash/fnv"
	"time"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/ent/organization"
	"github.com/turbota/turbota/ent/person"
	"github.com/turbota/turbota/ent/report"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/procedure"
)

// The demo region's other communities have invented casework too, worked
// through the workflow by an invented staff of each (who cannot sign in:
// their accounts have no password), as the two demo communities' is, so
// that every case of the region has its timeline, its audit and its
// deadlines; only the accompaniment's own work (plans, visits) is left
// out, which the regional figures do not read.

// regionStaff are the roles that work a region community's cases, and the
// organisation each works in ("" kind: the community's public centre).
var regionStaff = []struct {
	role      membership.Role
	kind      organization.Kind
	org, name string
}{
	{ssd, organization.KindCHILDREN_SERVICE, "Служба у справах дітей", "Фахівець служби у справах дітей"},
	{uszn, organization.KindSOCIAL_PROTECTION, "Відділ соціального захисту населення", "Фахівець із соціального захисту"},
	{manager, organization.KindPUBLIC_PROVIDER, "", "Директор центру"},
	{specialist, organization.KindPUBLIC_PROVIDER, "", "Фахівець із соціальної роботи"},
}

// regionEmail is an invented staff member's address in a region community.
func regionEmail(r membership.Role, cm *ent.Community) string {
	return fmt.Sprintf("%s.%s@region.demo.turbota.ua", string(r), cm.KatottgCode)
}

// regionCrew opens a region community's children's service and social
// protection office beside its centre, and its invented staff; it returns
// the community as the loader's staff will read it.
func (l *loader) regionCrew(ctx context.Context, cm *ent.Community, centre pulid.ID) (communitySpec, map[organization.Kind]pulid.ID, error) {
	spec := communitySpec{code: cm.KatottgCode, display: cm.Name}
	orgs := map[organization.Kind]pulid.ID{organization.KindPUBLIC_PROVIDER: centre}
	for _, s := range regionStaff {
		if _, ok := orgs[s.kind]; !ok {
			o, err := l.c.Organization.Create().SetCommunityID(cm.ID).SetKind(s.kind).SetName(s.org + ": " + cm.Name).Save(ctx)
			if err != nil {
				return spec, nil, fmt.Errorf("demo region: %s of %s: %w", s.org, cm.Name, err)
			}
			orgs[s.kind] = o.ID
		}
		a := account{email: regionEmail(s.role, cm), displayName: s.name + " (демо)", role: s.role, org: s.kind}
		u, err := l.c.User.Create().SetEmail(a.email).SetDisplayName(a.displayName).Save(ctx)
		if err != nil {
			return spec, nil, fmt.Errorf("demo region: staff of %s: %w", cm.Name, err)
		}
		if err := l.c.Membership.Create().SetUserID(u.ID).SetRole(s.role).SetCommunityID(cm.ID).
			SetOrganizationID(orgs[s.kind]).Exec(ctx); err != nil {
			return spec, nil, fmt.Errorf("demo region: staff of %s: %w", cm.Name, err)
		}
		spec.accounts = append(spec.accounts, a)
	}
	return spec, orgs, nil
}

// Where the region's cases stand, in turn, and how long each path needs
// at least (its last step's offset from the report, and an hour).
var regionPaths = []struct {
	path []procedure.State
	min  time.Duration
}{
	{nil, 2 * time.Hour}, {toSafety, 4 * time.Hour}, {toNeeds, 50 * time.Hour}, {toDecision, 30 * time.Hour},
	{toOpen, 52 * time.Hour}, {toOpen, 52 * time.Hour}, {toOpen, 52 * time.Hour}, {toReview, 10*24*time.Hour + time.Hour},
	{toClosed, 4 * time.Hour}, {toClosed, 4 * time.Hour},
}

var (
	regionSurnames = []string{"Коваленко", "Бондаренко", "Ткаченко", "Шевчук", "Кравченко", "Олійник", "Мельник", "Поліщук", "Лисенко", "Руденко"}
	regionGirls    = []string{"Олена", "Марія", "Ірина", "Софія", "Анна", "Дарина"}
	regionBoys     = []string{"Андрій", "Максим", "Богдан", "Тарас", "Олег", "Денис"}
	regionSources  = []report.Source{report.SourceSCHOOL, report.SourceSCHOOL, report.SourcePOLICE, report.SourceHEALTH_FACILITY,
		report.SourceNEIGHBOUR, report.SourceHOTLINE, report.SourceFAMILY}
	regionConcerns = [][]procedure.Category{{procedure.CategoryNeglect}, {procedure.CategoryNeglect, procedure.CategoryPoverty},
		{procedure.CategoryParentsEvadingDuties}, {procedure.CategoryDisplacement}, {procedure.CategoryAddiction, procedure.CategoryNeglect},
		{procedure.CategoryDisabilityWithoutSupport}}
)

// regionCases works n invented cases of a region community through the
// workflow, as its staff (l.staff, l.orgs) would, each from a report
// received up to a year ago; needs are the services a needs assessment
// may find a family needs.
func (l *loader) regionCases(ctx context.Context, cm *ent.Community, n int, needs []pulid.ID) error {
	h := fnv.New32a()
	h.Write([]byte(cm.ID))
	seed := int(h.Sum32() % 997)
	lateEvery := 2 + seed%5
	reg := l.staff.ctx(ssd)
	for i := range n {
		fam, kids, err := l.household(reg, cm.ID, i)
		if err != nil {
			return err
		}
		p := regionPaths[(i+seed)%len(regionPaths)]
		cats := regionConcerns[(i*7+seed)%len(regionConcerns)]
		r := reportPlan{source: regionSources[(i+seed)%len(regionSources)], urgency: report.UrgencyROUTINE, cats: cats,
			age:     p.min + time.Duration((i*37+seed)%330)*24*time.Hour + time.Duration(i%24)*time.Hour,
			summary: "Вигадане повідомлення демонстраційного регіону."}
		if i%5 == 2 {
			r.urgency = report.UrgencyURGENT
		}
		rep, cf, err := l.submit(reg, cm.ID, r, &fam, kids)
		if err != nil {
			return fmt.Errorf("demo region: report of %s: %w", cm.Name, err)
		}
		w := &caseWork{l: l, staff: l.staff, orgs: l.orgs, rep: rep, cf: cf, kids: kids, path: p.path, t0: rep.ReceivedAt,
			brief: true, late: len(p.path) == len(toNeeds) && i%lateEvery == 0}
		if len(needs) > 0 {
			w.needs = []pulid.ID{needs[(i+seed)%len(needs)]}
		}
		if err := w.work(plain); err != nil {
			return fmt.Errorf("demo region: case of %s: %w", cm.Name, err)
		}
	}
	return nil
}

// household registers an invented family: a mother, a grandmother and two
// children, and in every other family a father.
func (l *loader) household(ctx context.Context, cm pulid.ID, i int) (pulid.ID, []pulid.ID, error) {
	surname := regionSurnames[i%len(regionSurnames)]
	f, err := l.c.Family.Create().SetCommunityID(cm).SetName(surname).SetAddress(fmt.Sprintf("вул. Вигадана, %d", i+1)).
		SetNotes("Демонстраційні дані: вигадана сім'я.").Save(ctx)
	if err != nil {
		return "", nil, fmt.Errorf("demo region: family: %w", err)
	}
	adult := func(first string, sex person.Sex, age int) *ent.PersonCreate {
		return l.c.Person.Create().SetCommunityID(cm).SetFamilyID(f.ID).SetKind(person.KindADULT).SetSex(sex).
			SetLastName(surname).SetFirstName(first).SetBirthDate(l.now.AddDate(-age, 0, -i))
	}
	child := func(first string, sex person.Sex, age int) *ent.PersonCreate {
		return adult(first, sex, age).SetKind(person.KindCHILD)
	}
	creates := []*ent.PersonCreate{
		child(regionGirls[i%len(regionGirls)], person.SexFEMALE, 3+i%14),
		child(regionBoys[i%len(regionBoys)], person.SexMALE, 1+i%16),
		adult(regionGirls[(i+1)%len(regionGirls)], person.SexFEMALE, 30+i%15),
		adult(regionGirls[(i+3)%len(regionGirls)], person.SexFEMALE, 60+i%15),
	}
	if i%2 == 0 {
		creates = append(creates, adult(regionBoys[(i+2)%len(regionBoys)], person.SexMALE, 32+i%15))
	}
	ps, err := l.c.Person.CreateBulk(creates...).Save(ctx)
	if err != nil {
		return "", nil, fmt.Errorf("demo region: persons: %w", err)
	}
	return f.ID, []pulid.ID{ps[0].ID, ps[1].ID}, nil
}

// regionStaffOf is the staff of a region community at work.
func (l *loader) regionStaffOf(ctx context.Context, spec communitySpec, orgs map[organization.Kind]pulid.ID) error {
	s, err := l.staffOf(ctx, l.base, spec)
	if err != nil {
		return err
	}
	l.staff, l.orgs = s, orgs
	return nil
}
