package demo

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/community"
	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/ent/organization"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/schema/schematype"
	"github.com/turbota/turbota/ent/staffposition"
	"github.com/turbota/turbota/ent/trainingprogramme"
	"github.com/turbota/turbota/ent/user"
	"github.com/turbota/turbota/internal/workforce"
)

// The demo community's caseload norm: open cases per full-time worker.
const demoCaseloadNorm = 12

// trainingOrganizer is the organiser and issuer of the demo's training (seed 000).
const trainingOrganizer = "Вінницький обласний центр соціальних служб"

// demoPosition is a position of the demo community's register: held by a
// demo account (email), by a named person without one, or vacant.
type demoPosition struct {
	org      organization.Kind
	kind     staffposition.Kind
	email    string
	name     string
	workload float64
	years    int // employed since so many years ago
	quals    []string
}

var demoPositions = []demoPosition{
	{organization.KindSOCIAL_PROTECTION, staffposition.KindHEAD_OF_UNIT, VinnytsiaSocialProtectionEmail, "", 1, 9, []string{"Магістр соціальної роботи"}},
	{organization.KindCHILDREN_SERVICE, staffposition.KindCHILDREN_SERVICE_SPECIALIST, VinnytsiaChildrenServiceEmail, "", 1, 6, []string{"Правознавство", "Оцінювання безпеки дитини"}},
	{organization.KindCHILDREN_SERVICE, staffposition.KindCHILDREN_SERVICE_SPECIALIST, "", "Іванна Гуменюк", 1, 2, []string{"Соціальна педагогіка"}},
	{organization.KindCHILDREN_SERVICE, staffposition.KindCHILDREN_SERVICE_SPECIALIST, "", "", 1, 0, nil},
	{organization.KindPUBLIC_PROVIDER, staffposition.KindHEAD_OF_SERVICE, VinnytsiaProviderManagerEmail, "", 1, 11, []string{"Управління соціальними послугами"}},
	{organization.KindPUBLIC_PROVIDER, staffposition.KindCASE_MANAGER, VinnytsiaProviderSpecialistEmail, "", 1, 4, []string{"Ведення випадку", "Робота з сім'ями у кризі"}},
	{organization.KindPUBLIC_PROVIDER, staffposition.KindSOCIAL_WORK_SPECIALIST, "", "Мирослава Кравчишин", 1, 3, []string{"Соціальний супровід сімей"}},
	{organization.KindPUBLIC_PROVIDER, staffposition.KindSOCIAL_WORK_SPECIALIST, "", "Ганна Рудюк", 0.5, 1, []string{"Діти з інвалідністю"}},
	{organization.KindPUBLIC_PROVIDER, staffposition.KindSOCIAL_WORK_SPECIALIST, "", "", 1, 0, nil},
	{organization.KindPUBLIC_PROVIDER, staffposition.KindPSYCHOLOGIST, "", "Оксана Зварич", 1, 5, []string{"Травмофокусована терапія"}},
	{organization.KindPUBLIC_PROVIDER, staffposition.KindSOCIAL_WORKER, "", "Богдан Олійчук", 1, 7, nil},
	{organization.KindNGO_PROVIDER, staffposition.KindPSYCHOLOGIST, "", "Юлія Сидорчук", 0.5, 2, []string{"Залежності батьків"}},
}

