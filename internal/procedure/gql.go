package procedure

import (
	"fmt"
	"io"
	"strconv"
)

// The methods below let the API and the database carry these types as they
// are (ent reads Values; gqlgen calls MarshalGQL/UnmarshalGQL), so an
// unknown value is refused at the edge with a clear message.

// Values lists the states, for the database column's enum.
func (State) Values() []string {
	out := make([]string, len(States()))
	for i, s := range States() {
		out[i] = string(s)
	}
	return out
}

// MarshalGQL writes the state as a GraphQL enum value.
func (s State) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(s))) }

// UnmarshalGQL reads a state, refusing unknown ones.
func (s *State) UnmarshalGQL(v any) error {
	str, _ := v.(string)
	for _, known := range States() {
		if string(known) == str {
			*s = known
			return nil
		}
	}
	return fmt.Errorf("%q is not a case state", str)
}

// MarshalGQL writes the category as a GraphQL enum value.
func (c Category) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(c))) }

// UnmarshalGQL reads a category, refusing unknown ones.
func (c *Category) UnmarshalGQL(v any) error {
	str, _ := v.(string)
	if !Category(str).Valid() {
		return fmt.Errorf("%q is not a report category", str)
	}
	*c = Category(str)
	return nil
}

// Values lists the safety results, for the database column's enum.
func (SafetyResult) Values() []string {
	return []string{string(SafetySafe), string(SafetyDangerPresent), string(SafetyImmediateThreat)}
}

// MarshalGQL writes the result as a GraphQL enum value.
func (r SafetyResult) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(r))) }

// UnmarshalGQL reads a result, refusing unknown ones.
func (r *SafetyResult) UnmarshalGQL(v any) error {
	str, _ := v.(string)
	for _, known := range (SafetyResult("")).Values() {
		if known == str {
			*r = SafetyResult(str)
			return nil
		}
	}
	return fmt.Errorf("%q is not a safety assessment result", str)
}

// MarshalGQL writes the status as a GraphQL enum value.
func (s DueStatus) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(s))) }

// UnmarshalGQL reads a status, refusing unknown ones.
func (s *DueStatus) UnmarshalGQL(v any) error {
	str, _ := v.(string)
	switch DueStatus(str) {
	case StatusOnTime, StatusDueSoon, StatusOverdue:
		*s = DueStatus(str)
		return nil
	}
	return fmt.Errorf("%q is not a deadline status", str)
}

// MarshalGQL writes the kind as a GraphQL enum value.
func (k Kind) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(k))) }

// UnmarshalGQL reads a kind, refusing unknown ones.
func (k *Kind) UnmarshalGQL(v any) error {
	str, _ := v.(string)
	for _, known := range Kinds() {
		if string(known) == str {
			*k = known
			return nil
		}
	}
	return fmt.Errorf("%q is not a deadline kind", str)
}

// MarshalGQL writes the task kind as a GraphQL enum value.
func (k TaskKind) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(k))) }

// UnmarshalGQL reads a task kind, refusing unknown ones.
func (k *TaskKind) UnmarshalGQL(v any) error {
	str, _ := v.(string)
	for _, known := range TaskKinds() {
		if string(known) == str {
			*k = known
			return nil
		}
	}
	return fmt.Errorf("%q is not a task kind", str)
}
