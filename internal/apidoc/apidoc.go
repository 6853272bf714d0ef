// Package apidoc completes the descriptions of the GraphQL schema that
// entgql generates from the ent schema. A type's own words come from its
// schema.Comment and a field's from its Comment; what is the same for every
// type (identifiers, timestamps, the tenant, filter predicates, paging
// arguments, clear/append inputs, edges) is worded here once, so API users
// read a description on everything and the schema files stay short.
package apidoc

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode"

	"entgo.io/ent/entc/gen"
	"github.com/vektah/gqlparser/v2/ast"
)

// Hook is an entgql schema hook (entgql.WithSchemaHook).
func Hook(g *gen.Graph, s *ast.Schema) error {
	comments := typeComments(g)
	for name, def := range s.Types {
		switch {
		case name == "Query" && def.Description == "":
			def.Description = "The entry points for reading: one record by ID, and the lists of each kind of record the viewer may read."
		case def.Kind == ast.Object && comments[name] != "" && def.Description == "":
			def.Description = comments[name]
		case def.Kind == ast.InputObject && strings.HasSuffix(name, "WhereInput"):
			describeWhere(def)
		case def.Kind == ast.Enum && strings.HasSuffix(name, "OrderField"):
			for _, v := range def.EnumValues {
				if v.Description == "" {
					v.Description = "Order by " + words(strings.ToLower(v.Name)) + "."
				}
			}
		}
		if def.Kind == ast.Object || def.Kind == ast.InputObject {
			describeFields(s, def)
		}
	}
	return nil
}

// typeComments maps a GraphQL type name to the schema.Comment of its ent
// type. entgql names a type after the ent type unless entgql.Type renames it.
func typeComments(g *gen.Graph) map[string]string {
	out := map[string]string{}
	for _, t := range g.Nodes {
		raw, ok := t.Annotations["Comment"]
		if !ok {
			continue
		}
		var c struct{ Text string }
		if b, err := json.Marshal(raw); err == nil && json.Unmarshal(b, &c) == nil && c.Text != "" {
			out[gqlName(t)] = c.Text
		}
	}
	return out
}

func gqlName(t *gen.Type) string {
	if raw, ok := t.Annotations["EntGQL"]; ok {
		var a struct{ Type string }
		if b, err := json.Marshal(raw); err == nil && json.Unmarshal(b, &a) == nil && a.Type != "" {
			return a.Type
		}
	}
	return t.Name
}

// describeFields words the fields every type has in the same sense.
func describeFields(s *ast.Schema, def *ast.Definition) {
	subject := words(def.Name)
	for _, f := range def.Fields {
		describeArgs(f)
		if f.Description != "" {
			continue
		}
		f.Description = commonField(s, def, f, subject)
	}
}

func commonField(s *ast.Schema, def *ast.Definition, f *ast.FieldDefinition, subject string) string {
	name := f.Name
	switch name {
	case "id":
		return "The globally unique identifier of the record (a type prefix and a ULID)."
	case "createdAt":
		return "When the record was created."
	case "updatedAt":
		return "When the record was last changed."
	case "communityID":
		return "The ID of the territorial community the record belongs to; it never changes."
	case "community":
		return "The territorial community the record belongs to."
	}
	if def.Kind == ast.InputObject {
		if d := inputField(def, name); d != "" {
			return d
		}
	}
	if base, ok := strings.CutSuffix(name, "ID"); ok {
		return "The ID of " + ref(def, base) + "."
	}
	if base, ok := strings.CutSuffix(name, "IDs"); ok {
		return "The IDs of the " + words(base) + "."
	}
	if t := s.Types[f.Type.Name()]; t != nil && t.Kind == ast.Object && !t.BuiltIn {
		return fmt.Sprintf("The %s of this %s.", words(name), subject)
	}
	return ""
}

// ref names what an ID field points at, with the words of that field
// when the type describes it.
func ref(def *ast.Definition, base string) string {
	if e := def.Fields.ForName(base); e != nil && e.Description != "" {
		return "the " + words(base) + ": " + lowerFirst(strings.TrimSuffix(e.Description, "."))
	}
	return "the " + words(base)
}

