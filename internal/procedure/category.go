package procedure

// Category is what a report is about. A report may carry several.
type Category string

// The report categories of issue 3.
const (
	CategoryNeglect                  Category = "NEGLECT"
	CategoryPhysicalViolence         Category = "PHYSICAL_VIOLENCE"
	CategoryPsychologicalViolence    Category = "PSYCHOLOGICAL_VIOLENCE"
	CategorySexualViolence           Category = "SEXUAL_VIOLENCE"
	CategoryDomesticViolence         Category = "DOMESTIC_VIOLENCE"
	CategoryParentsEvadingDuties     Category = "PARENTS_EVADING_DUTIES"
	CategoryAddiction                Category = "ADDICTION"
	CategoryDisabilityWithoutSupport Category = "DISABILITY_WITHOUT_SUPPORT"
	CategoryPoverty                  Category = "POVERTY"
	CategoryDisplacement             Category = "DISPLACEMENT"
	CategoryOther                    Category = "OTHER"
)

var categoryLabels = map[Category]Label{
	CategoryNeglect:                  {UK: "Нехтування потребами дитини", EN: "Neglect"},
	CategoryPhysicalViolence:         {UK: "Фізичне насильство", EN: "Physical violence"},
	CategoryPsychologicalViolence:    {UK: "Психологічне насильство", EN: "Psychological violence"},
	CategorySexualViolence:           {UK: "Сексуальне насильство", EN: "Sexual violence"},
	CategoryDomesticViolence:         {UK: "Домашнє насильство", EN: "Domestic violence"},
	CategoryParentsEvadingDuties:     {UK: "Ухилення батьків від виконання обов'язків", EN: "Parents evading their duties"},
	CategoryAddiction:                {UK: "Залежність", EN: "Addiction"},
	CategoryDisabilityWithoutSupport: {UK: "Інвалідність без підтримки", EN: "Disability without support"},
	CategoryPoverty:                  {UK: "Бідність", EN: "Poverty"},
	CategoryDisplacement:             {UK: "Внутрішнє переміщення", EN: "Displacement"},
	CategoryOther:                    {UK: "Інше", EN: "Other"},
}

// Categories lists every category in the order the report form shows them.
func Categories() []Category {
	return []Category{
		CategoryNeglect, CategoryPhysicalViolence, CategoryPsychologicalViolence,
		CategorySexualViolence, CategoryDomesticViolence, CategoryParentsEvadingDuties,
		CategoryAddiction, CategoryDisabilityWithoutSupport, CategoryPoverty,
		CategoryDisplacement, CategoryOther,
	}
}

// Valid reports whether c is a known category.
func (c Category) Valid() bool {
	_, ok := categoryLabels[c]
	return ok
}

// Label names the category for the UI.
func (c Category) Label() Label {
	if l, ok := categoryLabels[c]; ok {
		return l
	}
	return Label{UK: string(c), EN: string(c)}
}

// IsViolence reports whether the category records violence or abuse: the law
// forbids refusing services in such a case, and issue 3 puts such cases
// behind an explicit permission. Neglect is deliberately not included: the
// law names "child abuse" (жорстоке поводження з дитиною), and where an
// assessment finds abuse in a neglect case, the case records a violence
// category too.
func (c Category) IsViolence() bool {
	switch c {
	case CategoryPhysicalViolence, CategoryPsychologicalViolence,
		CategorySexualViolence, CategoryDomesticViolence:
		return true
	}
	return false
}
