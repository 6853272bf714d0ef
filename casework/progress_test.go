package casework_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/turbota/turbota/casework"
)

func TestCheckTransitionRequiresSteps(t *testing.T) {
	all := casework.Progress{SafetyAssessed: true, NeedsAssessed: true, ServicesProvided: true, ServicesRefused: true}
	tests := []struct {
		name     string
		from, to casework.State
		p        casework.Progress
		rule     casework.RuleCode // "" allowed
	}{
		{"safety assessment starts freely", casework.StateReported, casework.StateAssessingSafety, casework.Progress{}, ""},
		{"a report about a family elsewhere is transferred at once", casework.StateReported, casework.StateTransferred, casework.Progress{}, ""},
		{"transferred during the safety assessment", casework.StateAssessingSafety, casework.StateTransferred, casework.Progress{}, ""},
		{"closed as safe without an assessment", casework.StateAssessingSafety, casework.StateClosed, casework.Progress{}, casework.RuleSafetyAssessmentRequired},
		{"closed as safe after the assessment", casework.StateAssessingSafety, casework.StateClosed, casework.Progress{SafetyAssessed: true}, ""},
		{"needs without the safety assessment", casework.StateAssessingSafety, casework.StateAssessingNeeds, casework.Progress{}, casework.RuleSafetyAssessmentRequired},
		{"needs after the safety assessment", casework.StateAssessingSafety, casework.StateAssessingNeeds, casework.Progress{SafetyAssessed: true}, ""},
		{"decision without a needs assessment", casework.StateAssessingNeeds, casework.StateAwaitingDecision, casework.Progress{SafetyAssessed: true}, casework.RuleNeedsAssessmentRequired},
		{"decision after the needs assessment", casework.StateAssessingNeeds, casework.StateAwaitingDecision, casework.Progress{SafetyAssessed: true, NeedsAssessed: true}, ""},
		{"transferred during the needs assessment", casework.StateAssessingNeeds, casework.StateTransferred, casework.Progress{}, ""},
		{"refused early, by a refusal", casework.StateAssessingNeeds, casework.StateRefused, casework.Progress{ServicesRefused: true}, ""},
		{"refused early, without a refusal", casework.StateAssessingNeeds, casework.StateRefused, casework.Progress{}, casework.RuleDecisionRequired},
		{"open without a decision", casework.StateAwaitingDecision, casework.StateOpen, casework.Progress{NeedsAssessed: true}, casework.RuleDecisionRequired},
		{"open by a refusal", casework.StateAwaitingDecision, casework.StateOpen, casework.Progress{ServicesRefused: true}, casework.RuleDecisionRequired},
		{"open by the decision", casework.StateAwaitingDecision, casework.StateOpen, casework.Progress{ServicesProvided: true}, ""},
		{"refused without a refusal", casework.StateAwaitingDecision, casework.StateRefused, casework.Progress{ServicesProvided: true}, casework.RuleDecisionRequired},
		{"refused by a refusal", casework.StateAwaitingDecision, casework.StateRefused, casework.Progress{ServicesRefused: true}, ""},
		{"review", casework.StateOpen, casework.StateUnderReview, casework.Progress{}, ""},
		{"back from review", casework.StateUnderReview, casework.StateOpen, casework.Progress{}, ""},
		{"closed after review", casework.StateUnderReview, casework.StateClosed, casework.Progress{}, ""},
		{"refusal closed", casework.StateRefused, casework.StateClosed, casework.Progress{}, ""},
		{"transfer closed", casework.StateTransferred, casework.StateClosed, casework.Progress{}, ""},
		{"reopened", casework.StateClosed, casework.StateReported, casework.Progress{}, ""},
		// A child in danger takes no shortcut.
		{"in danger, closed on the safety assessment", casework.StateAssessingSafety, casework.StateClosed, danger(casework.Progress{SafetyAssessed: true}), casework.RuleChildInDanger},
		{"in danger, on to the needs assessment", casework.StateAssessingSafety, casework.StateAssessingNeeds, danger(casework.Progress{SafetyAssessed: true}), ""},
		{"in danger, handed on at the report", casework.StateReported, casework.StateTransferred, danger(casework.Progress{}), casework.RuleChildInDanger},
		{"in danger, handed on before the safety assessment", casework.StateAssessingSafety, casework.StateTransferred, danger(casework.Progress{}), casework.RuleChildInDanger},
		{"in danger, handed on after the safety assessment", casework.StateAssessingSafety, casework.StateTransferred, danger(casework.Progress{SafetyAssessed: true}), ""},
		{"in danger, handed on during the needs assessment", casework.StateAssessingNeeds, casework.StateTransferred, danger(casework.Progress{SafetyAssessed: true}), ""},
		{"in danger, refused without a refusal", casework.StateAssessingNeeds, casework.StateRefused, danger(casework.Progress{SafetyAssessed: true}), casework.RuleDecisionRequired},
		{"in danger, closed after the accompaniment", casework.StateUnderReview, casework.StateClosed, danger(all), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := casework.CheckTransition(tt.from, tt.to, tt.p)
			if tt.rule == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			var re *casework.RuleError
			if !errors.As(err, &re) || re.Code != tt.rule || !re.Code.Conflict() {
				t.Fatalf("err = %v, want rule %s (a conflict)", err, tt.rule)
			}
		})
	}
	// Every move the state machine refuses is still a *TransitionError,
	// whatever the case has recorded.
	for _, from := range casework.States() {
		for _, to := range casework.States() {
			if casework.Transition(from, to) == nil {
				continue
			}
			var te *casework.TransitionError
			if err := casework.CheckTransition(from, to, all); !errors.As(err, &te) {
				t.Errorf("%s -> %s: %v, want *TransitionError", from, to, err)
			}
		}
	}
}

