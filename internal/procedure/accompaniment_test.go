package procedure_test

import (
	"errors"
	"testing"
	"time"

	"github.com/turbota/turbota/internal/procedure"
)

// The end of accompaniment is the rules' answer: the decision to provide
// services, six months, and three more for each extension decided since,
// never more than the maximum, never an extension of nothing.
func TestAccompanimentTerm(t *testing.T) {
	rs := rules2026(t)
	cal := procedure.Default()
	decided := mustTime(t, "2026-02-16T10:00:00+02:00")
	before := mustTime(t, "2026-02-02T10:00:00+02:00")  // a just-reported case
	sameDay := mustTime(t, "2026-02-16T09:00:00+02:00") // hours before the decision, the same day
	later := mustTime(t, "2026-07-01T10:00:00+03:00")
	tests := []struct {
		name       string
		clock      procedure.CaseClock
		none       bool
		end        string
		extensions int
		left       int
	}{
		{"no decision yet", procedure.CaseClock{State: procedure.StateAssessingNeeds}, true, "", 0, 0},
		{"services refused", procedure.CaseClock{State: procedure.StateRefused, ServicesDecidedAt: &decided}, true, "", 0, 0},
		{"six months from the decision", procedure.CaseClock{State: procedure.StateOpen, ServicesDecidedAt: &decided, ServicesProvided: true},
			false, "2026-08-16", 0, 2},
		{"extended once", procedure.CaseClock{State: procedure.StateOpen, ServicesDecidedAt: &decided, ServicesProvided: true,
			ExtendedAt: []time.Time{later}}, false, "2026-11-16", 1, 1},
		{"extended twice: the maximum", procedure.CaseClock{State: procedure.StateUnderReview, ServicesDecidedAt: &decided, ServicesProvided: true,
			ExtendedAt: []time.Time{later, later}}, false, "2027-02-16", 2, 0},
		{"a third extension moves nothing", procedure.CaseClock{State: procedure.StateOpen, ServicesDecidedAt: &decided, ServicesProvided: true,
			ExtendedAt: []time.Time{later, later, later}}, false, "2027-02-16", 2, 0},
		{"an extension decided before services counts for nothing", procedure.CaseClock{State: procedure.StateOpen, ServicesDecidedAt: &decided,
			ServicesProvided: true, ExtendedAt: []time.Time{before}}, false, "2026-08-16", 0, 2},
		{"an extension the same day as the decision counts", procedure.CaseClock{State: procedure.StateOpen, ServicesDecidedAt: &decided,
			ServicesProvided: true, ExtendedAt: []time.Time{sameDay}}, false, "2026-11-16", 1, 1},
		{"closed: the term stays what it was", procedure.CaseClock{State: procedure.StateClosed, ServicesDecidedAt: &decided, ServicesProvided: true,
			ExtendedAt: []time.Time{later}}, false, "2026-11-16", 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := rs.Accompaniment(tt.clock, cal)
			if err != nil {
				t.Fatal(err)
			}
			if tt.none {
				if got != nil {
					t.Fatalf("term %+v, want none", got)
				}
				return
			}
			if got == nil {
				t.Fatal("no term")
			}
			if !got.End.Equal(endOfDay(t, tt.end)) || got.Extensions != tt.extensions || got.ExtensionsLeft() != tt.left {
				t.Errorf("ends %s with %d extensions (%d left), want %s, %d (%d left)", got.End, got.Extensions, got.ExtensionsLeft(),
					tt.end, tt.extensions, tt.left)
			}
			if !got.BaseEnd.Equal(endOfDay(t, "2026-08-16")) || !got.Start.Equal(decided) || got.MaxExtensions != 2 {
				t.Errorf("term %+v: base end, start or maximum wrong", got)
			}
		})
	}
}

func TestCheckExtension(t *testing.T) {
	rs := rules2026(t)
	decided := mustTime(t, "2026-02-16T10:00:00+02:00")
	later := mustTime(t, "2026-07-01T10:00:00+03:00")
	open := func(ext ...time.Time) procedure.CaseClock {
		return procedure.CaseClock{State: procedure.StateOpen, ServicesDecidedAt: &decided, ServicesProvided: true, ExtendedAt: ext}
	}
	tests := []struct {
		name  string
		clock procedure.CaseClock
		at    time.Time
		want  procedure.RuleCode // "" allowed
	}{
		{"a just-reported case", procedure.CaseClock{State: procedure.StateReported}, later, procedure.RuleAccompanimentRequired},
		{"awaiting the decision", procedure.CaseClock{State: procedure.StateAwaitingDecision, SafetyAssessed: true, NeedsAssessed: true},
			later, procedure.RuleAccompanimentRequired},
		{"services refused", procedure.CaseClock{State: procedure.StateRefused, ServicesDecidedAt: &decided}, later, procedure.RuleAccompanimentRequired},
		{"closed", procedure.CaseClock{State: procedure.StateClosed, ServicesDecidedAt: &decided, ServicesProvided: true}, later,
			procedure.RuleAccompanimentRequired},
		{"dated before the decision to provide services", open(), decided.AddDate(0, 0, -3), procedure.RuleAccompanimentRequired},
		{"the first", open(), later, ""},
		{"the first, under review", procedure.CaseClock{State: procedure.StateUnderReview, ServicesDecidedAt: &decided, ServicesProvided: true},
			later, ""},
		{"the second", open(later), later, ""},
		{"a third past the maximum", open(later, later), later, procedure.RuleExtensionLimit},
		{"an old extension of nothing leaves room", open(decided.AddDate(0, 0, -10), later), later, ""},
		// Six months from 16 February end on 16 August; each extension adds three.
		{"on the last day of the term", open(), mustTime(t, "2026-08-16T12:00:00+03:00"), ""},
		{"the day after the term ended", open(), mustTime(t, "2026-08-17T12:00:00+03:00"), procedure.RuleAccompanimentEnded},
		{"within the term the first extension gave", open(later), mustTime(t, "2026-11-10T12:00:00+02:00"), ""},
		{"after the term the first extension gave", open(later), mustTime(t, "2026-12-20T12:00:00+02:00"), procedure.RuleAccompanimentEnded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := rs.CheckExtension(tt.clock, tt.at, procedure.Default())
			if tt.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			var re *procedure.RuleError
			if !errors.As(err, &re) || re.Code != tt.want || !re.Code.Conflict() || len(re.Reasons) == 0 {
				t.Fatalf("got %v, want rule %s with its reasons", err, tt.want)
			}
		})
	}
}
