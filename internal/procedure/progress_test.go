package procedure_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
)

func TestCheckTransitionRequiresSteps(t *testing.T) {
	all := procedure.Progress{SafetyAssessed: true, NeedsAssessed: true, ServicesProvided: true, ServicesRefused: true}
	tests := []struct {
		name     string
		from, to procedure.State
		p        procedure.Progress
		rule     procedure.RuleCode // "" allowed
	}{
		{"safety assessment starts freely", procedure.StateReported, procedure.StateAssessingSafety, procedure.Progress{}, ""},
		{"a report about a family elsewhere is transferred at once", procedure.StateReported, procedure.StateTransferred, handover(procedure.Progress{}), ""},
		{"a bare transfer naming no one", procedure.StateReported, procedure.StateTransferred, procedure.Progress{}, procedure.RuleTransferRequired},
		{"a bare transfer after the safety assessment", procedure.StateAssessingSafety, procedure.StateTransferred, procedure.Progress{SafetyAssessed: true}, procedure.RuleTransferRequired},
		{"a bare transfer under accompaniment", procedure.StateOpen, procedure.StateTransferred, all, procedure.RuleTransferRequired},
		{"an immediate report handed on before the safety assessment", procedure.StateReported, procedure.StateTransferred, handover(procedure.Progress{Immediate: true}), procedure.RuleChildInDanger},
		{"an immediate report handed on during the safety assessment", procedure.StateAssessingSafety, procedure.StateTransferred, handover(procedure.Progress{Immediate: true}), procedure.RuleChildInDanger},
		{"an immediate report handed on after the safety assessment", procedure.StateAssessingSafety, procedure.StateTransferred, handover(procedure.Progress{Immediate: true, SafetyAssessed: true}), ""},
		{"an immediate report, bare transfer after the safety assessment", procedure.StateAssessingSafety, procedure.StateTransferred, procedure.Progress{Immediate: true, SafetyAssessed: true}, procedure.RuleTransferRequired},
		{"transferred during the safety assessment", procedure.StateAssessingSafety, procedure.StateTransferred, handover(procedure.Progress{}), ""},
		{"closed as safe without an assessment", procedure.StateAssessingSafety, procedure.StateClosed, procedure.Progress{}, procedure.RuleSafetyAssessmentRequired},
		{"closed as safe after the assessment", procedure.StateAssessingSafety, procedure.StateClosed, procedure.Progress{SafetyAssessed: true}, ""},
		{"needs without the safety assessment", procedure.StateAssessingSafety, procedure.StateAssessingNeeds, procedure.Progress{}, procedure.RuleSafetyAssessmentRequired},
		{"needs after the safety assessment", procedure.StateAssessingSafety, procedure.StateAssessingNeeds, procedure.Progress{SafetyAssessed: true}, ""},
		{"decision without a needs assessment", procedure.StateAssessingNeeds, procedure.StateAwaitingDecision, procedure.Progress{SafetyAssessed: true}, procedure.RuleNeedsAssessmentRequired},
		{"decision after the needs assessment", procedure.StateAssessingNeeds, procedure.StateAwaitingDecision, procedure.Progress{SafetyAssessed: true, NeedsAssessed: true}, ""},
		{"transferred during the needs assessment", procedure.StateAssessingNeeds, procedure.StateTransferred, handover(procedure.Progress{}), ""},
		{"refused early, by a refusal", procedure.StateAssessingNeeds, procedure.StateRefused, procedure.Progress{ServicesRefused: true}, ""},
		{"refused early, without a refusal", procedure.StateAssessingNeeds, procedure.StateRefused, procedure.Progress{}, procedure.RuleDecisionRequired},
		{"open without a decision", procedure.StateAwaitingDecision, procedure.StateOpen, procedure.Progress{NeedsAssessed: true}, procedure.RuleDecisionRequired},
		{"open by a refusal", procedure.StateAwaitingDecision, procedure.StateOpen, procedure.Progress{ServicesRefused: true}, procedure.RuleDecisionRequired},
		{"open by the decision", procedure.StateAwaitingDecision, procedure.StateOpen, procedure.Progress{ServicesProvided: true}, ""},
		{"refused without a refusal", procedure.StateAwaitingDecision, procedure.StateRefused, procedure.Progress{ServicesProvided: true}, procedure.RuleDecisionRequired},
		{"refused by a refusal", procedure.StateAwaitingDecision, procedure.StateRefused, procedure.Progress{ServicesRefused: true}, ""},
		{"review", procedure.StateOpen, procedure.StateUnderReview, procedure.Progress{}, ""},
		{"back from review", procedure.StateUnderReview, procedure.StateOpen, procedure.Progress{}, ""},
		{"closed after review", procedure.StateUnderReview, procedure.StateClosed, procedure.Progress{}, ""},
		{"refusal closed", procedure.StateRefused, procedure.StateClosed, procedure.Progress{}, ""},
		{"transfer closed", procedure.StateTransferred, procedure.StateClosed, procedure.Progress{}, ""},
		{"reopened", procedure.StateClosed, procedure.StateReported, procedure.Progress{}, ""},
		// A child in danger takes no shortcut.
		{"in danger, closed on the safety assessment", procedure.StateAssessingSafety, procedure.StateClosed, danger(procedure.Progress{SafetyAssessed: true}), procedure.RuleChildInDanger},
		{"in danger, on to the needs assessment", procedure.StateAssessingSafety, procedure.StateAssessingNeeds, danger(procedure.Progress{SafetyAssessed: true}), ""},
		{"in danger, handed on at the report", procedure.StateReported, procedure.StateTransferred, handover(danger(procedure.Progress{})), procedure.RuleChildInDanger},
		{"in danger, handed on before the safety assessment", procedure.StateAssessingSafety, procedure.StateTransferred, handover(danger(procedure.Progress{})), procedure.RuleChildInDanger},
		{"in danger, handed on after the safety assessment", procedure.StateAssessingSafety, procedure.StateTransferred, handover(danger(procedure.Progress{SafetyAssessed: true})), ""},
		{"in danger, handed on during the needs assessment", procedure.StateAssessingNeeds, procedure.StateTransferred, handover(danger(procedure.Progress{SafetyAssessed: true})), ""},
		{"in danger, refused without a refusal", procedure.StateAssessingNeeds, procedure.StateRefused, danger(procedure.Progress{SafetyAssessed: true}), procedure.RuleDecisionRequired},
		{"in danger, closed after the accompaniment", procedure.StateUnderReview, procedure.StateClosed, danger(all), ""},
		// The crisis path: the decision first, the needs assessment after.
		{"crisis, opened by the decision before the needs assessment", procedure.StateAssessingNeeds, procedure.StateOpen,
			crisis(procedure.Progress{SafetyAssessed: true, ServicesProvided: true}), ""},
		{"crisis, opened without a decision", procedure.StateAssessingNeeds, procedure.StateOpen,
			crisis(procedure.Progress{SafetyAssessed: true}), procedure.RuleDecisionRequired},
		{"crisis, opened by a refusal", procedure.StateAssessingNeeds, procedure.StateOpen,
			crisis(procedure.Progress{SafetyAssessed: true, ServicesRefused: true}), procedure.RuleDecisionRequired},
		{"no crisis, opened before the needs assessment", procedure.StateAssessingNeeds, procedure.StateOpen,
			procedure.Progress{SafetyAssessed: true, ServicesProvided: true}, procedure.RuleNeedsAssessmentRequired},
		{"no crisis, danger present, opened before the needs assessment", procedure.StateAssessingNeeds, procedure.StateOpen,
			danger(procedure.Progress{SafetyAssessed: true, ServicesProvided: true}), procedure.RuleNeedsAssessmentRequired},
		{"crisis, closed before the needs assessment", procedure.StateUnderReview, procedure.StateClosed,
			crisis(procedure.Progress{SafetyAssessed: true, ServicesProvided: true}), procedure.RuleNeedsAssessmentRequired},
		{"crisis, closed after the needs assessment", procedure.StateUnderReview, procedure.StateClosed,
			crisis(procedure.Progress{SafetyAssessed: true, NeedsAssessed: true, ServicesProvided: true}), ""},
		{"crisis, refused before the needs assessment", procedure.StateAssessingNeeds, procedure.StateRefused,
			crisis(procedure.Progress{SafetyAssessed: true, ServicesRefused: true}), procedure.RuleNeedsAssessmentRequired},
		{"crisis, refused after the needs assessment", procedure.StateAwaitingDecision, procedure.StateRefused,
			crisis(procedure.Progress{SafetyAssessed: true, NeedsAssessed: true, ServicesRefused: true}), ""},
		{"crisis, closed as safe on the safety assessment (immediate report, child found safe)", procedure.StateAssessingSafety, procedure.StateClosed,
			crisis(procedure.Progress{SafetyAssessed: true}), ""},
		{"crisis with a threat, closed on the safety assessment", procedure.StateAssessingSafety, procedure.StateClosed,
			crisis(danger(procedure.Progress{SafetyAssessed: true})), procedure.RuleChildInDanger},
		{"crisis, refusal closed", procedure.StateRefused, procedure.StateClosed, crisis(procedure.Progress{ServicesRefused: true}), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := procedure.CheckTransition(tt.from, tt.to, tt.p)
			if tt.rule == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			var re *procedure.RuleError
			if !errors.As(err, &re) || re.Code != tt.rule || !re.Code.Conflict() {
				t.Fatalf("err = %v, want rule %s (a conflict)", err, tt.rule)
			}
		})
	}
	// Every move the state machine refuses is still a *TransitionError,
	// whatever the case has recorded.
	for _, from := range procedure.States() {
		for _, to := range procedure.States() {
			if procedure.Transition(from, to) == nil {
				continue
			}
			var te *procedure.TransitionError
			if err := procedure.CheckTransition(from, to, all); !errors.As(err, &te) {
				t.Errorf("%s -> %s: %v, want *TransitionError", from, to, err)
			}
		}
	}
}

