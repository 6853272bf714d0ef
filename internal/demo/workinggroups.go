package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/ent/organization"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/user"
	"github.com/turbota/turbota/ent/workinggroup"
	"github.com/turbota/turbota/ent/workinggroupdocument"
	"github.com/turbota/turbota/ent/workinggroupmember"
	"github.com/turbota/turbota/internal/workinggroups"
)

// The demo community's inter-agency working group, after seed 004: chaired
// by a deputy mayor, with the heads of the social department, the
// children's service and the centre of social services, the school, the
// police's juvenile prevention and the family doctors; ten meetings over
// the year, their action items (most done, some open, one overdue) and the
// five planning documents it adopted.

// DemoGroupTitle is the demo working group's name (the e2e test opens it).
const DemoGroupTitle = "Робоча група з упровадження мінімального пакету інтегрованих соціальних послуг для сімей з дітьми"

// groupSeat is a place in the demo group: a demo account, or an external
// member by name and organisation.
type groupSeat struct {
	email, name, org, position string
	orgKind                    organization.Kind
	role                       workinggroupmember.Role
}

var groupSeats = []groupSeat{
	{"", "Вікторія Паламарчук", "Вінницька міська рада", "заступниця міського голови", "", workinggroupmember.RoleCHAIR},
	{VinnytsiaProviderSpecialistEmail, "", "", "менеджерка випадку центру надання соціальних послуг", organization.KindPUBLIC_PROVIDER, workinggroupmember.RoleSECRETARY},
	{VinnytsiaSocialProtectionEmail, "", "", "начальниця відділу соціального захисту", organization.KindSOCIAL_PROTECTION, workinggroupmember.RoleDEPUTY_CHAIR},
	{VinnytsiaChildrenServiceEmail, "", "", "начальниця служби у справах дітей", organization.KindCHILDREN_SERVICE, workinggroupmember.RoleMEMBER},
	{VinnytsiaProviderManagerEmail, "", "", "директор центру надання соціальних послуг", organization.KindPUBLIC_PROVIDER, workinggroupmember.RoleMEMBER},
	{VinnytsiaPartnerReporterEmail, "", "", "заступниця директора ліцею з виховної роботи", organization.KindPARTNER, workinggroupmember.RoleMEMBER},
	{"", "Сергій Бондарчук", "Відділ ювенальної превенції ГУНП у Вінницькій області", "старший інспектор ювенальної превенції", "", workinggroupmember.RoleMEMBER},
	{"", "Наталія Коваленко", "КНП «Центр первинної медико-санітарної допомоги № 1» Вінницької міської ради", "лікарка загальної практики — сімейної медицини", "", workinggroupmember.RoleMEMBER},
}

// groupMeeting is one of the ten meetings: its agenda, decision, the
// actions it gave (owner by seat, due so many days after the meeting) and
// the document it adopted, if any.
type groupMeeting struct {
	agenda   []string
	decision string
	actions  []groupAction
	document *groupDocument
}

type groupAction struct {
	text  string
	owner int // index in groupSeats
	due   int // days after the meeting
}

type groupDocument struct {
	kind  workinggroupdocument.Kind
	title string
}

