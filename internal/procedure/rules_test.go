package procedure_test

import (
	"errors"
	"testing"

	"github.com/turbota/turbota/internal/procedure"
)

func TestCheckRefusalByCategory(t *testing.T) {
	forbidden := map[procedure.Category]bool{
		procedure.CategoryPhysicalViolence:      true,
		procedure.CategoryPsychologicalViolence: true,
		procedure.CategorySexualViolence:        true,
		procedure.CategoryDomesticViolence:      true,
	}
	for _, c := range procedure.Categories() {
		t.Run(string(c), func(t *testing.T) {
			err := procedure.CheckRefusal(procedure.RefusalFacts{
				Categories: []procedure.Category{procedure.CategoryPoverty, c},
			})
			if got := errors.Is(err, &procedure.RuleError{Code: procedure.RuleRefusalForbidden}); got != forbidden[c] {
				t.Errorf("refusal forbidden = %v (err %v), want %v", got, err, forbidden[c])
			}
		})
	}
}

func TestCheckRefusalByThreat(t *testing.T) {
	tests := []struct {
		name      string
		facts     procedure.RefusalFacts
		forbidden bool
	}{
		{"nothing recorded", procedure.RefusalFacts{}, false},
		{"safe", procedure.RefusalFacts{SafetyResults: []procedure.SafetyResult{procedure.SafetySafe}}, false},
		{"danger present", procedure.RefusalFacts{SafetyResults: []procedure.SafetyResult{procedure.SafetyDangerPresent}}, false},
		{"immediate threat, later safe", procedure.RefusalFacts{SafetyResults: []procedure.SafetyResult{
			procedure.SafetyImmediateThreat, procedure.SafetySafe}}, true},
		{"a critical rating in the needs assessment", procedure.RefusalFacts{NeedsRatings: []string{"SOME_CONCERN", procedure.RatingCritical}}, true},
		{"serious concern only", procedure.RefusalFacts{NeedsRatings: []string{"SERIOUS_CONCERN"}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := procedure.CheckRefusal(tt.facts)
			if (err != nil) != tt.forbidden {
				t.Fatalf("err = %v, want forbidden %v", err, tt.forbidden)
			}
			var re *procedure.RuleError
			if err != nil && (!errors.As(err, &re) || re.Code != procedure.RuleRefusalForbidden || len(re.Reasons) == 0) {
				t.Errorf("err = %#v", err)
			}
		})
	}
}

func TestCheckSafetyAssessment(t *testing.T) {
	removal := procedure.UrgentMeasure{Kind: "REMOVAL", LegalBasis: "рішення органу опіки та піклування № 12"}
	tests := []struct {
		name     string
		result   procedure.SafetyResult
		measures []procedure.UrgentMeasure
		want     procedure.RuleCode // "" for no error
	}{
		{"safe", procedure.SafetySafe, nil, ""},
		{"danger present", procedure.SafetyDangerPresent, nil, ""},
		{"immediate threat with measure", procedure.SafetyImmediateThreat, []procedure.UrgentMeasure{removal}, ""},
		{"immediate threat without measure", procedure.SafetyImmediateThreat, nil, procedure.RuleUrgentMeasuresRequired},
		{"measure without legal basis", procedure.SafetyImmediateThreat,
			[]procedure.UrgentMeasure{removal, {Kind: "PLACEMENT", LegalBasis: "  "}}, procedure.RuleLegalBasisRequired},
		{"unknown result", "MAYBE", nil, procedure.RuleUnknownSafetyResult},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := procedure.CheckSafetyAssessment(tt.result, tt.measures)
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if !errors.Is(err, &procedure.RuleError{Code: tt.want}) {
				t.Fatalf("err = %v, want %s", err, tt.want)
			}
		})
	}
}

func TestCheckClosure(t *testing.T) {
	rs, err := procedure.RuleSetAt(mustTime(t, "2026-03-02T10:00:00+02:00"))
	if err != nil {
		t.Fatal(err)
	}
	custom := []procedure.OutcomeOption{{Code: "MOVED_ABROAD"}}
	tests := []struct {
		name    string
		outcome procedure.Outcome
		list    []procedure.OutcomeOption
		ok      bool
	}{
		{"goals achieved", procedure.OutcomeGoalsAchieved, rs.Outcomes, true},
		{"transferred", procedure.OutcomeTransferred, rs.Outcomes, true},
		{"no outcome", "", rs.Outcomes, false},
		{"not in list", "MOVED_ABROAD", rs.Outcomes, false},
		{"configured list", "MOVED_ABROAD", custom, true},
		{"default not in configured list", procedure.OutcomeOther, custom, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := procedure.CheckClosure(tt.outcome, tt.list)
			if (err == nil) != tt.ok {
				t.Fatalf("err = %v, want ok %v", err, tt.ok)
			}
			if err != nil && !errors.Is(err, &procedure.RuleError{Code: procedure.RuleOutcomeRequired}) {
				t.Errorf("err = %v", err)
			}
		})
	}
	for _, o := range []procedure.Outcome{
		procedure.OutcomeGoalsAchieved, procedure.OutcomeFamilyMoved, procedure.OutcomeServicesRefused,
		procedure.OutcomeChildPlaced, procedure.OutcomeTransferred, procedure.OutcomeOther,
	} {
		if procedure.CheckClosure(o, rs.Outcomes) != nil {
			t.Errorf("default outcome %s missing from defaults.json", o)
		}
	}
}

func TestCategoryLabels(t *testing.T) {
	for _, c := range procedure.Categories() {
		t.Run(string(c), func(t *testing.T) {
			if l := c.Label(); !c.Valid() || l.UK == "" || l.EN == "" || l.UK == string(c) {
				t.Errorf("label %+v", l)
			}
		})
	}
	if procedure.Category("ALIENS").Valid() {
		t.Error("unknown category is valid")
	}
}

// TestDangerFound: what a receiving community is told before it may read
// the case. A danger found without an immediate threat bars no refusal,
// but it is a danger all the same.
func TestDangerFound(t *testing.T) {
	for _, c := range []struct {
		facts procedure.RefusalFacts
		want  bool
	}{
		{procedure.RefusalFacts{}, false},
		{procedure.RefusalFacts{SafetyResults: []procedure.SafetyResult{procedure.SafetySafe}}, false},
		{procedure.RefusalFacts{SafetyResults: []procedure.SafetyResult{procedure.SafetySafe, procedure.SafetyDangerPresent}}, true},
		{procedure.RefusalFacts{SafetyResults: []procedure.SafetyResult{procedure.SafetyImmediateThreat}}, true},
		{procedure.RefusalFacts{NeedsRatings: []string{procedure.RatingCritical}}, true},
		{procedure.RefusalFacts{Categories: []procedure.Category{"DOMESTIC_VIOLENCE"}}, true},
		{procedure.RefusalFacts{Categories: []procedure.Category{"POVERTY"}}, false},
	} {
		if got := c.facts.DangerFound(); got != c.want {
			t.Errorf("%+v: danger found %v, want %v", c.facts, got, c.want)
		}
	}
}
