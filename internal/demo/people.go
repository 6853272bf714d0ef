package demo

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"time"

	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"

	"github.com/turbota/turbota/ent/person"
	"github.com/turbota/turbota/ent/report"
)

// Every person here is invented. The two communities draw from disjoint
// lists, and no name of one is part of a name of the other, so a test can
// tell whose data an answer holds, and whether a log holds any.

// maleName is a man's or boy's first name with the patronymics derived from it.
type maleName struct{ name, son, daughter string }

type nameLists struct {
	surnames []string // one per family; all invariant in gender (-енко, -ук, -юк)
	female   []string
	male     []maleName
	streets  []string
	town     string
	seed     uint64
}

var vinnytsiaNames = nameLists{
	surnames: []string{"Вербенко", "Ясенчук", "Горобенко", "Калинюк", "Ліщинчук", "Дзвінчук"},
	female:   []string{"Ярина", "Злата", "Мирослава", "Богдана", "Устина", "Леся", "Фросина"},
	male: []maleName{
		{"Остап", "Остапович", "Остапівна"}, {"Тарас", "Тарасович", "Тарасівна"},
		{"Назар", "Назарович", "Назарівна"}, {"Любомир", "Любомирович", "Любомирівна"},
		{"Ярема", "Яремович", "Яремівна"}, {"Ростислав", "Ростиславович", "Ростиславівна"},
	},
	streets: []string{"вул. Вишнева", "вул. Липова", "вул. Гончарна", "пров. Тихий"},
	town:    "м. Вінниця",
	seed:    5020030,
}

var poltavaNames = nameLists{
	surnames: []string{"Сливенко", "Тополюк", "Журавенко", "Грушенко", "Ожинчук", "Кленчук"},
	female:   []string{"Соломія", "Христина", "Веселина", "Дарина", "Орися", "Килина", "Явдоха"},
	male: []maleName{
		{"Северин", "Северинович", "Северинівна"}, {"Зиновій", "Зиновійович", "Зиновіївна"},
		{"Мирон", "Миронович", "Миронівна"}, {"Данило", "Данилович", "Данилівна"},
		{"Захар", "Захарович", "Захарівна"}, {"Панас", "Панасович", "Панасівна"},
	},
	streets: []string{"вул. Соборна", "вул. Квітуча", "вул. Ворсклянська", "пров. Затишний"},
	town:    "м. Полтава",
	seed:    53080370,
}

type personPlan struct {
	kind       person.Kind
	sex        person.Sex
	last       string
	first      string
	patronymic string
	birth      time.Time
}

type familyPlan struct {
	name    string
	address string
	members []personPlan
}

type reportPlan struct {
	family   int // index into the families, -1 for none
	children int // how many of the family's children the report names (0 = all)
	source   report.Source
	urgency  report.Urgency
	age      time.Duration // how long before the load it was received
	summary  string
	contact  string
	cats     []procedure.Category
}

type peoplePlan struct {
	families []familyPlan
	reports  []reportPlan
}

// birthBase is the date the generated ages are counted from: 1 January of
// the clock's year, so that the demo's children are children in any year
// (fixed for the year, so the same seed gives the same people; the seed
// decides names alone, whatever the year).
func birthBase() time.Time {
	return time.Date(clock.Now().Year(), time.January, 1, 0, 0, 0, 0, time.UTC)
}

// The shape of the six families: how many children each has and whether the
// father lives with it (16 persons in all).
var (
	childrenPerFamily = []int{2, 1, 2, 1, 1, 1}
	fathers           = []bool{true, false, true, false, true, false}
)

