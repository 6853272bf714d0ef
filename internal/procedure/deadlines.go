package procedure

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"
)

// Kind is a deadline a case step must meet.
type Kind string

// The deadline kinds. Each names the event that starts its clock.
const (
	// KindSafetyAssessment runs from the report.
	KindSafetyAssessment Kind = "SAFETY_ASSESSMENT"
	// KindNeedsAssessment runs from the application or report.
	KindNeedsAssessment Kind = "NEEDS_ASSESSMENT"
	// KindNeedsAssessmentAct runs from the needs assessment: the act is
	// filed by the next working day.
	KindNeedsAssessmentAct Kind = "NEEDS_ASSESSMENT_ACT"
	// KindDecision runs from the application.
	KindDecision Kind = "DECISION"
	// KindDecisionCrisis replaces KindDecision in a crisis.
	KindDecisionCrisis Kind = "DECISION_CRISIS"
	// KindDecisionNotice runs from the decision: the applicant is told.
	KindDecisionNotice Kind = "DECISION_NOTICE"
	// KindAccompaniment is the longest social accompaniment may last, from
	// the decision; it may be extended (Rule.Extension).
	KindAccompaniment Kind = "ACCOMPANIMENT"
)

var kindLabels = map[Kind]Label{
	KindSafetyAssessment:   {UK: "Оцінювання рівня безпеки дитини", EN: "Child safety assessment"},
	KindNeedsAssessment:    {UK: "Оцінювання потреб сім'ї/особи", EN: "Needs assessment"},
	KindNeedsAssessmentAct: {UK: "Складення акта оцінки потреб", EN: "Act of needs assessment filed"},
	KindDecision:           {UK: "Рішення про надання чи відмову в наданні соціальних послуг", EN: "Decision on services"},
	KindDecisionCrisis:     {UK: "Рішення про надання соціальних послуг у кризовій ситуації", EN: "Decision on services in a crisis"},
	KindDecisionNotice:     {UK: "Повідомлення заявника про рішення", EN: "Applicant told of the decision"},
	KindAccompaniment:      {UK: "Соціальний супровід", EN: "Social accompaniment"},
}

// Kinds lists every deadline kind in life-cycle order.
func Kinds() []Kind {
	return []Kind{
		KindSafetyAssessment, KindNeedsAssessment, KindNeedsAssessmentAct,
		KindDecision, KindDecisionCrisis, KindDecisionNotice, KindAccompaniment,
	}
}

// Label names the deadline for the UI.
func (k Kind) Label() Label {
	if l, ok := kindLabels[k]; ok {
		return l
	}
	return Label{UK: string(k), EN: string(k)}
}

// DecisionKind picks the decision deadline for a case.
func DecisionKind(crisis bool) Kind {
	if crisis {
		return KindDecisionCrisis
	}
	return KindDecision
}

// Unit is what a rule's amount counts.
type Unit string

// The units.
const (
	// UnitHours is elapsed time, to the minute: a 24-hour clock does not
	// stop at night, at weekends or for a DST change.
	UnitHours Unit = "HOURS"
	// UnitWorkingDays counts working days from the day after the start, as
	// a legal term does (Civil Code art. 253), to the end of the last one.
	UnitWorkingDays Unit = "WORKING_DAYS"
	// UnitCalendarDays counts days from the day after the start to the end
	// of the last one.
	UnitCalendarDays Unit = "CALENDAR_DAYS"
	// UnitMonths ends on the same day of the last month (its last day if
	// that month is shorter: Civil Code art. 254).
	//
	// Calendar days and months are maxima, not times to act, so their end
	// is not moved off a weekend or holiday: the later day would exceed them.
	UnitMonths Unit = "MONTHS"
)

