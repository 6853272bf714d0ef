package graph_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strconv"
	"testing"
)

// procedureRuleCodes reads the rule codes the procedure declares (every
// constant of type RuleCode in internal/procedure), so that a new rule
// cannot be added without the schema, and the clients' texts, knowing it.
func procedureRuleCodes(t *testing.T) []string {
	t.Helper()
	pkgs, err := parser.ParseDir(token.NewFileSet(), "../internal/procedure", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, pkg := range pkgs {
		for name, f := range pkg.Files {
			if len(name) > 8 && name[len(name)-8:] == "_test.go" {
				continue
			}
			codes = append(codes, ruleConsts(t, f)...)
		}
	}
	slices.Sort(codes)
	return codes
}

func ruleConsts(t *testing.T, f *ast.File) []string {
	var codes []string
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, s := range g.Specs {
			v := s.(*ast.ValueSpec)
			if id, ok := v.Type.(*ast.Ident); !ok || id.Name != "RuleCode" {
				continue
			}
			for _, val := range v.Values {
				lit, ok := val.(*ast.BasicLit)
				if !ok {
					t.Fatalf("a RuleCode constant that is not a string literal: %T", val)
				}
				code, err := strconv.Unquote(lit.Value)
				if err != nil {
					t.Fatal(err)
				}
				codes = append(codes, code)
			}
		}
	}
	return codes
}

// The RuleCode enumeration lists exactly the rules the procedure can
// report in extensions.rule: the web app's test reads the enumeration to
// demand a text in each language for every one.
func TestSchemaRuleCodesAreTheProcedures(t *testing.T) {
	want := procedureRuleCodes(t)
	if len(want) < 20 {
		t.Fatalf("found only %d rule codes in internal/procedure: %v", len(want), want)
	}
	var got []string
	for _, v := range schema(t).Types["RuleCode"].EnumValues {
		got = append(got, v.Name)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("RuleCode = %v, the procedure declares %v", got, want)
	}
}
