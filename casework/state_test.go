package casework_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/turbota/turbota/casework"
)

// wantNext restates the state machine independently of the table in
// state.go, so an accidental edit there fails here.
var wantNext = map[casework.State][]casework.State{
	casework.StateReported:         {casework.StateAssessingSafety, casework.StateTransferred},
	casework.StateAssessingSafety:  {casework.StateAssessingNeeds, casework.StateClosed, casework.StateTransferred},
	casework.StateAssessingNeeds:   {casework.StateAwaitingDecision, casework.StateRefused, casework.StateTransferred},
	casework.StateAwaitingDecision: {casework.StateOpen, casework.StateRefused},
	casework.StateOpen:             {casework.StateUnderReview, casework.StateTransferred},
	casework.StateUnderReview:      {casework.StateOpen, casework.StateClosed},
	casework.StateClosed:           {casework.StateReported},
	casework.StateRefused:          {casework.StateClosed},
	casework.StateTransferred:      {casework.StateClosed},
}

func TestTransitionEveryPair(t *testing.T) {
	for _, from := range casework.States() {
		for _, to := range casework.States() {
			allowed := slices.Contains(wantNext[from], to)
			t.Run(string(from)+"->"+string(to), func(t *testing.T) {
				err := casework.Transition(from, to)
				if allowed {
					if err != nil {
						t.Fatalf("refused: %v", err)
					}
					return
				}
				var te *casework.TransitionError
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
	for _, s := range casework.States() {
		t.Run(string(s), func(t *testing.T) {
			got := casework.Next(s)
			if !slices.Equal(got, wantNext[s]) {
				t.Fatalf("Next = %v, want %v", got, wantNext[s])
			}
			if len(got) > 0 {
				got[0] = "MUTATED"
				if casework.Next(s)[0] == "MUTATED" {
					t.Error("Next exposes the transition table")
				}
			}
		})
	}
}

func TestUnknownState(t *testing.T) {
	tests := []struct {
		name     string
		from, to casework.State
	}{
		{"unknown from", "LOST", casework.StateClosed},
		{"unknown to", casework.StateReported, "LOST"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := casework.Transition(tt.from, tt.to)
			var te *casework.TransitionError
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
	if got := casework.StateReported.Label().UK; got != "Повідомлення зареєстровано" {
		t.Errorf("REPORTED label = %q", got)
	}
	for _, s := range casework.States() {
		t.Run(string(s), func(t *testing.T) {
			l := s.Label()
			if !s.Valid() || l.UK == "" || l.EN == "" || l.UK == string(s) {
				t.Errorf("state %s: valid=%v label=%+v", s, s.Valid(), l)
			}
		})
	}
}