func TestErrorsAreSentences(t *testing.T) {
	codes := []casework.RuleCode{casework.RuleRefusalForbidden, casework.RuleUrgentMeasuresRequired, casework.RuleLegalBasisRequired,
		casework.RuleOutcomeRequired, casework.RuleUnknownSafetyResult, casework.RuleConsentRequired, casework.RuleAlreadyAnswered,
		casework.RuleApprovalPending, casework.RuleOpenWork, casework.RuleAlreadyEnded, casework.RuleBudgetSpent,
		casework.RuleAlreadyIssued, casework.RuleSafetyAssessmentRequired, casework.RuleNeedsAssessmentRequired,
		casework.RuleDecisionRequired, casework.RuleDecisionAlreadyMade, casework.RulePlanSuperseded}
	sentence := func(t *testing.T, msg string) {
		t.Helper()
		if msg == "" || strings.Contains(msg, "casework:") || strings.ToUpper(msg[:1]) != msg[:1] || !strings.HasSuffix(msg, ".") {
			t.Errorf("not a sentence: %q", msg)
		}
	}
	for _, c := range codes {
		t.Run(string(c), func(t *testing.T) {
			sentence(t, (&casework.RuleError{Code: c}).Error())
			msg := (&casework.RuleError{Code: c, Reasons: []string{"why"}}).Error()
			sentence(t, msg)
			if strings.Contains(msg, string(c)) || !strings.Contains(msg, "why") {
				t.Errorf("message %q: the code belongs in the extensions, the reasons in the message", msg)
			}
		})
	}
	tests := []struct {
		from, to casework.State
		want     string
	}{
		{casework.StateOpen, casework.StateOpen, "already"},
		{casework.StateReported, casework.StateOpen, "may move to"},
		{"LOST", casework.StateOpen, "unknown state"},
	}
	for _, tt := range tests {
		err := casework.Transition(tt.from, tt.to)
		sentence(t, err.Error())
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s -> %s: %q, want %q in it", tt.from, tt.to, err, tt.want)
		}
	}
	for _, err := range []error{casework.CheckPast(time.Now().Add(time.Hour), time.Now()),
		casework.CheckStepDate(time.Now().Add(-2*time.Hour), time.Now().Add(-time.Hour), time.Now())} {
		sentence(t, err.Error())
	}
}

