package procedure_test

import (
	"errors"
	"testing"
	"time"

	"github.com/turbota/turbota/internal/procedure"
)

func TestCheckPlacement(t *testing.T) {
	for _, tc := range []struct {
		name     string
		facts    procedure.PlacementFacts
		override bool
		code     procedure.RuleCode
	}{
		{"foster family needs no commission", procedure.PlacementFacts{Form: procedure.CareFosterFamily}, false, ""},
		{"kin care needs nothing", procedure.PlacementFacts{Form: procedure.CareKin}, false, ""},
		{"adoption", procedure.PlacementFacts{Form: procedure.CareAdoption}, false, ""},
		{"institution with both", procedure.PlacementFacts{Form: procedure.CareInstitutionShelter,
			ComprehensiveAssessment: true, CommissionDecision: true}, false, ""},
		{"institution without anything", procedure.PlacementFacts{Form: procedure.CareInstitutionBoarding}, false, procedure.RuleGatekeeping},
		{"institution without the commission", procedure.PlacementFacts{Form: procedure.CareInstitutionHealth,
			ComprehensiveAssessment: true}, false, procedure.RuleGatekeeping},
		{"institution without the assessment", procedure.PlacementFacts{Form: procedure.CareInstitutionSocialCare,
			CommissionDecision: true}, false, procedure.RuleGatekeeping},
		{"blank override is no override", procedure.PlacementFacts{Form: procedure.CareInstitutionOther,
			OverrideReason: "  "}, false, procedure.RuleGatekeeping},
		{"emergency override", procedure.PlacementFacts{Form: procedure.CareInstitutionShelter,
			OverrideReason: "нічний виїзд, родичів не знайдено"}, true, ""},
		{"override not needed when both are there", procedure.PlacementFacts{Form: procedure.CareInstitutionShelter,
			ComprehensiveAssessment: true, CommissionDecision: true, OverrideReason: "x"}, false, ""},
		{"unknown form", procedure.PlacementFacts{Form: "ORPHANAGE"}, false, procedure.RuleUnknownCareForm},
	} {
		t.Run(tc.name, func(t *testing.T) {
			override, err := procedure.CheckPlacement(tc.facts)
			if override != tc.override {
				t.Errorf("override = %v, want %v", override, tc.override)
			}
			var re *procedure.RuleError
			switch {
			case tc.code == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tc.code != "" && (!errors.As(err, &re) || re.Code != tc.code):
				t.Fatalf("err = %v, want %s", err, tc.code)
			}
		})
	}
}

func TestCareForms(t *testing.T) {
	family, institution := 0, 0
	for _, f := range procedure.CareForms() {
		if f.FamilyBased() == f.Institutional() {
			t.Errorf("%s is both or neither family-based and institutional", f)
		}
		if f.FamilyBased() {
			family++
		} else {
			institution++
		}
		if l := f.Label(); l.UK == "" || l.EN == "" || l.UK == string(f) {
			t.Errorf("%s has no label: %+v", f, l)
		}
		var back procedure.CareForm
		if err := back.UnmarshalGQL(string(f)); err != nil || back != f {
			t.Errorf("%s does not read back: %v", f, err)
		}
	}
	if family != 6 || institution != 5 {
		t.Errorf("%d family-based and %d institutional forms, want 6 and 5", family, institution)
	}
	var f procedure.CareForm
	if f.UnmarshalGQL("PLACEMENT_FOSTERFAMILY") == nil {
		t.Error("a free-text form was accepted")
	}
	if procedure.CareForm("").FamilyBased() {
		t.Error("an empty form counts as family-based")
	}
}

func TestPlacementReviewDue(t *testing.T) {
	cal := peacetime(t, 2026)
	rs, err := procedure.RuleSetAt(time.Date(2026, 6, 1, 0, 0, 0, 0, procedure.Kyiv()))
	if err != nil {
		t.Fatal(err)
	}
	if r := rs.PlacementReviewRule(); r.Amount != 5 || r.Unit != procedure.UnitWorkingDays || r.LegalBasis == "" {
		t.Fatalf("shipped review rule = %+v", r)
	}
	// Friday 5 June 2026, evening: five working days end on Friday 12 June.
	start := time.Date(2026, 6, 5, 21, 0, 0, 0, procedure.Kyiv())
	want := procedure.D(2026, 6, 12).EndOfDay()
	if got := rs.PlacementReviewDue(start, cal); !got.Equal(want) {
		t.Errorf("review due %s, want %s", got, want)
	}
	rs.PlacementReview = &procedure.Rule{Amount: 3, Unit: procedure.UnitCalendarDays, LegalBasis: "рішення громади"}
	if got, want := rs.PlacementReviewDue(start, cal), procedure.D(2026, 6, 8).EndOfDay(); !got.Equal(want) {
		t.Errorf("configured review due %s, want %s", got, want)
	}
	rs.PlacementReview = &procedure.Rule{Amount: 0, Unit: procedure.UnitCalendarDays}
	if rs.Validate() == nil {
		t.Error("a zero review term was accepted")
	}
}
