package clock_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/turbota/turbota/internal/platform/sourcetree"
)

// wallClockAllowed are the product files that may read the wall clock
// because what they read is not "the date": each use is named with why.
var wallClockAllowed = map[string]string{
	"internal/server/middleware.go":          "time.Since of a request's start: the duration logged per request",
	"internal/server/graphql.go":             "time.Since of a resolver's start: the duration in the metrics",
	"internal/platform/embeddedpg/initdb.go": "how long initdb took, for the start-up log",
	"internal/platform/embeddedpg/server.go": "the deadline for PostgreSQL to accept connections at start",
	"internal/platform/testdb/sweep.go":      "ages of leftover directories, compared with file times the OS wrote by the wall clock",
	"internal/platform/testmail/testmail.go": "deadlines for Mailpit to start and for mail to arrive, waits of the harness in real time",
	"internal/server/health.go":              "how long ago readiness last looked for pending migrations",
	"cmd/turbota/database.go":                "how long serve has waited for the database at start",
	"internal/platform/ratelimit/hold.go":    "how long a refused request was held, in process time",
	"internal/platform/ratelimit/limiter.go": "token buckets refill with elapsed process time",
	"internal/platform/clock/clock.go":       "the clock itself",
	"internal/platform/clock/env.go":         "the wall clock's reading that TURBOTA_TEST_CLOCK is counted from",
	"internal/audit/verify.go":               "how long the walk of the log took, for verify's summary",
}

// wallClockAllowedInTests are the tests that may read the wall clock: each
// times or waits for something real, never compares with a date.
var wallClockAllowedInTests = map[string]string{
	"authz/authz_test.go":                             "a deadline for a policy reload to reach another process, waited in real time",
	"internal/platform/clock/clock_test.go":           "TURBOTA_TEST_CLOCK is counted from the wall clock: the test checks that",
	"internal/platform/embeddedpg/embeddedpg_test.go": "a deadline for PostgreSQL to stop, waited in real time",
	"internal/auth/secret/totp_test.go":               "a code for the wall clock's 30-second step, as an authenticator app makes it",
	"internal/reference/territory/territory_test.go":  "how long the territory load took, logged",
}

// TestTestsTakeTheTimeFromTheClock is the same guard over the tests: a
// test that reads the wall clock against the product's clock fails on
// another day or with TURBOTA_TEST_CLOCK set (a supervision test did).
func TestTestsTakeTheTimeFromTheClock(t *testing.T) {
	fset := token.NewFileSet()
	sourcetree.Walk(t, func(f sourcetree.File) {
		if !f.Test || f.Generated || strings.HasPrefix(f.Rel, "cmd/faults/") || f.Rel == "internal/platform/clock/guard_test.go" {
			return
		}
		file, err := parser.ParseFile(fset, f.Path, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, pos := range wallClockReads(file) {
			if _, ok := wallClockAllowedInTests[f.Rel]; !ok {
				t.Errorf("%s:%d reads the wall clock; take the time from clock.Now() (or list the file in wallClockAllowedInTests, saying why it is not the date)",
					f.Rel, fset.Position(pos).Line)
			}
		}
	})
}

// TestProductCodeTakesTheTimeFromTheClock fails when written product code
// (everything but tests and ent's generated code; ent/schema included)
// reads the wall clock with time.Now, time.Since or time.Until outside the
// allowed places: such code would disagree with a test run on another day.
func TestProductCodeTakesTheTimeFromTheClock(t *testing.T) {
	fset := token.NewFileSet()
	sourcetree.Walk(t, func(f sourcetree.File) {
		// faults/ is a test harness that times real servers, not product code.
		if f.Test || f.Generated || strings.HasPrefix(f.Rel, "cmd/faults/") {
			return
		}
		file, err := parser.ParseFile(fset, f.Path, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, pos := range wallClockReads(file) {
			if _, ok := wallClockAllowed[f.Rel]; !ok {
				t.Errorf("%s:%d reads the wall clock; take the time from clock.Now() (or list the file here, saying why it is not the date)",
					f.Rel, fset.Position(pos).Line)
			}
		}
	})
}

// wallClockReads are the positions of time.Now, time.Since and time.Until,
// called or passed as a function value, under whatever name time is imported.
func wallClockReads(f *ast.File) []token.Pos {
	names := map[string]bool{}
	for _, imp := range f.Imports {
		if p, _ := strconv.Unquote(imp.Path.Value); p == "time" {
			name := "time"
			if imp.Name != nil {
				name = imp.Name.Name
			}
			names[name] = true
		}
	}
	if len(names) == 0 {
		return nil
	}
	var out []token.Pos
	ast.Inspect(f, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if x, ok := sel.X.(*ast.Ident); ok && names[x.Name] && slices.Contains([]string{"Now", "Since", "Until"}, sel.Sel.Name) {
			out = append(out, sel.Pos())
		}
		return true
	})
	return out
}

// TestGuardFindsWallClockReads keeps the guard honest: it must see calls,
// a function value and a renamed import, and nothing else of package time.
func TestGuardFindsWallClockReads(t *testing.T) {
	src := `package p
import (
	"time"
	t2 "time"
)
var now = time.Now
func f() time.Duration { _ = t2.Until(time.Time{}); return time.Since(t2.Now()) }
func g() time.Time { return time.Time{}.Add(time.Second) }
`
	f, err := parser.ParseFile(token.NewFileSet(), "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(wallClockReads(f)); got != 4 {
		t.Fatalf("the guard found %d wall-clock reads, want 4", got)
	}
}
