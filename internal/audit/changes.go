package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/auditevent"
	"github.com/turbota/turbota/ent/schema/pulid"
)

// unaudited are the types whose changes are bookkeeping or reference data,
// not acts of a person: the log itself, sign-in state, the codifier, and
// the pieces of a file (its document's creation is the act).
var unaudited = map[string]bool{
	ent.TypeAuditEvent: true, ent.TypeSession: true, ent.TypeLoginAttempt: true, ent.TypeCredential: true,
	ent.TypePasswordReset: true, // sign-in state too; the password it sets is logged (auth.replacePassword)
	ent.TypeOAuthToken:    true, // sign-in state too; each token issued is logged as its client's LOGIN (oauth.Server.issued)
	ent.TypeRegion:        true, ent.TypeDistrict: true, ent.TypeDocumentChunk: true,
	ent.TypeDocumentCounter: true, // the register's counter; the number it gives is logged (DocumentNumber)
}

// ChangeHook writes an audit event for every change of every other type.
func ChangeHook() ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			if unaudited[m.Type()] || (m.Type() == ent.TypeCommunity && m.Op().Is(ent.OpCreate)) {
				return next.Mutate(ctx, m)
			}
			targets, err := targetsBefore(ctx, m)
			if err != nil {
				return nil, err
			}
			v, err := next.Mutate(ctx, m)
			if err != nil {
				return nil, err
			}
			if m.Op().Is(ent.OpCreate) {
				targets, err = createdTarget(m, v)
			} else if m.Op().Is(ent.OpUpdate | ent.OpUpdateOne) {
				err = readAfter(ctx, m, targets)
			}
			if err != nil {
				return nil, err
			}
			return v, Write(ctx, clientOf(m), changeEvents(m, targets)...)
		})
	}
}

type target struct {
	id        string
	community pulid.ID
	table     string
	// before holds the row's columns before an update or a delete, after
	// those after an update: each row's own values, so a bulk update over
	// many rows keeps what each had, and a change the mutation does not
	// name as a field (a list appended to, a number added to, a hook's)
	// is found by comparing them.
	before, after map[string]json.RawMessage
}

func changeEvents(m ent.Mutation, targets []target) []Event {
	fields := slices.Concat(m.Fields(), m.ClearedFields(), m.AddedEdges(), m.RemovedEdges(), m.ClearedEdges())
	slices.Sort(fields)
	fields = slices.Compact(fields)
	action := auditevent.ActionUPDATE
	switch {
	case m.Op().Is(ent.OpCreate):
		action = auditevent.ActionCREATE
	case m.Op().Is(ent.OpDelete | ent.OpDeleteOne):
		action = auditevent.ActionDELETE
	}
	events := make([]Event, len(targets))
	for i, t := range targets {
		changes := fieldChanges(m, t.before, t.after)
		named := fields
		for _, c := range changes {
			if !slices.Contains(named, c.Field) && !m.Op().Is(ent.OpDelete|ent.OpDeleteOne) {
				named = append(slices.Clone(named), c.Field)
			}
		}
		slices.Sort(named)
		events[i] = Event{Action: action, Community: t.community, EntityType: m.Type(), EntityID: t.id, Fields: named,
			Changes: changes}
	}
	return events
}

// readAfter reads the updated rows' columns as the update left them.
func readAfter(ctx context.Context, m ent.Mutation, targets []target) error {
	if len(targets) == 0 {
		return nil
	}
	ids := make([]pulid.ID, len(targets))
	for i, t := range targets {
		ids[i] = pulid.ID(t.id)
	}
	after, err := valuesBefore(ctx, clientOf(m), targets[0].table, ids)
	if err != nil {
		return err
	}
	for i := range targets {
		targets[i].after = after[targets[i].id]
	}
	return nil
}

// targetsBefore finds the rows an update or delete will touch, with their
// community, before they change or disappear.
func targetsBefore(ctx context.Context, m ent.Mutation) ([]target, error) {
	if m.Op().Is(ent.OpCreate) {
		return nil, nil
	}
	idm, ok := m.(interface {
		IDs(context.Context) ([]pulid.ID, error)
	})
	if !ok {
		return nil, fmt.Errorf("audit: %s has no IDs", m.Type())
	}
	ids, err := idm.IDs(ctx)
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	targets, err := communitiesOf(ctx, clientOf(m), m.Type(), ids)
	if err != nil {
		return nil, err
	}
	table, err := ent.IDToType(ctx, ids[0])
	if err != nil {
		return nil, err
	}
	before, err := valuesBefore(ctx, clientOf(m), table, ids)
	if err != nil {
		return nil, err
	}
	for i := range targets {
		targets[i].before, targets[i].table = before[targets[i].id], table
	}
	return targets, nil
}

func createdTarget(m ent.Mutation, v ent.Value) ([]target, error) {
	var id pulid.ID
	f := reflect.Indirect(reflect.ValueOf(v)).FieldByName("ID")
	if f.IsValid() {
		id, _ = f.Interface().(pulid.ID)
	}
	if id == "" {
		return nil, fmt.Errorf("audit: created %s has no ID", m.Type())
	}
	return []target{{id: string(id), community: communityOfCreate(m, id)}}, nil
}

func communityOfCreate(m ent.Mutation, id pulid.ID) pulid.ID {
	if m.Type() == ent.TypeCommunity {
		return id
	}
	if c, ok := m.Field("community_id"); ok {
		cid, _ := c.(pulid.ID)
		return cid
	}
	if d, ok := m.Field("domain"); ok && d != "*" {
		return pulid.ID(fmt.Sprint(d))
	}
	return ""
}

// communityColumn names the column that ties a row of each global type to a
// community; tenant-owned tables all have community_id.
var communityColumn = map[string]string{
	ent.TypeCommunity:  "id",
	ent.TypePolicyRule: "domain",
	ent.TypeUser:       "",
}

func communitiesOf(ctx context.Context, client *ent.Client, typ string, ids []pulid.ID) ([]target, error) {
	col, ok := communityColumn[typ]
	if !ok {
		col = "community_id"
	}
	out := make([]target, len(ids))
	for i, id := range ids {
		out[i] = target{id: string(id)}
	}
	if col == "" {
		return out, nil
	}
	table, err := ent.IDToType(ctx, ids[0])
	if err != nil {
		return nil, err
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = string(id)
	}
	q, qargs := sql.Dialect(dialect.Postgres).Select("id", col).From(sql.Table(table)).Where(sql.In("id", args...)).Query()
	rows, err := client.QueryContext(ctx, q, qargs...)
	if err != nil {
		return nil, fmt.Errorf("audit: find communities of %s: %w", typ, err)
	}
	defer rows.Close()
	byID := map[string]pulid.ID{}
	for rows.Next() {
		var id string
		var c sql.NullString
		if err := rows.Scan(&id, &c); err != nil {
			return nil, err
		}
		if c.String != "*" {
			byID[id] = pulid.ID(c.String)
		}
	}
	for i := range out {
		out[i].community = byID[out[i].id]
	}
	return out, rows.Err()
}

func clientOf(m ent.Mutation) *ent.Client {
	return m.(interface{ Client() *ent.Client }).Client()
}
