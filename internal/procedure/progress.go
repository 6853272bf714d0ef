package procedure

import (
	"fmt"
	"slices"
	"time"
)

// ClockSkew forgives a device clock a little ahead of the server's.
const ClockSkew = 5 * time.Minute

// DateError is a date a step of a case cannot have. Its message is a
// sentence about the field it is given for.
type DateError struct {
	// Future: the date is after now; otherwise it is before Opened.
	Future bool
	Opened time.Time
}

func (e *DateError) Error() string {
	if e.Future {
		return "The date cannot be in the future."
	}
	return "The date cannot be earlier than the case was opened (its report was received at " +
		e.Opened.In(kyiv).Format("2006-01-02 15:04") + ", Kyiv time)."
}

// CheckPast refuses a date of something that has happened (a report
// received, a consent given) when it lies in the future.
func CheckPast(at, now time.Time) error {
	if at.After(now.Add(ClockSkew)) {
		return &DateError{Future: true}
	}
	return nil
}

// CheckStepDate is the one rule for the date of every step of a case (a
// safety or needs assessment, a decision, a plan's agreement or review, a
// service, a visit): it happened, so it is not in the future, and it
// happened in the case, so not before the case opened, which is when its
// report was received. Both ends forgive ClockSkew: a device clock a little
// behind the server's, or a time picked to the minute, must not refuse an
// assessment made on the spot.
func CheckStepDate(at, opened, now time.Time) error {
	if err := CheckPast(at, now); err != nil {
		return err
	}
	if at.Before(opened.Add(-ClockSkew)) {
		return &DateError{Opened: opened}
	}
	return nil
}

// Finding is what one assessment of a case found that bears on the child's
// safety: a safety assessment's result, or the ratings of the sides of a
// needs assessment's triangle.
type Finding struct {
	// At is when the assessment was conducted.
	At time.Time
	// Safety is the result of a child safety assessment; empty for a needs
	// assessment.
	Safety SafetyResult
	// Ratings are the ratings of a needs assessment; none for a safety
	// assessment.
	Ratings []string
}

// Threat reports whether the assessment found an immediate threat to the
// child's life or health: a safety assessment's IMMEDIATE_THREAT, or a
// needs assessment rating a side of the child's situation CRITICAL (a
// diabetic child without insulin). Every assessment counts, not only the
// safety one.
func (f Finding) Threat() bool {
	return f.Safety == SafetyImmediateThreat || slices.Contains(f.Ratings, RatingCritical)
}

// CrisisFacts is what makes a case a crisis.
type CrisisFacts struct {
	// ImmediateUrgency: a report of the case was registered as IMMEDIATE.
	ImmediateUrgency bool
	// OpenedAt is when the case opened (its report was received).
	OpenedAt time.Time
	// Findings are what every assessment of the case found, safety and
	// needs assessments alike.
	Findings []Finding
	// Declared: a worker recorded a decision under the crisis deadline.
	Declared bool
}

// Crisis is the one definition of a crisis (DOMAIN.md, "The life of a
// case"): a report of an immediate danger, or an assessment (the safety
// assessment or the needs assessment) that found an immediate threat to the
// child's life or health (kept once found, as for a refusal), or a worker's
// own judgement recorded with a decision. In a crisis the decision on
// services is due within one working day (KindDecisionCrisis) instead of
// ten, and may come before the needs assessment, which stays due after it.
func (f CrisisFacts) Crisis() bool {
	return f.ImmediateUrgency || f.Declared || slices.ContainsFunc(f.Findings, Finding.Threat)
}

// Start is when the crisis decision's clock starts: the report, where it
// was registered as an immediate danger (or where a worker declared the
// crisis); otherwise the first assessment that found the threat, so a
// threat found on the fourth day makes the decision due the next working
// day after it, not on one already past. Zero when the case is no crisis.
func (f CrisisFacts) Start() time.Time {
	if !f.Crisis() {
		return time.Time{}
	}
	if f.ImmediateUrgency {
		return f.OpenedAt
	}
	var first time.Time
	for _, a := range f.Findings {
		if a.Threat() && (first.IsZero() || a.At.Before(first)) {
			first = a.At
		}
	}
	if first.IsZero() {
		return f.OpenedAt // declared by a worker
	}
	return first
}

// ReportStatus is how a report stands for whoever submitted it.
type ReportStatus string

// The report statuses.
const (
	ReportRegistered   ReportStatus = "REGISTERED"
	ReportInAssessment ReportStatus = "IN_ASSESSMENT"
	ReportClosed       ReportStatus = "CLOSED"
)

