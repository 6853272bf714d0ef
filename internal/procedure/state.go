package procedure

import (
	"fmt"
	"slices"
	"strings"
)

// State is where a case is in its life. The values are stored and exposed
// over the API, so they never change once released.
type State string

// The states of a case, in the order a case usually passes through them.
const (
	StateReported         State = "REPORTED"
	StateAssessingSafety  State = "ASSESSING_SAFETY"
	StateAssessingNeeds   State = "ASSESSING_NEEDS"
	StateAwaitingDecision State = "AWAITING_DECISION"
	StateOpen             State = "OPEN"
	StateUnderReview      State = "UNDER_REVIEW"
	StateClosed           State = "CLOSED"
	StateRefused          State = "REFUSED"
	StateTransferred      State = "TRANSFERRED"
)

// transitions is the whole state machine. It is data so the API, the UI and
// the tests read the same table; order within a row is the order the UI
// offers the next steps in.
var transitions = map[State][]State{
	// A report about a family living elsewhere goes straight to the
	// community (or organization) responsible for it.
	StateReported: {StateAssessingSafety, StateTransferred},
	// "Closed" here means the child is safe and no needs were found.
	StateAssessingSafety: {StateAssessingNeeds, StateClosed, StateTransferred},
	// In a crisis the decision to provide services comes first (within one
	// working day) and opens the accompaniment; the needs assessment follows.
	StateAssessingNeeds:   {StateAwaitingDecision, StateOpen, StateRefused, StateTransferred},
	StateAwaitingDecision: {StateOpen, StateRefused},
	StateOpen:             {StateUnderReview, StateTransferred},
	StateUnderReview:      {StateOpen, StateClosed},
	StateRefused:          {StateClosed},
	// The sending side closes its file with the outcome TRANSFERRED.
	StateTransferred: {StateClosed},
	// A new report about a closed case reopens it rather than creating a
	// second, conflicting case for the same family.
	StateClosed: {StateReported},
}

// stateLabels names each state for the UI.
var stateLabels = map[State]Label{
	StateReported:         {UK: "Повідомлення зареєстровано", EN: "Report registered"},
	StateAssessingSafety:  {UK: "Оцінювання рівня безпеки дитини", EN: "Assessing the child's safety"},
	StateAssessingNeeds:   {UK: "Оцінювання потреб", EN: "Assessing needs"},
	StateAwaitingDecision: {UK: "Очікує рішення про надання соціальних послуг", EN: "Awaiting the decision on services"},
	StateOpen:             {UK: "Надання послуг / соціальний супровід", EN: "Open: services and social accompaniment"},
	StateUnderReview:      {UK: "Перегляд", EN: "Under review"},
	StateClosed:           {UK: "Закрито", EN: "Closed"},
	StateRefused:          {UK: "Відмова від послуг", EN: "Services refused"},
	StateTransferred:      {UK: "Передано іншій громаді чи організації", EN: "Transferred to another community or organization"},
}

// States lists every state in life-cycle order.
func States() []State {
	return []State{
		StateReported, StateAssessingSafety, StateAssessingNeeds, StateAwaitingDecision,
		StateOpen, StateUnderReview, StateClosed, StateRefused, StateTransferred,
	}
}

// Valid reports whether s is a known state.
// Finished are the states of a case no longer worked on: closed, refused
// or handed on. Its deadlines and tasks end there, except the notice a
// refused applicant is owed (OwesNotice).
var Finished = []State{StateClosed, StateRefused, StateTransferred}

// Open reports whether a case in state s is still worked on: the one
// notion of an open case (caseloads, work lists, tasks, a family's open
// case), which is every state but the Finished ones. A refused case is not
// open: the procedure ends the work with the refusal (art. 20 of the Law
// "On social services": only the applicant's notice remains).
func (s State) Open() bool { return !slices.Contains(Finished, s) }

// OwesNotice reports whether a case in state s may still run against the
// deadline of the notice of its decision: the applicant is told within 3
// working days of a decision to provide services or to refuse them, so a
// refused case keeps that one deadline until the notice is given.
func (s State) OwesNotice() bool { return s.Open() || s == StateRefused }

func (s State) Valid() bool {
	_, ok := transitions[s]
	return ok
}

// Label names the state for the UI; an unknown state is shown by its code
// so a bad value is visible rather than blank.
func (s State) Label() Label {
	if l, ok := stateLabels[s]; ok {
		return l
	}
	return Label{UK: string(s), EN: string(s)}
}

// Next lists the states a case may move to from from. The slice is a copy:
// callers may keep or change it.
func Next(from State) []State {
	return slices.Clone(transitions[from])
}

// Transition checks a move from one state to another. It returns a
// *TransitionError (never another type) when the move is not allowed.
func Transition(from, to State) error {
	if slices.Contains(transitions[from], to) {
		return nil
	}
	return &TransitionError{From: from, To: to, Allowed: Next(from)}
}

// TransitionError is a refused state change. Allowed carries the states the
// case may move to instead, so the API can answer CONFLICT with them.
type TransitionError struct {
	From, To State
	Allowed  []State
}

// Error says in a sentence where the case is, where it was asked to go and
// where it may go instead.
func (e *TransitionError) Error() string {
	if !e.From.Valid() {
		return fmt.Sprintf("The case is in an unknown state %q.", e.From)
	}
	if e.From == e.To {
		return fmt.Sprintf("The case is already %s (%s).", e.From.Label().EN, e.From)
	}
	to := e.To.Label().EN
	if !e.To.Valid() {
		to = "an unknown state"
	}
	if len(e.Allowed) == 0 {
		return fmt.Sprintf("A case that is %s (%s) cannot move to %s (%s).", e.From.Label().EN, e.From, to, e.To)
	}
	allowed := make([]string, len(e.Allowed))
	for i, s := range e.Allowed {
		allowed[i] = fmt.Sprintf("%s (%s)", s.Label().EN, s)
	}
	return fmt.Sprintf("A case that is %s (%s) cannot move to %s (%s); it may move to: %s.",
		e.From.Label().EN, e.From, to, e.To, strings.Join(allowed, ", "))
}