func TestErrorsAreSentences(t *testing.T) {
	codes := []procedure.RuleCode{procedure.RuleRefusalForbidden, procedure.RuleUrgentMeasuresRequired, procedure.RuleLegalBasisRequired,
		procedure.RuleOutcomeRequired, procedure.RuleUnknownSafetyResult, procedure.RuleConsentRequired, procedure.RuleAlreadyAnswered,
		procedure.RuleApprovalPending, procedure.RuleOpenWork, procedure.RuleAlreadyEnded, procedure.RuleBudgetSpent,
		procedure.RuleAlreadyIssued, procedure.RuleSafetyAssessmentRequired, procedure.RuleNeedsAssessmentRequired,
		procedure.RuleDecisionRequired, procedure.RuleDecisionAlreadyMade, procedure.RulePlanSuperseded}
	sentence := func(t *testing.T, msg string) {
		t.Helper()
		if msg == "" || strings.Contains(msg, "procedure:") || strings.ToUpper(msg[:1]) != msg[:1] || !strings.HasSuffix(msg, ".") {
			t.Errorf("not a sentence: %q", msg)
		}
	}
	for _, c := range codes {
		t.Run(string(c), func(t *testing.T) {
			sentence(t, (&procedure.RuleError{Code: c}).Error())
			msg := (&procedure.RuleError{Code: c, Reasons: []string{"why"}}).Error()
			sentence(t, msg)
			if strings.Contains(msg, string(c)) || !strings.Contains(msg, "why") {
				t.Errorf("message %q: the code belongs in the extensions, the reasons in the message", msg)
			}
		})
	}
	tests := []struct {
		from, to procedure.State
		want     string
	}{
		{procedure.StateOpen, procedure.StateOpen, "already"},
		{procedure.StateReported, procedure.StateOpen, "may move to"},
		{"LOST", procedure.StateOpen, "unknown state"},
	}
	for _, tt := range tests {
		err := procedure.Transition(tt.from, tt.to)
		sentence(t, err.Error())
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s -> %s: %q, want %q in it", tt.from, tt.to, err, tt.want)
		}
	}
	now := clock.Now()
	for _, err := range []error{procedure.CheckPast(now.Add(time.Hour), now),
		procedure.CheckStepDate(now.Add(-2*time.Hour), now.Add(-time.Hour), now)} {
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
			err := procedure.CheckStepDate(mustTime(t, tt.at), opened, now)
			var de *procedure.DateError
			switch {
			case !tt.future && !tt.before:
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
			case !errors.As(err, &de) || de.Future != tt.future:
				t.Fatalf("err = %#v, want future=%v", err, tt.future)
			}
			// A received report has no opening before it, only the future.
			if err := procedure.CheckPast(mustTime(t, tt.at), now); (err != nil) != tt.future {
				t.Errorf("CheckPast = %v", err)
			}
		})
	}
}