// ReportStatusOf is the one mapping from a case's state to the status of
// its reports: registered until the safety assessment starts, in work while
// the case is, closed once the case is closed, refused or transferred.
func ReportStatusOf(s State) ReportStatus {
	switch s {
	case StateReported:
		return ReportRegistered
	case StateClosed, StateRefused, StateTransferred:
		return ReportClosed
	}
	return ReportInAssessment
}

// CaseClock is what a case has recorded that starts or stops its deadlines.
type CaseClock struct {
	State    State
	OpenedAt time.Time
	Crisis   bool
	// CrisisStart is when the crisis decision's clock started
	// (CrisisFacts.Start); zero: OpenedAt.
	CrisisStart time.Time
	// SafetyAssessed and NeedsAssessed: such an assessment is recorded.
	SafetyAssessed, NeedsAssessed bool
	// NeedsConductedAt is when the latest needs assessment was conducted
	// while its act is not yet filed; nil otherwise. Filing the act meets
	// its deadline: the supervisor's approval of it is a separate step, with
	// its own list, and does not keep the act's deadline running.
	NeedsConductedAt *time.Time
	// ServicesDecidedAt is the date of the decision to provide or refuse
	// services; nil before it.
	ServicesDecidedAt *time.Time
	// ServicesProvided: that decision provides services (the accompaniment
	// runs from it).
	ServicesProvided bool
	// NoticeGiven: the applicant was told of the decision.
	NoticeGiven bool
	// ExtendedAt are the dates of the decisions to extend the accompaniment.
	// Only those taken on or after the decision to provide services count
	// (AccompanimentTerm): an extension of nothing moves nothing.
	ExtendedAt []time.Time
}

// extensions counts the extensions that move the accompaniment's end:
// decided on or after the day services were decided to be provided, at
// most the rule's maximum.
func (rs RuleSet) extensions(c CaseClock) int {
	if c.ServicesDecidedAt == nil || !c.ServicesProvided {
		return 0
	}
	from, n := DateOf(*c.ServicesDecidedAt), 0
	for _, at := range c.ExtendedAt {
		if !DateOf(at).Before(from) {
			n++
		}
	}
	return rs.clampExtensions(KindAccompaniment, n)
}

// CaseDeadline is a deadline a case is running against.
type CaseDeadline struct {
	Kind       Kind
	Start, Due time.Time
	Status     DueStatus
	Rule       Rule
}

var (
	beforeDecision = []State{StateReported, StateAssessingSafety, StateAssessingNeeds, StateAwaitingDecision}
	accompanied    = []State{StateOpen, StateUnderReview}
)

