package server_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"github.com/turbota/turbota/ent/casefile"
	"github.com/turbota/turbota/ent/community"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/server"
	"github.com/turbota/turbota/internal/synthetic"
	"github.com/turbota/turbota/tenant"
)

// The case list of the web app's register: a page of cases with family,
// children, safety assessment and case manager.
const caseListQuery = `query($n: Int!) { cases(first: $n, orderBy: {direction: DESC, field: OPENED_AT}) { edges { node {
	id status openedAt family { name } children { firstName lastName birthDate }
	safetyAssessments { result conductedAt } manager { displayName } } } } }`

// The case page's first paint.
const caseDetailQuery = `query($id: ID!) { node(id: $id) { ... on Case { id status openedAt safetyAssessmentDue allowedTransitions
	family { name address members { totalCount } } children { firstName lastName birthDate }
	reports { edges { node { source categories receivedAt } } } safetyAssessments { result conductedAt }
	needsAssessments { conclusion } decisions { kind number } plans { version } referrals { status }
	manager { displayName } events(first: 50) { totalCount edges { node { kind at } } } } } }`

// The same list read by one hand-written query, without the API.
const caseListSQL = `SELECT c.id, c.status, c.opened_at, f.name,
	(SELECT json_agg(json_build_object('first', p.first_name, 'last', p.last_name, 'born', p.birth_date))
	   FROM case_file_children cc JOIN persons p ON p.id = cc.person_id WHERE cc.case_file_id = c.id),
	(SELECT json_agg(json_build_object('result', s.result, 'at', s.conducted_at)) FROM safety_assessments s WHERE s.case_id = c.id),
	u.display_name
FROM case_files c LEFT JOIN families f ON f.id = c.family_id LEFT JOIN users u ON u.id = c.manager_id
WHERE c.community_id = $1 ORDER BY c.opened_at DESC LIMIT 50`

// TestListsStatementsDoNotGrowWithThePage counts the SQL statements of a
// request: a page of 40 must cost what a page of 4 does (no N+1), for the
// case register and for referrals with their cases; the deadlines of the
// home page cost fewer statements than they have rows.
func TestListsStatementsDoNotGrowWithThePage(t *testing.T) {
	var n atomic.Int64
	e := newEnvWith(t, server.Config{}, func(d dialect.Driver) dialect.Driver {
		return dialect.DebugWithContext(d, func(context.Context, ...any) { n.Add(1) })
	})
	ctx := tenant.SystemContext(context.Background())
	if _, err := synthetic.Fill(ctx, e.db, []pulid.ID{fx[own].Community}, 40, synthetic.Setting{}); err != nil {
		t.Fatal(err)
	}
	referEveryCase(t, e)
	ssd := e.login(demo.VinnytsiaChildrenServiceEmail)
	count := func(query string, vars map[string]any) (int64, *gqlResponse) {
		e.do(ssd, query, vars) // warm: the session's first use is recorded
		n.Store(0)
		r := e.do(ssd, query, vars)
		if len(r.Errors) > 0 {
			t.Fatal(r.Errors)
		}
		return n.Load(), r
	}
	for name, query := range map[string]string{"case list": caseListQuery, "referrals": referralListQuery} {
		small, _ := count(query, map[string]any{"n": 4, "c": fx[own].Community})
		large, _ := count(query, map[string]any{"n": 40, "c": fx[own].Community})
		if large != small {
			t.Errorf("%s: %d statements for 4 rows, %d for 40", name, small, large)
		}
		t.Logf("%s: %d statements per page", name, large)
	}
	// A case's clock is read once however many of its fields need it.
	one, _ := count(`query($id: ID!) { node(id: $id) { ... on Case { allowedTransitions } } }`, map[string]any{"id": fx[own].Case})
	all, _ := count(`query($id: ID!) { node(id: $id) { ... on Case { allowedTransitions crisis accompanimentEndsAt deadlines { kind } } } }`,
		map[string]any{"id": fx[own].Case})
	if all > one+2 { // deadlines may read the community's calendar
		t.Errorf("a case's clock fields: %d statements for one, %d for four", one, all)
	}
	stmts, r := count(deadlinesQuery, map[string]any{"c": fx[own].Community})
	rows, _ := r.Data["deadlines"].([]any)
	if len(rows) < 20 || stmts >= int64(len(rows)) {
		t.Errorf("deadlines: %d statements for %d rows", stmts, len(rows))
	}
}

// referralListQuery is the referrals register with each referral's case.
const referralListQuery = `query($n: Int!, $c: ID!) { referrals(first: $n, where: {communityID: $c}) { edges { node {
	id status fromOrganization { name } case { id status } } } } }`

// deadlinesQuery is the home page's list of what falls due.
const deadlinesQuery = `query($c: ID!) { deadlines(communityID: $c) { kind due case { id family { name } children { lastName } } } }`

// referEveryCase sends a referral for each case of the community.
func referEveryCase(t *testing.T, e *env) {
	ctx := tenant.SystemContext(context.Background())
	cfs, err := e.client.CaseFile.Query().Where(casefile.CommunityID(fx[own].Community)).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, cf := range cfs {
		if err := e.client.Referral.Create().SetCommunityID(cf.CommunityID).SetCaseID(cf.ID).
			SetFromOrganizationID(fx[own].Organization).SetToOrganizationID(fx[own].Organization).
			SetReason("Synthetic referral").SetSentAt(cf.OpenedAt).Exec(ctx); err != nil {
			t.Fatal(err)
		}
	}
}

