package indicators

import "github.com/turbota/turbota/internal/procedure"

// partLabels name the parts of the broken-down indicators (report sources
// and categories, forms of care, closure outcomes) in the words the web app uses (a test
// holds them to web/src/i18n), so an export's header reads «Повідомлення за
// джерелом: Заклад освіти», not a code. Service parts are named by their
// classifier code, which is what the header shows.
var partLabels = map[string]map[string]procedure.Label{
	"source": {
		"SCHOOL":          {UK: "Заклад освіти", EN: "School"},
		"HEALTH_FACILITY": {UK: "Заклад охорони здоров'я", EN: "Health facility"},
		"POLICE":          {UK: "Поліція", EN: "Police"},
		"NEIGHBOUR":       {UK: "Сусіди", EN: "Neighbour"},
		"HOTLINE":         {UK: "Гаряча лінія", EN: "Hotline"},
		"FAMILY":          {UK: "Сама сім'я", EN: "The family itself"},
		"OTHER":           {UK: "Інше", EN: "Other"},
	},
	"category": {
		"NEGLECT":                    {UK: "Занедбаність", EN: "Neglect"},
		"PHYSICAL_VIOLENCE":          {UK: "Фізичне насильство", EN: "Physical violence"},
		"PSYCHOLOGICAL_VIOLENCE":     {UK: "Психологічне насильство", EN: "Psychological violence"},
		"SEXUAL_VIOLENCE":            {UK: "Сексуальне насильство", EN: "Sexual violence"},
		"DOMESTIC_VIOLENCE":          {UK: "Домашнє насильство", EN: "Domestic violence"},
		"PARENTS_EVADING_DUTIES":     {UK: "Ухилення батьків від обов'язків", EN: "Parents evading their duties"},
		"ADDICTION":                  {UK: "Залежність", EN: "Addiction"},
		"DISABILITY_WITHOUT_SUPPORT": {UK: "Інвалідність без підтримки", EN: "Disability without support"},
		"POVERTY":                    {UK: "Бідність", EN: "Poverty"},
		"DISPLACEMENT":               {UK: "Переміщення", EN: "Displacement"},
		"OTHER":                      {UK: "Інше", EN: "Other"},
	},
	"form": {
		"KIN_CARE":                {UK: "У родичів (родинний догляд)", EN: "Kin care (with relatives)"},
		"GUARDIANSHIP":            {UK: "Опіка, піклування", EN: "Guardianship or custody"},
		"FOSTER_FAMILY":           {UK: "Прийомна сім'я", EN: "Foster family"},
		"FAMILY_TYPE_HOME":        {UK: "Дитячий будинок сімейного типу", EN: "Family-type children's home"},
		"PATRONAGE":               {UK: "Патронат над дитиною", EN: "Patronage (temporary family care)"},
		"ADOPTION":                {UK: "Усиновлення", EN: "Adoption"},
		"INSTITUTION_SHELTER":     {UK: "Притулок, центр соціально-психологічної реабілітації дітей", EN: "Shelter or children's rehabilitation centre"},
		"INSTITUTION_HEALTH":      {UK: "Заклад охорони здоров'я", EN: "Health care institution"},
		"INSTITUTION_BOARDING":    {UK: "Заклад освіти з цілодобовим перебуванням", EN: "Boarding educational institution"},
		"INSTITUTION_SOCIAL_CARE": {UK: "Будинок-інтернат", EN: "Residential social care institution"},
		"INSTITUTION_OTHER":       {UK: "Інший заклад цілодобового перебування", EN: "Other residential institution"},
	},
	"outcome": {
		"GOALS_ACHIEVED":   {UK: "Мету досягнуто", EN: "Goals achieved"},
		"FAMILY_MOVED":     {UK: "Сім'я змінила місце проживання", EN: "Family moved"},
		"SERVICES_REFUSED": {UK: "Відмова від послуг", EN: "Services refused"},
		"CHILD_PLACED":     {UK: "Дитину влаштовано", EN: "Child placed"},
		"TRANSFERRED":      {UK: "Передано", EN: "Transferred"},
		"OTHER":            {UK: "Інше", EN: "Other"},
	},
}

// PartName is a part of a broken-down indicator named in the language
// (lang "en" or Ukrainian); an unknown part keeps its code.
func PartName(breakdown, part, lang string) string {
	if l, ok := partLabels[breakdown][part]; ok {
		return Pick(lang, l.UK, l.EN)
	}
	return part
}
