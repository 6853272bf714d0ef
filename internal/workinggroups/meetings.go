package workinggroups

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/workinggroupmeeting"
	"github.com/turbota/turbota/internal/auth"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
)

// MeetingInput is a meeting as its secretary records it: the day, place,
// agenda, the members present, the minutes, the decisions and the action
// items it gave.
type MeetingInput struct {
	GroupID   pulid.ID
	HeldOn    time.Time
	Place     *string
	Agenda    []string
	Attendees []pulid.ID
	Minutes   *string
	Decisions []string
	Actions   []*ActionInput
}

// ActionInput is an action item a meeting gives: what, whose, by when.
type ActionInput struct {
	Text    string
	OwnerID pulid.ID
	DueOn   time.Time
}

// Meetings lists a group's meetings, by number.
func Meetings(ctx context.Context, c *ent.Client, group pulid.ID) ([]*ent.WorkingGroupMeeting, error) {
	return c.WorkingGroupMeeting.Query().Where(workinggroupmeeting.GroupID(group)).
		Order(ent.Asc(workinggroupmeeting.FieldNumber)).All(ctx)
}

// RecordMeeting records a meeting of a group, numbered after the group's
// last one, with the action items it gave.
func RecordMeeting(ctx context.Context, c *ent.Client, in MeetingInput) (*ent.WorkingGroupMeeting, error) {
	g, err := c.WorkingGroup.Get(ctx, in.GroupID)
	if err != nil {
		return nil, err
	}
	create := c.WorkingGroupMeeting.Create().SetCommunityID(g.CommunityID).SetGroupID(g.ID).SetHeldOn(in.HeldOn).
		SetNillablePlace(in.Place).SetAgenda(trimmed(in.Agenda)).SetAttendees(in.Attendees).
		SetNillableMinutes(in.Minutes).SetDecisions(trimmed(in.Decisions))
	if err := authz.Ask(ctx, workinggroupmeeting.Policy, create.Mutation()); err != nil {
		return nil, err
	}
	if procedure.FutureDay(in.HeldOn, clock.Now()) {
		return nil, auth.Invalid("heldOn", "a meeting is recorded once it was held")
	}
	ms, err := members(ctx, c, g.ID)
	if err != nil {
		return nil, err
	}
	if err := checkAttendees(ms, in.Attendees); err != nil {
		return nil, err
	}
	for i, a := range in.Actions {
		if err := checkAction(ms, *a, fmt.Sprintf("actions.%d.", i)); err != nil {
			return nil, err
		}
	}
	last, err := c.WorkingGroupMeeting.Query().Where(workinggroupmeeting.GroupID(g.ID)).Count(ctx)
	if err != nil {
		return nil, err
	}
	m, err := create.SetNumber(last + 1).Save(ctx)
	if err != nil {
		return nil, err
	}
	for _, a := range in.Actions {
		if _, err := c.WorkingGroupAction.Create().SetCommunityID(g.CommunityID).SetGroupID(g.ID).SetMeetingID(m.ID).
			SetText(strings.TrimSpace(a.Text)).SetOwnerID(a.OwnerID).SetDueOn(a.DueOn).Save(ctx); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// UpdateMeeting corrects a meeting's record: its minutes, decisions,
// attendance, agenda or place.
func UpdateMeeting(ctx context.Context, c *ent.Client, id pulid.ID, in ent.UpdateWorkingGroupMeetingInput) (*ent.WorkingGroupMeeting, error) {
	m, err := c.WorkingGroupMeeting.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	update := m.Update().SetInput(in)
	if err := authz.Ask(ctx, workinggroupmeeting.Policy, update.Mutation()); err != nil {
		return nil, err
	}
	if in.HeldOn != nil && procedure.FutureDay(*in.HeldOn, clock.Now()) {
		return nil, auth.Invalid("heldOn", "a meeting is recorded once it was held")
	}
	if in.Attendees != nil {
		ms, err := members(ctx, c, m.GroupID)
		if err != nil {
			return nil, err
		}
		if err := checkAttendees(ms, in.Attendees); err != nil {
			return nil, err
		}
	}
	return update.Save(ctx)
}

// checkAttendees: those present are members of the group, each once.
func checkAttendees(ms map[pulid.ID]bool, ids []pulid.ID) error {
	seen := map[pulid.ID]bool{}
	for _, id := range ids {
		if _, ok := ms[id]; !ok {
			return auth.Invalid("attendees", "only the group's members attend its meetings")
		}
		if seen[id] {
			return auth.Invalid("attendees", "a member is present once")
		}
		seen[id] = true
	}
	return nil
}

func trimmed(lines []string) []string {
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
