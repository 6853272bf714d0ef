// Package synthetic fills a database with invented casework at scale, for
// benchmarks: households, people, reports and cases with their safety
// assessments across many communities, written with COPY so that hundreds
// of thousands of cases load in seconds. Nothing here is a real person.
package synthetic

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"time"

	"github.com/lib/pq"

	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
)

// Stats counts what Fill wrote.
type Stats struct {
	Families, Persons, Cases int
}

var (
	surnames = []string{"Коваленко", "Бондаренко", "Ткаченко", "Шевчук", "Кравченко", "Олійник", "Мельник", "Поліщук", "Лисенко", "Руденко"}
	girls    = []string{"Олена", "Марія", "Ірина", "Софія", "Анна", "Дарина"}
	boys     = []string{"Андрій", "Максим", "Богдан", "Тарас", "Олег", "Денис"}
	statuses = []string{"REPORTED", "ASSESSING_SAFETY", "ASSESSING_NEEDS", "AWAITING_DECISION", "OPEN", "OPEN", "OPEN", "UNDER_REVIEW", "CLOSED", "CLOSED"}
	results  = []string{"SAFE", "DANGER_PRESENT", "IMMEDIATE_THREAT"}
	sources  = []string{"SCHOOL", "SCHOOL", "POLICE", "HEALTH_FACILITY", "NEIGHBOUR", "HOTLINE", "FAMILY"}
	cats     = []string{`["NEGLECT"]`, `["NEGLECT", "POVERTY"]`, `["PARENTS_EVADING_DUTIES"]`, `["DISPLACEMENT"]`,
		`["ADDICTION", "NEGLECT"]`, `["PSYCHOLOGICAL_VIOLENCE"]`, `["DISABILITY_WITHOUT_SUPPORT"]`}
	outcomes = []string{"GOALS_ACHIEVED", "GOALS_ACHIEVED", "GOALS_ACHIEVED", "SERVICES_REFUSED", "FAMILY_MOVED", "CHILD_PLACED"}
	assessed = map[string]bool{"AWAITING_DECISION": true, "OPEN": true, "UNDER_REVIEW": true, "CLOSED": true}
)

// Setting is what the filled communities already have: who manages their
// cases, which organisation assesses needs (and redeems vouchers), the
// classifier services a needs assessment may find a family needs, and the
// voucher programme that issues every fourth family a voucher. Each may be
// empty.
type Setting struct {
	Managers   map[pulid.ID]pulid.ID
	Providers  map[pulid.ID]pulid.ID
	Needs      []pulid.ID
	Programmes map[pulid.ID]pulid.ID
}

// profile makes communities differ, as real ones do: how often the safety
// assessment is late, where reports come from, what they are about.
type profile struct{ seed, lateEvery int }

func profileOf(cm pulid.ID) profile {
	h := fnv.New32a()
	h.Write([]byte(cm))
	seed := int(h.Sum32() % 997)
	return profile{seed: seed, lateEvery: 2 + seed%9}
}

// Fill writes casesPer cases in each community, in one transaction.
func Fill(ctx context.Context, db *sql.DB, communities []pulid.ID, casesPer int, set Setting) (Stats, error) {
	var st Stats
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return st, err
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	rules, err := procedure.RuleSetAt(clock.Now())
	if err != nil {
		return st, err
	}
	version := rules.Version
	w := newWriters()
	now := clock.Now()
	for _, cm := range communities {
		for i := range casesPer {
			if err := w.household(set, cm, i, now, version); err != nil {
				return st, err
			}
			st.Families++
			st.Persons += 5
			st.Cases++
		}
		if st.Cases%50000 < casesPer { // keep memory bounded on national-scale fills
			if err := w.flush(ctx, tx); err != nil {
				return st, err
			}
		}
	}
	if err := w.flush(ctx, tx); err != nil {
		return st, err
	}
	return st, tx.Commit()
}

// writers gather the rows of each table, then COPY them table by table
// (a connection runs one COPY at a time).
type writers struct {
	rows map[string][][]any
}