// CaseDeadlines lists the deadlines still running for a case at now, in
// life-cycle order: each kind whose step the case's state still awaits and
// has not recorded. The decision runs under the crisis rule in a crisis,
// from the crisis's start; the needs assessment stays due after a crisis
// decision taken before it;
// the accompaniment ends six months (by default) after the decision to
// provide services, later by each extension granted, up to the maximum.
func (rs RuleSet) CaseDeadlines(c CaseClock, now time.Time, cal Calendar) ([]CaseDeadline, error) {
	var out []CaseDeadline
	add := func(kind Kind, start time.Time, extensions int) error {
		due, err := rs.DueExtended(kind, start, extensions, cal)
		if err != nil {
			return err
		}
		out = append(out, CaseDeadline{Kind: kind, Start: start, Due: due, Rule: rs.Rules[kind],
			Status: rs.Status(start, due, now, cal)})
		return nil
	}
	in := func(states ...State) bool { return slices.Contains(states, c.State) }
	if in(StateReported, StateAssessingSafety) && !c.SafetyAssessed {
		if err := add(KindSafetyAssessment, c.OpenedAt, 0); err != nil {
			return nil, err
		}
	}
	// Under accompaniment the needs assessment is owed only on the crisis
	// path, where the decision came first.
	if (in(StateReported, StateAssessingSafety, StateAssessingNeeds) || in(accompanied...) && c.Crisis) && !c.NeedsAssessed {
		if err := add(KindNeedsAssessment, c.OpenedAt, 0); err != nil {
			return nil, err
		}
	}
	if in(StateAssessingNeeds, StateOpen, StateUnderReview) && c.NeedsConductedAt != nil {
		if err := add(KindNeedsAssessmentAct, *c.NeedsConductedAt, 0); err != nil {
			return nil, err
		}
	}
	if in(beforeDecision...) && c.ServicesDecidedAt == nil {
		start := c.OpenedAt
		if c.Crisis && !c.CrisisStart.IsZero() {
			start = c.CrisisStart
		}
		if err := add(DecisionKind(c.Crisis), start, 0); err != nil {
			return nil, err
		}
	}
	if c.ServicesDecidedAt != nil && !c.NoticeGiven && in(StateOpen, StateUnderReview, StateRefused) {
		if err := add(KindDecisionNotice, *c.ServicesDecidedAt, 0); err != nil {
			return nil, err
		}
	}
	if c.ServicesDecidedAt != nil && c.ServicesProvided && in(accompanied...) {
		if err := add(KindAccompaniment, *c.ServicesDecidedAt, rs.extensions(c)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// AccompanimentTerm is the term of a case's social accompaniment as the
// rules compute it: it is never entered, only derived from the decision to
// provide services (its start), the base period and the extensions granted.
type AccompanimentTerm struct {
	// Start is the date of the decision to provide services.
	Start time.Time
	// BaseEnd is the end the base period alone gives; End the end with the
	// extensions counted.
	BaseEnd, End time.Time
	// Extensions counted, and the most the rules allow (0: none allowed).
	Extensions, MaxExtensions int
	// Rule is the accompaniment rule of the case's rule set.
	Rule Rule
}

// ExtensionsLeft is how many more times the accompaniment may be extended.
func (t AccompanimentTerm) ExtensionsLeft() int { return max(t.MaxExtensions-t.Extensions, 0) }

// LegalBasis is the basis of the accompaniment rule in both languages.
func (t AccompanimentTerm) LegalBasis() Label { return t.Rule.Basis() }

// Accompaniment computes the term of the accompaniment of a case; nil
// before a decision to provide services (none after a refusal).
func (rs RuleSet) Accompaniment(c CaseClock, cal Calendar) (*AccompanimentTerm, error) {
	if c.ServicesDecidedAt == nil || !c.ServicesProvided {
		return nil, nil
	}
	r, ok := rs.Rules[KindAccompaniment]
	if !ok {
		return nil, fmt.Errorf("%w: %s", ErrUnknownKind, KindAccompaniment)
	}
	t := AccompanimentTerm{Start: *c.ServicesDecidedAt, Extensions: rs.extensions(c), Rule: r}
	if r.Extension != nil {
		t.MaxExtensions = r.Extension.Max
	}
	var err error
	if t.BaseEnd, err = rs.DueExtended(KindAccompaniment, t.Start, 0, cal); err != nil {
		return nil, err
	}
	if t.End, err = rs.DueExtended(KindAccompaniment, t.Start, t.Extensions, cal); err != nil {
		return nil, err
	}
	return &t, nil
}

// CheckExtension says whether the accompaniment of a case may be extended
// by a decision taken at: only while the case is under accompaniment
// (open or under review, after a decision to provide services), by a
// decision not older than that one nor later than the accompaniment's end
// (RuleAccompanimentEnded), and no more often than the rules allow.
func (rs RuleSet) CheckExtension(c CaseClock, at time.Time, cal Calendar) error {
	if c.ServicesDecidedAt == nil || !c.ServicesProvided || !slices.Contains(accompanied, c.State) {
		return &RuleError{Code: RuleAccompanimentRequired, Reasons: []string{"the case is " + c.State.Label().EN}}
	}
	if DateOf(at).Before(DateOf(*c.ServicesDecidedAt)) {
		return &RuleError{Code: RuleAccompanimentRequired, Reasons: []string{
			"services were decided on " + DateOf(*c.ServicesDecidedAt).String() + ", the extension is dated " + DateOf(at).String()}}
	}
	term, err := rs.Accompaniment(c, cal)
	if err != nil {
		return err
	}
	if DateOf(term.End).Before(DateOf(at)) {
		return &RuleError{Code: RuleAccompanimentEnded, Reasons: []string{
			"the accompaniment ended on " + DateOf(term.End).String() + ", the extension is dated " + DateOf(at).String()}}
	}
	limit := 0
	if e := rs.Rules[KindAccompaniment].Extension; e != nil {
		limit = e.Max
	}
	if n := rs.extensions(c); n >= limit {
		return &RuleError{Code: RuleExtensionLimit, Reasons: []string{
			fmt.Sprintf("extended %d times, the rules (%s) allow %d", n, rs.Version, limit)}}
	}
	return nil
}

// clampExtensions counts no more extensions than the rule allows: a
// further decision to extend cannot move the deadline past its maximum.
func (rs RuleSet) clampExtensions(kind Kind, n int) int {
	r := rs.Rules[kind]
	if r.Extension == nil || n < 0 {
		return 0
	}
	return min(n, r.Extension.Max)
}
