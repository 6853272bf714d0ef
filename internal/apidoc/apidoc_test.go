package apidoc

import (
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
)

func TestWhereWordsEveryPredicate(t *testing.T) {
	def := &ast.Definition{Name: "PersonWhereInput", Kind: ast.InputObject, Fields: ast.FieldList{
		{Name: "not"}, {Name: "birthDate"}, {Name: "birthDateNEQ"}, {Name: "birthDateGTE"}, {Name: "birthDateGT"},
		{Name: "birthDateNotIn"}, {Name: "birthDateIn"}, {Name: "birthDateIsNil"}, {Name: "lastName"},
		{Name: "lastNameContainsFold"}, {Name: "hasFamily"}, {Name: "hasFamilyWith"},
	}}
	describeWhere(def)
	want := map[string]string{
		"not":                  "The records this filter does not match.",
		"birthDate":            "`birthDate` equals the value.",
		"birthDateNEQ":         "`birthDate` differs from the value.",
		"birthDateGTE":         "`birthDate` is the value or after/above it.",
		"birthDateGT":          "`birthDate` is after/above the value.",
		"birthDateNotIn":       "`birthDate` is none of the values.",
		"birthDateIn":          "`birthDate` is one of the values.",
		"birthDateIsNil":       "`birthDate` is empty (true) or not (false).",
		"lastNameContainsFold": "`lastName` contains the text, case-insensitively.",
		"hasFamily":            "Whether the record has any family.",
		"hasFamilyWith":        "Some family matches every one of these filters.",
	}
	for name, w := range want {
		if got := def.Fields.ForName(name).Description; got != w {
			t.Errorf("%s: %q, want %q", name, got, w)
		}
	}
}

func TestInputFieldsFollowTheirField(t *testing.T) {
	def := &ast.Definition{Name: "UpdatePersonInput", Kind: ast.InputObject, Fields: ast.FieldList{
		{Name: "patronymic", Description: "Patronymic (по батькові)"}, {Name: "clearPatronymic"},
		{Name: "familyID"}, {Name: "clearFamily"}, {Name: "appendIdentityDocuments"},
	}}
	describeFields(&ast.Schema{Types: map[string]*ast.Definition{}}, def)
	for name, w := range map[string]string{
		"clearPatronymic":         "Set to true to clear `patronymic`.",
		"familyID":                "The ID of the family.",
		"clearFamily":             "Set to true to clear `familyID`.",
		"appendIdentityDocuments": "Values added at the end of `identityDocuments`.",
	} {
		if got := def.Fields.ForName(name).Description; got != w {
			t.Errorf("%s: %q, want %q", name, got, w)
		}
	}
}

func TestSentenceAndLabel(t *testing.T) {
	labels := map[string]any{"consent": map[string]any{"purposes": map[string]any{"TEAM": "multidisciplinary team"}}}
	if got := sentence(label(labels, "consent.purposes.TEAM")); got != "Multidisciplinary team." {
		t.Errorf("sentence = %q", got)
	}
	if got := label(labels, "consent.purposes.NONE"); got != "" {
		t.Errorf("a missing label = %q", got)
	}
}
