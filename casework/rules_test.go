package casework_test

import (
	"errors"
	"testing"

	"github.com/turbota/turbota/casework"
)

func TestCheckRefusalByCategory(t *testing.T) {
	forbidden := map[casework.Category]bool{
		casework.CategoryPhysicalViolence:      true,
		casework.CategoryPsychologicalViolence: true,
		casework.CategorySexualViolence:        true,
		casework.CategoryDomesticViolence:      true,
	}
	for _, c := range casework.Categories() {
		t.Run(string(c), func(t *testing.T) {
			err := casework.CheckRefusal(casework.RefusalFacts{
				Categories: []casework.Category{casework.CategoryPoverty, c},
			})
			if got := errors.Is(err, &casework.RuleError{Code: casework.RuleRefusalForbidden}); got != forbidden[c] {
				t.Errorf("refusal forbidden = %v (err %v), want %v", got, err, forbidden[c])
			}
		})
	}
}

func TestCheckRefusalByThreat(t *testing.T) {
	tests := []struct {
		name      string
		facts     casework.RefusalFacts
		forbidden bool
	}{
		{"nothing recorded", casework.RefusalFacts{}, false},
		{"safe", casework.RefusalFacts{SafetyResults: []casework.SafetyResult{casework.SafetySafe}}, false},
		{"danger present", casework.RefusalFacts{SafetyResults: []casework.SafetyResult{casework.SafetyDangerPresent}}, false},
		{"immediate threat, later safe", casework.RefusalFacts{SafetyResults: []casework.SafetyResult{
			casework.SafetyImmediateThreat, casework.SafetySafe}}, true},
		{"a critical rating in the needs assessment", casework.RefusalFacts{NeedsRatings: []string{"SOME_CONCERN", casework.RatingCritical}}, true},
		{"serious concern only", casework.RefusalFacts{NeedsRatings: []string{"SERIOUS_CONCERN"}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := casework.CheckRefusal(tt.facts)
			if (err != nil) != tt.forbidden {
				t.Fatalf("err = %v, want forbidden %v", err, tt.forbidden)
			}
			var re *casework.RuleError
			if err != nil && (!errors.As(err, &re) || re.Code != casework.RuleRefusalForbidden || len(re.Reasons) == 0) {
				t.Errorf("err = %#v", err)
			}
		})
	}
}

func TestCheckSafetyAssessment(t *testing.T) {
	removal := casework.UrgentMeasure{Kind: "REMOVAL", LegalBasis: "рішення органу опіки та піклування № 12"}
	tests := []struct {
		name     string
		result   casework.SafetyResult
		measures []casework.UrgentMeasure
		want     casework.RuleCode // "" for no error
	}{
		{"safe", casework.SafetySafe, nil, ""},
		{"danger present", casework.SafetyDangerPresent, nil, ""},
		{"immediate threat with measure", casework.SafetyImmediateThreat, []casework.UrgentMeasure{removal}, ""},
		{"immediate threat without measure", casework.SafetyImmediateThreat, nil, casework.RuleUrgentMeasuresRequired},
		{"measure without legal basis", casework.SafetyImmediateThreat,
			[]casework.UrgentMeasure{removal, {Kind: "PLACEMENT", LegalBasis: "  "}}, casework.RuleLegalBasisRequired},
		{"unknown result", "MAYBE", nil, casework.RuleUnknownSafetyResult},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := casework.CheckSafetyAssessment(tt.result, tt.measures)
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if !errors.Is(err, &casework.RuleError{Code: tt.want}) {
				t.Fatalf("err = %v, want %s", err, tt.want)
			}
		})
	}
}

func TestCheckClosure(t *testing.T) {
	rs, err := casework.RuleSetAt(mustTime(t, "2026-03-02T10:00:00+02:00"))
	if err != nil {
		t.Fatal(err)
	}
	custom := []casework.OutcomeOption{{Code: "MOVED_ABROAD"}}
	tests := []struct {
		name    string
		outcome casework.Outcome
		list    []casework.OutcomeOption
		ok      bool
	}{
		{"goals achieved", casework.OutcomeGoalsAchieved, rs.Outcomes, true},
		{"transferred", casework.OutcomeTransferred, rs.Outcomes, true},
		{"no outcome", "", rs.Outcomes, false},
		{"not in list", "MOVED_ABROAD", rs.Outcomes, false},
		{"configured list", "MOVED_ABROAD", custom, true},
		{"default not in configured list", casework.OutcomeOther, custom, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := casework.CheckClosure(tt.outcome, tt.list)
			if (err == nil) != tt.ok {
				t.Fatalf("err = %v, want ok %v", err, tt.ok)
			}
			if err != nil && !errors.Is(err, &casework.RuleError{Code: casework.RuleOutcomeRequired}) {
				t.Errorf("err = %v", err)
			}
		})
	}
	for _, o := range []casework.Outcome{
		casework.OutcomeGoalsAchieved, casework.OutcomeFamilyMoved, casework.OutcomeServicesRefused,
		casework.OutcomeChildPlaced, casework.OutcomeTransferred, casework.OutcomeOther,
	} {
		if casework.CheckClosure(o, rs.Outcomes) != nil {
			t.Errorf("default outcome %s missing from defaults.json", o)
		}
	}
}

func TestCategoryLabels(t *testing.T) {
	for _, c := range casework.Categories() {
		t.Run(string(c), func(t *testing.T) {
			if l := c.Label(); !c.Valid() || l.UK == "" || l.EN == "" || l.UK == string(c) {
				t.Errorf("label %+v", l)
			}
		})
	}
	if casework.Category("ALIENS").Valid() {
		t.Error("unknown category is valid")
	}
}
