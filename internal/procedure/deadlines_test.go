package procedure_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/turbota/turbota/internal/procedure"
)

func rules2026(t *testing.T) procedure.RuleSet {
	t.Helper()
	rs, err := procedure.RuleSetAt(mustTime(t, "2026-02-01T00:00:00+02:00"))
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func TestDue(t *testing.T) {
	rs := rules2026(t)
	martial := procedure.Default()
	peace := peacetime(t, 2026)
	tests := []struct {
		name  string
		kind  procedure.Kind
		cal   procedure.Calendar
		start string
		want  time.Time
	}{
		{"safety: 24 hours", procedure.KindSafetyAssessment, martial,
			"2026-02-02T10:00:00+02:00", mustTime(t, "2026-02-03T10:00:00+02:00")},
		{"safety: the clock runs over a weekend", procedure.KindSafetyAssessment, martial,
			"2026-02-06T17:30:00+02:00", mustTime(t, "2026-02-07T17:30:00+02:00")},
		{"safety: 24 elapsed hours over the spring DST change", procedure.KindSafetyAssessment, martial,
			"2026-03-28T10:00:00+02:00", mustTime(t, "2026-03-29T11:00:00+03:00")},
		{"safety: 24 elapsed hours over the autumn DST change", procedure.KindSafetyAssessment, martial,
			"2026-10-24T10:00:00+03:00", mustTime(t, "2026-10-25T09:00:00+02:00")},
		{"needs: 5 working days from a Friday", procedure.KindNeedsAssessment, martial,
			"2026-02-06T15:00:00+02:00", endOfDay(t, "2026-02-13")},
		{"needs: a Saturday report counts from Monday", procedure.KindNeedsAssessment, martial,
			"2026-02-07T11:00:00+02:00", endOfDay(t, "2026-02-13")},
		{"needs: over Easter, martial law", procedure.KindNeedsAssessment, martial,
			"2026-04-09T11:00:00+03:00", endOfDay(t, "2026-04-16")},
		{"needs: over Easter, peacetime", procedure.KindNeedsAssessment, peace,
			"2026-04-09T11:00:00+03:00", endOfDay(t, "2026-04-17")},
		{"act: next working day", procedure.KindNeedsAssessmentAct, martial,
			"2026-02-13T16:00:00+02:00", endOfDay(t, "2026-02-16")},
		{"decision: 10 working days", procedure.KindDecision, martial,
			"2026-02-02T10:00:00+02:00", endOfDay(t, "2026-02-16")},
		{"decision: 10 working days over Independence Day, peacetime", procedure.KindDecision, peace,
			"2026-08-20T10:00:00+03:00", endOfDay(t, "2026-09-04")},
		{"decision: 10 working days over Independence Day, martial law", procedure.KindDecision, martial,
			"2026-08-20T10:00:00+03:00", endOfDay(t, "2026-09-03")},
		{"decision in a crisis: 1 working day", procedure.KindDecisionCrisis, martial,
			"2026-02-06T10:00:00+02:00", endOfDay(t, "2026-02-09")},
		{"decision in a crisis on a weekday", procedure.KindDecisionCrisis, martial,
			"2026-02-03T10:00:00+02:00", endOfDay(t, "2026-02-04")},
		{"notice: 3 working days", procedure.KindDecisionNotice, martial,
			"2026-02-05T10:00:00+02:00", endOfDay(t, "2026-02-10")},
		{"accompaniment: 6 months", procedure.KindAccompaniment, martial,
			"2026-02-16T10:00:00+02:00", endOfDay(t, "2026-08-16")},
		{"accompaniment: clipped to the month's end", procedure.KindAccompaniment, martial,
			"2026-08-31T10:00:00+03:00", endOfDay(t, "2027-02-28")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := rs.Due(tt.kind, mustTime(t, tt.start), tt.cal)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Equal(tt.want) {
				t.Errorf("due %s, want %s", got, tt.want)
			}
		})
	}
}