// Rule is one deadline: an amount of a unit.
type Rule struct {
	Amount int  `json:"amount"`
	Unit   Unit `json:"unit"`
	// LegalBasis is the text the UI cites, e.g. «ч. 2 ст. 20 Закону України
	// "Про соціальні послуги"».
	LegalBasis string `json:"legalBasis"`
	// LegalBasisEN is the same in English; a citation of a Ukrainian act
	// may stay as it is (empty: the Ukrainian text serves).
	LegalBasisEN string `json:"legalBasisEn,omitempty"`
	// Extension is nil for a deadline that cannot be extended.
	Extension *Extension `json:"extension,omitempty"`
}

// Basis is the legal basis in both languages.
func (r Rule) Basis() Label {
	en := r.LegalBasisEN
	if en == "" {
		en = r.LegalBasis
	}
	return Label{UK: r.LegalBasis, EN: en}
}

// Extension is how far one extension moves a deadline and how many may be
// granted.
type Extension struct {
	Amount int  `json:"amount"`
	Unit   Unit `json:"unit"`
	Max    int  `json:"max"`
}

// DueSoonPolicy says when a deadline turns DUE_SOON: when it falls on or
// before the WorkingDays-th working day after today, or when no more than Fraction of its
// period is left, whichever comes first. Zero switches a test off.
//
// With the defaults (1 working day, 25 %), a 24-hour deadline is DUE_SOON
// from its start: it has to be acted on today.
type DueSoonPolicy struct {
	WorkingDays int     `json:"workingDays"`
	Fraction    float64 `json:"fraction"`
}

// RuleSet is one version of the deadline rules and the outcome list.
type RuleSet struct {
	Version string `json:"version"`
	// EffectiveFrom is when the version comes into force. A case keeps the
	// version in force when its clock started (RuleBook.RuleSetAt).
	EffectiveFrom time.Time `json:"effectiveFrom"`
	// Source says which acts the values come from, for the administrator.
	Source   string          `json:"source,omitempty"`
	Rules    map[Kind]Rule   `json:"rules"`
	DueSoon  DueSoonPolicy   `json:"dueSoon"`
	Outcomes []OutcomeOption `json:"outcomes"`
	// PlacementReview is how soon an emergency placement into an
	// institution, made without the assessment and the commission's
	// decision, is reviewed (nil: PlacementReviewRule's default).
	PlacementReview *Rule `json:"placementReview,omitempty"`
}

// Errors of the deadline rules.
var (
	ErrUnknownKind    = errors.New("procedure: no rule for this deadline kind")
	ErrExtensionLimit = errors.New("procedure: the deadline cannot be extended that many times")
	ErrNoRuleSet      = errors.New("procedure: no deadline rules were in force at that time")
)

// Validate checks that the rule set is complete and coherent, so Due can
// only fail on what its caller passes.
func (rs RuleSet) Validate() error {
	if rs.Version == "" || rs.EffectiveFrom.IsZero() {
		return errors.New("procedure: a rule set needs a version and a date it is in force from")
	}
	for _, k := range Kinds() {
		r, ok := rs.Rules[k]
		if !ok {
			return fmt.Errorf("procedure: rule set %s: %w: %s", rs.Version, ErrUnknownKind, k)
		}
		if err := r.validate(); err != nil {
			return fmt.Errorf("procedure: rule set %s, %s: %w", rs.Version, k, err)
		}
	}
	if p := rs.DueSoon; p.WorkingDays < 0 || p.Fraction < 0 || p.Fraction >= 1 {
		return fmt.Errorf("procedure: rule set %s: bad due-soon policy %+v", rs.Version, p)
	}
	if r := rs.PlacementReview; r != nil {
		if err := r.validate(); err != nil {
			return fmt.Errorf("procedure: rule set %s, placement review: %w", rs.Version, err)
		}
	}
	if len(rs.Outcomes) == 0 {
		return fmt.Errorf("procedure: rule set %s has no outcomes", rs.Version)
	}
	seen := map[Outcome]bool{}
	for _, o := range rs.Outcomes {
		if o.Code == "" || seen[o.Code] {
			return fmt.Errorf("procedure: rule set %s: empty or repeated outcome %q", rs.Version, o.Code)
		}
		seen[o.Code] = true
	}
	return nil
}

