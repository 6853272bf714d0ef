package server

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// badText says what PostgreSQL would refuse in s: a NUL character (text
// columns cannot hold one) or bytes that are not UTF-8 (the database's
// encoding). Empty when s is fine.
func badText(s string) string {
	switch {
	case strings.IndexByte(s, 0) >= 0:
		return "contains a NUL character"
	case !utf8.ValidString(s):
		return "is not valid UTF-8"
	}
	return ""
}

// textCheck refuses an operation carrying text the database cannot store,
// anywhere: variables at any depth (the names of uploaded files too) and
// string literals of the document. Refused here, such text never reaches a
// query, where it would fail as an internal error after work was done (a
// sign-in with it even escaped the sign-in throttle).
type textCheck struct{}

func (textCheck) ExtensionName() string                   { return "TextCheck" }
func (textCheck) Validate(graphql.ExecutableSchema) error { return nil }

func (textCheck) MutateOperationContext(_ context.Context, rc *graphql.OperationContext) *gqlerror.Error {
	names := make([]string, 0, len(rc.Variables))
	for name := range rc.Variables {
		names = append(names, name)
	}
	slices.Sort(names) // the same answer for the same request
	for _, name := range names {
		if path, why := badValue(rc.Variables[name], "variables."+name); why != "" {
			return textError(path, why)
		}
	}
	if rc.Doc == nil {
		return nil
	}
	for _, op := range rc.Doc.Operations {
		if path, why := badOperation(op); why != "" {
			return textError(path, why)
		}
	}
	for _, f := range rc.Doc.Fragments {
		if path, why := badDirectives(f.Directives, f.Name); why != "" {
			return textError(path, why)
		}
		if path, why := badSelections(f.SelectionSet, f.Name); why != "" {
			return textError(path, why)
		}
	}
	return nil
}

func textError(path, why string) *gqlerror.Error {
	err := gqlerror.Errorf("The value of %s %s.", path, why)
	err.Extensions = map[string]any{"code": "INVALID_TEXT", "field": path}
	return err
}

// badValue looks through a variable's value as decoded from JSON (with
// uploads put in by the multipart transport).
func badValue(v any, path string) (string, string) {
	switch x := v.(type) {
	case string:
		return path, badText(x)
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if why := badText(k); why != "" {
				return path, "has a key that " + why
			}
			if p, why := badValue(x[k], path+"."+k); why != "" {
				return p, why
			}
		}
	case []any:
		for i, e := range x {
			if p, why := badValue(e, path+"."+strconv.Itoa(i)); why != "" {
				return p, why
			}
		}
	case graphql.Upload:
		return badUpload(x, path)
	case *graphql.Upload:
		if x != nil {
			return badUpload(*x, path)
		}
	}
	return path, ""
}

func badUpload(u graphql.Upload, path string) (string, string) {
	if why := badText(u.Filename); why != "" {
		return path, "has a file name that " + why
	}
	if why := badText(u.ContentType); why != "" {
		return path, "has a content type that " + why
	}
	return path, ""
}

func badOperation(op *ast.OperationDefinition) (string, string) {
	for _, v := range op.VariableDefinitions {
		if p, why := badLiteral(v.DefaultValue, "$"+v.Variable); why != "" {
			return p, why
		}
		if p, why := badDirectives(v.Directives, "$"+v.Variable); why != "" {
			return p, why
		}
	}
	if p, why := badDirectives(op.Directives, op.Name); why != "" {
		return p, why
	}
	return badSelections(op.SelectionSet, "")
}

// badSelections looks at the literals of a selection set; fragments are
// looked at once each, where they are defined, not where they are spread.
func badSelections(set ast.SelectionSet, path string) (string, string) {
	for _, sel := range set {
		var (
			p, why string
			sub    ast.SelectionSet
			at     = path
		)
		switch x := sel.(type) {
		case *ast.Field:
			at = join(path, x.Alias)
			p, why = badArguments(x.Arguments, at)
			if why == "" {
				p, why = badDirectives(x.Directives, at)
			}
			sub = x.SelectionSet
		case *ast.InlineFragment:
			p, why = badDirectives(x.Directives, path)
			sub = x.SelectionSet
		case *ast.FragmentSpread:
			p, why = badDirectives(x.Directives, path)
		}
		if why == "" {
			p, why = badSelections(sub, at)
		}
		if why != "" {
			return p, why
		}
	}
	return path, ""
}

func badDirectives(ds ast.DirectiveList, path string) (string, string) {
	for _, d := range ds {
		if p, why := badArguments(d.Arguments, join(path, "@"+d.Name)); why != "" {
			return p, why
		}
	}
	return path, ""
}

func badArguments(args ast.ArgumentList, path string) (string, string) {
	for _, a := range args {
		if p, why := badLiteral(a.Value, join(path, a.Name)); why != "" {
			return p, why
		}
	}
	return path, ""
}

func badLiteral(v *ast.Value, path string) (string, string) {
	if v == nil {
		return path, ""
	}
	switch v.Kind {
	case ast.StringValue, ast.BlockValue, ast.EnumValue, ast.IntValue, ast.FloatValue:
		return path, badText(v.Raw)
	case ast.ListValue, ast.ObjectValue:
		for i, c := range v.Children {
			at := join(path, c.Name)
			if v.Kind == ast.ListValue {
				at = join(path, strconv.Itoa(i))
			}
			if p, why := badLiteral(c.Value, at); why != "" {
				return p, why
			}
		}
	}
	return path, ""
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}