// planPeople generates the families of one community from its lists.
func planPeople(l nameLists) peoplePlan {
	rng := rand.New(rand.NewPCG(l.seed, 2026))
	pick := func(n int) []int { return rng.Perm(n) }
	date := func(fromYear, toYear int) time.Time {
		days := rng.IntN((toYear - fromYear + 1) * 365)
		return time.Date(fromYear, time.January, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, days)
	}
	base := birthBase().Year()
	var p peoplePlan
	for i, surname := range l.surnames {
		f := familyPlan{
			name:    surname,
			address: l.streets[rng.IntN(len(l.streets))] + ", " + strconv.Itoa(2+rng.IntN(80)) + ", " + l.town,
		}
		mother := l.female[rng.IntN(len(l.female))]
		motherBirth := date(1980, 1996)
		father := l.male[rng.IntN(len(l.male))]
		f.members = append(f.members, personPlan{
			kind: person.KindADULT, sex: person.SexFEMALE, last: surname, first: mother,
			patronymic: l.male[rng.IntN(len(l.male))].daughter, birth: motherBirth,
		})
		if fathers[i] {
			grandfather := l.male[(slices.Index(l.male, father)+1+rng.IntN(len(l.male)-1))%len(l.male)]
			f.members = append(f.members, personPlan{
				kind: person.KindADULT, sex: person.SexMALE, last: surname, first: father.name,
				patronymic: grandfather.son, birth: date(motherBirth.Year()-4, motherBirth.Year()+1),
			})
		}
		girls, boys := pick(len(l.female)), pick(len(l.male))
		// Children under 18 on birthBase, born to a mother of 20 or more,
		// two to four years apart.
		year := max(motherBirth.Year()+20+rng.IntN(8), base-16)
		for c := range childrenPerFamily[i] {
			y := min(year, base-2)
			ch := personPlan{kind: person.KindCHILD, last: surname, birth: date(y, y)}
			year += 2 + rng.IntN(3)
			if rng.IntN(2) == 0 {
				ch.sex, ch.first, ch.patronymic = person.SexFEMALE, l.female[girls[c]], father.daughter
				if ch.first == mother {
					ch.first = l.female[girls[len(girls)-1-c]]
				}
			} else {
				ch.sex, ch.first, ch.patronymic = person.SexMALE, l.male[boys[c]].name, father.son
				if ch.first == father.name {
					ch.first = l.male[boys[len(boys)-1-c]].name
				}
			}
			f.members = append(f.members, ch)
		}
		p.families = append(p.families, f)
	}
	p.reports = []reportPlan{
		{family: 0, source: report.SourceSCHOOL, urgency: report.UrgencyROUTINE,
			age: 3 * time.Hour, contact: "Класний керівник, через канцелярію закладу",
			summary: "Дитина понад місяць систематично пропускає заняття без поважних причин; батьки на дзвінки не відповідають.",
			cats:    []procedure.Category{procedure.CategoryNeglect, procedure.CategoryParentsEvadingDuties}},
		{family: 1, source: report.SourceHEALTH_FACILITY, urgency: report.UrgencyURGENT,
			age: 20 * time.Hour, contact: "Сімейний лікар амбулаторії",
			summary: "На прийомі в дитини виявлено ознаки недоїдання; мати повідомила, що втратила роботу і не має коштів на харчування.",
			cats:    []procedure.Category{procedure.CategoryNeglect, procedure.CategoryPoverty}},
		{family: 2, source: report.SourcePOLICE, urgency: report.UrgencyIMMEDIATE,
			age: 30 * time.Hour, contact: "Ювенальна превенція, черговий інспектор",
			summary: "Виклик через сварку в помешканні; батько в стані алкогольного сп'яніння, діти вдома без нагляду іншого дорослого.",
			cats:    []procedure.Category{procedure.CategoryAddiction, procedure.CategoryNeglect}},
		{family: 3, source: report.SourceNEIGHBOUR, urgency: report.UrgencyROUTINE,
			age:     4 * 24 * time.Hour,
			summary: "Сусідка повідомляє, що дитина часто допізна залишається сама на подвір'ї, у квартирі холодно.",
			cats:    []procedure.Category{procedure.CategoryNeglect}},
		{family: 4, children: 1, source: report.SourceFAMILY, urgency: report.UrgencyROUTINE,
			age: 21 * 24 * time.Hour, contact: "Звернулася мати особисто",
			summary: "Сім'я внутрішньо переміщених осіб просить допомоги з оформленням дитини до закладу освіти та консультації психолога.",
			cats:    []procedure.Category{procedure.CategoryDisplacement}},
		{family: -1, source: report.SourceHOTLINE, urgency: report.UrgencyURGENT,
			age: 6 * time.Hour, contact: "Анонімний дзвінок на гарячу лінію",
			summary: "Анонімне повідомлення про дитину з інвалідністю, яка не отримує жодної підтримки; адресу уточнюють.",
			cats:    []procedure.Category{procedure.CategoryDisabilityWithoutSupport}},
	}
	return p
}

// names returns every first name, patronymic and surname the plan uses.
func (p peoplePlan) names() []string {
	var out []string
	for _, f := range p.families {
		out = append(out, f.name)
		for _, m := range f.members {
			out = append(out, m.last, m.first, m.patronymic)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