var tables = []struct {
	name string
	cols []string
}{
	{"voucher_programmes", []string{"id", "created_at", "updated_at", "name", "value_uah", "vouchers", "eligibility", "starts_on", "community_id"}},
	{"families", []string{"id", "created_at", "updated_at", "name", "address", "community_id"}},
	{"persons", []string{"id", "created_at", "updated_at", "kind", "last_name", "first_name", "birth_date", "sex", "community_id", "family_id"}},
	{"case_files", []string{"id", "created_at", "updated_at", "status", "opened_at", "closed_at", "closure_outcome", "rule_set_version",
		"safety_assessment_due", "community_id", "family_id", "manager_id"}},
	{"case_file_children", []string{"case_file_id", "person_id"}},
	{"reports", []string{"id", "created_at", "updated_at", "received_at", "source", "summary", "community_id", "family_id", "report_case", "categories", "status"}},
	{"safety_assessments", []string{"id", "created_at", "updated_at", "conducted_at", "result", "on_time", "case_id", "community_id"}},
	{"needs_assessments", []string{"id", "created_at", "updated_at", "kind", "conducted_at", "domains", "strengths", "conclusion",
		"act_number", "act_filed_at", "due", "on_time", "case_id", "community_id", "provider_id", "needed_service_ids"}},
	{"vouchers", []string{"id", "created_at", "updated_at", "number", "issued_at", "status", "redeemed_at", "community_id",
		"family_id", "provider_id", "programme_id"}},
}

func newWriters() *writers { return &writers{rows: map[string][][]any{}} }

func (w *writers) row(table string, vals ...any) error {
	w.rows[table] = append(w.rows[table], vals)
	return nil
}

// flush copies the gathered rows in the order of the foreign keys.
func (w *writers) flush(ctx context.Context, tx *sql.Tx) error {
	for _, t := range tables {
		stmt, err := tx.PrepareContext(ctx, pq.CopyIn(t.name, t.cols...))
		if err != nil {
			return fmt.Errorf("copy into %s: %w", t.name, err)
		}
		for _, r := range w.rows[t.name] {
			if _, err := stmt.ExecContext(ctx, r...); err != nil {
				return fmt.Errorf("copy into %s: %w", t.name, err)
			}
		}
		if _, err := stmt.ExecContext(ctx); err != nil {
			return fmt.Errorf("flush %s: %w", t.name, err)
		}
		if err := stmt.Close(); err != nil {
			return err
		}
	}
	w.rows = map[string][][]any{}
	return nil
}

// household writes one family (mother, father, grandmother and two
// children), its report and its case with a safety assessment, opened up
// to a year ago, and its needs assessment once the case is past it.
func (w *writers) household(set Setting, cm pulid.ID, i int, now time.Time, version string) error {
	pr, manager := profileOf(cm), set.Managers[cm]
	fam, mother, girl, boy := pulid.MustNew("FM"), pulid.MustNew("PS"), pulid.MustNew("PS"), pulid.MustNew("PS")
	father, grandmother := pulid.MustNew("PS"), pulid.MustNew("PS")
	cf, rep, sa := pulid.MustNew("CS"), pulid.MustNew("RP"), pulid.MustNew("SA")
	surname := surnames[i%len(surnames)]
	opened := now.Add(-time.Duration(i%365) * 24 * time.Hour).Add(-time.Duration(i%24) * time.Hour)
	var mgr, closed, outcome any
	if manager != "" {
		mgr = string(manager)
	}
	if statuses[i%len(statuses)] == "CLOSED" {
		at := opened.Add(time.Duration(30+i%150) * 24 * time.Hour)
		if at.After(now) {
			at = now
		}
		closed, outcome = at, outcomes[(i+pr.seed)%len(outcomes)]
	}
	rows := []struct {
		table string
		vals  []any
	}{
		{"families", []any{fam, now, now, surname, fmt.Sprintf("вул. Синтетична, %d", i+1), cm}},
		{"persons", []any{mother, now, now, "ADULT", surname, girls[(i+1)%len(girls)], now.AddDate(-30-i%15, 0, 0), "FEMALE", cm, fam}},
		{"persons", []any{father, now, now, "ADULT", surname, boys[(i+2)%len(boys)], now.AddDate(-32-i%15, 0, 0), "MALE", cm, fam}},
		{"persons", []any{grandmother, now, now, "ADULT", surname, girls[(i+3)%len(girls)], now.AddDate(-60-i%15, 0, 0), "FEMALE", cm, fam}},
		{"persons", []any{girl, now, now, "CHILD", surname, girls[i%len(girls)], now.AddDate(-3-i%14, 0, 0), "FEMALE", cm, fam}},
		{"persons", []any{boy, now, now, "CHILD", surname, boys[i%len(boys)], now.AddDate(-1-i%16, 0, 0), "MALE", cm, fam}},
		{"case_files", []any{cf, now, now, statuses[i%len(statuses)], opened, closed, outcome, version, opened.Add(24 * time.Hour), cm, fam, mgr}},
		{"case_file_children", []any{cf, girl}},
		{"case_file_children", []any{cf, boy}},
		{"reports", []any{rep, now, now, opened, sources[(i+pr.seed)%len(sources)], "синтетичне повідомлення", cm, fam, cf, cats[(i*7+pr.seed)%len(cats)],
			string(procedure.ReportStatusOf(procedure.State(statuses[i%len(statuses)])))}},
		{"safety_assessments", []any{sa, now, now, opened.Add(6 * time.Hour), results[i%len(results)], i%pr.lateEvery != 0, cf, cm}},
	}
	if provider := set.Providers[cm]; provider != "" && assessed[statuses[i%len(statuses)]] {
		at := opened.Add(72 * time.Hour)
		rows = append(rows, struct {
			table string
			vals  []any
		}{"needs_assessments", []any{pulid.MustNew("NA"), now, now, "INITIAL", at, "[]", "", "синтетичний висновок",
			fmt.Sprintf("С-%d", i+1), at, opened.Add(5 * 24 * time.Hour), i%(pr.lateEvery+1) != 0, cf, cm, provider, needs(set.Needs, i+pr.seed)}})
	}
	if vals := voucherRow(set, cm, fam, i, opened, now); vals != nil {
		rows = append(rows, struct {
			table string
			vals  []any
		}{"vouchers", vals})
	}
	for _, r := range rows {
		if err := w.row(r.table, r.vals...); err != nil {
			return fmt.Errorf("%s: %w", r.table, err)
		}
	}
	return nil
}