func TestCheckStepDate(t *testing.T) {
	now := mustTime(t, "2026-11-23T12:00:00+02:00")
	opened := mustTime(t, "2026-11-20T09:30:00+02:00")
	tests := []struct {
		name   string
		at     string
		future bool
		before bool
	}{
		{"at the opening", "2026-11-20T09:30:00+02:00", false, false},
		{"between", "2026-11-21T10:00:00+02:00", false, false},
		{"now", "2026-11-23T12:00:00+02:00", false, false},
		{"a device clock a little ahead", "2026-11-23T12:04:00+02:00", false, false},
		{"tomorrow", "2026-11-24T12:00:00+02:00", true, false},
		{"a time to the minute, seconds before the report", "2026-11-20T09:29:00+02:00", false, false},
		{"ten minutes before the report", "2026-11-20T09:20:00+02:00", false, true},
		{"months before the case", "2026-06-01T10:00:00+03:00", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := casework.CheckStepDate(mustTime(t, tt.at), opened, now)
			var de *casework.DateError
			switch {
			case !tt.future && !tt.before:
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
			case !errors.As(err, &de) || de.Future != tt.future:
				t.Fatalf("err = %#v, want future=%v", err, tt.future)
			}
			// A received report has no opening before it, only the future.
			if err := casework.CheckPast(mustTime(t, tt.at), now); (err != nil) != tt.future {
				t.Errorf("CheckPast = %v", err)
			}
		})
	}
}

func TestCrisis(t *testing.T) {
	tests := []struct {
		name string
		f    casework.CrisisFacts
		want bool
	}{
		{"routine report, not assessed", casework.CrisisFacts{}, false},
		{"immediate report", casework.CrisisFacts{ImmediateUrgency: true}, true},
		{"danger present", casework.CrisisFacts{SafetyResults: []casework.SafetyResult{casework.SafetyDangerPresent}}, false},
		{"immediate threat", casework.CrisisFacts{SafetyResults: []casework.SafetyResult{casework.SafetySafe, casework.SafetyImmediateThreat}}, true},
		{"declared by the decision", casework.CrisisFacts{Declared: true}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.f.Crisis(); got != tt.want {
				t.Errorf("Crisis = %v, want %v", got, tt.want)
			}
			want := casework.KindDecision
			if tt.want {
				want = casework.KindDecisionCrisis
			}
			if k := casework.DecisionKind(tt.f.Crisis()); k != want {
				t.Errorf("decision kind %s, want %s", k, want)
			}
		})
	}
}

func TestReportStatusOf(t *testing.T) {
	want := map[casework.State]casework.ReportStatus{
		casework.StateReported: casework.ReportRegistered, casework.StateAssessingSafety: casework.ReportInAssessment,
		casework.StateAssessingNeeds: casework.ReportInAssessment, casework.StateAwaitingDecision: casework.ReportInAssessment,
		casework.StateOpen: casework.ReportInAssessment, casework.StateUnderReview: casework.ReportInAssessment,
		casework.StateClosed: casework.ReportClosed, casework.StateRefused: casework.ReportClosed, casework.StateTransferred: casework.ReportClosed,
	}
	for _, s := range casework.States() {
		if got := casework.ReportStatusOf(s); got != want[s] || got == "" {
			t.Errorf("%s: %s, want %s", s, got, want[s])
		}
	}
}

