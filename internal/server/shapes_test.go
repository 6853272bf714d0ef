package server_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"entgo.io/ent/dialect"

	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/server"
	"github.com/turbota/turbota/internal/synthetic"
	"github.com/turbota/turbota/tenant"
)

// The shapes the side-by-side benchmark measures (see sidebyside_test.go),
// besides caseListQuery: one case by its ID, and the case with its family,
// the family's members and each member's reports (three levels deep).
const (
	caseByIDQuery = `query($id: ID!) { node(id: $id) { ... on Case { id status openedAt closedAt safetyAssessmentDue } } }`

	caseDeepQuery = `query($id: ID!) { node(id: $id) { ... on Case { id status openedAt
	family { name address members(first: 10) { totalCount edges { node { firstName lastName birthDate
		reports(first: 5) { edges { node { source receivedAt } } } } } } }
	children { firstName lastName birthDate } safetyAssessments { result conductedAt } manager { displayName } } } }`

	// fixedQuery touches no record: what it costs is the request path's own
	// part (transaction, role, settings, session and viewer), which the
	// shapes' counts leave out.
	fixedQuery = `query { __typename }`
)

// statementLog records the SQL statements an ent driver is asked to run
// (BEGIN and COMMIT included), to count them per request.
type statementLog struct {
	mu    sync.Mutex
	lines []string
}

func (l *statementLog) wrap(d dialect.Driver) dialect.Driver {
	return dialect.DebugWithContext(d, func(_ context.Context, v ...any) {
		l.mu.Lock()
		defer l.mu.Unlock()
		l.lines = append(l.lines, fmt.Sprint(v...))
	})
}

func (l *statementLog) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = nil
}

func (l *statementLog) take() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := l.lines
	l.lines = nil
	return out
}

// shapeCost is what one request of a shape costs beyond the request path's
// fixed part: its queries, and the INSERTs of its access log.
type shapeCost struct{ queries, logWrites int }

func (c shapeCost) String() string {
	return fmt.Sprintf("%d (%d queries, %d access-log INSERTs)", c.queries+c.logWrites, c.queries, c.logWrites)
}

// shapeStatements is each shape's cost.
type shapeStatements struct {
	fixed                             int
	byID, list10, list50, deep, tasks shapeCost
}

// countShapes runs each shape twice (the first warms the session) and
// counts the second run's statements.
func countShapes(t *testing.T, e *env, log *statementLog, token string, caseID pulid.ID) shapeStatements {
	t.Helper()
	run := func(name, query string, vars map[string]any) []string {
		e.do(token, query, vars)
		log.reset()
		if r := e.do(token, query, vars); len(r.Errors) > 0 {
			t.Fatalf("%s: %v", name, r.Errors)
		}
		lines := log.take()
		t.Logf("%s: %d statements\n\t%s", name, len(lines), strings.Join(short(lines), "\n\t"))
		return lines
	}
	var s shapeStatements
	s.fixed = len(run("fixed part", fixedQuery, nil))
	cost := func(name, query string, vars map[string]any) shapeCost {
		lines := run(name, query, vars)
		c := shapeCost{queries: len(lines) - s.fixed}
		for _, l := range lines {
			if strings.Contains(l, "SELECT turbota_log_") { // turbota_log_reads or turbota_log_known_reads
				c.logWrites++
				c.queries--
			}
		}
		return c
	}
	s.byID = cost("case by id", caseByIDQuery, map[string]any{"id": caseID})
	s.list10 = cost("case list of 10", caseListQuery, map[string]any{"n": 10})
	s.list50 = cost("case list of 50", caseListQuery, map[string]any{"n": 50})
	s.deep = cost("case detail", caseDeepQuery, map[string]any{"id": caseID})
	s.tasks = cost("open tasks", tasksQuery, nil)
	return s
}

// The task list of the community's open cases (the home page, «Мої завдання»).
const tasksQuery = `{ tasks { kind text due status case { id } } }`

// short trims logged statements to their first line's start, for reading.
func short(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		l, _, _ = strings.Cut(l, " args=")
		if len(l) > 160 {
			l = l[:160] + "…"
		}
		out[i] = l
	}
	return out
}

// TestStatementsPerShape counts the SQL statements of the benchmark's
// shapes beyond the request path's fixed part: a list of 50 costs what a
// list of 10 does, each level of a selection is one query (the case; its
// family, manager, children and assessments; the family's members, their
// count and their reports), and the access log is written once per query
// at most (once per operation where the server collects it: audit.Collect).
func TestStatementsPerShape(t *testing.T) {
	log := &statementLog{}
	e := newEnvWith(t, server.Config{}, log.wrap)
	ctx := tenant.SystemContext(context.Background())
	if _, err := synthetic.Fill(ctx, e.db, []pulid.ID{fx[own].Community}, 60, synthetic.Setting{}); err != nil {
		t.Fatal(err)
	}
	var caseID pulid.ID
	if err := e.db.QueryRow(`SELECT id FROM case_files WHERE community_id = $1 ORDER BY opened_at DESC LIMIT 1`, fx[own].Community).Scan(&caseID); err != nil {
		t.Fatal(err)
	}
	token := e.login(demo.VinnytsiaChildrenServiceEmail)
	s := countShapes(t, e, log, token, caseID)
	t.Logf("beyond the fixed part (%d): case by id %v, list of 10 %v, list of 50 %v, detail %v", s.fixed, s.byID, s.list10, s.list50, s.deep)
	if s.list50 != s.list10 {
		t.Errorf("case list: %v for 10 rows, %v for 50", s.list10, s.list50)
	}
	for _, c := range []struct {
		name          string
		cost          shapeCost
		queries, read int // queries allowed; queries that read personal data (each may log)
	}{{"case by id", s.byID, 1, 1}, {"case list", s.list50, 5, 3}, {"case detail", s.deep, 7, 4},
		// Every open case of the community with its plans, their reviews
		// and approvals, and its visits: not a query per case.
		{"open tasks", s.tasks, 10, 8}} {
		if c.cost.queries > c.queries || c.cost.logWrites > c.read {
			t.Errorf("%s: %v, budget %d queries and at most %d access-log INSERTs", c.name, c.cost, c.queries, c.read)
		}
	}
}