func TestDecisionKind(t *testing.T) {
	if procedure.DecisionKind(true) != procedure.KindDecisionCrisis || procedure.DecisionKind(false) != procedure.KindDecision {
		t.Error("DecisionKind")
	}
}

func TestDueExtended(t *testing.T) {
	rs := rules2026(t)
	cal := procedure.Default()
	start := mustTime(t, "2025-08-31T10:00:00+03:00")
	tests := []struct {
		name       string
		kind       procedure.Kind
		extensions int
		want       time.Time
		err        error
	}{
		{"none", procedure.KindAccompaniment, 0, endOfDay(t, "2026-02-28"), nil},
		{"one", procedure.KindAccompaniment, 1, endOfDay(t, "2026-05-31"), nil},
		{"two, the cap", procedure.KindAccompaniment, 2, endOfDay(t, "2026-08-31"), nil},
		{"three, over the cap", procedure.KindAccompaniment, 3, time.Time{}, procedure.ErrExtensionLimit},
		{"negative", procedure.KindAccompaniment, -1, time.Time{}, procedure.ErrExtensionLimit},
		{"not extendable", procedure.KindDecision, 1, time.Time{}, procedure.ErrExtensionLimit},
		{"unknown kind", "LUNCH", 0, time.Time{}, procedure.ErrUnknownKind},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := rs.DueExtended(tt.kind, start, tt.extensions, cal)
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if !got.Equal(tt.want) {
				t.Errorf("due %s, want %s", got, tt.want)
			}
		})
	}
}

func TestDueExtendedMixedUnits(t *testing.T) {
	rs := rules2026(t)
	r := rs.Rules[procedure.KindDecision]
	r.Extension = &procedure.Extension{Amount: 5, Unit: procedure.UnitCalendarDays, Max: 1}
	rs.Rules[procedure.KindDecision] = r
	got, err := rs.DueExtended(procedure.KindDecision, mustTime(t, "2026-02-02T10:00:00+02:00"), 1, procedure.Default())
	if err != nil {
		t.Fatal(err)
	}
	if want := endOfDay(t, "2026-02-21"); !got.Equal(want) {
		t.Errorf("due %s, want %s", got, want)
	}
	if again := rules2026(t); again.Rules[procedure.KindDecision].Extension != nil {
		t.Error("changing a returned rule set changed the defaults")
	}
}

func TestRuleSetAt(t *testing.T) {
	tests := []struct {
		name    string
		at      string
		version string
		err     error
	}{
		{"before any version", "2019-12-31T12:00:00+02:00", "", procedure.ErrNoRuleSet},
		{"old procedure", "2025-06-01T12:00:00+03:00", "2020-587", nil},
		{"last moment of the old procedure", "2026-01-13T23:59:59+02:00", "2020-587", nil},
		{"resolution 64 in force", "2026-01-14T00:00:00+02:00", "2026-64", nil},
		{"same instant in UTC", "2026-01-13T22:00:00Z", "2026-64", nil},
		{"later", "2030-01-01T00:00:00+02:00", "2026-64", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs, err := procedure.RuleSetAt(mustTime(t, tt.at))
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if rs.Version != tt.version {
				t.Errorf("version %q, want %q", rs.Version, tt.version)
			}
		})
	}
}

// A case keeps the rules in force when its clock started, even after a new
// version shortens a deadline.
func TestCaseKeepsItsRules(t *testing.T) {
	base := rules2026(t)
	newer := rules2026(t)
	newer.Version = "2027-test"
	newer.EffectiveFrom = mustTime(t, "2027-01-01T00:00:00+02:00")
	newer.Rules[procedure.KindDecision] = procedure.Rule{Amount: 7, Unit: procedure.UnitWorkingDays, LegalBasis: "test"}
	book, err := procedure.NewRuleBook(newer, base)
	if err != nil {
		t.Fatal(err)
	}
	cal := procedure.Default()
	tests := []struct {
		name        string
		clockStart  string
		wantVersion string
		wantDue     string
	}{
		{"started under 2026 rules", "2026-12-31T10:00:00+02:00", "2026-64", "2027-01-14"},
		{"started under 2027 rules", "2027-01-04T10:00:00+02:00", "2027-test", "2027-01-13"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := mustTime(t, tt.clockStart)
			rs, err := book.RuleSetAt(start)
			if err != nil {
				t.Fatal(err)
			}
			due, err := rs.Due(procedure.KindDecision, start, cal)
			if err != nil {
				t.Fatal(err)
			}
			if rs.Version != tt.wantVersion || !due.Equal(endOfDay(t, tt.wantDue)) {
				t.Errorf("version %s due %s, want %s due %s", rs.Version, due, tt.wantVersion, tt.wantDue)
			}
		})
	}
}

