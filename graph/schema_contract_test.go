package graph_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/turbota/turbota/graph/generated"
	"github.com/turbota/turbota/internal/workflow"
)

// The schema is the contract API users read: these tests introspect the
// schema the server executes and hold it to the promises of the API
// section of the README.

// freeText are String fields whose names sound like enumerations but
// hold free text, with why.
var freeText = map[string]string{
	"TeamMember.role":                            "the part a person plays on the team in their own words (psychologist, class teacher)",
	"AddTeamMemberInput.role":                    "as TeamMember.role",
	"TrainingProgramme.fundingSource":            "who pays for a training in words: a state subvention, a donor's project by name",
	"CreateTrainingProgrammeInput.fundingSource": "as TrainingProgramme.fundingSource",
	"UpdateTrainingProgrammeInput.fundingSource": "as TrainingProgramme.fundingSource",
}

func schema(t *testing.T) *ast.Schema {
	t.Helper()
	return generated.NewExecutableSchema(generated.Config{}).Schema()
}

// own lists the types the API defines (not GraphQL's built-ins).
func own(s *ast.Schema) []*ast.Definition {
	var out []*ast.Definition
	for name, d := range s.Types {
		if !d.BuiltIn && !strings.HasPrefix(name, "__") {
			out = append(out, d)
		}
	}
	slices.SortFunc(out, func(a, b *ast.Definition) int { return strings.Compare(a.Name, b.Name) })
	return out
}

func TestSchemaDescribesEverything(t *testing.T) {
	var missing []string
	for _, d := range own(schema(t)) {
		if strings.TrimSpace(d.Description) == "" {
			missing = append(missing, "type "+d.Name)
		}
		for _, f := range d.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			if strings.TrimSpace(f.Description) == "" {
				missing = append(missing, d.Name+"."+f.Name)
			}
			for _, a := range f.Arguments {
				if strings.TrimSpace(a.Description) == "" {
					missing = append(missing, d.Name+"."+f.Name+"("+a.Name+")")
				}
			}
		}
		for _, v := range d.EnumValues {
			if strings.TrimSpace(v.Description) == "" {
				missing = append(missing, d.Name+"."+v.Name)
			}
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d parts of the schema have no description:\n%s", len(missing), strings.Join(missing, "\n"))
	}
}

// enumName says a field holds one of a fixed set of values.
var enumName = regexp.MustCompile(`(?i)(^|[a-z])(kind|status|source|role|category|categorie)(e?s)?$`)

func TestSchemaEnumerationsAreEnums(t *testing.T) {
	for _, d := range own(schema(t)) {
		if d.Kind == ast.Enum || strings.HasSuffix(d.Name, "WhereInput") {
			continue // predicates of a String field repeat its name
		}
		for _, f := range d.Fields {
			if f.Type.Name() != "String" || !enumName.MatchString(f.Name) {
				continue
			}
			if _, ok := freeText[d.Name+"."+f.Name]; !ok {
				t.Errorf("%s.%s is a String, but its name says it is one of a fixed set: make it an enum", d.Name, f.Name)
			}
		}
	}
}

func TestSchemaTimesAreScalars(t *testing.T) {
	s := schema(t)
	for _, name := range []string{"Date", "Time"} {
		if d := s.Types[name]; d == nil || d.Kind != ast.Scalar {
			t.Fatalf("scalar %s is missing", name)
		}
	}
	// Days that are calendar dates travel as Date, never as a String.
	for _, d := range own(s) {
		for _, f := range d.Fields {
			n := strings.ToLower(f.Name)
			// (A working group's mandate ends in "date" and is text.)
			if f.Type.Name() == "String" && (strings.HasSuffix(n, "date") && n != "mandate" || n == "due" || n == "issued") {
				t.Errorf("%s.%s is a String date: make it a Date", d.Name, f.Name)
			}
		}
	}
}

// WorkItemKind is what a saved filter keeps: exactly the deadline kinds and
// the task kinds, so neither can grow without the other.
func TestSchemaWorkItemKindIsDeadlinesAndTasks(t *testing.T) {
	s := schema(t)
	var want, got []string
	for _, e := range []string{"DeadlineKind", "TaskKind"} {
		for _, v := range s.Types[e].EnumValues {
			want = append(want, v.Name)
		}
	}
	for _, v := range s.Types["WorkItemKind"].EnumValues {
		got = append(got, v.Name)
	}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(want, got) {
		t.Errorf("WorkItemKind = %v, want DeadlineKind ∪ TaskKind = %v", got, want)
	}
}

// The enumerations of values kept as strings in JSON columns list exactly
// what the workflow accepts, so the schema neither refuses a value the
// rules take nor offers one they refuse.
func TestSchemaEnumsMatchTheWorkflow(t *testing.T) {
	s := schema(t)
	for enum, values := range map[string][]string{
		"AssessmentDomain": workflow.Domains,
		"ConcernRating":    workflow.Ratings,
		"GoalAchievement":  workflow.GoalOutcomes,
	} {
		var got []string
		for _, v := range s.Types[enum].EnumValues {
			got = append(got, v.Name)
		}
		if !slices.Equal(got, values) {
			t.Errorf("%s = %v, the workflow accepts %v", enum, got, values)
		}
	}
}