// BenchmarkCaseList fills communities with synthetic cases (BENCH_COMMUNITIES
// × BENCH_CASES, default 100 × 100) and measures the case list of one
// community over HTTP against the same rows read by one SQL query.
func BenchmarkCaseList(b *testing.B) {
	e, token := benchEnv(b)
	vars := map[string]any{"n": 50}
	benchHTTP(b, e, token, caseListQuery, vars, func() {
		rows, err := e.db.Query(caseListSQL, fx[own].Community)
		if err != nil {
			b.Fatal(err)
		}
		for rows.Next() {
		}
		rows.Close()
	})
}

// BenchmarkCaseDetail measures the case page's query of one synthetic case.
func BenchmarkCaseDetail(b *testing.B) {
	e, token := benchEnv(b)
	var id string
	if err := e.db.QueryRow(`SELECT id FROM case_files WHERE community_id = $1 ORDER BY opened_at DESC LIMIT 1`, fx[own].Community).Scan(&id); err != nil {
		b.Fatal(err)
	}
	benchHTTP(b, e, token, caseDetailQuery, map[string]any{"id": id}, func() {
		var out []byte
		if err := e.db.QueryRow(`SELECT json_build_object('case', c, 'family', f,
			'children', (SELECT json_agg(p) FROM case_file_children cc JOIN persons p ON p.id = cc.person_id WHERE cc.case_file_id = c.id),
			'reports', (SELECT json_agg(r) FROM reports r WHERE r.report_case = c.id),
			'safety', (SELECT json_agg(s) FROM safety_assessments s WHERE s.case_id = c.id),
			'events', (SELECT json_agg(ev) FROM (SELECT * FROM case_events WHERE case_id = c.id ORDER BY at LIMIT 50) ev))
			FROM case_files c LEFT JOIN families f ON f.id = c.family_id WHERE c.id = $1`, id).Scan(&out); err != nil {
			b.Fatal(err)
		}
	})
}

func benchEnv(b testing.TB) (*env, string) {
	e := newEnv(b, server.Config{})
	ctx := tenant.SystemContext(context.Background())
	communities, err := e.client.Community.Query().Order(community.ByKatottgCode()).Limit(envInt("BENCH_COMMUNITIES", 100)).IDs(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if !slices.Contains(communities, fx[own].Community) {
		communities = append(communities[:len(communities)-1], fx[own].Community)
	}
	start := clock.Now()
	st, err := synthetic.Fill(ctx, e.db, communities, envInt("BENCH_CASES", 100), synthetic.Setting{})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := e.db.Exec(`ANALYZE`); err != nil {
		b.Fatal(err)
	}
	b.Logf("synthetic data: %d communities, %d cases, %d persons in %s", len(communities), st.Cases, st.Persons, clock.Since(start).Round(time.Millisecond))
	return e, e.login(demo.VinnytsiaChildrenServiceEmail)
}

// benchHTTP times the operation over HTTP and the SQL baseline, and
// reports p50, p99, throughput (4 clients at once) and the ratio.
func benchHTTP(b *testing.B, e *env, token, query string, vars map[string]any, baseline func()) {
	var lat []time.Duration
	for b.Loop() {
		t0 := clock.Now()
		if r := e.do(token, query, vars); len(r.Errors) > 0 {
			b.Fatal(r.Errors)
		}
		lat = append(lat, clock.Since(t0))
	}
	b.StopTimer()
	api50, api99 := percentiles(lat)
	throughput := parallelRate(func() { e.do(token, query, vars) }, 4, 2*time.Second)
	var sqlLat []time.Duration
	for range 200 {
		t0 := clock.Now()
		baseline()
		sqlLat = append(sqlLat, clock.Since(t0))
	}
	sql50, sql99 := percentiles(sqlLat)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(api50), "p50-ms")
	b.ReportMetric(ms(api99), "p99-ms")
	b.ReportMetric(throughput, "req/s")
	b.ReportMetric(ms(sql50), "sql-p50-ms")
	b.ReportMetric(float64(api50)/float64(sql50), "api/sql")
	fmt.Fprintf(os.Stderr, "%s: API p50 %.2f ms, p99 %.2f ms, %.0f req/s (4 clients); one SQL query p50 %.2f ms, p99 %.2f ms; ratio %.1f×\n",
		b.Name(), ms(api50), ms(api99), throughput, ms(sql50), ms(sql99), float64(api50)/float64(sql50))
}

func percentiles(d []time.Duration) (p50, p99 time.Duration) {
	if len(d) == 0 {
		return 0, 0
	}
	slices.Sort(d)
	return d[len(d)*50/100], d[min(len(d)-1, len(d)*99/100)]
}

// parallelRate runs f from n goroutines for the duration and returns calls per second.
func parallelRate(f func(), n int, d time.Duration) float64 {
	var calls atomic.Int64
	deadline := clock.Now().Add(d)
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			for clock.Now().Before(deadline) {
				f()
				calls.Add(1)
			}
		})
	}
	wg.Wait()
	return float64(calls.Load()) / d.Seconds()
}

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}
