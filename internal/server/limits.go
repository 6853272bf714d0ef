package server

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Limits bound what one operation may ask for.
type Limits struct {
	MaxDepth      int // nesting of selections
	MaxAliases    int // aliased fields in the whole operation, fragments expanded
	MaxComplexity int
	MaxPage       int // first/last of a connection
	// MaxFields caps the fields of the operation once its fragments are
	// expanded: what the executor will walk, whatever the complexity
	// functions make of it.
	MaxFields int
}

// DefaultLimits are generous for the SPA and tight for abuse.
func DefaultLimits() Limits {
	return Limits{MaxDepth: 12, MaxAliases: 30, MaxComplexity: 2000, MaxPage: 500, MaxFields: 2000}
}

// orDefault fills the limits left at zero, so that a configuration naming
// some of them does not switch the others off (or refuse everything).
func (l Limits) orDefault() Limits {
	d := DefaultLimits()
	for _, f := range []struct{ v, def *int }{
		{&l.MaxDepth, &d.MaxDepth}, {&l.MaxAliases, &d.MaxAliases}, {&l.MaxComplexity, &d.MaxComplexity},
		{&l.MaxPage, &d.MaxPage}, {&l.MaxFields, &d.MaxFields},
	} {
		if *f.v <= 0 {
			*f.v = *f.def
		}
	}
	return l
}

// operationLimits refuses operations that are too deep, too wide, too
// complex, page wrongly or try to sign in more than once (a throttled
// login must not be multiplied by aliases within one request).
//
// It measures an operation in one pass in which every named fragment is
// measured once and its cost reused wherever it is spread: a document of
// fragments that each spread the next twice costs 2^n to expand but only
// n steps to measure, so no document can make the measuring itself slow.
// It replaces gqlgen's complexity limit, which walks every expanded path,
// and asks the schema's complexity functions the same way it does.
type operationLimits struct {
	limits Limits
	es     graphql.ExecutableSchema
}

func newOperationLimits(es graphql.ExecutableSchema, l Limits) operationLimits {
	return operationLimits{limits: l.orDefault(), es: es}
}

func (operationLimits) ExtensionName() string                   { return "OperationLimits" }
func (operationLimits) Validate(graphql.ExecutableSchema) error { return nil }

func (l operationLimits) MutateOperationContext(ctx context.Context, rc *graphql.OperationContext) *gqlerror.Error {
	if rc.Operation == nil || rc.Doc == nil {
		return nil
	}
	m := &meter{ctx: ctx, es: l.es, schema: l.es.Schema(), doc: rc.Doc, vars: rc.Variables,
		maxPage: l.limits.MaxPage, frags: map[string]cost{}}
	c := m.set(rc.Operation.SelectionSet)
	if m.err != nil {
		return m.err
	}
	return l.check(c)
}

func (l operationLimits) check(c cost) *gqlerror.Error {
	switch {
	case c.depth > l.limits.MaxDepth:
		return limitError("operation is nested %d levels deep, more than the limit of %d", c.depth, l.limits.MaxDepth)
	case c.aliases > l.limits.MaxAliases:
		return limitError("operation uses %d aliases, more than the limit of %d", c.aliases, l.limits.MaxAliases)
	case c.fields > l.limits.MaxFields:
		return limitError("operation selects %d fields once its fragments are expanded, more than the limit of %d", c.fields, l.limits.MaxFields)
	case c.complexity > l.limits.MaxComplexity:
		return limitError("operation has complexity %d, more than the limit of %d", c.complexity, l.limits.MaxComplexity)
	case c.logins > 1:
		return limitError("sign in once per request, not %d times", c.logins, 1)
	}
	return nil
}

func limitError(format string, got, max int) *gqlerror.Error {
	err := gqlerror.Errorf(format, got, max)
	err.Extensions = map[string]any{"code": "LIMIT_EXCEEDED"}
	return err
}

// cost is what a selection set asks for. Counts saturate instead of
// overflowing, so that no document can wrap them round to small numbers.
type cost struct {
	depth      int // levels of fields, the set's own included
	fields     int
	aliases    int
	complexity int
	logins     int // login fields at the top of the set
	measuring  bool
}

func (c *cost) add(o cost) {
	c.depth = max(c.depth, o.depth)
	c.fields = satAdd(c.fields, o.fields)
	c.aliases = satAdd(c.aliases, o.aliases)
	c.complexity = satAdd(c.complexity, o.complexity)
	c.logins = satAdd(c.logins, o.logins)
}

// meter measures one operation; frags holds the cost of each named
// fragment once measured (or while it is, to catch a cycle).
type meter struct {
	ctx     context.Context
	es      graphql.ExecutableSchema
	schema  *ast.Schema
	doc     *ast.QueryDocument
	vars    map[string]any
	maxPage int
	frags   map[string]cost
	err     *gqlerror.Error
}