// trainees are the rest of the demo community's specialists, by name
// only (no account): with the register's ten people, the eighty who
// finished the seed 000 training (seed 000: «80 фахівців»).
func trainees() []demoPosition {
	surnames := []string{"Мельничук", "Кравець", "Левченко", "Гончарук", "Савицька", "Ткачук", "Поліщук", "Марчук",
		"Бойко", "Ковальчук", "Олійник", "Шевчук", "Лисенко", "Ярошенко"}
	firsts := []string{"Олена", "Ірина", "Тетяна", "Світлана", "Марія"}
	orgs := []organization.Kind{organization.KindPUBLIC_PROVIDER, organization.KindPUBLIC_PROVIDER, organization.KindCHILDREN_SERVICE,
		organization.KindSOCIAL_PROTECTION, organization.KindNGO_PROVIDER}
	kinds := map[organization.Kind][]staffposition.Kind{
		organization.KindPUBLIC_PROVIDER:   {staffposition.KindSOCIAL_WORK_SPECIALIST, staffposition.KindCASE_MANAGER, staffposition.KindPSYCHOLOGIST},
		organization.KindCHILDREN_SERVICE:  {staffposition.KindCHILDREN_SERVICE_SPECIALIST},
		organization.KindSOCIAL_PROTECTION: {staffposition.KindSOCIAL_WORK_SPECIALIST, staffposition.KindHEAD_OF_UNIT},
		organization.KindNGO_PROVIDER:      {staffposition.KindSOCIAL_WORK_SPECIALIST, staffposition.KindPSYCHOLOGIST},
	}
	var out []demoPosition
	for i := range 70 {
		org := orgs[i%len(orgs)]
		ks := kinds[org]
		out = append(out, demoPosition{org: org, kind: ks[(i/len(orgs))%len(ks)],
			name: firsts[i%len(firsts)] + " " + surnames[i/len(firsts)], workload: 1, years: 1 + i%9})
	}
	return out
}

// seedModules are the modules of the seed 000 training.
var seedModules = []schematype.TrainingModule{
	{Topic: "Нормативно-правова база: права дітей та відповідальність батьків за невиконання батьківських обов'язків", Hours: 4, Trainers: []string{"Регіональний центр підвищення кваліфікації"}},
	{Topic: "Участь фахівців із соціальної роботи в оцінюванні рівня безпеки дитини", Hours: 4, Trainers: []string{"Вінницький обласний центр соціальних служб"}},
	{Topic: "Практичне опрацювання випадку надання послуги соціального супроводу сім'ї", Hours: 4},
	{Topic: "Документування дій фахівця із соціальної роботи на всіх етапах ведення випадку", Hours: 3},
	{Topic: "Взаємодія надавачів соціальних послуг з органами опіки та піклування, соціального захисту та службами у справах дітей у громаді", Hours: 3},
}

// demoWorkforce gives the demo community its staff register, a caseload
// norm, and the seed's training: a programme of five modules, six
// three-day events (the last still to come), the register's people
// enrolled, attending, completing and certified with a certificate of
// state standard. Entered by the social protection department's user
// through the workforce steps and their privacy policies; a second run
// changes nothing.
func (l *loader) demoWorkforce(ctx context.Context) error {
	cm, s, done, err := l.vinnytsiaPart(ctx, "workforce", func(id pulid.ID) (bool, error) {
		return l.c.StaffPosition.Query().Where(staffposition.CommunityID(id)).Exist(ctx)
	})
	if err != nil || done {
		return err
	}
	as := s.ctx(membership.RoleSOCIAL_PROTECTION)
	// The norm is a setting of the community (its admin's, entered as the system here).
	if err := l.c.Community.UpdateOne(cm).SetCaseloadNorm(demoCaseloadNorm).Exec(ctx); err != nil {
		return fmt.Errorf("demo workforce: norm: %w", err)
	}
	orgs := map[organization.Kind]pulid.ID{}
	for _, o := range l.c.Organization.Query().Where(organization.CommunityID(cm.ID)).AllX(ctx) {
		orgs[o.Kind] = o.ID
	}
	today := l.now.UTC().Truncate(24 * time.Hour)
	var held []pulid.ID
	for i, p := range append(slices.Clone(demoPositions), trainees()...) {
		in := ent.CreateStaffPositionInput{CommunityID: cm.ID, OrganizationID: orgs[p.org], Kind: p.kind, Qualifications: p.quals}
		w := p.workload
		in.Workload = &w
		if p.email != "" || p.name != "" {
			started := today.AddDate(-p.years, -i, 0)
			in.StartedOn = &started
		}
		if p.name != "" {
			name := p.name
			in.HolderName = &name
		}
		if p.email != "" {
			id, err := l.c.User.Query().Where(user.Email(p.email)).OnlyID(ctx)
			if err != nil {
				return fmt.Errorf("demo workforce: %s: %w", p.email, err)
			}
			in.HolderID = &id
		}
		pos, err := workforce.CreatePosition(as, l.c, in)
		if err != nil {
			return fmt.Errorf("demo workforce: position %d: %w", i, err)
		}
		if in.HolderID != nil || in.HolderName != nil {
			held = append(held, pos.ID)
		}
	}
	return l.demoTraining(as, cm.ID, held, today)
}