// needs is the JSON list of one or two of the services, chosen by n.
func needs(services []pulid.ID, n int) any {
	if len(services) == 0 {
		return nil
	}
	picked := []pulid.ID{services[n%len(services)]}
	if second := services[(n/3)%len(services)]; n%2 == 0 && second != picked[0] {
		picked = append(picked, second)
	}
	b, err := json.Marshal(picked)
	if err != nil {
		return nil
	}
	return string(b)
}

// voucherRow is the voucher of every fourth family where the community runs
// a programme, issued ten days after its case opened; every other one of
// those its provider has redeemed two weeks later.
func voucherRow(set Setting, cm, fam pulid.ID, i int, opened, now time.Time) []any {
	programme := set.Programmes[cm]
	if programme == "" || i%4 != 1 {
		return nil
	}
	at := earliest(opened.Add(10*24*time.Hour), now.Add(-time.Hour))
	status, redeemed, provider := "ISSUED", any(nil), any(nil)
	if p := set.Providers[cm]; p != "" && i%8 == 1 {
		status, redeemed, provider = "REDEEMED", earliest(at.Add(14*24*time.Hour), now), string(p)
	}
	return []any{pulid.MustNew("VC"), now, now, fmt.Sprintf("%04d", i+1), at, status, redeemed, cm, fam, provider, programme}
}

func earliest(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// Programmes opens a voucher programme in each community, running since
// the start of last year with room for budget vouchers, and returns them
// by community, for Setting.Programmes.
func Programmes(ctx context.Context, db *sql.DB, communities []pulid.ID, budget int) (map[pulid.ID]pulid.ID, error) {
	w, now := newWriters(), clock.Now()
	out := make(map[pulid.ID]pulid.ID, len(communities))
	start := time.Date(now.Year()-1, time.January, 1, 0, 0, 0, 0, time.UTC)
	for _, cm := range communities {
		id := pulid.MustNew("VP")
		out[cm] = id
		w.rows["voucher_programmes"] = append(w.rows["voucher_programmes"], []any{id, now, now, "Синтетичний сертифікат",
			4800, budget, "Сім'ї у складних життєвих обставинах", start, cm})
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	if err := w.flush(ctx, tx); err != nil {
		return nil, err
	}
	return out, tx.Commit()
}