var groupMeetings = []groupMeeting{
	{[]string{"Мета і завдання робочої групи", "План роботи на рік"}, "Затвердити план роботи робочої групи",
		[]groupAction{{"Зібрати дані про надавачів соціальних послуг громади", 2, 30}, {"Надати перелік сімей з дітьми у СЖО за категоріями", 3, 30}}, nil},
	{[]string{"Мапування системи надання соціальних послуг"}, "Схвалити методику мапування",
		[]groupAction{{"Описати послуги центру соціальних служб за класифікатором", 4, 21}}, nil},
	{[]string{"Результати мапування системи надання соціальних послуг"}, "Схвалити мапування системи надання соціальних послуг",
		[]groupAction{{"Оприлюднити карту послуг на сайті міської ради", 2, 14}}, &groupDocument{workinggroupdocument.KindSERVICE_MAPPING, "Мапування системи надання соціальних послуг Вінницької міської громади"}},
	{[]string{"Експертний аналіз спроможності громади"}, "Доручити підготувати звіт про спроможність",
		[]groupAction{{"Подати дані про штат, приміщення і бюджет послуг", 4, 21}, {"Подати дані про виявлення сімей закладами освіти", 5, 21}}, nil},
	{[]string{"Звіт про експертний аналіз спроможності громади"}, "Схвалити звіт про аналіз спроможності",
		nil, &groupDocument{workinggroupdocument.KindCAPACITY_ANALYSIS, "Звіт про експертний аналіз спроможності громади"}},
	{[]string{"План дій зі зміцнення потенціалу надання послуг"}, "Схвалити план дій",
		[]groupAction{{"Підготувати зміни до програми соціально-економічного розвитку", 2, 45}}, &groupDocument{workinggroupdocument.KindACTION_PLAN, "План дій зі зміцнення потенціалу надання соціальних послуг"}},
	{[]string{"Визначення потреб сімей з дітьми"}, "Провести опитування сімей",
		[]groupAction{{"Провести опитування батьків через заклади освіти", 5, 30}, {"Узагальнити звернення до сімейних лікарів", 7, 30}}, nil},
	{[]string{"Звіт про потреби сімей з дітьми", "Раннє втручання"}, "Схвалити звіт про потреби",
		[]groupAction{{"Погодити з поліцією порядок спільних виїздів на повідомлення", 6, 30}}, &groupDocument{workinggroupdocument.KindNEEDS_REPORT, "Звіт про визначення потреб сімей з дітьми"}},
	{[]string{"Відповідність місцевих програм державним стратегіям"}, "Схвалити аналітичний звіт",
		[]groupAction{{"Підготувати проєкт рішення про визначення надавача послуги «Супровід під час інклюзивного навчання»", 2, 40}},
		&groupDocument{workinggroupdocument.KindPROGRAMMES_ANALYSIS, "Аналітичний звіт щодо відповідності місцевих програм державним стратегіям у сфері захисту прав дитини"}},
	{[]string{"Підсумки впровадження мінімального пакету послуг", "Зміни до плану соціально-економічного розвитку"}, "Подати зміни до плану на сесію міської ради",
		[]groupAction{{"Подати зміни до плану соціально-економічного розвитку на розгляд виконкому", 2, 30}, {"Запустити програму сертифікатів для сімей у СЖО", 3, 45}}, nil},
}

// demoWorkingGroup sets the group up as the social department's head and
// keeps it as its secretary (a specialist of the centre of social
// services, whose place in the group lends the secretary's role), through
// the working-group steps and their privacy policies; a second run
// changes nothing.
func (l *loader) demoWorkingGroup(ctx context.Context) error {
	cm, s, done, err := l.vinnytsiaPart(ctx, "working group", func(id pulid.ID) (bool, error) {
		return l.c.WorkingGroup.Query().Where(workinggroup.CommunityID(id)).Exist(ctx)
	})
	if err != nil || done {
		return err
	}
	today := l.now.UTC().Truncate(24 * time.Hour)
	head := s.ctx(membership.RoleSOCIAL_PROTECTION)
	basis, mandate := "Розпорядження міського голови № 112-р", "Упровадження мінімального пакету інтегрованих соціальних послуг для сімей з дітьми: "+
		"мапування послуг, аналіз спроможності громади, план дій, визначення потреб сімей, аналіз місцевих програм."
	established := today.AddDate(-1, 0, 0)
	g, err := workinggroups.CreateGroup(head, l.c, ent.CreateWorkingGroupInput{CommunityID: cm.ID, Title: DemoGroupTitle,
		Mandate: &mandate, Basis: &basis, EstablishedOn: &established})
	if err != nil {
		return fmt.Errorf("demo working group: %w", err)
	}
	seats, err := l.seatGroup(ctx, head, cm.ID, g.ID)
	if err != nil {
		return err
	}
	// The secretary acts with the role their new place lends.
	if s, err = l.staffOf(ctx, l.base, vinnytsia); err != nil {
		return err
	}
	return l.groupMeetings(s.ctx(membership.RolePROVIDER_SPECIALIST), cm.ID, g.ID, seats, established)
}