func TestCaseDeadlines(t *testing.T) {
	cal := peacetime(t, 2026, 2027)
	rs, err := casework.RuleSetAt(mustTime(t, "2026-11-02T09:00:00+02:00"))
	if err != nil {
		t.Fatal(err)
	}
	opened := mustTime(t, "2026-11-02T09:00:00+02:00") // a Monday
	decided := mustTime(t, "2026-11-16T10:00:00+02:00")
	conducted := mustTime(t, "2026-11-05T10:00:00+02:00")
	at := func(tm time.Time) *time.Time { return &tm }
	end := func(s string) string {
		if s > "2027-03-28" && s < "2027-10-31" {
			return s + "T23:59:59+03:00" // summer time
		}
		return s + "T23:59:59+02:00"
	}
	type due struct {
		kind casework.Kind
		due  string
	}
	tests := []struct {
		name  string
		clock casework.CaseClock
		want  []due
	}{
		{"new report", casework.CaseClock{State: casework.StateReported},
			[]due{{casework.KindSafetyAssessment, "2026-11-03T09:00:00+02:00"}, {casework.KindNeedsAssessment, end("2026-11-09")},
				{casework.KindDecision, end("2026-11-16")}}},
		{"new report of an immediate danger", casework.CaseClock{State: casework.StateReported, Crisis: true},
			[]due{{casework.KindSafetyAssessment, "2026-11-03T09:00:00+02:00"}, {casework.KindNeedsAssessment, end("2026-11-09")},
				{casework.KindDecisionCrisis, end("2026-11-03")}}},
		{"safety assessed", casework.CaseClock{State: casework.StateAssessingSafety, SafetyAssessed: true},
			[]due{{casework.KindNeedsAssessment, end("2026-11-09")}, {casework.KindDecision, end("2026-11-16")}}},
		{"act waiting for approval", casework.CaseClock{State: casework.StateAssessingNeeds, SafetyAssessed: true, NeedsAssessed: true,
			ActPendingSince: at(conducted)},
			[]due{{casework.KindNeedsAssessmentAct, end("2026-11-06")}, {casework.KindDecision, end("2026-11-16")}}},
		{"awaiting the decision in a crisis", casework.CaseClock{State: casework.StateAwaitingDecision, Crisis: true, SafetyAssessed: true, NeedsAssessed: true},
			[]due{{casework.KindDecisionCrisis, end("2026-11-03")}}},
		{"under accompaniment, applicant not yet told", casework.CaseClock{State: casework.StateOpen, SafetyAssessed: true, NeedsAssessed: true,
			ServicesDecidedAt: at(decided), ServicesProvided: true},
			[]due{{casework.KindDecisionNotice, end("2026-11-19")}, {casework.KindAccompaniment, end("2027-05-16")}}},
		{"under accompaniment, told, extended once", casework.CaseClock{State: casework.StateUnderReview, ServicesDecidedAt: at(decided),
			ServicesProvided: true, NoticeGiven: true, Extensions: 1},
			[]due{{casework.KindAccompaniment, end("2027-08-16")}}},
		{"extended more often than allowed", casework.CaseClock{State: casework.StateOpen, ServicesDecidedAt: at(decided),
			ServicesProvided: true, NoticeGiven: true, Extensions: 5},
			[]due{{casework.KindAccompaniment, end("2027-11-16")}}},
		{"refused, applicant not yet told", casework.CaseClock{State: casework.StateRefused, ServicesDecidedAt: at(decided)},
			[]due{{casework.KindDecisionNotice, end("2026-11-19")}}},
		{"closed", casework.CaseClock{State: casework.StateClosed, ServicesDecidedAt: at(decided), ServicesProvided: true}, nil},
	}
	now := mustTime(t, "2026-11-02T10:00:00+02:00")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.clock.OpenedAt = opened
			got, err := rs.CaseDeadlines(tt.clock, now, cal)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
			for i, w := range tt.want {
				if got[i].Kind != w.kind || !got[i].Due.Equal(mustTime(t, w.due)) {
					t.Errorf("deadline %d = %s %s, want %s %s", i, got[i].Kind, got[i].Due, w.kind, w.due)
				}
				if got[i].Rule.LegalBasis == "" || got[i].Status == "" {
					t.Errorf("deadline %d without its rule or status: %+v", i, got[i])
				}
			}
		})
	}
	ends, err := rs.AccompanimentEnds(decided, 2, cal)
	if err != nil || !ends.Equal(mustTime(t, end("2027-11-16"))) {
		t.Errorf("accompaniment with two extensions ends %s (%v)", ends, err)
	}
}

// danger marks a progress as a case recording a danger to the child.
func danger(p casework.Progress) casework.Progress {
	p.Dangers = casework.RefusalFacts{SafetyResults: []casework.SafetyResult{casework.SafetyImmediateThreat}}.Dangers()
	return p
}