func TestStatus(t *testing.T) {
	rs := rules2026(t) // due soon: 1 working day or 25 % of the period
	cal := procedure.Default()
	decisionStart := mustTime(t, "2026-02-02T10:00:00+02:00")
	decisionDue := endOfDay(t, "2026-02-16") // Monday
	safetyStart := mustTime(t, "2026-02-02T10:00:00+02:00")
	safetyDue := mustTime(t, "2026-02-03T10:00:00+02:00")
	accStart := mustTime(t, "2026-02-16T10:00:00+02:00")
	accDue := endOfDay(t, "2026-08-16")
	tests := []struct {
		name       string
		policy     procedure.DueSoonPolicy
		start, due time.Time
		now        string
		want       procedure.DueStatus
	}{
		{"decision, early", rs.DueSoon, decisionStart, decisionDue, "2026-02-05T10:00:00+02:00", procedure.StatusOnTime},
		{"decision, a quarter left", rs.DueSoon, decisionStart, decisionDue, "2026-02-13T12:00:00+02:00", procedure.StatusDueSoon},
		{"decision, last second", rs.DueSoon, decisionStart, decisionDue, "2026-02-16T23:59:59+02:00", procedure.StatusDueSoon},
		{"decision, passed", rs.DueSoon, decisionStart, decisionDue, "2026-02-17T00:00:00+02:00", procedure.StatusOverdue},
		{"working days only: two working days ahead", procedure.DueSoonPolicy{WorkingDays: 1}, decisionStart, decisionDue,
			"2026-02-12T10:00:00+02:00", procedure.StatusOnTime},
		{"working days only: Friday before a Monday deadline", procedure.DueSoonPolicy{WorkingDays: 1}, decisionStart, decisionDue,
			"2026-02-13T09:00:00+02:00", procedure.StatusDueSoon},
		{"working days only: the weekend before", procedure.DueSoonPolicy{WorkingDays: 1}, decisionStart, decisionDue,
			"2026-02-14T09:00:00+02:00", procedure.StatusDueSoon},
		{"fraction only: 26 % left", procedure.DueSoonPolicy{Fraction: 0.25}, accStart, accDue,
			"2026-07-01T10:00:00+03:00", procedure.StatusOnTime},
		{"fraction only: 24 % left", procedure.DueSoonPolicy{Fraction: 0.25}, accStart, accDue,
			"2026-07-03T10:00:00+03:00", procedure.StatusDueSoon},
		{"no policy: on time up to the end", procedure.DueSoonPolicy{}, decisionStart, decisionDue,
			"2026-02-16T23:00:00+02:00", procedure.StatusOnTime},
		{"24 hours are due soon from the start", rs.DueSoon, safetyStart, safetyDue,
			"2026-02-02T10:00:00+02:00", procedure.StatusDueSoon},
		{"24 hours, passed", rs.DueSoon, safetyStart, safetyDue, "2026-02-03T10:00:01+02:00", procedure.StatusOverdue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.policy.Status(tt.start, tt.due, mustTime(t, tt.now), cal)
			if got != tt.want {
				t.Errorf("status %s, want %s", got, tt.want)
			}
		})
	}
	if got := rs.Status(decisionStart, decisionDue, mustTime(t, "2026-02-20T00:00:00+02:00"), cal); got != procedure.StatusOverdue {
		t.Errorf("RuleSet.Status = %s", got)
	}
}

