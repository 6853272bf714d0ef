package supervision

import (
	"context"
	"slices"
	"time"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/casefile"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/schema/schematype"
	"github.com/turbota/turbota/ent/supervisionsession"
	"github.com/turbota/turbota/ent/user"
	"github.com/turbota/turbota/internal/auth"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/tenant"
)

// Sessions lists the community's sessions the viewer may read, from..to
// (either open), the latest first.
func Sessions(ctx context.Context, c *ent.Client, community pulid.ID, from, to *time.Time) ([]*ent.SupervisionSession, error) {
	q := c.SupervisionSession.Query().Where(supervisionsession.CommunityID(community))
	if from != nil {
		q.Where(supervisionsession.HeldOnGTE(*from))
	}
	if to != nil {
		q.Where(supervisionsession.HeldOnLTE(*to))
	}
	return q.Order(ent.Desc(supervisionsession.FieldHeldOn), ent.Desc(supervisionsession.FieldID)).All(ctx)
}

// Users are the people of ids the viewer may see, in the order given; the
// others are left out.
func Users(ctx context.Context, c *ent.Client, ids []pulid.ID) ([]*ent.User, error) {
	if len(ids) == 0 {
		return []*ent.User{}, nil
	}
	us, err := c.User.Query().Where(user.IDIn(ids...)).All(ctx)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(us, func(a, b *ent.User) int { return slices.Index(ids, a.ID) - slices.Index(ids, b.ID) })
	return us, nil
}

// Cases are the cases discussed that the viewer may read: a reference to a
// case outside the viewer's sight is not shown, and a session never holds
// a case's contents.
func Cases(ctx context.Context, c *ent.Client, s *ent.SupervisionSession) ([]*ent.CaseFile, error) {
	if len(s.CaseIds) == 0 {
		return []*ent.CaseFile{}, nil
	}
	return c.CaseFile.Query().Where(casefile.IDIn(s.CaseIds...)).Order(ent.Asc(casefile.FieldID)).All(ctx)
}

// Complete marks a follow-up item of a session done on a day.
func Complete(ctx context.Context, c *ent.Client, id pulid.ID, key string, doneOn time.Time) (*ent.SupervisionSession, error) {
	s, err := c.SupervisionSession.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	update := s.Update()
	if err := authz.Ask(ctx, supervisionsession.Policy, update.Mutation()); err != nil {
		return nil, err
	}
	items := slices.Clone(s.FollowUps)
	i := slices.IndexFunc(items, func(f schematype.SupervisionFollowUp) bool { return f.Key == key })
	switch {
	case i < 0:
		return nil, auth.Invalid("key", "no such follow-up item of the session")
	case items[i].DoneOn != nil:
		return nil, &procedure.RuleError{Code: procedure.RuleAlreadyEnded, Reasons: []string{"the item is done already"}}
	case procedure.FutureDay(doneOn, clock.Now()) || procedure.DateOf(doneOn).Before(procedure.DateOf(s.HeldOn)):
		return nil, auth.Invalid("doneOn", "on or after the session and not in the future")
	}
	items[i].DoneOn = &doneOn
	return update.SetFollowUps(items).Save(ctx)
}

// Task is an open follow-up item with how it stands.
type Task struct {
	Session *ent.SupervisionSession
	Item    schematype.SupervisionFollowUp
	Status  procedure.DueStatus
}

// Tasks lists the open follow-up items of the sessions the viewer may
// read in a community, most urgent first: those assigned to the viewer
// (mine), or all; of the statuses given (all when none). They stand under
// the same due-soon policy as a case's tasks.
func Tasks(ctx context.Context, c *ent.Client, community pulid.ID, mine bool, statuses []procedure.DueStatus) ([]Task, error) {
	ss, err := c.SupervisionSession.Query().Where(supervisionsession.CommunityID(community)).All(ctx)
	if err != nil {
		return nil, err
	}
	v := tenant.FromContext(ctx)
	cal, now := procedure.Default(), clock.Now()
	rules, err := procedure.DefaultRuleBook().RuleSetAt(now)
	if err != nil {
		return nil, err
	}
	var out []Task
	for _, s := range ss {
		for _, f := range s.FollowUps {
			if f.DoneOn != nil || mine && (v == nil || f.AssigneeID == nil || *f.AssigneeID != v.UserID) {
				continue
			}
			st := rules.TaskStatus(procedure.Task{Start: s.HeldOn, Due: procedure.DateOf(f.DueOn).EndOfDay()}, now, cal)
			if len(statuses) == 0 || slices.Contains(statuses, st) {
				out = append(out, Task{Session: s, Item: f, Status: st})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Task) int { return a.Item.DueOn.Compare(b.Item.DueOn) })
	return out, nil
}
