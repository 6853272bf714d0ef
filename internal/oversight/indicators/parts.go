package indicators

import (
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
)

// partLabels name the report sources and categories, parts of broken-down
// indicators, in the words the web app uses (a test holds them, and the
// forms of care and closure outcomes named by procedure, to web/src/i18n),
// so an export's header reads «Повідомлення за джерелом: Заклад освіти»,
// not a code. Service parts are named by their classifier code, which is
// what the header shows.
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
}

// PartName is a part of a broken-down indicator named in the language
// (lang "en" or Ukrainian); an unknown part keeps its code.
func PartName(breakdown, part, lang string) string {
	if l, ok := partLabel(breakdown, part); ok {
		return Pick(lang, l.UK, l.EN)
	}
	return part
}

// partLabel is a part's name: a form of care's and a closure outcome's
// are procedure's own (the outcomes of the default rule book in force).
func partLabel(breakdown, part string) (procedure.Label, bool) {
	switch breakdown {
	case "form":
		f := procedure.CareForm(part)
		return f.Label(), f.Valid()
	case "outcome":
		for _, o := range outcomes() {
			if string(o.Code) == part {
				return o.Label, true
			}
		}
		return procedure.Label{}, false
	}
	l, ok := partLabels[breakdown][part]
	return l, ok
}

// partCount is how many parts a breakdown names.
func partCount(breakdown string) int {
	switch breakdown {
	case "form":
		return len(procedure.CareForms())
	case "outcome":
		return len(outcomes())
	}
	return len(partLabels[breakdown])
}

func outcomes() []procedure.OutcomeOption {
	rs, err := procedure.RuleSetAt(clock.Now())
	if err != nil {
		return nil
	}
	return rs.Outcomes
}