func (r Rule) validate() error {
	if err := checkAmount(r.Amount, r.Unit); err != nil {
		return err
	}
	if e := r.Extension; e != nil {
		if e.Max < 1 {
			return fmt.Errorf("extension allows %d times", e.Max)
		}
		return checkAmount(e.Amount, e.Unit)
	}
	return nil
}

func checkAmount(n int, u Unit) error {
	switch u {
	case UnitHours, UnitWorkingDays, UnitCalendarDays, UnitMonths:
	default:
		return fmt.Errorf("unknown unit %q", u)
	}
	if n < 1 {
		return fmt.Errorf("amount %d %s", n, u)
	}
	return nil
}

// Due is when a deadline of kind falls for a clock started at start.
func (rs RuleSet) Due(kind Kind, start time.Time, cal Calendar) (time.Time, error) {
	return rs.DueExtended(kind, start, 0, cal)
}

// DueExtended is Due after extensions extensions were granted.
func (rs RuleSet) DueExtended(kind Kind, start time.Time, extensions int, cal Calendar) (time.Time, error) {
	r, ok := rs.Rules[kind]
	if !ok {
		return time.Time{}, fmt.Errorf("%w: %s", ErrUnknownKind, kind)
	}
	if extensions == 0 {
		return addUnits(start, r.Amount, r.Unit, cal), nil
	}
	e := r.Extension
	if e == nil || extensions < 0 || extensions > e.Max {
		return time.Time{}, fmt.Errorf("%w: %s, %d", ErrExtensionLimit, kind, extensions)
	}
	// Same unit: add in one go, so six months and three more from 31 August
	// end on 31 May, not on a day clipped by February on the way.
	if e.Unit == r.Unit {
		return addUnits(start, r.Amount+extensions*e.Amount, r.Unit, cal), nil
	}
	due := addUnits(start, r.Amount, r.Unit, cal)
	for range extensions {
		due = addUnits(due, e.Amount, e.Unit, cal)
	}
	return due, nil
}

func addUnits(start time.Time, n int, u Unit, cal Calendar) time.Time {
	switch u {
	case UnitHours:
		return start.Add(time.Duration(n) * time.Hour)
	case UnitWorkingDays:
		return cal.addWorkingDays(DateOf(start), n).EndOfDay()
	case UnitCalendarDays:
		return DateOf(start).AddDays(n).EndOfDay()
	case UnitMonths:
		return addMonths(DateOf(start), n).EndOfDay()
	}
	panic("procedure: unit not validated: " + string(u))
}

// addMonths keeps the day of the month, clipped to the month's last day.
func addMonths(d Date, n int) Date {
	first := time.Date(d.Year, d.Month+time.Month(n), 1, 12, 0, 0, 0, kyiv)
	last := first.AddDate(0, 1, -1).Day()
	return Date{first.Year(), first.Month(), min(d.Day, last)}
}

// DueStatus is how a deadline stands.
type DueStatus string

// The statuses.
const (
	StatusOnTime  DueStatus = "ON_TIME"
	StatusDueSoon DueStatus = "DUE_SOON"
	StatusOverdue DueStatus = "OVERDUE"
)

var statusLabels = map[DueStatus]Label{
	StatusOnTime:  {UK: "У строк", EN: "On time"},
	StatusDueSoon: {UK: "Строк спливає", EN: "Due soon"},
	StatusOverdue: {UK: "Прострочено", EN: "Overdue"},
}

// Label names the status for the UI.
func (s DueStatus) Label() Label {
	if l, ok := statusLabels[s]; ok {
		return l
	}
	return Label{UK: string(s), EN: string(s)}
}

// Status says how a deadline running from start to due stands at now.
func (rs RuleSet) Status(start, due, now time.Time, cal Calendar) DueStatus {
	return rs.DueSoon.Status(start, due, now, cal)
}

