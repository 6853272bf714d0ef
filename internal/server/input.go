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

const (
	// maxInputDepth bounds the nesting of an operation's input values
	// (objects and lists): filters nested thousands deep became SQL that
	// PostgreSQL refuses as too deep; the app nests a handful.
	maxInputDepth = 20
	// maxInputValues bounds the scalar values of an operation's input:
	// each may become a query parameter, and PostgreSQL takes at most
	// 65,535 in one statement.
	maxInputValues = 10000
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

// inputCheck refuses an operation whose input the database cannot take,
// wherever it is: variables at any depth (the names of uploaded files
// too) and literals of the document. Text with a NUL character or bytes
// that are not UTF-8, values nested too deep, too many values. Refused
// here, such input never reaches a query, where it failed as an internal
// error after work was done (a sign-in with it even escaped the sign-in
// throttle).
type inputCheck struct{}

func (inputCheck) ExtensionName() string                   { return "InputCheck" }
func (inputCheck) Validate(graphql.ExecutableSchema) error { return nil }

func (inputCheck) MutateOperationContext(_ context.Context, rc *graphql.OperationContext) *gqlerror.Error {
	w := &inputWalk{}
	for _, name := range sortedKeys(rc.Variables) { // the same answer for the same request
		if err := w.value(rc.Variables[name], "variables."+name, 1); err != nil {
			return err
		}
	}
	if rc.Doc == nil {
		return nil
	}
	for _, op := range rc.Doc.Operations {
		if err := w.operation(op); err != nil {
			return err
		}
	}
	for _, f := range rc.Doc.Fragments {
		if err := w.directives(f.Directives, f.Name); err != nil {
			return err
		}
		if err := w.selections(f.SelectionSet, f.Name); err != nil {
			return err
		}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// inputWalk goes through the input values, counting them.
type inputWalk struct{ values int }

func inputError(reason, path, msg string) *gqlerror.Error {
	err := gqlerror.Errorf("The value of %s %s.", path, msg)
	err.Extensions = map[string]any{"code": reason, "field": path}
	return err
}

// scalar checks one text value (names of enum values and numbers too).
func (w *inputWalk) scalar(s, path string) *gqlerror.Error {
	if w.values++; w.values > maxInputValues {
		return inputError("INPUT_TOO_LARGE", path, "is past the limit of "+strconv.Itoa(maxInputValues)+" values in one request")
	}
	if why := badText(s); why != "" {
		return inputError("INVALID_TEXT", path, why)
	}
	return nil
}

func (w *inputWalk) nested(path string, depth int) *gqlerror.Error {
	if depth > maxInputDepth {
		return inputError("INPUT_TOO_DEEP", path, "is nested more than "+strconv.Itoa(maxInputDepth)+" levels deep")
	}
	return nil
}

// value looks through a variable's value as decoded from JSON (with
// uploads put in by the multipart transport).
func (w *inputWalk) value(v any, path string, depth int) *gqlerror.Error {
	switch x := v.(type) {
	case string:
		return w.scalar(x, path)
	case map[string]any:
		if err := w.nested(path, depth); err != nil {
			return err
		}
		for _, k := range sortedKeys(x) {
			if why := badText(k); why != "" {
				return inputError("INVALID_TEXT", path, "has a key that "+why)
			}
			if err := w.value(x[k], path+"."+k, depth+1); err != nil {
				return err
			}
		}
	case []any:
		if err := w.nested(path, depth); err != nil {
			return err
		}
		for i, e := range x {
			if err := w.value(e, path+"."+strconv.Itoa(i), depth+1); err != nil {
				return err
			}
		}
	case graphql.Upload:
		return w.upload(x, path)
	case *graphql.Upload:
		if x != nil {
			return w.upload(*x, path)
		}
	case nil:
	default: // numbers and booleans
		return w.scalar("", path)
	}
	return nil
}

func (w *inputWalk) upload(u graphql.Upload, path string) *gqlerror.Error {
	if why := badText(u.Filename); why != "" {
		return inputError("INVALID_TEXT", path, "has a file name that "+why)
	}
	if why := badText(u.ContentType); why != "" {
		return inputError("INVALID_TEXT", path, "has a content type that "+why)
	}
	return w.scalar("", path)
}

func (w *inputWalk) operation(op *ast.OperationDefinition) *gqlerror.Error {
	for _, v := range op.VariableDefinitions {
		if err := w.literal(v.DefaultValue, "$"+v.Variable, 1); err != nil {
			return err
		}
		if err := w.directives(v.Directives, "$"+v.Variable); err != nil {
			return err
		}
	}
	if err := w.directives(op.Directives, op.Name); err != nil {
		return err
	}
	return w.selections(op.SelectionSet, "")
}

// selections looks at the literals of a selection set; fragments are
// looked at once each, where they are defined, not where they are spread.
func (w *inputWalk) selections(set ast.SelectionSet, path string) *gqlerror.Error {
	for _, sel := range set {
		var err *gqlerror.Error
		switch x := sel.(type) {
		case *ast.Field:
			at := join(path, x.Alias)
			if err = w.arguments(x.Arguments, at); err == nil {
				if err = w.directives(x.Directives, at); err == nil {
					err = w.selections(x.SelectionSet, at)
				}
			}
		case *ast.InlineFragment:
			if err = w.directives(x.Directives, path); err == nil {
				err = w.selections(x.SelectionSet, path)
			}
		case *ast.FragmentSpread:
			err = w.directives(x.Directives, path)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (w *inputWalk) directives(ds ast.DirectiveList, path string) *gqlerror.Error {
	for _, d := range ds {
		if err := w.arguments(d.Arguments, join(path, "@"+d.Name)); err != nil {
			return err
		}
	}
	return nil
}

func (w *inputWalk) arguments(args ast.ArgumentList, path string) *gqlerror.Error {
	for _, a := range args {
		if err := w.literal(a.Value, join(path, a.Name), 1); err != nil {
			return err
		}
	}
	return nil
}

func (w *inputWalk) literal(v *ast.Value, path string, depth int) *gqlerror.Error {
	if v == nil {
		return nil
	}
	switch v.Kind {
	case ast.Variable, ast.NullValue:
		return nil // variables are looked at as values
	case ast.ListValue, ast.ObjectValue:
		if err := w.nested(path, depth); err != nil {
			return err
		}
		for i, c := range v.Children {
			at := join(path, c.Name)
			if v.Kind == ast.ListValue {
				at = join(path, strconv.Itoa(i))
			}
			if err := w.literal(c.Value, at, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	return w.scalar(v.Raw, path)
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}
