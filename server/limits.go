package server

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Limits bound what one operation may ask for.
type Limits struct {
	MaxDepth      int // nesting of selections
	MaxAliases    int // aliased fields in the whole operation
	MaxComplexity int
	MaxPage       int // first/last of a connection
}

// DefaultLimits are generous for the SPA and tight for abuse.
func DefaultLimits() Limits {
	return Limits{MaxDepth: 12, MaxAliases: 30, MaxComplexity: 2000, MaxPage: 500}
}

// shapeLimit refuses operations that are too deep, use too many aliases, or
// try to sign in more than once: a throttled login must not be multiplied
// by aliases within one request.
type shapeLimit struct{ limits Limits }

func (shapeLimit) ExtensionName() string                   { return "ShapeLimit" }
func (shapeLimit) Validate(graphql.ExecutableSchema) error { return nil }

func (l shapeLimit) MutateOperationContext(_ context.Context, rc *graphql.OperationContext) *gqlerror.Error {
	op := rc.Operation
	if op == nil {
		return nil
	}
	s := &shape{frags: rc.Doc.Fragments, seen: map[string]bool{}}
	depth := s.walk(op.SelectionSet, 1)
	switch {
	case depth > l.limits.MaxDepth:
		return limitError("operation is nested %d levels deep, more than the limit of %d", depth, l.limits.MaxDepth)
	case s.aliases > l.limits.MaxAliases:
		return limitError("operation uses %d aliases, more than the limit of %d", s.aliases, l.limits.MaxAliases)
	case s.logins > 1:
		return limitError("sign in once per request, not %d times", s.logins, 1)
	}
	return nil
}

func limitError(format string, got, max int) *gqlerror.Error {
	err := gqlerror.Errorf(format, got, max)
	err.Extensions = map[string]any{"code": "LIMIT_EXCEEDED"}
	return err
}

type shape struct {
	frags           ast.FragmentDefinitionList
	seen            map[string]bool
	aliases, logins int
}

// walk returns the depth of a selection set, counting aliases and logins.
func (s *shape) walk(set ast.SelectionSet, depth int) int {
	max := depth
	for _, sel := range set {
		var d int
		switch x := sel.(type) {
		case *ast.Field:
			if x.Alias != "" && x.Alias != x.Name {
				s.aliases++
			}
			if x.Name == "login" && depth == 1 {
				s.logins++
			}
			d = depth
			if len(x.SelectionSet) > 0 {
				d = s.walk(x.SelectionSet, depth+1)
			}
		case *ast.InlineFragment:
			d = s.walk(x.SelectionSet, depth)
		case *ast.FragmentSpread:
			d = s.spread(x.Name, depth)
		}
		if d > max {
			max = d
		}
	}
	return max
}

// spread follows a named fragment once per path, so cycles cannot loop.
func (s *shape) spread(name string, depth int) int {
	if s.seen[name] {
		return depth
	}
	f := s.frags.ForName(name)
	if f == nil {
		return depth
	}
	s.seen[name] = true
	defer delete(s.seen, name)
	return s.walk(f.SelectionSet, depth)
}
