package server

import (
	"context"
	"strconv"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
)

const (
	// parserTokenLimit bounds the tokens of a document (gqlgen's parser
	// and ours).
	parserTokenLimit = 15000
	// maxRepeats bounds the fields answering at one place of the answer,
	// fragments expanded and sub-selections merged: the validator compares
	// each such field with each other, so 2,100 copies of one field took
	// 20 s.
	maxRepeats = 10
	// maxFragments bounds the fragments of a document: the validator
	// compares the fragments spread in a selection set pairwise.
	maxFragments = 50
)

// documentLimits bounds the document before gqlgen validates it. The
// validator's rules are not linear: comparing fields that answer under
// the same name (OverlappingFieldsCanBeMerged) is quadratic in them and
// in the fragments spread beside them, and it ran for a minute on a 64 kB
// document. So the document is parsed and measured first, each fragment
// once: fields once fragments are expanded, fields repeated under one
// name, fragments. A document that passed is remembered, so the operations
// the app sends again and again are not parsed twice.
type documentLimits struct {
	maxFields int
	passed    *lru.LRU[struct{}]
}

func newDocumentLimits(l Limits) documentLimits {
	return documentLimits{maxFields: l.orDefault().MaxFields, passed: lru.New[struct{}](1000)}
}

func (documentLimits) ExtensionName() string                   { return "DocumentLimits" }
func (documentLimits) Validate(graphql.ExecutableSchema) error { return nil }

func (d documentLimits) MutateOperationParameters(ctx context.Context, p *graphql.RawParams) *gqlerror.Error {
	if p.Query == "" {
		return nil
	}
	if _, ok := d.passed.Get(ctx, p.Query); ok {
		return nil
	}
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: p.Query}, parserTokenLimit)
	if err != nil {
		return nil // gqlgen's own parse says what is wrong
	}
	if err := d.measure(doc); err != nil {
		return err
	}
	if len(p.Query) <= maxRemembered {
		d.passed.Add(ctx, p.Query, struct{}{})
	}
	return nil
}

// maxRemembered: only documents up to this size are remembered as passed,
// so that the memory of a thousand of them stays small (the app's are a
// few kilobytes; a larger one is measured each time, which is cheap).
const maxRemembered = 16 << 10

func (d documentLimits) measure(doc *ast.QueryDocument) *gqlerror.Error {
	if len(doc.Fragments) > maxFragments {
		return limitError("the document defines %d fragments, more than the limit of %d", len(doc.Fragments), maxFragments)
	}
	s := &shaper{doc: doc, maxFields: d.maxFields, frags: map[string]*shapeOf{}}
	total := 0
	for _, op := range doc.Operations {
		total = satAdd(total, s.set(op.SelectionSet).fields)
		if s.err == nil && total > d.maxFields {
			s.err = limitError("the document selects %d fields once its fragments are expanded, more than the limit of %d", total, d.maxFields)
		}
		if s.err != nil {
			return s.err
		}
	}
	for _, f := range doc.Fragments { // unused ones too: the validator reads them
		if s.spread(f.Name); s.err != nil {
			return s.err
		}
	}
	return nil
}

// shapeOf is what a selection set expands to: its fields (sub-selections
// included) and the tree of the answer's names, each with the number of
// fields that answer there. The validator compares those fields pairwise,
// so their number is what must stay small, at every depth: ten fields
// each holding ten each holding ten leaves merge into a thousand.
type shapeOf struct {
	fields    int
	top       answerTree
	measuring bool
}

// answerTree maps response names to the fields answering there.
type answerTree map[string]*answerNode

type answerNode struct {
	n   int
	sub answerTree
}

// shaper measures a document without its schema, each fragment once.
type shaper struct {
	doc       *ast.QueryDocument
	maxFields int
	frags     map[string]*shapeOf
	err       *gqlerror.Error
}

func (s *shaper) set(set ast.SelectionSet) *shapeOf {
	out := &shapeOf{top: answerTree{}}
	for _, sel := range set {
		switch x := sel.(type) {
		case *ast.Field:
			child := s.set(x.SelectionSet)
			out.fields = satAdd(out.fields, satAdd(1, child.fields))
			s.field(out.top, x.Alias, child.top)
		case *ast.InlineFragment:
			s.merge(out, s.set(x.SelectionSet))
		case *ast.FragmentSpread:
			s.merge(out, s.spread(x.Name))
		}
		if s.err == nil && out.fields > s.maxFields {
			s.err = limitError("a selection selects %d fields once its fragments are expanded, more than the limit of %d", out.fields, s.maxFields)
		}
		if s.err != nil {
			return &shapeOf{}
		}
	}
	return out
}

// field adds a field, whose sub-tree is its own (not a fragment's) and so
// can be taken rather than copied when its name is new here.
func (s *shaper) field(t answerTree, name string, sub answerTree) {
	if t[name] == nil {
		t[name] = &answerNode{n: 1, sub: sub}
		return
	}
	s.add(t, answerTree{name: {n: 1, sub: sub}})
}

func (s *shaper) merge(out, in *shapeOf) {
	out.fields = satAdd(out.fields, in.fields)
	s.add(out.top, in.top)
}

// add copies the counts of o into t, refusing a place in the answer that
// too many fields answer at.
func (s *shaper) add(t, o answerTree) {
	for name, on := range o {
		tn := t[name]
		if tn == nil {
			tn = &answerNode{sub: answerTree{}}
			t[name] = tn
		}
		if tn.n = satAdd(tn.n, on.n); tn.n > maxRepeats {
			s.err = gqlerror.Errorf("%d fields answer as %s at one place, more than the limit of %d.", tn.n, strconv.Quote(name), maxRepeats)
			s.err.Extensions = map[string]any{"code": "LIMIT_EXCEEDED"}
			return
		}
		if s.add(tn.sub, on.sub); s.err != nil {
			return
		}
	}
}

func (s *shaper) spread(name string) *shapeOf {
	if f, ok := s.frags[name]; ok {
		if f.measuring {
			s.err = gqlerror.Errorf("Fragment %s spreads itself.", name)
			s.err.Extensions = map[string]any{"code": "LIMIT_EXCEEDED"}
			return &shapeOf{}
		}
		return f
	}
	def := s.doc.Fragments.ForName(name)
	if def == nil {
		return &shapeOf{} // the validator reports it
	}
	s.frags[name] = &shapeOf{measuring: true}
	f := s.set(def.SelectionSet)
	s.frags[name] = f
	return f
}