// Status says how a deadline running from start to due stands at now.
func (p DueSoonPolicy) Status(start, due, now time.Time, cal Calendar) DueStatus {
	switch {
	case now.After(due):
		return StatusOverdue
	case p.Fraction > 0 && float64(due.Sub(now)) <= p.Fraction*float64(due.Sub(start)):
		return StatusDueSoon
	case p.WorkingDays > 0 && !cal.addWorkingDays(DateOf(now), p.WorkingDays).Before(DateOf(due)):
		// By day, not by the hour: on a Friday a deadline ending on Monday is
		// due by the next working day, whatever the time.
		return StatusDueSoon
	}
	return StatusOnTime
}

// RuleBook holds every version of the rules, oldest first.
type RuleBook struct {
	sets []RuleSet
}

// NewRuleBook checks and orders rule sets.
func NewRuleBook(sets ...RuleSet) (RuleBook, error) {
	own := make([]RuleSet, len(sets))
	for i, rs := range sets {
		own[i] = rs.clone()
	}
	sets = own
	slices.SortFunc(sets, func(a, b RuleSet) int { return a.EffectiveFrom.Compare(b.EffectiveFrom) })
	for i, rs := range sets {
		if err := rs.Validate(); err != nil {
			return RuleBook{}, err
		}
		if i > 0 && (rs.EffectiveFrom.Equal(sets[i-1].EffectiveFrom) || rs.Version == sets[i-1].Version) {
			return RuleBook{}, fmt.Errorf("procedure: rule sets %s and %s clash", sets[i-1].Version, rs.Version)
		}
	}
	return RuleBook{sets: sets}, nil
}

// ParseRuleBook reads {"ruleSets": [...]} as defaults.json has it.
func ParseRuleBook(data []byte) (RuleBook, error) {
	var doc struct {
		RuleSets []RuleSet `json:"ruleSets"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields() // a misspelt key would silently fall back to zero
	if err := dec.Decode(&doc); err != nil {
		return RuleBook{}, fmt.Errorf("procedure: rule book: %w", err)
	}
	return NewRuleBook(doc.RuleSets...)
}

//go:embed defaults.json
var defaultsJSON []byte

var defaultBook = func() RuleBook {
	b, err := ParseRuleBook(defaultsJSON)
	if err != nil {
		panic(err) // embedded data, checked by the tests
	}
	return b
}()

// DefaultRuleBook is the rule book Turbota ships with (defaults.json).
func DefaultRuleBook() RuleBook { return defaultBook }

// DefaultsJSON is the embedded defaults.json, for an administrator to start
// editing from.
func DefaultsJSON() []byte { return bytes.Clone(defaultsJSON) }

// RuleSets returns every version, oldest first.
func (b RuleBook) RuleSets() []RuleSet {
	out := make([]RuleSet, len(b.sets))
	for i, rs := range b.sets {
		out[i] = rs.clone()
	}
	return out
}

// clone copies what a caller could change through a returned RuleSet, so
// nobody edits the book (or the shipped defaults) by accident.
func (rs RuleSet) clone() RuleSet {
	rules := make(map[Kind]Rule, len(rs.Rules))
	for k, r := range rs.Rules {
		if r.Extension != nil {
			e := *r.Extension
			r.Extension = &e
		}
		rules[k] = r
	}
	rs.Rules = rules
	rs.Outcomes = slices.Clone(rs.Outcomes)
	if rs.PlacementReview != nil {
		r := *rs.PlacementReview
		rs.PlacementReview = &r
	}
	return rs
}

// RuleSetAt is the version in force at t: pass the moment the case's clock
// started, so a case keeps the rules it started under.
func (b RuleBook) RuleSetAt(t time.Time) (RuleSet, error) {
	for i := len(b.sets) - 1; i >= 0; i-- {
		if !b.sets[i].EffectiveFrom.After(t) {
			return b.sets[i].clone(), nil
		}
	}
	return RuleSet{}, fmt.Errorf("%w: %s", ErrNoRuleSet, t.Format(time.RFC3339))
}

// RuleSetAt is DefaultRuleBook().RuleSetAt(t).
func RuleSetAt(t time.Time) (RuleSet, error) { return defaultBook.RuleSetAt(t) }