func TestDefaultRuleBook(t *testing.T) {
	sets := procedure.DefaultRuleBook().RuleSets()
	if len(sets) != 2 {
		t.Fatalf("%d rule sets", len(sets))
	}
	want := map[procedure.Kind]procedure.Rule{
		procedure.KindSafetyAssessment:   {Amount: 24, Unit: procedure.UnitHours},
		procedure.KindNeedsAssessment:    {Amount: 5, Unit: procedure.UnitWorkingDays},
		procedure.KindNeedsAssessmentAct: {Amount: 1, Unit: procedure.UnitWorkingDays},
		procedure.KindDecision:           {Amount: 10, Unit: procedure.UnitWorkingDays},
		procedure.KindDecisionCrisis:     {Amount: 1, Unit: procedure.UnitWorkingDays},
		procedure.KindDecisionNotice:     {Amount: 3, Unit: procedure.UnitWorkingDays},
		procedure.KindAccompaniment:      {Amount: 6, Unit: procedure.UnitMonths},
	}
	for _, rs := range sets {
		for _, k := range procedure.Kinds() {
			t.Run(rs.Version+"/"+string(k), func(t *testing.T) {
				r := rs.Rules[k]
				if r.Amount != want[k].Amount || r.Unit != want[k].Unit || r.LegalBasis == "" || r.LegalBasisEN == "" {
					t.Errorf("rule %+v", r)
				}
				if l := k.Label(); l.UK == "" || l.EN == "" || l.UK == string(k) {
					t.Errorf("label %+v", l)
				}
			})
		}
	}
	if !strings.Contains(sets[1].Rules[procedure.KindNeedsAssessment].LegalBasis, "ст. 20 Закону України «Про соціальні послуги»") {
		t.Error("needs assessment legal basis")
	}
	for _, s := range []procedure.DueStatus{procedure.StatusOnTime, procedure.StatusDueSoon, procedure.StatusOverdue} {
		if s.Label().UK == "" {
			t.Errorf("status %s has no label", s)
		}
	}
}

func TestParseRuleBookRejects(t *testing.T) {
	edit := func(f func(rs map[string]any)) []byte {
		var d struct {
			RuleSets []map[string]any `json:"ruleSets"`
		}
		if err := json.Unmarshal(procedure.DefaultsJSON(), &d); err != nil {
			t.Fatal(err)
		}
		f(d.RuleSets[0])
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	rule := func(rs map[string]any, k string) map[string]any {
		return rs["rules"].(map[string]any)[k].(map[string]any)
	}
	tests := []struct {
		name string
		data []byte
	}{
		{"not JSON", []byte("{")},
		{"misspelt key", edit(func(rs map[string]any) { rs["dueSon"] = rs["dueSoon"] })},
		{"missing kind", edit(func(rs map[string]any) { delete(rs["rules"].(map[string]any), "DECISION") })},
		{"zero amount", edit(func(rs map[string]any) { rule(rs, "DECISION")["amount"] = 0 })},
		{"unknown unit", edit(func(rs map[string]any) { rule(rs, "DECISION")["unit"] = "WEEKS" })},
		{"extension of zero times", edit(func(rs map[string]any) {
			rule(rs, "ACCOMPANIMENT")["extension"].(map[string]any)["max"] = 0
		})},
		{"no outcomes", edit(func(rs map[string]any) { rs["outcomes"] = []any{} })},
		{"repeated outcome", edit(func(rs map[string]any) {
			rs["outcomes"] = append(rs["outcomes"].([]any), rs["outcomes"].([]any)[0])
		})},
		{"fraction of 1", edit(func(rs map[string]any) { rs["dueSoon"].(map[string]any)["fraction"] = 1 })},
		{"same version twice", edit(func(rs map[string]any) { rs["version"] = "2026-64" })},
		{"no version", edit(func(rs map[string]any) { rs["version"] = "" })},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := procedure.ParseRuleBook(tt.data); err == nil {
				t.Error("accepted")
			}
		})
	}
	if _, err := procedure.ParseRuleBook(procedure.DefaultsJSON()); err != nil {
		t.Errorf("defaults rejected: %v", err)
	}
}
