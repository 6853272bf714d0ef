package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/lib/pq"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/schema/schematype"
)

// secretMarks name the fields whose values the log never keeps, whatever
// their type: password hashes, tokens, TOTP secrets, recovery codes. A
// name is matched by part, so a new "…_token" field is covered at once.
var secretMarks = []string{"password", "secret", "token", "hash", "recovery_code", "totp", "csrf"}

// secret reports whether a field's values must never be stored.
func secret(field string) bool {
	f := strings.ToLower(field)
	return slices.ContainsFunc(secretMarks, func(m string) bool { return strings.Contains(f, m) })
}

// rowValues holds the rows a change is about to touch, by ID, each as its
// columns' values in JSON, read before the change.
type rowValues map[string]map[string]json.RawMessage

// valuesBefore reads the rows of ids as they are before an update or a
// delete. to_jsonb keeps each column under its name, so no field's
// storage needs to be known here; a field stored under another name simply
// has no value before.
func valuesBefore(ctx context.Context, client *ent.Client, table string, ids []pulid.ID) (rowValues, error) {
	args := make([]string, len(ids))
	for i, id := range ids {
		args[i] = string(id)
	}
	// The table's name comes from the ID prefixes ent knows, not from input.
	q := `SELECT t.id, to_jsonb(t) FROM ` + pq.QuoteIdentifier(table) + ` t WHERE t.id = ANY($1)`
	rows, err := client.QueryContext(ctx, q, pq.Array(args))
	if err != nil {
		return nil, fmt.Errorf("audit: read values before a change of %s: %w", table, err)
	}
	defer rows.Close()
	out := rowValues{}
	for rows.Next() {
		var id string
		var raw []byte
		if err := rows.Scan(&id, &raw); err != nil {
			return nil, err
		}
		var cols map[string]json.RawMessage
		if err := json.Unmarshal(raw, &cols); err != nil {
			return nil, err
		}
		out[id] = cols
	}
	return out, rows.Err()
}

// fieldChanges lists, for one record, each changed field with its value
// before (from before, where read) and after (from the mutation). Secrets
// are named and marked, never valued.
func fieldChanges(m ent.Mutation, before map[string]json.RawMessage) []schematype.FieldChange {
	var out []schematype.FieldChange
	add := func(name string, newValue json.RawMessage) {
		c := schematype.FieldChange{Field: name}
		if secret(name) {
			c.Redacted = true
		} else {
			c.Old, c.New = before[name], newValue
		}
		out = append(out, c)
	}
	deleting := m.Op().Is(ent.OpDelete | ent.OpDeleteOne)
	if deleting {
		for _, name := range slices.Sorted(keys(before)) {
			if name != "id" {
				add(name, nil)
			}
		}
		return out
	}
	for _, name := range m.Fields() {
		v, _ := m.Field(name)
		b, err := json.Marshal(v)
		if err != nil {
			b = nil // a value JSON cannot hold is named without it
		}
		add(name, b)
	}
	for _, name := range m.ClearedFields() {
		add(name, json.RawMessage("null"))
	}
	slices.SortFunc(out, func(a, b schematype.FieldChange) int { return strings.Compare(a.Field, b.Field) })
	return out
}

func keys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}