func TestCrisis(t *testing.T) {
	opened := mustTime(t, "2026-11-02T09:00:00+02:00")
	day := func(n int) time.Time { return opened.Add(time.Duration(n) * 24 * time.Hour) }
	safety := func(at time.Time, r procedure.SafetyResult) procedure.Finding {
		return procedure.Finding{At: at, Safety: r}
	}
	needs := func(at time.Time, ratings ...string) procedure.Finding {
		return procedure.Finding{At: at, Ratings: ratings}
	}
	tests := []struct {
		name  string
		f     procedure.CrisisFacts
		want  bool
		start time.Time
	}{
		{"routine report, not assessed", procedure.CrisisFacts{}, false, time.Time{}},
		{"immediate report", procedure.CrisisFacts{ImmediateUrgency: true}, true, opened},
		{"immediate report, threat found later", procedure.CrisisFacts{ImmediateUrgency: true,
			Findings: []procedure.Finding{safety(day(1), procedure.SafetyImmediateThreat)}}, true, opened},
		{"danger present", procedure.CrisisFacts{Findings: []procedure.Finding{safety(day(1), procedure.SafetyDangerPresent)}}, false, time.Time{}},
		{"immediate threat", procedure.CrisisFacts{Findings: []procedure.Finding{
			safety(day(1), procedure.SafetySafe), safety(day(3), procedure.SafetyImmediateThreat)}}, true, day(3)},
		{"critical rating in the needs assessment", procedure.CrisisFacts{Findings: []procedure.Finding{
			safety(day(1), procedure.SafetyDangerPresent), needs(day(4), "NO_CONCERN", procedure.RatingCritical, "SOME_CONCERN")}}, true, day(4)},
		{"serious but not critical needs", procedure.CrisisFacts{Findings: []procedure.Finding{
			needs(day(4), "SERIOUS_CONCERN", "SERIOUS_CONCERN", "SOME_CONCERN")}}, false, time.Time{}},
		{"threats in both assessments: the first one starts the clock", procedure.CrisisFacts{Findings: []procedure.Finding{
			needs(day(4), procedure.RatingCritical), safety(day(2), procedure.SafetyImmediateThreat)}}, true, day(2)},
		{"declared by the decision", procedure.CrisisFacts{Declared: true}, true, opened},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.f.OpenedAt = opened
			if got := tt.f.Crisis(); got != tt.want {
				t.Errorf("Crisis = %v, want %v", got, tt.want)
			}
			if got := tt.f.Start(); !got.Equal(tt.start) {
				t.Errorf("Start = %s, want %s", got, tt.start)
			}
			want := procedure.KindDecision
			if tt.want {
				want = procedure.KindDecisionCrisis
			}
			if k := procedure.DecisionKind(tt.f.Crisis()); k != want {
				t.Errorf("decision kind %s, want %s", k, want)
			}
		})
	}
}