// inputField words the mutation inputs entgql adds beside each field.
func inputField(def *ast.Definition, name string) string {
	for _, p := range []struct{ prefix, suffix, text string }{
		{"clear", "", "Set to true to clear `%s`."},
		{"append", "", "Values added at the end of `%s`."},
		{"add", "IDs", "IDs added to `%s`."},
		{"remove", "IDs", "IDs removed from `%s`."},
	} {
		rest, ok := strings.CutPrefix(name, p.prefix)
		if !ok || rest == "" || !unicode.IsUpper(rune(rest[0])) {
			continue
		}
		rest, ok = strings.CutSuffix(rest, p.suffix)
		if !ok {
			continue
		}
		field := lowerFirst(rest)
		switch {
		case p.suffix == "IDs":
			field += "IDs"
		case def.Fields.ForName(field) == nil && def.Fields.ForName(field+"ID") != nil:
			field += "ID" // clearFamily clears familyID
		}
		return fmt.Sprintf(p.text, field)
	}
	return ""
}

// describeArgs words the paging and filtering arguments of connections.
func describeArgs(f *ast.FieldDefinition) {
	for _, a := range f.Arguments {
		if a.Description != "" {
			continue
		}
		a.Description = map[string]string{
			"after":   "Returns the elements that come after this cursor.",
			"first":   "Returns the first n elements of the list.",
			"before":  "Returns the elements that come before this cursor.",
			"last":    "Returns the last n elements of the list.",
			"orderBy": "The order of the elements; by default, by ID.",
			"where":   "Only the elements that match this filter.",
		}[a.Name]
	}
}

// suffixes of entgql's filter predicates and what each asks.
var suffixes = []struct{ suffix, text string }{
	{"NotNil", "%s is set (true) or not (false)."}, {"IsNil", "%s is empty (true) or not (false)."},
	{"ContainsFold", "%s contains the text, case-insensitively."}, {"EqualFold", "%s equals the text, case-insensitively."},
	{"HasPrefix", "%s starts with the text."}, {"HasSuffix", "%s ends with the text."},
	{"Contains", "%s contains the text."}, {"NotIn", "%s is none of the values."},
	{"NEQ", "%s differs from the value."}, {"GTE", "%s is the value or after/above it."},
	{"LTE", "%s is the value or before/below it."}, {"GT", "%s is after/above the value."},
	{"LT", "%s is before/below the value."}, {"In", "%s is one of the values."},
}

// describeWhere words every predicate of a generated filter input.
func describeWhere(def *ast.Definition) {
	for _, f := range def.Fields {
		switch f.Name {
		case "not":
			f.Description = "The records this filter does not match."
			continue
		case "and":
			f.Description = "The records every one of these filters matches."
			continue
		case "or":
			f.Description = "The records at least one of these filters matches."
			continue
		}
		if base, ok := strings.CutPrefix(f.Name, "has"); ok && base != "" && unicode.IsUpper(rune(base[0])) {
			if edge, with := strings.CutSuffix(base, "With"); with {
				f.Description = fmt.Sprintf("Some %s matches every one of these filters.", words(lowerFirst(edge)))
			} else {
				f.Description = fmt.Sprintf("Whether the record has any %s.", words(lowerFirst(base)))
			}
			continue
		}
		f.Description = predicate(def, f.Name)
	}
}

func predicate(def *ast.Definition, name string) string {
	for _, p := range suffixes {
		if base, ok := strings.CutSuffix(name, p.suffix); ok && def.Fields.ForName(base) != nil {
			return fmt.Sprintf(p.text, "`"+base+"`")
		}
	}
	return fmt.Sprintf("`%s` equals the value.", name)
}

// words turns camelCase or SNAKE_CASE into lower-case words.
func words(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == '_':
			b.WriteRune(' ')
		case unicode.IsUpper(r) && i > 0 && !unicode.IsUpper(rune(s[i-1])):
			b.WriteRune(' ')
			b.WriteRune(unicode.ToLower(r))
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return strings.ReplaceAll(b.String(), " i d", " ID")
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	if len(r) > 1 && unicode.IsUpper(r[1]) {
		return s // an acronym (API, ЄДРПОУ) keeps its case
	}
	r[0] = unicode.ToLower(r[0])
	return string(r)
}