// demoTraining enters the seed 000 training in the demo community: six
// three-day events a fortnight apart, all past, the eighty people of the
// register spread over them, each attending every module, completing and
// certified with a certificate of state standard (seed 000's figures).
func (l *loader) demoTraining(as context.Context, cm pulid.ID, people []pulid.ID, today time.Time) error {
	funding := "Цільова субвенція з державного бюджету на підвищення кваліфікації фахівців із соціальної роботи"
	prog, err := workforce.CreateProgramme(as, l.c, ent.CreateTrainingProgrammeInput{CommunityID: cm,
		Title:         "Особливості надання соціальних послуг сім'ям, які перебувають у складних життєвих обставинах, в яких порушуються права дітей",
		FundingSource: &funding, Format: trainingprogramme.FormatONLINE}, seedModules)
	if err != nil {
		return fmt.Errorf("demo training: programme: %w", err)
	}
	organizer := trainingOrganizer + " спільно з Регіональним центром підвищення кваліфікації"
	audience := "Директори, завідувачі відділень, начальники відділів, керівники спеціалізованих служб і фахівці центрів соціальних служб " +
		"та центрів надання соціальних послуг; другого дня — служби у справах дітей області, районів і громад"
	serial := 0
	for e := range 6 {
		start := today.AddDate(0, 0, -84+14*e)
		end := start.AddDate(0, 0, 2)
		ev, err := workforce.CreateEvent(as, l.c, ent.CreateTrainingEventInput{CommunityID: cm, ProgrammeID: prog.ID,
			StartsOn: start, EndsOn: end, OrganizerName: &organizer, Audience: &audience})
		if err != nil {
			return fmt.Errorf("demo training: event %d: %w", e, err)
		}
		for i, p := range people {
			if i%6 != e {
				continue
			}
			en, err := workforce.Enrol(as, l.c, ev.ID, p)
			if err != nil {
				return fmt.Errorf("demo training: enrol: %w", err)
			}
			if _, err := workforce.RecordAttendance(as, l.c, en.ID, []int{1, 2, 3, 4, 5}); err != nil {
				return fmt.Errorf("demo training: attendance: %w", err)
			}
			if _, err := workforce.Complete(as, l.c, en.ID, end); err != nil {
				return fmt.Errorf("demo training: completion: %w", err)
			}
			serial++
			title, hours := prog.Title, 18.0
			enID := en.ID
			if _, err := workforce.IssueCertificate(as, l.c, ent.CreateCertificateInput{CommunityID: cm, PositionID: p, EnrolmentID: &enID,
				Number: fmt.Sprintf("ВОЦСС-%d/%04d", end.Year(), serial), IssuedOn: end, Issuer: trainingOrganizer,
				Kind: "STATE_STANDARD", Title: &title, Hours: &hours}); err != nil {
				return fmt.Errorf("demo training: certificate: %w", err)
			}
		}
	}
	return nil
}

// vinnytsiaPart starts a demo part of Вінницька громада: its community and
// staff, or done when the part is there already (exists).
func (l *loader) vinnytsiaPart(ctx context.Context, part string, exists func(community pulid.ID) (bool, error)) (cm *ent.Community, s staff, done bool, err error) {
	if cm, err = l.c.Community.Query().Where(community.KatottgCode(VinnytsiaCommunityCode)).Only(ctx); err != nil {
		return nil, s, false, fmt.Errorf("demo %s: %w", part, err)
	}
	if done, err = exists(cm.ID); err != nil || done {
		return nil, s, true, err
	}
	if l.authz == nil {
		if l.authz, err = l.authorizer(ctx); err != nil {
			return nil, s, false, err
		}
	}
	s, err = l.staffOf(ctx, l.base, vinnytsia)
	return cm, s, false, err
}
