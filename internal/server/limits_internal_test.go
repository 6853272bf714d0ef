package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/complexity"
	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/executor"
	"github.com/rs/zerolog"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/turbota/turbota/graph"
	"github.com/turbota/turbota/graph/generated"
)

// These tests need no database: they run the executor's checks of an
// operation (parse, validation, text, limits) without executing it.

var testSchema = generated.NewExecutableSchema(generated.Config{Resolvers: &graph.Resolver{}})

// checked runs an operation through the checks the API runs before
// executing it, and returns the first error's reason and field.
func checked(t testing.TB, limits Limits, query string, vars map[string]any) (reason, field string) {
	t.Helper()
	exec := executor.New(testSchema)
	exec.SetParserTokenLimit(parserTokenLimit)
	exec.Use(newDocumentLimits(limits))
	exec.Use(inputCheck{})
	exec.Use(newOperationLimits(testSchema, limits))
	_, errs := exec.CreateOperationContext(graphql.StartOperationTrace(context.Background()), &graphql.RawParams{Query: query, Variables: vars})
	if len(errs) == 0 {
		return "", ""
	}
	reason, _ = errs[0].Extensions["code"].(string)
	field, _ = errs[0].Extensions["field"].(string)
	if reason == "" {
		reason = errs[0].Message
	}
	return reason, field
}

func bomb(n int) string {
	var b strings.Builder
	b.WriteString("query { ...F0 }\n")
	for i := range n {
		fmt.Fprintf(&b, "fragment F%d on Query { ...F%d ...F%d }\n", i, i+1, i+1)
	}
	fmt.Fprintf(&b, "fragment F%d on Query { viewer { user { id } } }\n", n)
	return b.String()
}

// repeated is a document of n copies of one field, under one name.
func repeated(n int) string {
	return "{ " + strings.Repeat("viewer { user { id } } ", n) + "}"
}

// cube nests n copies of a field in n copies in n copies: n^3 fields
// answering at one place once merged.
func cube(n int) string {
	return "{ " + strings.Repeat("viewer { "+strings.Repeat("user { "+strings.Repeat("id ", n)+"} ", n)+"} ", n) + "}"
}

// conflicting is n copies of one field with different arguments: every
// pair is a conflict the validator reports.
func conflicting(n int) string {
	var b strings.Builder
	b.WriteString("{ ")
	for i := range n {
		fmt.Fprintf(&b, "families(first: %d) { totalCount } ", i%500)
	}
	return b.String() + "}"
}

// manyFragments defines n fragments, each spread once.
func manyFragments(n int) string {
	var b strings.Builder
	b.WriteString("{ viewer { ")
	for i := range n {
		fmt.Fprintf(&b, "...F%d ", i)
	}
	b.WriteString("} }\n")
	for i := range n {
		fmt.Fprintf(&b, "fragment F%d on Viewer { t%d: totpEnrollmentRequired }\n", i, i)
	}
	return b.String()
}

// The documents the validator took seconds to a minute over are refused
// before it sees them.
func TestDocumentLimits(t *testing.T) {
	for _, tc := range []struct {
		name, query string
		refused     bool
	}{
		{"2,100 copies of a field", repeated(2100), true},
		{"ten copies of a field", repeated(10), false},
		{"eleven copies of a field", repeated(11), true},
		{"copies through fragments", "{ ...A ...B }\nfragment A on Query { " + strings.Repeat("viewer { id: __typename } ", 6) + "}\nfragment B on Query { " + strings.Repeat("viewer { id: __typename } ", 5) + "}", true},
		{"10 by 10 by 10 merged", cube(10), true},
		{"2 by 2 by 2 merged", cube(2), false},
		{"1,600 conflicting copies", conflicting(1600), true},
		{"50 fragments", manyFragments(50), false},
		{"51 fragments", manyFragments(51), true},
		{"1,500 operations", strings.Repeat("query { ...F } ", 1) + func() string {
			var b strings.Builder
			for i := range 1500 {
				fmt.Fprintf(&b, "query Q%d { ...F } ", i)
			}
			return b.String()
		}() + "fragment F on Query { viewer { user { id } } }", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			limits := DefaultLimits()
			limits.MaxAliases = 100 // the fragments' fields are aliased
			reason, _ := checked(t, limits, tc.query, nil)
			if refused := reason == "LIMIT_EXCEEDED"; refused != tc.refused {
				t.Errorf("refused %v (%q), want %v", refused, reason, tc.refused)
			}
		})
	}
}

