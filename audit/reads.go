package audit

import (
	"context"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/auditevent"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/tenant"
)

// ReadInterceptor writes an access event for every person, family and case
// a viewer's query returns, including those loaded as edges of other
// records. (A document's download is logged once by the download itself,
// which reads the file in many pieces: cases.OpenDocument.)
func ReadInterceptor() ent.Interceptor {
	return ent.InterceptFunc(func(next ent.Querier) ent.Querier {
		return ent.QuerierFunc(func(ctx context.Context, q ent.Query) (ent.Value, error) {
			v, err := next.Query(ctx, q)
			if err != nil || tenant.FromContext(ctx) == nil {
				return v, err
			}
			events := readEvents(v)
			if len(events) == 0 {
				return v, nil
			}
			client := ent.FromContext(ctx)
			if client == nil {
				return nil, errNoClient
			}
			if err := fillCommunities(ctx, client, events); err != nil {
				return nil, err
			}
			return v, Write(ctx, client, events...)
		})
	})
}

type auditError string

func (e auditError) Error() string { return string(e) }

const errNoClient = auditError("audit: a read of personal data outside a request transaction")

func readEvents(v ent.Value) []Event {
	var events []Event
	read := func(typ, id string, community string) {
		events = append(events, Event{Action: auditevent.ActionREAD, EntityType: typ, EntityID: id, Community: pulid.ID(community)})
	}
	switch x := v.(type) {
	case []*ent.Person:
		for _, p := range x {
			read(ent.TypePerson, string(p.ID), string(p.CommunityID))
		}
	case []*ent.Family:
		for _, f := range x {
			read(ent.TypeFamily, string(f.ID), string(f.CommunityID))
		}
	case []*ent.CaseFile:
		for _, c := range x {
			read(ent.TypeCaseFile, string(c.ID), string(c.CommunityID))
		}
	}
	return events
}

// fillCommunities finds the community of records read without their
// community_id column (GraphQL field collection selects only what was asked).
func fillCommunities(ctx context.Context, client *ent.Client, events []Event) error {
	var ids []pulid.ID
	for _, e := range events {
		if e.Community == "" {
			ids = append(ids, pulid.ID(e.EntityID))
		}
	}
	if len(ids) == 0 {
		return nil
	}
	found, err := communitiesOf(ctx, client, events[0].EntityType, ids)
	if err != nil {
		return err
	}
	byID := make(map[string]pulid.ID, len(found))
	for _, t := range found {
		byID[t.id] = t.community
	}
	for i := range events {
		if events[i].Community == "" {
			events[i].Community = byID[events[i].EntityID]
		}
	}
	return nil
}