func (m *meter) set(set ast.SelectionSet) cost {
	var total cost
	for _, sel := range set {
		switch x := sel.(type) {
		case *ast.Field:
			total.add(m.field(x))
		case *ast.InlineFragment:
			total.add(m.set(x.SelectionSet))
		case *ast.FragmentSpread:
			total.add(m.spread(x.Name))
		}
		if m.err != nil {
			break
		}
	}
	return total
}

// spread measures a named fragment the first time it is spread and
// reuses that cost afterwards.
func (m *meter) spread(name string) cost {
	if c, ok := m.frags[name]; ok {
		if c.measuring {
			m.err = gqlerror.Errorf("Fragment %s spreads itself.", name)
			m.err.Extensions = map[string]any{"code": "LIMIT_EXCEEDED"}
			return cost{}
		}
		return c
	}
	def := m.doc.Fragments.ForName(name)
	if def == nil {
		return cost{} // validation has already refused it
	}
	m.frags[name] = cost{measuring: true}
	c := m.set(def.SelectionSet)
	m.frags[name] = c
	return c
}

// signIns are the fields an anonymous caller spends a guess or an e-mail
// with: one per request, so aliases and batches cannot multiply them past
// the throttle's lock.
var signIns = map[string]bool{"login": true, "requestPasswordReset": true, "resetPassword": true}

func (m *meter) field(f *ast.Field) cost {
	var args map[string]any
	if len(f.Arguments) > 0 {
		args = f.ArgumentMap(m.vars)
		if err := m.paging(f, args); err != nil {
			m.err = err
			return cost{}
		}
	}
	child := m.set(f.SelectionSet)
	c := cost{depth: child.depth + 1, fields: satAdd(child.fields, 1), aliases: child.aliases}
	if f.Alias != "" && f.Alias != f.Name {
		c.aliases = satAdd(c.aliases, 1)
	}
	if signIns[f.Name] && f.ObjectDefinition != nil && f.ObjectDefinition.Name == m.schema.Mutation.Name {
		c.logins = 1
	}
	c.complexity = m.complexity(f, child.complexity, args)
	return c
}

// paging refuses page sizes out of range and asking for both ends of a
// connection at once.
func (m *meter) paging(f *ast.Field, args map[string]any) *gqlerror.Error {
	first, hasFirst := pageArg(args, "first")
	last, hasLast := pageArg(args, "last")
	switch {
	case hasFirst && hasLast:
		return pagingError(f, "last", "Ask for the first or the last items of "+f.Name+", not both.")
	case hasFirst && (first < 0 || first > int64(m.maxPage)):
		return pagingError(f, "first", fmt.Sprintf("The field first allows 0 to %d.", m.maxPage))
	case hasLast && (last < 0 || last > int64(m.maxPage)):
		return pagingError(f, "last", fmt.Sprintf("The field last allows 0 to %d.", m.maxPage))
	}
	return nil
}

func pagingError(f *ast.Field, arg, msg string) *gqlerror.Error {
	err := gqlerror.ErrorPosf(f.Position, "%s", msg)
	err.Extensions = map[string]any{"code": "INVALID_PAGINATION", "field": arg, "path": f.Alias}
	return err
}

// pageArg reads an integer argument however the document gave it: a
// literal (int64) or a variable (a JSON number).
func pageArg(args map[string]any, name string) (int64, bool) {
	switch v := args[name].(type) {
	case int64:
		return v, true
	case int:
		return int64(v), true
	case interface{ Int64() (int64, error) }: // json.Number
		n, err := v.Int64()
		if err != nil {
			return -1, true
		}
		return n, true
	case float64:
		return int64(v), true
	}
	return 0, false
}

// complexity asks the schema's complexity function of the field as gqlgen's
// own complexity limit does: the dearest implementation for a field of an
// interface, one plus the children where none is generated.
func (m *meter) complexity(f *ast.Field, child int, args map[string]any) int {
	if f.Definition == nil || f.ObjectDefinition == nil {
		return satAdd(1, child)
	}
	typ := m.schema.Types[f.Definition.Type.Name()]
	if typ == nil || typ.Name == "__Schema" {
		return 0 // introspection: gqlgen does not count it either
	}
	if args == nil {
		args = map[string]any{}
	}
	if f.ObjectDefinition.Kind != ast.Interface {
		return m.fieldComplexity(f.ObjectDefinition.Name, f.Name, typ.Kind, child, args)
	}
	worst := 0
	for _, impl := range m.schema.GetPossibleTypes(f.ObjectDefinition) {
		worst = max(worst, m.fieldComplexity(impl.Name, f.Name, typ.Kind, child, args))
	}
	return worst
}

func (m *meter) fieldComplexity(object, field string, kind ast.DefinitionKind, child int, args map[string]any) int {
	if c, ok := m.es.Complexity(m.ctx, object, field, child, args); ok && c >= 1 {
		return c
	}
	if kind != ast.Object && kind != ast.Interface && kind != ast.Union {
		child = 0
	}
	return satAdd(1, child)
}

const maxInt = int(^uint(0) >> 1)

// satAdd adds two counts, stopping at the largest int.
func satAdd(a, b int) int {
	if a > maxInt-b {
		return maxInt
	}
	return a + b
}