// Progress is what a case has recorded that bears on its next state.
type Progress struct {
	// SafetyAssessed: a child safety assessment is recorded.
	SafetyAssessed bool
	// NeedsAssessed: a needs assessment is recorded and has taken effect
	// (approved, or filed by someone who may approve their own work).
	NeedsAssessed bool
	// ServicesProvided / ServicesRefused: the social protection department's
	// decision to provide, or to refuse, services is recorded.
	ServicesProvided, ServicesRefused bool
	// Dangers are what the case records of a danger to the child
	// (RefusalFacts.Dangers); none where the child is not known to be in
	// danger.
	Dangers []string
	// Crisis: the case is a crisis (CrisisFacts.Crisis), so its decision may
	// come before the needs assessment.
	Crisis bool
	// Immediate: a report of the case is of IMMEDIATE urgency, so the
	// child's safety is assessed here before the case is handed on, even
	// where no danger is recorded yet.
	Immediate bool
	// Handover: the move names who takes the case over and hands the file
	// to them (a transfer to an organisation of the community, or another
	// community's acceptance of a transfer request). TRANSFERRED is reached
	// only so: a bare status would leave the family with no one.
	Handover bool
}

// requires says which step must be recorded before a case may enter a
// state from another, following the life of a case (DOMAIN.md): the safety
// assessment comes first (a safe child's case closes on it), the needs
// assessment before the decision, and the decision opens the accompaniment
// or refuses the services. In a crisis the decision to provide services
// may come before the needs assessment (the crisis path: the case goes from
// the needs assessment straight to accompaniment), but the needs assessment
// is still owed: a crisis case is neither refused nor closed without it.
// A transfer names who takes the case over (Handover). Moves not listed
// need nothing: a report about a family living elsewhere is transferred at
// once, a refusal or transfer is closed, a case under
// accompaniment is reviewed and closed (a closure waits for its approval
// and its open work elsewhere), a closed case reopens on a new report.
func requires(from, to State, p Progress) *RuleError {
	if to == StateTransferred && !p.Handover {
		return &RuleError{Code: RuleTransferRequired}
	}
	if err := inDanger(from, to, p); err != nil {
		return err
	}
	switch {
	case from == StateAssessingSafety && (to == StateAssessingNeeds || to == StateClosed) && !p.SafetyAssessed:
		return &RuleError{Code: RuleSafetyAssessmentRequired}
	case to == StateAwaitingDecision && !p.NeedsAssessed:
		return &RuleError{Code: RuleNeedsAssessmentRequired}
	case to == StateOpen && from == StateAssessingNeeds && !p.Crisis:
		return &RuleError{Code: RuleNeedsAssessmentRequired, Reasons: []string{
			"only in a crisis does the decision on services come before the needs assessment"}}
	case to == StateOpen && (from == StateAwaitingDecision || from == StateAssessingNeeds) && !p.ServicesProvided:
		return &RuleError{Code: RuleDecisionRequired, Reasons: []string{"no decision to provide services is recorded"}}
	case p.Crisis && !p.NeedsAssessed && (to == StateRefused || to == StateClosed && from == StateUnderReview):
		return &RuleError{Code: RuleNeedsAssessmentRequired, Reasons: []string{
			"in a crisis the decision may come first, but the needs assessment is still owed before the case is refused or closed"}}
	case to == StateRefused && !p.ServicesRefused:
		return &RuleError{Code: RuleDecisionRequired, Reasons: []string{"no decision to refuse services is recorded"}}
	}
	return nil
}

// CheckTransition checks a move as Transition does, and then that the steps
// the procedure requires before the new state are recorded: a move the
// state machine does not allow is a *TransitionError, a missing step a
// *RuleError naming it (SAFETY_ASSESSMENT_REQUIRED, ...).
func CheckTransition(from, to State, p Progress) error {
	if err := Transition(from, to); err != nil {
		return err
	}
	if err := requires(from, to, p); err != nil {
		return err
	}
	return nil
}

// inDanger: a child in danger takes no shortcut. Their case does not close
// on the safety assessment (the needs assessment and the decision on
// services follow, and the refusal of services is barred: CheckRefusal),
// and it is handed on to another community or organisation only once the
// child's safety has been assessed where the child is.
func inDanger(from, to State, p Progress) *RuleError {
	if to == StateTransferred && p.Immediate && len(p.Dangers) == 0 && !p.SafetyAssessed {
		return &RuleError{Code: RuleChildInDanger, Reasons: []string{
			"a report of immediate urgency: the child's safety is assessed before the case is handed on"}}
	}
	if len(p.Dangers) == 0 {
		return nil
	}
	switch {
	case from == StateAssessingSafety && to == StateClosed:
		return &RuleError{Code: RuleChildInDanger, Reasons: append(slices.Clone(p.Dangers),
			"a case with a danger to the child is not closed on the safety assessment: assess the needs and decide on services")}
	case to == StateTransferred && (from == StateReported || from == StateAssessingSafety) && !p.SafetyAssessed:
		return &RuleError{Code: RuleChildInDanger, Reasons: append(slices.Clone(p.Dangers),
			"the child's safety is assessed before the case is handed on")}
	}
	return nil
}
