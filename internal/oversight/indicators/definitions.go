// Package indicators computes the figures regions and the ministry monitor,
// from the casework data, per community and period. Every indicator is
// defined once, here, with the words the UI shows next to it; counts small
// enough to point at a child are suppressed by Suppress for viewers
// without access to the records.
package indicators

import "github.com/turbota/turbota/internal/procedure"

// Unit says how an indicator's value reads.
type Unit string

// The units.
const (
	Count Unit = "COUNT"
	Share Unit = "SHARE" // 0..1 of a base that is itself a count
	Ratio Unit = "RATIO" // per specialist
)

// Definition is one indicator: its key, name and meaning in both
// languages, and whether it breaks down (by source, category, outcome, …).
type Definition struct {
	Key         string
	Unit        Unit
	Breakdown   string // what the breakdown is by, "" for none
	Name        procedure.Label
	Description procedure.Label
}

// Definitions are all the indicators, in the order the dashboard shows them.
var Definitions = []Definition{
	{"reports_received", Count, "", l("Отримано повідомлень", "Reports received"),
		l("Повідомлення про дітей, зареєстровані за період.", "Reports about children registered in the period.")},
	{"reports_by_source", Count, "source", l("Повідомлення за джерелом", "Reports by source"),
		l("Повідомлення за період за тим, хто повідомив (школа, заклад охорони здоров'я, поліція, …).", "Reports of the period by who made them (school, health facility, police, …).")},
	{"reports_by_category", Count, "category", l("Повідомлення за категорією", "Reports by category"),
		l("Повідомлення за період за категоріями (одне повідомлення може мати кілька).", "Reports of the period by category (a report may have several).")},
	{"safety_assessments", Count, "", l("Оцінено рівень безпеки", "Safety assessments done"),
		l("Оцінювання рівня безпеки дитини, проведені за період.", "Child safety assessments carried out in the period.")},
	{"safety_on_time", Share, "", l("Оцінювання безпеки вчасно (24 год)", "Safety assessments within 24 hours"),
		l("Частка оцінювань безпеки за період, проведених протягом 24 годин після повідомлення.", "Share of the period's safety assessments carried out within 24 hours of the report.")},
	{"needs_assessments", Count, "", l("Оцінено потреби", "Needs assessments done"),
		l("Акти оцінювання потреб сім'ї, складені за період.", "Acts of needs assessment filed in the period.")},
	{"needs_on_time", Share, "", l("Оцінювання потреб вчасно", "Needs assessments on time"),
		l("Частка оцінювань потреб за період, проведених у строк (5 робочих днів).", "Share of the period's needs assessments done within the deadline (5 working days).")},
	{"open_cases", Count, "", l("Відкриті випадки", "Open cases"),
		l("Випадки, відкриті на кінець періоду (без закритих, відмовлених і переданих).", "Cases open at the end of the period (not closed, refused or transferred).")},
	{"cases_per_specialist", Ratio, "", l("Випадків на фахівця", "Cases per specialist"),
		l("Відкриті випадки на кінець періоду на одного фахівця служби у справах дітей чи надавача послуг — у громадах, де такі фахівці працюють у Турботі; без фахівців — «—».", "Open cases at the end of the period per specialist of the children's service or a provider, over the communities where such specialists work in Turbota; none there: \"—\".")},
	{"children_registered", Count, "", l("Дітей взято на облік у СЖО", "Children registered in difficult circumstances"),
		l("Діти, щодо яких за період ухвалено рішення про взяття на облік як таких, що перебувають у складних життєвих обставинах.", "Children registered in the period, by a guardianship body's decision, as in difficult life circumstances.")},
	{"children_removed", Count, "", l("Дітей відібрано з сімей", "Children removed from families"),
		l("Діти, відібрані з сім'ї за період: названі в невідкладному заході чи рішенні органу опіки про відібрання або невідкладно влаштовані; кожна дитина один раз.", "Children removed from their family in the period: named by an urgent measure or a guardianship body's removal decision, or placed as an urgent measure; each child once.")},
	{"placements_by_form", Count, "form", l("Влаштування дітей за формою догляду", "Children placed, by form of care"),
		l("Діти, влаштовані за період, за формою догляду (у родичів, опіка, прийомна сім'я, ДБСТ, патронат, усиновлення, заклади за видом): невідкладні заходи й рішення органу опіки разом; кожна дитина один раз у кожній формі.", "Children placed in the period, by form of care (kin care, guardianship, foster family, family-type home, patronage, adoption, institutions by kind): urgent measures and guardianship decisions alike; each child once per form.")},
	{"placements_family", Count, "", l("Влаштування в сімейні форми", "Children placed in family-based care"),
		l("Діти, влаштовані за період у сімейні форми догляду (у родичів, опіка, прийомна сім'я, ДБСТ, патронат, усиновлення).", "Children placed in the period in family-based care (kin care, guardianship, foster family, family-type home, patronage, adoption).")},
	{"placements_institution", Count, "", l("Влаштування в заклади", "Children placed in institutions"),
		l("Діти, влаштовані за період до закладів цілодобового перебування будь-якого виду.", "Children placed in the period in residential institutions of any kind.")},
	{"family_based_share", Share, "", l("Частка дітей, влаштованих у сімейні форми (гейткіпінг)", "Share of children placed in family-based care (gatekeeping)"),
		l("Частка дітей, чиє останнє за період влаштування — сімейна форма догляду, серед усіх дітей, влаштованих за період (кожна дитина один раз, хоч би скільки влаштувань; брати й сестри, влаштовані разом, — кожен окремо): головний показник гейткіпінгу.", "Share of the children placed in the period whose latest placement in it is family-based care (each child once, however many placements; siblings placed together count one each): the headline gatekeeping indicator.")},
	{"returns_to_family", Count, "", l("Дітей повернуто в сім'ю", "Children returned to their family"),
		l("Діти, чиє влаштування завершилося за період поверненням у сім'ю.", "Children whose placement ended in the period with their return to the family.")},
	{"cases_closed", Count, "outcome", l("Закрито випадків за результатом", "Cases closed by outcome"),
		l("Випадки, закриті за період, за результатом закриття.", "Cases closed in the period, by the outcome recorded at closure.")},
	{"services_started", Count, "service", l("Надано послуг за кодом", "Services delivered by code"),
		l("Послуги, розпочаті за період, за кодом (або назвою) Класифікатора соціальних послуг.", "Services started in the period, by the code (or name) in the classifier of social services.")},
	{"vouchers_issued", Count, "", l("Видано сертифікатів", "Vouchers issued"),
		l("Сертифікати (ваучери) на послуги, видані сім'ям за період і не скасовані.", "Vouchers (certificates) for services issued to families in the period and not cancelled.")},
	{"vouchers_redeemed", Count, "", l("Використано сертифікатів", "Vouchers redeemed"),
		l("Сертифікати, за якими надавач надав послугу протягом періоду.", "Vouchers for which a provider gave the service in the period.")},
	{"supervision_sessions", Count, "", l("Проведено супервізій", "Supervision sessions held"),
		l("Сесії супервізії (індивідуальні й групові), проведені за період, за журналом супервізій громади.", "Supervision sessions (individual and group) held in the period, as the community's supervision journal records them.")},
	{"supervision_coverage", Share, "", l("Охоплення фахівців супервізією", "Specialists covered by supervision"),
		l("Частка фахівців служби у справах дітей і надавачів послуг, які працюють у Турботі, що були супервізованими хоча б на одній сесії за період (кожен фахівець один раз).", "Share of the specialists of the children's service and of providers working in Turbota who were supervisees in at least one session held in the period (each specialist once).")},
	{"staff_positions", Count, "", l("Посад у штатних розписах", "Positions in the staffing schedules"),
		l("Посади організацій громади в реєстрі кадрів, не скорочені на кінець періоду (зайняті й вакантні).", "Positions of the community's organisations in the workforce register not closed by the end of the period (held and vacant).")},
	{"vacancies", Count, "", l("Вакантних посад", "Vacant positions"),
		l("Посади реєстру кадрів без працівника на кінець періоду: ніхто не призначений, або працівник ще не почав чи вже звільнився.", "Positions of the workforce register without a holder at the end of the period: nobody appointed, or the holder not yet started or already gone.")},
	{"vacancy_share", Share, "", l("Частка вакантних посад", "Share of positions vacant"),
		l("Вакантні посади серед посад у штатних розписах на кінець періоду.", "Vacant positions among the positions in the staffing schedules at the end of the period.")},
	{"specialists_trained", Count, "", l("Фахівців завершили навчання", "Specialists who completed a training"),
		l("Працівники (за посадами реєстру), які завершили навчання за програмою підвищення кваліфікації протягом періоду; кожен один раз.", "Staff (by their positions in the register) who completed a training programme in the period; each once.")},
	{"certificates_issued", Count, "", l("Видано свідоцтв про навчання", "Training certificates issued"),
		l("Свідоцтва й сертифікати про підвищення кваліфікації, видані працівникам громади протягом періоду.", "Certificates of in-service training issued to the community's staff in the period.")},
	{"certificates_state_standard", Count, "", l("З них державного зразка", "Of them, of state standard"),
		l("Свідоцтва державного зразка серед виданих за період.", "Certificates of state standard among those issued in the period.")},
}

func l(uk, en string) procedure.Label { return procedure.Label{UK: uk, EN: en} }

// Find returns the definition of a key.
func Find(key string) (Definition, bool) {
	for _, d := range Definitions {
		if d.Key == key {
			return d, true
		}
	}
	return Definition{}, false
}
