package procedure_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/turbota/turbota/internal/procedure"
)

// wantNext restates the state machine independently of the table in
// state.go, so an accidental edit there fails here.
var wantNext = map[procedure.State][]procedure.State{
	procedure.StateReported:         {procedure.StateAssessingSafety, procedure.StateTransferred},
	procedure.StateAssessingSafety:  {procedure.StateAssessingNeeds, procedure.StateClosed, procedure.StateTransferred},
	procedure.StateAssessingNeeds:   {procedure.StateAwaitingDecision, procedure.StateOpen, procedure.StateRefused, procedure.StateTransferred},
	procedure.StateAwaitingDecision: {procedure.StateOpen, procedure.StateRefused},
	procedure.StateOpen:             {procedure.StateUnderReview, procedure.StateTransferred},
	procedure.StateUnderReview:      {procedure.StateOpen, procedure.StateClosed},
	procedure.StateClosed:           {procedure.StateReported},
	procedure.StateRefused:          {procedure.StateClosed},
	procedure.StateTransferred:      {procedure.StateClosed},
}

func TestTransitionEveryPair(t *testing.T) {
	for _, from := range procedure.States() {
		for _, to := range procedure.States() {
			allowed := slices.Contains(wantNext[from], to)
			t.Run(string(from)+"->"+string(to), func(t *testing.T) {
				err := procedure.Transition(from, to)
				if allowed {
					if err != nil {
						t.Fatalf("refused: %v", err)
					}
					return
				}
				var te *procedure.TransitionError
				if !errors.As(err, &te) {
					t.Fatalf("err = %v, want *TransitionError", err)
				}
				if te.From != from || te.To != to || !slices.Equal(te.Allowed, wantNext[from]) {
					t.Errorf("error = %+v, want allowed %v", te, wantNext[from])
				}
			})
		}
	}
}

func TestNext(t *testing.T) {
	for _, s := range procedure.States() {
		t.Run(string(s), func(t *testing.T) {
			got := procedure.Next(s)
			if !slices.Equal(got, wantNext[s]) {
				t.Fatalf("Next = %v, want %v", got, wantNext[s])
			}
			if len(got) > 0 {
				got[0] = "MUTATED"
				if procedure.Next(s)[0] == "MUTATED" {
					t.Error("Next exposes the transition table")
				}
			}
		})
	}
}

func TestUnknownState(t *testing.T) {
	tests := []struct {
		name     string
		from, to procedure.State
	}{
		{"unknown from", "LOST", procedure.StateClosed},
		{"unknown to", procedure.StateReported, "LOST"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := procedure.Transition(tt.from, tt.to)
			var te *procedure.TransitionError
			if !errors.As(err, &te) {
				t.Fatalf("err = %v", err)
			}
			if err.Error() == "" {
				t.Error("empty message")
			}
		})
	}
}

func TestStateLabels(t *testing.T) {
	if got := procedure.StateReported.Label().UK; got != "Повідомлення зареєстровано" {
		t.Errorf("REPORTED label = %q", got)
	}
	for _, s := range procedure.States() {
		t.Run(string(s), func(t *testing.T) {
			l := s.Label()
			if !s.Valid() || l.UK == "" || l.EN == "" || l.UK == string(s) {
				t.Errorf("state %s: valid=%v label=%+v", s, s.Valid(), l)
			}
		})
	}
}

// Every state is open or not, and owes a notice or not, as the procedure
// says: a refused case is finished but still owes the applicant its notice.
func TestOpenStates(t *testing.T) {
	for _, tc := range []struct {
		s                procedure.State
		open, owesNotice bool
	}{
		{procedure.StateReported, true, true},
		{procedure.StateAssessingSafety, true, true},
		{procedure.StateAssessingNeeds, true, true},
		{procedure.StateAwaitingDecision, true, true},
		{procedure.StateOpen, true, true},
		{procedure.StateUnderReview, true, true},
		{procedure.StateRefused, false, true},
		{procedure.StateClosed, false, false},
		{procedure.StateTransferred, false, false},
	} {
		t.Run(string(tc.s), func(t *testing.T) {
			if got := tc.s.Open(); got != tc.open {
				t.Errorf("Open() = %v, want %v", got, tc.open)
			}
			if got := tc.s.OwesNotice(); got != tc.owesNotice {
				t.Errorf("OwesNotice() = %v, want %v", got, tc.owesNotice)
			}
		})
	}
	if n := len(procedure.States()); n != 9 {
		t.Errorf("%d states: a new one needs its row above", n)
	}
}
