package server_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"entgo.io/ent/dialect"

	"github.com/turbota/turbota/demo"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/server"
	"github.com/turbota/turbota/synthetic"
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

// shapeStatements is how many statements each shape costs beyond the
// request path's fixed part.
type shapeStatements struct {
	fixed, byID, list10, list50, deep int
}

// countShapes runs each shape twice (the first warms the session) and
// counts the second run's statements.
func countShapes(t *testing.T, e *env, log *statementLog, token string, caseID pulid.ID) shapeStatements {
	t.Helper()
	count := func(name, query string, vars map[string]any) int {
		e.do(token, query, vars)
		log.reset()
		if r := e.do(token, query, vars); len(r.Errors) > 0 {
			t.Fatalf("%s: %v", name, r.Errors)
		}
		lines := log.take()
		t.Logf("%s: %d statements\n\t%s", name, len(lines), strings.Join(short(lines), "\n\t"))
		return len(lines)
	}
	var s shapeStatements
	s.fixed = count("fixed part", fixedQuery, nil)
	s.byID = count("case by id", caseByIDQuery, map[string]any{"id": caseID}) - s.fixed
	s.list10 = count("case list of 10", caseListQuery, map[string]any{"n": 10}) - s.fixed
	s.list50 = count("case list of 50", caseListQuery, map[string]any{"n": 50}) - s.fixed
	s.deep = count("case detail", caseDeepQuery, map[string]any{"id": caseID}) - s.fixed
	return s
}

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
// list of 10 does, and each shape stays within its budget (one query per
// level of the selection, plus the access log written once).
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
	t.Logf("beyond the fixed part (%d): case by id %d, list of 10 %d, list of 50 %d, detail %d", s.fixed, s.byID, s.list10, s.list50, s.deep)
	if s.list50 != s.list10 {
		t.Errorf("case list: %d statements for 10 rows, %d for 50", s.list10, s.list50)
	}
}
