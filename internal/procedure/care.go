package procedure

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// CareForm is a form of care of a child who cannot stay with the family,
// in the terms of Ukrainian law, family-based forms first, in the order
// of preference the law gives them, institutions last, by kind.
type CareForm string

// The forms of care.
const (
	// CareKin: the child lives with relatives (у родичів), without a formal
	// guardianship yet.
	CareKin CareForm = "KIN_CARE"
	// CareGuardianship: guardianship or custody (опіка, піклування).
	CareGuardianship CareForm = "GUARDIANSHIP"
	// CareFosterFamily: a foster family (прийомна сім'я).
	CareFosterFamily CareForm = "FOSTER_FAMILY"
	// CareFamilyTypeHome: a family-type children's home (дитячий будинок
	// сімейного типу, ДБСТ).
	CareFamilyTypeHome CareForm = "FAMILY_TYPE_HOME"
	// CarePatronage: a patronage educator's family (патронат над дитиною),
	// for a child in difficult circumstances, for a limited time.
	CarePatronage CareForm = "PATRONAGE"
	// CareAdoption: adoption (усиновлення).
	CareAdoption CareForm = "ADOPTION"
	// CareInstitutionShelter: a shelter or a centre of social and
	// psychological rehabilitation of children (притулок, ЦСПРД).
	CareInstitutionShelter CareForm = "INSTITUTION_SHELTER"
	// CareInstitutionHealth: a health care institution (будинок дитини,
	// лікарня) beyond treatment.
	CareInstitutionHealth CareForm = "INSTITUTION_HEALTH"
	// CareInstitutionBoarding: an educational institution with round-the-clock
	// stay (заклад освіти з цілодобовим перебуванням, інтернат).
	CareInstitutionBoarding CareForm = "INSTITUTION_BOARDING"
	// CareInstitutionSocialCare: a residential institution of social
	// protection (будинок-інтернат).
	CareInstitutionSocialCare CareForm = "INSTITUTION_SOCIAL_CARE"
	// CareInstitutionOther: another institution of round-the-clock care.
	CareInstitutionOther CareForm = "INSTITUTION_OTHER"
)

var careForms = []struct {
	form  CareForm
	label Label
}{
	{CareKin, Label{"У родичів (родинний догляд)", "Kin care (with relatives)"}},
	{CareGuardianship, Label{"Опіка, піклування", "Guardianship or custody"}},
	{CareFosterFamily, Label{"Прийомна сім'я", "Foster family"}},
	{CareFamilyTypeHome, Label{"Дитячий будинок сімейного типу", "Family-type children's home"}},
	{CarePatronage, Label{"Патронат над дитиною", "Patronage (temporary family care)"}},
	{CareAdoption, Label{"Усиновлення", "Adoption"}},
	{CareInstitutionShelter, Label{"Притулок, центр соціально-психологічної реабілітації дітей", "Shelter or children's rehabilitation centre"}},
	{CareInstitutionHealth, Label{"Заклад охорони здоров'я", "Health care institution"}},
	{CareInstitutionBoarding, Label{"Заклад освіти з цілодобовим перебуванням", "Boarding educational institution"}},
	{CareInstitutionSocialCare, Label{"Будинок-інтернат", "Residential social care institution"}},
	{CareInstitutionOther, Label{"Інший заклад цілодобового перебування", "Other residential institution"}},
}

// CareForms lists every form, family-based first.
func CareForms() []CareForm {
	out := make([]CareForm, len(careForms))
	for i, f := range careForms {
		out[i] = f.form
	}
	return out
}

// Valid reports whether f is a known form.
func (f CareForm) Valid() bool {
	for _, k := range careForms {
		if k.form == f {
			return true
		}
	}
	return false
}

// Label is the form's name in both languages.
func (f CareForm) Label() Label {
	for _, k := range careForms {
		if k.form == f {
			return k.label
		}
	}
	return Label{string(f), string(f)}
}

// Institutional reports whether the form is an institution: the last
// resort gatekeeping guards.
func (f CareForm) Institutional() bool { return strings.HasPrefix(string(f), "INSTITUTION_") }

// FamilyBased reports whether the form keeps the child in a family.
func (f CareForm) FamilyBased() bool { return f.Valid() && !f.Institutional() }

// Values lists the forms, for the database column's enum.
func (CareForm) Values() []string {
	out := make([]string, len(careForms))
	for i, f := range careForms {
		out[i] = string(f.form)
	}
	return out
}

// MarshalGQL writes the form as a GraphQL enum value.
func (f CareForm) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(f))) }

// UnmarshalGQL reads a form, refusing unknown ones.
func (f *CareForm) UnmarshalGQL(v any) error {
	str, _ := v.(string)
	if !CareForm(str).Valid() {
		return fmt.Errorf("%q is not a form of care", str)
	}
	*f = CareForm(str)
	return nil
}

// CareEnd is why a child's placement ended.
type CareEnd string

// The reasons a placement ends.
const (
	// CareEndReturned: the child went back to the family (повернення в сім'ю).
	CareEndReturned CareEnd = "RETURNED_TO_FAMILY"
	// CareEndAdopted: the child was adopted.
	CareEndAdopted CareEnd = "ADOPTED"
	// CareEndOtherForm: the child moved to another form of care.
	CareEndOtherForm CareEnd = "MOVED_TO_OTHER_CARE"
	// CareEndAdult: the child came of age.
	CareEndAdult CareEnd = "CAME_OF_AGE"
	// CareEndOther: another reason, stated in the note.
	CareEndOther CareEnd = "OTHER"
)

