package authz_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"

	"github.com/turbota/turbota/internal/platform/sourcetree"
)

// Authorization has one home: the privacy policies, whose rules live in
// this package and ask the enforcer. Written code elsewhere does not ask
// the enforcer itself (authz.Require, an Authorizer's Allowed, RoleAllows
// or Communities through authz.FromContext) nor keeps a may() helper of its
// own; a step that needs an answer early asks the entity's policy
// (authz.Ask). decisionExceptions are the places that still ask, each
// with how many asks it holds and why; anything else fails
// TestNoDecisionOutsideThePolicies.
var decisionExceptions = map[string]struct {
	n      int
	reason string
}{
	"internal/workflow/approval.go": {2, "approversOf reads which roles may decide approvals to choose whom a request is told " +
		"(a notification's audience, no decision)"},
	"internal/oversight/indicators/scope.go": {1, "the communities a report's figures cover: a read scope of aggregates " +
		"(indicators/ is owned elsewhere)"},
	"internal/oversight/indicators/deidentified.go": {1, "the communities whose de-identified list one reads: a read scope " +
		"(indicators/ is owned elsewhere)"},
}

// asksEnforcer reports whether a call asks the enforcer or a may() helper.
func asksEnforcer(call *ast.CallExpr) (string, bool) {
	switch f := call.Fun.(type) {
	case *ast.Ident:
		if f.Name == "may" || strings.HasPrefix(f.Name, "may") && len(f.Name) > 3 && f.Name[3] >= 'A' && f.Name[3] <= 'Z' {
			return f.Name, true
		}
	case *ast.SelectorExpr:
		if x, ok := f.X.(*ast.Ident); ok && x.Name == "authz" {
			switch f.Sel.Name {
			case "Require", "FromContext":
				return "authz." + f.Sel.Name, true
			}
		}
		switch f.Sel.Name {
		case "Allowed", "RoleAllows":
			return f.Sel.Name, true
		}
	}
	return "", false
}

func TestNoDecisionOutsideThePolicies(t *testing.T) {
	found := map[string][]string{}
	sourcetree.Walk(t, func(f sourcetree.File) {
		if f.Test || f.Generated || strings.HasPrefix(f.Rel, "authz/") {
			return
		}
		file, err := parser.ParseFile(token.NewFileSet(), f.Path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				if what, ok := asksEnforcer(n); ok {
					found[f.Rel] = append(found[f.Rel], what)
				}
			case *ast.FuncDecl:
				if name := n.Name.Name; n.Recv == nil && (name == "may" || strings.HasPrefix(name, "may") && len(name) > 3 && name[3] >= 'A' && name[3] <= 'Z') {
					found[f.Rel] = append(found[f.Rel], "func "+name)
				}
			}
			return true
		})
	})
	for file, asks := range found {
		ex, ok := decisionExceptions[file]
		if !ok || len(asks) != ex.n {
			t.Errorf("%s asks the enforcer itself (%s), %d reviewed: put the decision in the entity's policy "+
				"(authz/*_rules.go) and ask it with authz.Ask, or review the exception in decisionExceptions",
				file, strings.Join(asks, ", "), ex.n)
		}
	}
	for file, ex := range decisionExceptions {
		if _, ok := found[file]; !ok {
			t.Errorf("%s no longer asks the enforcer: drop its exception (%d)", file, ex.n)
		}
	}
}
