package server_test

import (
	"context"
	"database/sql"
	"regexp"
	"testing"
	"time"

	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/oversight/indicators"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/server"
)

// capacityKeys are the capacity indicators this test follows.
var capacityKeys = []string{"staff_positions", "vacancies", "specialists_trained",
	"certificates_issued", "certificates_state_standard"}

// capacity is the community's capacity figures over the period, as the
// regional dashboard computes them (kept until the data changes).
func capacity(t *testing.T, e *env, community pulid.ID, p indicators.Period) map[string]float64 {
	t.Helper()
	per, err := indicators.Compute(context.Background(), e.db, []pulid.ID{community}, p, false)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, k := range capacityKeys {
		out[k] = per[community][indicators.Key{Indicator: k}].Num
	}
	out["vacancy_share_base"] = float64(per[community][indicators.Key{Indicator: "vacancy_share"}].Base)
	return out
}

// The capacity indicators follow the register step by step: a vacant
// position, a case manager never trained, her training completed and
// certified, the vacant position closed; each change shows at once (the
// tables advance the indicators' epoch).
func TestCapacityIndicators(t *testing.T) {
	e := newEnv(t, server.Config{})
	f := fx[own]
	ssd := e.login(demo.VinnytsiaSocialProtectionEmail)
	now := clock.Now().UTC()
	// One period throughout: the figures are kept for it, so a change that
	// did not advance the epoch would not show.
	year := indicators.Period{From: now.AddDate(-1, 0, 0), To: now.Add(time.Hour)}
	step := func(name string, before map[string]float64, want map[string]float64) map[string]float64 {
		t.Helper()
		after := capacity(t, e, f.Community, year)
		for _, k := range capacityKeys {
			if d := after[k] - before[k]; d != want[k] {
				t.Errorf("%s: %s changed by %v, want %v", name, k, d, want[k])
			}
		}
		if after["vacancy_share_base"] != after["staff_positions"] {
			t.Errorf("%s: the vacancy share's base is %v, the positions %v", name, after["vacancy_share_base"], after["staff_positions"])
		}
		return after
	}
	const create = `mutation($c: ID!, $o: ID!, $n: String, $s: Date) { createStaffPosition(input: {communityID: $c, organizationID: $o,
		kind: CASE_MANAGER, holderName: $n, startedOn: $s}) { id } }`
	figures := capacity(t, e, f.Community, year)

	r := e.do(ssd, create, map[string]any{"c": f.Community, "o": f.Organization})
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	vacant := str(r.Data, "createStaffPosition", "id")
	figures = step("a vacant position", figures, map[string]float64{"staff_positions": 1, "vacancies": 1})

	r = e.do(ssd, create, map[string]any{"c": f.Community, "o": f.Organization, "n": "Олена Коваль", "s": dayOf(now.AddDate(-1, 0, 0))})
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	manager := str(r.Data, "createStaffPosition", "id")
	figures = step("a case manager never trained", figures, map[string]float64{"staff_positions": 1})

	r = e.do(ssd, createTraining, map[string]any{"c": f.Community})
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	r = e.do(ssd, createEvent, map[string]any{"c": f.Community, "p": str(r.Data, "createTrainingProgramme", "id"),
		"s": dayOf(now.AddDate(0, 0, -5)), "e": dayOf(now.AddDate(0, 0, -3))})
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	r = e.do(ssd, enrol, map[string]any{"e": str(r.Data, "createTrainingEvent", "id"), "p": manager})
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	en := str(r.Data, "enrolInTraining", "id")
	if r := e.do(ssd, `mutation($id: ID!, $d: Date!) { completeTraining(id: $id, completedOn: $d) { completedOn } }`,
		map[string]any{"id": en, "d": dayOf(now.AddDate(0, 0, -3))}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	figures = step("her training completed", figures, map[string]float64{"specialists_trained": 1})

	if r := e.do(ssd, issueCert, map[string]any{"c": f.Community, "p": manager, "en": en, "n": "ОЦСС-2026/0999", "d": dayOf(now.AddDate(0, 0, -2))}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	figures = step("her certificate", figures, map[string]float64{"certificates_issued": 1, "certificates_state_standard": 1})

	if r := e.do(ssd, `mutation($id: ID!, $d: Date!) { closeStaffPosition(id: $id, closedOn: $d) { id } }`,
		map[string]any{"id": vacant, "d": dayOf(now.AddDate(0, 0, -1))}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	step("the vacant position closed", figures, map[string]float64{"staff_positions": -1, "vacancies": -1})
}

// The indicators are kept until the data they count changes: every table
// their queries read advances the epoch when it changes, or a figure would
// stay stale until some other table changed.
func TestIndicatorTablesAdvanceTheEpoch(t *testing.T) {
	e := newEnv(t, server.Config{})
	from := regexp.MustCompile(`(?i)\b(?:FROM|JOIN)\s+([a-z_]+)`)
	seen := map[string]bool{}
	for _, q := range indicators.Queries() {
		for _, m := range from.FindAllStringSubmatch(q, -1) {
			seen[m[1]] = true
		}
	}
	tables := 0
	for name := range seen {
		var isTable, trigger bool
		err := e.db.QueryRow(`SELECT EXISTS (SELECT 1 FROM pg_class WHERE oid = to_regclass($1) AND relkind IN ('r', 'p')),
			EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = to_regclass($1) AND tgname = 'indicator_epoch')`, name).Scan(&isTable, &trigger)
		if err != nil && err != sql.ErrNoRows {
			t.Fatal(err)
		}
		if !isTable {
			continue // a CTE or a function
		}
		tables++
		if !trigger {
			t.Errorf("the indicators read %s, which does not advance turbota_indicator_epoch", name)
		}
	}
	if tables < 10 {
		t.Errorf("found only %d tables in the indicator queries: the pattern no longer reads them", tables)
	}
}