var careEnds = []struct {
	end   CareEnd
	label Label
}{
	{CareEndReturned, Label{"Повернення в сім'ю", "Returned to the family"}},
	{CareEndAdopted, Label{"Усиновлення", "Adopted"}},
	{CareEndOtherForm, Label{"Влаштування в іншу форму догляду", "Moved to another form of care"}},
	{CareEndAdult, Label{"Досягнення повноліття", "Came of age"}},
	{CareEndOther, Label{"Інше", "Other"}},
}

// Label is the reason in both languages.
func (e CareEnd) Label() Label {
	for _, k := range careEnds {
		if k.end == e {
			return k.label
		}
	}
	return Label{string(e), string(e)}
}

// Values lists the reasons, for the database column's enum.
func (CareEnd) Values() []string {
	out := make([]string, len(careEnds))
	for i, e := range careEnds {
		out[i] = string(e.end)
	}
	return out
}

// MarshalGQL writes the reason as a GraphQL enum value.
func (e CareEnd) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(e))) }

// UnmarshalGQL reads a reason, refusing unknown ones.
func (e *CareEnd) UnmarshalGQL(v any) error {
	str, _ := v.(string)
	for _, k := range careEnds {
		if string(k.end) == str {
			*e = k.end
			return nil
		}
	}
	return fmt.Errorf("%q is not a reason a placement ends", str)
}

// UrgentMeasureKind is what an urgent protection measure did.
type UrgentMeasureKind string

// The urgent measures. A removal takes the child from the family
// (відібрання дитини); a placement says where the child went, in a form
// of care.
const (
	MeasureRemoval          UrgentMeasureKind = "REMOVAL"
	MeasurePlacement        UrgentMeasureKind = "PLACEMENT"
	MeasureMedicalCare      UrgentMeasureKind = "MEDICAL_CARE"
	MeasurePoliceProtection UrgentMeasureKind = "POLICE_PROTECTION"
	MeasureRestrainingOrder UrgentMeasureKind = "RESTRAINING_ORDER"
	MeasureOther            UrgentMeasureKind = "OTHER"
)

// UrgentMeasureKinds lists the kinds of urgent measures.
func UrgentMeasureKinds() []UrgentMeasureKind {
	return []UrgentMeasureKind{MeasureRemoval, MeasurePlacement, MeasureMedicalCare, MeasurePoliceProtection, MeasureRestrainingOrder, MeasureOther}
}

// MarshalGQL writes the kind as a GraphQL enum value.
func (k UrgentMeasureKind) MarshalGQL(w io.Writer) {
	_, _ = io.WriteString(w, strconv.Quote(string(k)))
}

// UnmarshalGQL reads a kind, refusing unknown ones.
func (k *UrgentMeasureKind) UnmarshalGQL(v any) error {
	str, _ := v.(string)
	for _, known := range UrgentMeasureKinds() {
		if string(known) == str {
			*k = known
			return nil
		}
	}
	return fmt.Errorf("%q is not a kind of urgent measure", str)
}

// PlacementFacts is what the case records that bears on placing a child.
type PlacementFacts struct {
	Form CareForm
	// ComprehensiveAssessment: a comprehensive needs assessment of the
	// child's family has taken effect (recorded and approved).
	ComprehensiveAssessment bool
	// CommissionDecision: the basis decision is a placement decision the
	// commission on the rights of the child produced.
	CommissionDecision bool
	// OverrideReason is the stated reason of an emergency placement made
	// before the assessment and the decision ("" for none).
	OverrideReason string
}

// CheckPlacement is gatekeeping: a child goes into an institution only
// after a comprehensive assessment of the family's needs and a decision of
// the commission on the rights of the child. In an emergency the placement
// may go ahead with the reason stated; override then says so, and the
// placement is reviewed within the rules' time (RuleSet.PlacementReview).
// A family-based placement needs neither.
func CheckPlacement(f PlacementFacts) (override bool, err error) {
	if !f.Form.Valid() {
		return false, &RuleError{Code: RuleUnknownCareForm, Reasons: []string{string(f.Form)}}
	}
	if !f.Form.Institutional() {
		return false, nil
	}
	var missing []string
	if !f.ComprehensiveAssessment {
		missing = append(missing, "no approved comprehensive needs assessment")
	}
	if !f.CommissionDecision {
		missing = append(missing, "no placement decision of the commission on the rights of the child")
	}
	if len(missing) == 0 {
		return false, nil
	}
	if strings.TrimSpace(f.OverrideReason) != "" {
		return true, nil
	}
	return false, &RuleError{Code: RuleGatekeeping, Reasons: missing}
}

// defaultPlacementReview is the review of an emergency institutional
// placement where a rule set does not name one.
var defaultPlacementReview = Rule{Amount: 5, Unit: UnitWorkingDays,
	LegalBasis:   "Порядок провадження органами опіки та піклування діяльності, пов'язаної із захистом прав дитини, затв. постановою КМУ від 24.09.2008 № 866",
	LegalBasisEN: "Procedure of guardianship bodies' work on the protection of children's rights, Cabinet of Ministers resolution No. 866 of 24.09.2008"}

// PlacementReviewRule is the rule of the review an emergency institutional
// placement gets: the rule set's own, or the default (5 working days).
func (rs RuleSet) PlacementReviewRule() Rule {
	if rs.PlacementReview != nil {
		return *rs.PlacementReview
	}
	return defaultPlacementReview
}

// PlacementReviewDue is when an emergency institutional placement made at
// start is to be reviewed.
func (rs RuleSet) PlacementReviewDue(start time.Time, cal Calendar) time.Time {
	r := rs.PlacementReviewRule()
	return addUnits(start, r.Amount, r.Unit, cal)
}