// seatGroup gives each seat its place and answers the members' IDs in order.
func (l *loader) seatGroup(ctx, head context.Context, cm, group pulid.ID) ([]pulid.ID, error) {
	orgs := map[organization.Kind]pulid.ID{}
	for _, o := range l.c.Organization.Query().Where(organization.CommunityID(cm)).AllX(ctx) {
		orgs[o.Kind] = o.ID
	}
	var out []pulid.ID
	for _, seat := range groupSeats {
		role, position := seat.role, seat.position
		in := ent.CreateWorkingGroupMemberInput{CommunityID: cm, GroupID: group, Role: &role, Position: &position}
		if seat.email != "" {
			id, err := l.c.User.Query().Where(user.Email(seat.email)).OnlyID(ctx)
			if err != nil {
				return nil, fmt.Errorf("demo working group: %s: %w", seat.email, err)
			}
			org := orgs[seat.orgKind]
			in.UserID, in.OrganizationID = &id, &org
		} else {
			name, org := seat.name, seat.org
			in.Name, in.OrganizationName = &name, &org
		}
		m, err := workinggroups.AddMember(head, l.c, in)
		if err != nil {
			return nil, fmt.Errorf("demo working group: seat: %w", err)
		}
		out = append(out, m.ID)
	}
	return out, nil
}

// groupMeetings records the ten meetings five weeks apart, the last three
// weeks ago; an item is done a few days before its due day, except the
// school's survey of the seventh meeting (overdue) and the items of the
// last meeting (still open, due ahead).
func (l *loader) groupMeetings(sec context.Context, cm, group pulid.ID, seats []pulid.ID, established time.Time) error {
	today := l.now.UTC().Truncate(24 * time.Hour)
	for i, gm := range groupMeetings {
		held := today.AddDate(0, 0, -21-35*(len(groupMeetings)-1-i))
		if held.Before(established) {
			held = established.AddDate(0, 0, 7*i)
		}
		in := workinggroups.MeetingInput{GroupID: group, HeldOn: held, Agenda: gm.agenda, Decisions: []string{gm.decision},
			Attendees: attendees(seats, i)}
		place := "Вінницька міська рада, зала засідань № 2"
		minutes := fmt.Sprintf("Слухали: %s. Виступили члени робочої групи та експерти проєкту. Вирішили: %s.", gm.agenda[0], gm.decision)
		in.Place, in.Minutes = &place, &minutes
		for _, a := range gm.actions {
			in.Actions = append(in.Actions, &workinggroups.ActionInput{Text: a.text, OwnerID: seats[a.owner], DueOn: held.AddDate(0, 0, a.due)})
		}
		m, err := workinggroups.RecordMeeting(sec, l.c, in)
		if err != nil {
			return fmt.Errorf("demo working group: meeting %d: %w", i+1, err)
		}
		keepOpen := pulid.ID("")
		if i == 6 {
			keepOpen = seats[5] // the school's survey: left overdue
		}
		if err := l.settleActions(sec, m, today, keepOpen); err != nil {
			return err
		}
		if d := gm.document; d != nil {
			kind, meeting := d.kind, m.ID
			if _, err := workinggroups.AdoptDocument(sec, l.c, ent.CreateWorkingGroupDocumentInput{CommunityID: cm, GroupID: group,
				MeetingID: &meeting, Kind: &kind, Title: d.title, AdoptedOn: held}); err != nil {
				return fmt.Errorf("demo working group: document: %w", err)
			}
		}
	}
	return nil
}

// settleActions marks a meeting's items done three days before their due
// day where that day has come, but for those of keepOpen's.
func (l *loader) settleActions(sec context.Context, m *ent.WorkingGroupMeeting, today time.Time, keepOpen pulid.ID) error {
	items, err := m.QueryActions().All(sec)
	if err != nil {
		return err
	}
	for _, a := range items {
		done := a.DueOn.AddDate(0, 0, -3)
		if done.After(today) || a.OwnerID == keepOpen {
			continue
		}
		result := "Виконано, інформацію подано секретарю робочої групи"
		if _, err := workinggroups.CompleteAction(sec, l.c, a.ID, done, &result); err != nil {
			return fmt.Errorf("demo working group: item done: %w", err)
		}
	}
	return nil
}

// attendees: everybody but one member, a different one at each meeting
// (the chair, secretary and deputy always present).
func attendees(seats []pulid.ID, meeting int) []pulid.ID {
	absent := 3 + meeting%(len(seats)-3)
	var out []pulid.ID
	for i, id := range seats {
		if i != absent {
			out = append(out, id)
		}
	}
	return out
}
