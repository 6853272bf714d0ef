package audit

import (
	"bytes"
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
// before (from before, where read) and after (from after, where read, else
// from the mutation): the fields the mutation sets or clears, the columns
// whose values differ (a list appended to, a number added to), and the
// edges to many records, whose old value lists the records the edge lost
// and new value those it gained. Secrets are named and marked, never
// valued.
func fieldChanges(m ent.Mutation, before, after map[string]json.RawMessage) []schematype.FieldChange {
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
	seen := map[string]bool{}
	value := func(name string, fromMutation func() json.RawMessage) {
		if seen[name] {
			return
		}
		seen[name] = true
		if v, ok := after[name]; ok {
			add(name, v)
			return
		}
		add(name, fromMutation())
	}
	for _, name := range m.Fields() {
		value(name, func() json.RawMessage {
			v, _ := m.Field(name)
			b, err := json.Marshal(v)
			if err != nil {
				return nil // a value JSON cannot hold is named without it
			}
			return b
		})
	}
	for _, name := range m.ClearedFields() {
		value(name, func() json.RawMessage { return json.RawMessage("null") })
	}
	for _, name := range slices.Sorted(keys(after)) {
		if !seen[name] && name != "id" && !bytes.Equal(before[name], after[name]) {
			value(name, nil)
		}
	}
	for _, name := range slices.Concat(m.AddedEdges(), m.RemovedEdges()) {
		if !seen[name] {
			seen[name] = true
			out = append(out, schematype.FieldChange{Field: name, Old: idList(m.RemovedIDs(name)), New: idList(m.AddedIDs(name))})
		}
	}
	slices.SortFunc(out, func(a, b schematype.FieldChange) int { return strings.Compare(a.Field, b.Field) })
	return out
}

// idList is the JSON list of the IDs an edge gained or lost; nil for none.
func idList(ids []ent.Value) json.RawMessage {
	if len(ids) == 0 {
		return nil
	}
	b, err := json.Marshal(ids)
	if err != nil {
		return nil
	}
	return b
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