func TestOperationLimits(t *testing.T) {
	l := Limits{MaxDepth: 6, MaxAliases: 2, MaxComplexity: 60, MaxPage: 50, MaxFields: 50}
	cases := []struct {
		name, query   string
		vars          map[string]any
		reason, field string
	}{
		{"fine", `{ viewer { user { id } } families(first: 10) { totalCount } }`, nil, "", ""},
		{"fragment bomb of 64", bomb(64), nil, "LIMIT_EXCEEDED", ""},
		{"small fragment bomb", bomb(3), nil, "", ""},
		{"fragment bomb past the fields", bomb(6), nil, "LIMIT_EXCEEDED", ""},
		{"too deep", `{ families { edges { node { members { edges { node { id } } } } } } }`, nil, "LIMIT_EXCEEDED", ""},
		{"too deep through fragments", "{ families { ...A } }\nfragment A on FamilyConnection { edges { node { ...B } } }\nfragment B on Family { members { edges { node { id } } } }", nil, "LIMIT_EXCEEDED", ""},
		{"aliases expanded", "{ ...A ...B }\nfragment A on Query { a: viewer { user { id } } }\nfragment B on Query { ...A b: viewer { user { id } } }", nil, "LIMIT_EXCEEDED", ""},
		{"two logins through a fragment", "mutation { ...L login(input: {email: \"a@b.ua\", password: \"x\"}) { token } }\nfragment L on Mutation { login(input: {email: \"a@b.ua\", password: \"x\"}) { token } }", nil, "LIMIT_EXCEEDED", ""},
		{"two logins by aliases", `mutation { a: login(input: {email: "a@b.ua", password: "x"}) { token } b: login(input: {email: "a@b.ua", password: "x"}) { token } }`, nil, "LIMIT_EXCEEDED", ""},
		{"first and last", `{ notifications(first: 1, last: 1) { totalCount } }`, nil, "INVALID_PAGINATION", "last"},
		{"first and last nested", `{ families { edges { node { members(first: 1, last: 2) { totalCount } } } } }`, nil, "INVALID_PAGINATION", "last"},
		{"first and last in variables", `query($f: Int, $l: Int) { cases(first: $f, last: $l) { totalCount } }`,
			map[string]any{"f": json.Number("1"), "l": json.Number("1")}, "INVALID_PAGINATION", "last"},
		{"null last is no last", `query($l: Int) { cases(first: 1, last: $l) { totalCount } }`, map[string]any{"l": nil}, "", ""},
		{"negative first", `{ families(first: -1) { totalCount } }`, nil, "INVALID_PAGINATION", "first"},
		{"first over the page", `{ families(first: 51) { totalCount } }`, nil, "INVALID_PAGINATION", "first"},
		{"default over the page", `{ deidentifiedCases(communityID: "x") { status } }`, nil, "INVALID_PAGINATION", "first"},
		{"last over the page in a fragment", "{ ...A }\nfragment A on Query { families(last: 1000) { totalCount } }", nil, "INVALID_PAGINATION", "last"},
		{"NUL in a literal", `{ families(where: {nameContains: "\u0000"}) { totalCount } }`, nil, "INVALID_TEXT", "families.where.nameContains"},
		{"NUL in a fragment's literal", "{ ...A }\nfragment A on Query { f: families(where: {or: [{nameContains: \"a\"}, {nameContains: \"\\u0000\"}]}) { totalCount } }",
			nil, "INVALID_TEXT", "A.f.where.or.1.nameContains"},
		{"NUL in a default", `query($s: String = "a\u0000") { families(where: {nameContains: $s}) { totalCount } }`, nil, "INVALID_TEXT", "variables.s"},
		{"NUL in a directive", `{ viewer @include(if: true) { user { id } } families(where: {nameContains: "x"}) @skip(if: false) { totalCount } searchPersons(communityID: "x\u0000", text: "y") { id } }`,
			nil, "INVALID_TEXT", "searchPersons.communityID"},
		{"NUL deep in variables", `query($w: FamilyWhereInput) { families(where: $w) { totalCount } }`,
			map[string]any{"w": map[string]any{"and": []any{map[string]any{"nameContains": "a"}, map[string]any{"not": map[string]any{"nameContains": "b\x00"}}}}},
			"INVALID_TEXT", "variables.w.and.1.not.nameContains"},
		{"bad UTF-8 in variables", `query($s: String) { families(where: {nameContains: $s}) { totalCount } }`, map[string]any{"s": "\xff"}, "INVALID_TEXT", "variables.s"},
		{"bad UTF-8 in an upload's name", `mutation($f: Upload!) { uploadDocument(input: {caseID: "x", kind: SCAN, title: "T", file: $f}) { id } }`,
			map[string]any{"f": graphql.Upload{Filename: "\xffa.png", File: strings.NewReader("")}}, "INVALID_TEXT", "variables.f"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			reason, field := checked(t, l, tc.query, tc.vars)
			if reason != tc.reason || field != tc.field {
				t.Errorf("got %q %q, want %q %q", reason, field, tc.reason, tc.field)
			}
		})
	}
}

