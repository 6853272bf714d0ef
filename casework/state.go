package casework

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
	StateAssessingSafety:  {StateAssessingNeeds, StateClosed, StateTransferred},
	StateAssessingNeeds:   {StateAwaitingDecision, StateRefused, StateTransferred},
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

func (e *TransitionError) Error() string {
	if !e.From.Valid() {
		return fmt.Sprintf("casework: unknown case state %q", e.From)
	}
	allowed := make([]string, len(e.Allowed))
	for i, s := range e.Allowed {
		allowed[i] = string(s)
	}
	return fmt.Sprintf("casework: a case cannot move from %s to %s; allowed: %s",
		e.From, e.To, strings.Join(allowed, ", "))
}
