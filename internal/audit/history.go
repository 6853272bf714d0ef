package audit

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/hashicorp/go-multierror"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/auditevent"
	"github.com/turbota/turbota/ent/privacy"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/schema/schematype"
	"github.com/turbota/turbota/tenant"
)

// Change is one change of a record as its history shows it.
type Change struct {
	At               time.Time
	Action           auditevent.Action
	ActorUserID      *pulid.ID
	ActorAPIClientID *pulid.ID
	Fields           []FieldValue
	// ValuesHidden: the viewer may not read the record, only the log.
	ValuesHidden bool
}

// FieldValue is a field as a change left it; Old and New are JSON text.
type FieldValue struct {
	Field    string
	Old, New *string
	Redacted bool
}

// History lists the changes of one record, oldest first. The values are
// personal data, so the record's own read policy decides who sees them:
// whoever may read the record reads its whole history with values; whoever
// may only read the log (an auditor) gets what the log's own policy lets
// them see, without values; anyone else gets nothing.
func History(ctx context.Context, c *ent.Client, id pulid.ID) ([]*Change, error) {
	readable, err := readableByViewer(ctx, c, id)
	if err != nil {
		return nil, err
	}
	rctx := ctx
	if readable {
		rctx = tenant.Bypass(ctx, "read the history of a record the viewer may read: its own read policy answered")
	}
	events, err := c.AuditEvent.Query().
		Where(auditevent.EntityID(string(id)), auditevent.ActionIn(auditevent.ActionCREATE, auditevent.ActionUPDATE, auditevent.ActionDELETE)).
		Order(ent.Asc(auditevent.FieldOccurredAt), ent.Asc(auditevent.FieldID)).All(rctx)
	if err != nil {
		if isDenied(err) {
			return nil, nil
		}
		return nil, err
	}
	out := make([]*Change, len(events))
	for i, e := range events {
		out[i] = changeOf(e, readable)
	}
	return out, nil
}

// Actor is the user who made a change, where the viewer may see them (nil
// otherwise: the change is still shown).
func Actor(ctx context.Context, c *ent.Client, id pulid.ID) (*ent.User, error) {
	u, err := c.User.Get(ctx, id)
	if ent.IsNotFound(err) || isDenied(err) {
		return nil, nil
	}
	return u, err
}

// readableByViewer asks the record's own read policy whether the viewer may read
// it: a record that is not there and one the viewer may not see alike are
// not readable.
func readableByViewer(ctx context.Context, c *ent.Client, id pulid.ID) (bool, error) {
	_, err := c.Noder(ctx, id, ent.WithNodeType(ent.IDToType))
	// ent wraps a miss in a go-multierror, whose chain sends errors.Is into
	// endless recursion: take the wrapper off first.
	if me, ok := err.(*multierror.Error); ok && len(me.Errors) > 0 {
		err = me.Errors[0]
	}
	switch {
	case err == nil:
		return true, nil
	case ent.IsNotFound(err), ent.IsNotSingular(err), isDenied(err):
		return false, nil
	}
	return false, err
}

// changeOf shows one log line; without values, every field of it is named
// and none valued.
func changeOf(e *ent.AuditEvent, withValues bool) *Change {
	ch := &Change{At: e.OccurredAt, Action: e.Action, ActorUserID: e.ActorUserID, ActorAPIClientID: e.ActorAPIClientID,
		ValuesHidden: !withValues}
	valued := map[string]schematype.FieldChange{}
	for _, fc := range e.Changes {
		valued[fc.Field] = fc
	}
	names := slices.Clone(e.Fields)
	for _, fc := range e.Changes { // a deletion's values name the columns the fields did not
		if !slices.Contains(names, fc.Field) {
			names = append(names, fc.Field)
		}
	}
	for _, name := range names {
		// An edge held in a field of its own (family, family_id) is shown once, by the field.
		if slices.Contains(names, name+"_id") {
			continue
		}
		fc := valued[name]
		fv := FieldValue{Field: name, Redacted: fc.Redacted || secret(name)}
		if withValues && !fv.Redacted {
			fv.Old, fv.New = text(fc.Old), text(fc.New)
		}
		ch.Fields = append(ch.Fields, fv)
	}
	return ch
}

func text(raw []byte) *string {
	if len(raw) == 0 {
		return nil
	}
	s := string(raw)
	return &s
}

// isDenied: a privacy rule refused the read.
func isDenied(err error) bool { return errors.Is(err, privacy.Deny) }
