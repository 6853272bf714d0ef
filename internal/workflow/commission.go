package workflow

import (
	"context"
	"strings"
	"time"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/casefile"
	"github.com/turbota/turbota/ent/commissionsession"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/schema/schematype"
)

// Session is a sitting of the commission on the rights of the child.
type Session struct {
	Community pulid.ID
	HeldAt    *time.Time
	Protocol  *string
	Agenda    []schematype.AgendaItem
	Attendees []string
	Notes     *string
}

// CreateSession records a commission sitting and its agenda.
func CreateSession(ctx context.Context, c *ent.Client, in Session) (*ent.CommissionSession, error) {
	if in.HeldAt == nil {
		return nil, inputErr("heldAt", "must be given")
	}
	create := c.CommissionSession.Create().SetCommunityID(in.Community).SetHeldAt(*in.HeldAt).SetAgenda(in.Agenda).
		SetAttendees(in.Attendees).SetNillableProtocolNumber(in.Protocol).SetNillableNotes(in.Notes).
		SetNillableRecordedByID(actor(ctx))
	if err := askPolicy(ctx, commissionsession.Policy, create.Mutation()); err != nil {
		return nil, err
	}
	if err := checkAgenda(ctx, c, in.Community, in.Agenda); err != nil {
		return nil, err
	}
	return create.Save(ctx)
}

// UpdateSession changes what is given of a sitting (the protocol is often
// numbered, and outcomes written, after it).
func UpdateSession(ctx context.Context, c *ent.Client, id pulid.ID, in Session) (*ent.CommissionSession, error) {
	s, err := c.CommissionSession.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	u := c.CommissionSession.UpdateOneID(id).SetNillableHeldAt(in.HeldAt).SetNillableProtocolNumber(in.Protocol).
		SetNillableNotes(in.Notes)
	if err := askPolicy(ctx, commissionsession.Policy, u.Mutation()); err != nil {
		return nil, err
	}
	if in.Agenda != nil {
		if err := checkAgenda(ctx, c, s.CommunityID, in.Agenda); err != nil {
			return nil, err
		}
		u.SetAgenda(in.Agenda)
	}
	if in.Attendees != nil {
		u.SetAttendees(in.Attendees)
	}
	return u.Save(ctx)
}

// checkAgenda: every item has a title, and the cases named are the community's.
func checkAgenda(ctx context.Context, c *ent.Client, community pulid.ID, agenda []schematype.AgendaItem) error {
	if len(agenda) == 0 {
		return inputErr("agenda", "a sitting has at least one question")
	}
	for _, it := range agenda {
		if strings.TrimSpace(it.Title) == "" {
			return inputErr("agenda", "every question has a title")
		}
		if it.CaseID == nil {
			continue
		}
		ok, err := c.CaseFile.Query().Where(casefile.ID(*it.CaseID), casefile.CommunityID(community)).Exist(ctx)
		if err != nil {
			return err
		}
		if !ok {
			return inputErr("agenda", "a case on the agenda was not found")
		}
	}
	return nil
}

// checkSession: a decision's session is a sitting of the case's community.
func checkSession(ctx context.Context, c *ent.Client, cf *ent.CaseFile, id *pulid.ID) error {
	if id == nil {
		return nil
	}
	ok, err := c.CommissionSession.Query().Where(commissionsession.ID(*id), commissionsession.CommunityID(cf.CommunityID)).Exist(ctx)
	if err != nil {
		return err
	}
	if !ok {
		return inputErr("sessionID", "not a commission sitting of this community")
	}
	return nil
}