// The memoised count agrees with gqlgen's own complexity calculation
// wherever that one finishes.
func TestComplexityAgreesWithGqlgen(t *testing.T) {
	for _, q := range []string{
		`{ viewer { user { id email } memberships { role } } }`,
		`{ families(first: 5) { totalCount edges { node { id name members { edges { node { id firstName } } } } } } }`,
		`query($id: ID!) { node(id: $id) { id ... on Family { name } ... on Person { firstName family { name } } } }`,
		bomb(8),
		"{ ...A ...A families { ...B } }\nfragment A on Query { viewer { user { id } } }\nfragment B on FamilyConnection { totalCount edges { node { ...C } } }\nfragment C on Family { id name }",
	} {
		exec := executor.New(testSchema)
		rc, errs := exec.CreateOperationContext(graphql.StartOperationTrace(context.Background()), &graphql.RawParams{Query: q, Variables: map[string]any{"id": "x"}})
		if len(errs) > 0 {
			t.Fatalf("%s: %v", q, errs)
		}
		want := complexity.Calculate(context.Background(), testSchema, rc.Operation, rc.Variables)
		m := &meter{ctx: context.Background(), es: testSchema, schema: testSchema.Schema(), doc: rc.Doc, vars: rc.Variables, maxPage: 500, frags: map[string]cost{}}
		if got := m.set(rc.Operation.SelectionSet).complexity; got != want {
			t.Errorf("complexity %d, gqlgen says %d: %s", got, want, q)
		}
	}
}

// A cycle the validator did not stop (the limits never rely on it) is
// refused, not followed.
func TestFragmentCycleIsRefused(t *testing.T) {
	doc, err := parser.ParseQuery(&ast.Source{Input: "query { ...A }\nfragment A on Query { ...B }\nfragment B on Query { viewer { id } ...A }"})
	if err != nil {
		t.Fatal(err)
	}
	m := &meter{ctx: context.Background(), es: testSchema, schema: testSchema.Schema(), doc: doc, frags: map[string]cost{}}
	m.set(doc.Operations[0].SelectionSet)
	if m.err == nil || !strings.Contains(m.err.Message, "spreads itself") {
		t.Errorf("cycle: %v", m.err)
	}
}

// The counts saturate: 2^64 fields do not wrap round to a small number.
func TestCountsSaturate(t *testing.T) {
	reason, _ := checked(t, Limits{MaxDepth: 100, MaxAliases: 100, MaxComplexity: maxInt, MaxPage: 100, MaxFields: maxInt - 1}, bomb(70), nil)
	if reason != "LIMIT_EXCEEDED" {
		t.Errorf("a bomb of 70: %q", reason)
	}
}

