// Package audit keeps the change and access log: every mutation and every
// read of a person or a family becomes an AuditEvent naming who, in which
// community, on which record, which fields, and in which request. A change
// keeps the values of its fields before and after (never a secret's), which
// only a record's history shows, to whoever may read the record (History);
// they are never logged.
package audit

import (
	"context"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/auditevent"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/schema/schematype"
	"github.com/turbota/turbota/tenant"
)

type requestIDKey struct{}

// WithRequestID records the request ID that events of ctx will carry.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestID returns the request ID of ctx, if any.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// Event is what an audit line says.
type Event struct {
	Action     auditevent.Action
	Community  pulid.ID // empty outside any community
	EntityType string
	EntityID   string
	Fields     []string
	// Changes are the fields' values before and after a change.
	Changes []schematype.FieldChange
	// Actor overrides the viewer of the context (sign-in, where there is none yet).
	ActorUser pulid.ID
}

// Write appends events through client. The log is written past the privacy
// rules (no viewer may write it directly) but under the database's own rules:
// the application role may only insert into it.
func Write(ctx context.Context, client *ent.Client, events ...Event) error {
	if len(events) == 0 {
		return nil
	}
	v := tenant.FromContext(ctx)
	reqID := RequestID(ctx)
	creates := make([]*ent.AuditEventCreate, len(events))
	for i, e := range events {
		c := client.AuditEvent.Create().
			SetAction(e.Action).SetEntityType(e.EntityType).SetEntityID(e.EntityID).
			SetFields(e.Fields).SetRequestID(reqID)
		if len(e.Changes) > 0 {
			c.SetChanges(e.Changes)
		}
		if e.Community != "" {
			c.SetCommunityID(e.Community)
		}
		setActor(c, v, e.ActorUser)
		creates[i] = c
	}
	return client.AuditEvent.CreateBulk(creates...).Exec(tenant.Bypass(ctx, "write the change log: audit"))
}

func setActor(c *ent.AuditEventCreate, v *tenant.Viewer, user pulid.ID) {
	switch {
	case user != "":
		c.SetActorUserID(user)
	case v != nil && v.APIClientID != "":
		c.SetActorAPIClientID(v.APIClientID)
	case v != nil && v.UserID != "":
		c.SetActorUserID(v.UserID)
	}
}

// Install registers the change hook and the read interceptors on a client.
func Install(client *ent.Client) {
	client.Use(ChangeHook())
	client.Person.Intercept(ReadInterceptor())
	client.Family.Intercept(ReadInterceptor())
	client.CaseFile.Intercept(ReadInterceptor())
	client.AuditEvent.Intercept(syncedReads())
}

// syncedReads makes every query of the log first wait for the access lines
// this server has queued (Writer, Synced): the log shows every read
// answered before it is read.
func syncedReads() ent.Interceptor {
	return ent.InterceptFunc(func(next ent.Querier) ent.Querier {
		return ent.QuerierFunc(func(ctx context.Context, q ent.Query) (ent.Value, error) {
			if err := Synced(ctx); err != nil {
				return nil, err
			}
			return next.Query(ctx, q)
		})
	})
}
