package workinggroups

import (
	"context"
	"strings"
	"time"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/workinggroupaction"
	"github.com/turbota/turbota/ent/workinggroupmember"
	"github.com/turbota/turbota/internal/auth"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/tenant"
)

// dueSoon is how close a due day makes an open item DUE_SOON.
const dueSoon = 7 * 24 * time.Hour

// Actions lists a group's action items: open ones first, by due day.
func Actions(ctx context.Context, c *ent.Client, group pulid.ID) ([]*ent.WorkingGroupAction, error) {
	return c.WorkingGroupAction.Query().Where(workinggroupaction.GroupID(group)).
		Order(ent.Desc(workinggroupaction.FieldStatus), ent.Asc(workinggroupaction.FieldDueOn), ent.Asc(workinggroupaction.FieldID)).All(ctx)
}

// MyActions lists the open action items the viewer answers for (as a
// member of a group by their account), most urgent first: their tasks.
func MyActions(ctx context.Context, c *ent.Client, community *pulid.ID) ([]*ent.WorkingGroupAction, error) {
	v := tenant.FromContext(ctx)
	if v == nil || v.UserID == "" {
		return nil, nil
	}
	q := c.WorkingGroupAction.Query().Where(workinggroupaction.StatusEQ(workinggroupaction.StatusOPEN),
		workinggroupaction.HasOwnerWith(workinggroupmember.UserID(v.UserID)))
	if community != nil {
		q.Where(workinggroupaction.CommunityID(*community))
	}
	return q.Order(ent.Asc(workinggroupaction.FieldDueOn), ent.Asc(workinggroupaction.FieldID)).All(ctx)
}

// DueStatus is where an item stands today: done or cancelled items are on
// time; an open one is overdue after its due day, due soon within a week.
func DueStatus(a *ent.WorkingGroupAction, now time.Time) procedure.DueStatus {
	if a.Status != workinggroupaction.StatusOPEN {
		return procedure.StatusOnTime
	}
	end := a.DueOn.AddDate(0, 0, 1) // due all through its day
	switch {
	case !now.Before(end):
		return procedure.StatusOverdue
	case end.Sub(now) <= dueSoon:
		return procedure.StatusDueSoon
	}
	return procedure.StatusOnTime
}

// AddAction gives a member of a group an action item outside a meeting's
// record (or adds one to a meeting recorded already).
func AddAction(ctx context.Context, c *ent.Client, in ent.CreateWorkingGroupActionInput) (*ent.WorkingGroupAction, error) {
	create := c.WorkingGroupAction.Create().SetInput(in).SetText(strings.TrimSpace(in.Text))
	if err := authz.Ask(ctx, workinggroupaction.Policy, create.Mutation()); err != nil {
		return nil, err
	}
	ms, err := members(ctx, c, in.GroupID)
	if err != nil {
		return nil, err
	}
	if err := checkAction(ms, ActionInput{Text: in.Text, OwnerID: in.OwnerID, DueOn: in.DueOn}, ""); err != nil {
		return nil, err
	}
	if in.MeetingID != nil {
		m, err := c.WorkingGroupMeeting.Get(ctx, *in.MeetingID)
		if err != nil {
			return nil, err
		}
		if m.GroupID != in.GroupID {
			return nil, auth.Invalid("meetingID", "a meeting of the same group")
		}
	}
	return create.Save(ctx)
}

// checkAction: an item says what, and its owner sits in the group.
func checkAction(ms map[pulid.ID]bool, a ActionInput, path string) error {
	if strings.TrimSpace(a.Text) == "" {
		return auth.Invalid(path+"text", "an action item says what is to be done")
	}
	if !ms[a.OwnerID] {
		return auth.Invalid(path+"ownerID", "an action item's owner is a current member of the group")
	}
	return nil
}

// CompleteAction records that an item was done on the day, with what was
// done; an item done or cancelled already is a CONFLICT.
func CompleteAction(ctx context.Context, c *ent.Client, id pulid.ID, doneOn time.Time, result *string) (*ent.WorkingGroupAction, error) {
	a, err := c.WorkingGroupAction.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	update := a.Update().SetStatus(workinggroupaction.StatusDONE).SetDoneOn(doneOn).SetNillableResult(result)
	if err := authz.Ask(ctx, workinggroupaction.Policy, update.Mutation()); err != nil {
		return nil, err
	}
	if a.Status != workinggroupaction.StatusOPEN {
		return nil, &procedure.RuleError{Code: procedure.RuleAlreadyEnded, Reasons: []string{"the action item is closed already"}}
	}
	if procedure.FutureDay(doneOn, clock.Now()) {
		return nil, auth.Invalid("doneOn", "an item is done on a day that has come")
	}
	return update.Save(ctx)
}

// AdoptDocument records a document the group adopted.
func AdoptDocument(ctx context.Context, c *ent.Client, in ent.CreateWorkingGroupDocumentInput) (*ent.WorkingGroupDocument, error) {
	if procedure.FutureDay(in.AdoptedOn, clock.Now()) {
		return nil, auth.Invalid("adoptedOn", "a document is recorded once adopted")
	}
	if in.MeetingID != nil {
		m, err := c.WorkingGroupMeeting.Get(ctx, *in.MeetingID)
		if err != nil {
			return nil, err
		}
		if m.GroupID != in.GroupID {
			return nil, auth.Invalid("meetingID", "a meeting of the same group")
		}
	}
	return c.WorkingGroupDocument.Create().SetInput(in).Save(ctx)
}