// A resolver's own GraphQL error (entgql's paging check) is presented as
// BAD_USER_INPUT and is not wrapped in itself: errors.Is on a cycle never
// returns, and each such request burnt a core for ever.
func TestResolverGraphQLErrorIsNotWrappedInItself(t *testing.T) {
	own := &gqlerror.Error{Message: "Passing both `first` and `last` to paginate a connection is not supported."}
	g := presentError(context.Background(), &resolverError{own})
	seen := map[error]bool{}
	for err := error(g); err != nil; err = errors.Unwrap(err) {
		if seen[err] {
			t.Fatalf("the error chain comes round to %v", err)
		}
		seen[err] = true
	}
	if g.Extensions["code"] != CodeBadUserInput {
		t.Errorf("code %v", g.Extensions["code"])
	}
}

// A panic in a handler is answered as JSON with the code INTERNAL.
func TestPanicAnswersCodedJSON(t *testing.T) {
	s := &Server{cfg: Config{MaxBodyBytes: 1 << 10}, log: zerolog.Nop()}
	h := s.middleware(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/graphql", nil))
	var body struct {
		Errors []struct {
			Extensions map[string]any `json:"extensions"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || len(body.Errors) == 0 || body.Errors[0].Extensions["code"] != CodeInternal {
		t.Errorf("status %d %q (%v)", rec.Code, rec.Body.String(), err)
	}
}

// BenchmarkFragmentBombRefused: the checks of a 40-level fragment bomb
// (2^40 fields expanded). Before the memoised count it never finished.
func BenchmarkFragmentBombRefused(b *testing.B) {
	q := bomb(40)
	for b.Loop() {
		if reason, _ := checked(b, DefaultLimits(), q, nil); reason != "LIMIT_EXCEEDED" {
			b.Fatal(reason)
		}
	}
}

// BenchmarkHostileDocumentsRefused: documents that kept gqlgen's
// validator busy (measured before the document limits: 2,100 copies of a
// field 20.6 s, 1,600 conflicting copies 41.5 s and 1.6 million errors,
// ten by ten by ten copies 0.28 s), now refused before validation.
func BenchmarkHostileDocumentsRefused(b *testing.B) {
	for name, q := range map[string]string{"2100 copies": repeated(2100), "1600 conflicting": conflicting(1600), "10x10x10": cube(10), "51 fragments": manyFragments(51)} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if reason, _ := checked(b, DefaultLimits(), q, nil); reason != "LIMIT_EXCEEDED" {
					b.Fatal(reason)
				}
			}
		})
	}
}

// BenchmarkOrdinaryOperationChecked: what the text and limit checks add
// to an ordinary case-list operation, which every request pays, next to
// gqlgen's complexity calculation they replace.
func BenchmarkOrdinaryOperationChecked(b *testing.B) {
	q := `query($w: CaseWhereInput) { cases(first: 50, where: $w) { totalCount edges { node { id status family { id name members { edges { node { id firstName lastName } } } } } } } }`
	vars := map[string]any{"w": map[string]any{"familyIDNEQ": "FM01ARZ3NDEKTSV4RRFFQ69G5FAV", "or": []any{map[string]any{"hasFamily": true}}}}
	ctx := graphql.StartOperationTrace(context.Background())
	rc, errs := executor.New(testSchema).CreateOperationContext(ctx, &graphql.RawParams{Query: q, Variables: vars})
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	limits := newOperationLimits(testSchema, DefaultLimits())
	b.Run("text and limits", func(b *testing.B) {
		for b.Loop() {
			if (inputCheck{}).MutateOperationContext(ctx, rc) != nil || limits.MutateOperationContext(ctx, rc) != nil {
				b.Fatal("refused")
			}
		}
	})
	b.Run("gqlgen complexity", func(b *testing.B) {
		for b.Loop() {
			complexity.Calculate(ctx, testSchema, rc.Operation, rc.Variables)
		}
	})
}