func TestReportStatusOf(t *testing.T) {
	want := map[procedure.State]procedure.ReportStatus{
		procedure.StateReported: procedure.ReportRegistered, procedure.StateAssessingSafety: procedure.ReportInAssessment,
		procedure.StateAssessingNeeds: procedure.ReportInAssessment, procedure.StateAwaitingDecision: procedure.ReportInAssessment,
		procedure.StateOpen: procedure.ReportInAssessment, procedure.StateUnderReview: procedure.ReportInAssessment,
		procedure.StateClosed: procedure.ReportClosed, procedure.StateRefused: procedure.ReportClosed, procedure.StateTransferred: procedure.ReportClosed,
	}
	for _, s := range procedure.States() {
		if got := procedure.ReportStatusOf(s); got != want[s] || got == "" {
			t.Errorf("%s: %s, want %s", s, got, want[s])
		}
	}
}

func TestCaseDeadlines(t *testing.T) {
	cal := peacetime(t, 2026, 2027)
	rs, err := procedure.RuleSetAt(mustTime(t, "2026-11-02T09:00:00+02:00"))
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
		kind procedure.Kind
		due  string
	}
	tests := []struct {
		name  string
		clock procedure.CaseClock
		want  []due
	}{
		{"new report", procedure.CaseClock{State: procedure.StateReported},
			[]due{{procedure.KindSafetyAssessment, "2026-11-03T09:00:00+02:00"}, {procedure.KindNeedsAssessment, end("2026-11-09")},
				{procedure.KindDecision, end("2026-11-16")}}},
		{"new report of an immediate danger", procedure.CaseClock{State: procedure.StateReported, Crisis: true},
			[]due{{procedure.KindSafetyAssessment, "2026-11-03T09:00:00+02:00"}, {procedure.KindNeedsAssessment, end("2026-11-09")},
				{procedure.KindDecisionCrisis, end("2026-11-03")}}},
		{"safety assessed", procedure.CaseClock{State: procedure.StateAssessingSafety, SafetyAssessed: true},
			[]due{{procedure.KindNeedsAssessment, end("2026-11-09")}, {procedure.KindDecision, end("2026-11-16")}}},
		{"assessed, act not yet filed", procedure.CaseClock{State: procedure.StateAssessingNeeds, SafetyAssessed: true, NeedsAssessed: true,
			NeedsConductedAt: at(conducted)},
			[]due{{procedure.KindNeedsAssessmentAct, end("2026-11-06")}, {procedure.KindDecision, end("2026-11-16")}}},
		// Filing the act meets its deadline; its approval is another step.
		{"act filed, waiting for approval", procedure.CaseClock{State: procedure.StateAssessingNeeds, SafetyAssessed: true, NeedsAssessed: true},
			[]due{{procedure.KindDecision, end("2026-11-16")}}},
		{"threat found on Thursday: crisis decision due on Friday", procedure.CaseClock{State: procedure.StateAssessingSafety, SafetyAssessed: true,
			Crisis: true, CrisisStart: conducted},
			[]due{{procedure.KindNeedsAssessment, end("2026-11-09")}, {procedure.KindDecisionCrisis, end("2026-11-06")}}},
		{"crisis decision taken first: the needs assessment is still due", procedure.CaseClock{State: procedure.StateOpen, SafetyAssessed: true,
			Crisis: true, CrisisStart: conducted, ServicesDecidedAt: at(conducted), ServicesProvided: true, NoticeGiven: true},
			[]due{{procedure.KindNeedsAssessment, end("2026-11-09")}, {procedure.KindAccompaniment, end("2027-05-05")}}},
		{"crisis path, needs assessed under accompaniment, act not yet filed", procedure.CaseClock{State: procedure.StateOpen, SafetyAssessed: true,
			NeedsAssessed: true, NeedsConductedAt: at(conducted), Crisis: true, ServicesDecidedAt: at(conducted), ServicesProvided: true, NoticeGiven: true},
			[]due{{procedure.KindNeedsAssessmentAct, end("2026-11-06")}, {procedure.KindAccompaniment, end("2027-05-05")}}},
		{"awaiting the decision in a crisis", procedure.CaseClock{State: procedure.StateAwaitingDecision, Crisis: true, SafetyAssessed: true, NeedsAssessed: true},
			[]due{{procedure.KindDecisionCrisis, end("2026-11-03")}}},
		{"under accompaniment, applicant not yet told", procedure.CaseClock{State: procedure.StateOpen, SafetyAssessed: true, NeedsAssessed: true,
			ServicesDecidedAt: at(decided), ServicesProvided: true},
			[]due{{procedure.KindDecisionNotice, end("2026-11-19")}, {procedure.KindAccompaniment, end("2027-05-16")}}},
		{"under accompaniment, told, extended once", procedure.CaseClock{State: procedure.StateUnderReview, ServicesDecidedAt: at(decided),
			ServicesProvided: true, NoticeGiven: true, ExtendedAt: []time.Time{*at(decided)}},
			[]due{{procedure.KindAccompaniment, end("2027-08-16")}}},
		{"extended more often than allowed", procedure.CaseClock{State: procedure.StateOpen, ServicesDecidedAt: at(decided),
			ServicesProvided: true, NoticeGiven: true, ExtendedAt: []time.Time{*at(decided), *at(decided), *at(decided), *at(decided), *at(decided)}},
			[]due{{procedure.KindAccompaniment, end("2027-11-16")}}},
		{"refused, applicant not yet told", procedure.CaseClock{State: procedure.StateRefused, ServicesDecidedAt: at(decided)},
			[]due{{procedure.KindDecisionNotice, end("2026-11-19")}}},
		{"closed", procedure.CaseClock{State: procedure.StateClosed, ServicesDecidedAt: at(decided), ServicesProvided: true}, nil},
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
	term, err := rs.Accompaniment(procedure.CaseClock{State: procedure.StateOpen, ServicesDecidedAt: at(decided), ServicesProvided: true,
		ExtendedAt: []time.Time{decided, decided}}, cal)
	if err != nil || term == nil || !term.End.Equal(mustTime(t, end("2027-11-16"))) {
		t.Errorf("accompaniment with two extensions ends %+v (%v)", term, err)
	}
}

// crisis marks a progress as a crisis case's.
func crisis(p procedure.Progress) procedure.Progress {
	p.Crisis = true
	return p
}

// danger marks a progress as a case recording a danger to the child.
func danger(p procedure.Progress) procedure.Progress {
	p.Dangers = procedure.RefusalFacts{SafetyResults: []procedure.SafetyResult{procedure.SafetyImmediateThreat}}.Dangers()
	return p
}

// handover: the move names who takes the case over (a real transfer).
func handover(p procedure.Progress) procedure.Progress {
	p.Handover = true
	return p
}
