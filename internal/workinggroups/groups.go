// Package workinggroups keeps a community's inter-agency working groups
// (seed 004): the group and its mandate, its members (staff of the
// community by account, or external members by name and organisation),
// its meetings with agenda, attendance, minutes and decisions, the action
// items they give (which join their owner's tasks), and the documents it
// adopts. As in the case workflow, each step asks the entity's privacy
// policy first (authz.Ask) and answers bad input with auth.InputError; who
// may do what is the policy's (authz/group_rules.go), never this package's.
package workinggroups

import (
	"context"
	"time"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/workinggroup"
	"github.com/turbota/turbota/ent/workinggroupmember"
	"github.com/turbota/turbota/internal/auth"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
)

// Groups lists the community's groups the viewer may read, working ones
// first, by title.
func Groups(ctx context.Context, c *ent.Client, community pulid.ID) ([]*ent.WorkingGroup, error) {
	return c.WorkingGroup.Query().Where(workinggroup.CommunityID(community)).
		Order(ent.Asc(workinggroup.FieldEndedOn), ent.Asc(workinggroup.FieldTitle), ent.Asc(workinggroup.FieldID)).All(ctx)
}

// CreateGroup sets a group up.
func CreateGroup(ctx context.Context, c *ent.Client, in ent.CreateWorkingGroupInput) (*ent.WorkingGroup, error) {
	if err := checkSpan(in.EstablishedOn, in.EndedOn); err != nil {
		return nil, err
	}
	return c.WorkingGroup.Create().SetInput(in).Save(ctx)
}

// UpdateGroup changes a group's title, mandate or dates.
func UpdateGroup(ctx context.Context, c *ent.Client, id pulid.ID, in ent.UpdateWorkingGroupInput) (*ent.WorkingGroup, error) {
	g, err := c.WorkingGroup.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	update := g.Update().SetInput(in)
	if err := authz.Ask(ctx, workinggroup.Policy, update.Mutation()); err != nil {
		return nil, err
	}
	est, ended := g.EstablishedOn, g.EndedOn
	if in.ClearEstablishedOn {
		est = nil
	}
	if in.EstablishedOn != nil {
		est = in.EstablishedOn
	}
	if in.ClearEndedOn {
		ended = nil
	}
	if in.EndedOn != nil {
		ended = in.EndedOn
	}
	if err := checkSpan(est, ended); err != nil {
		return nil, err
	}
	return update.Save(ctx)
}

func checkSpan(from, to *time.Time) error {
	if from != nil && to != nil && to.Before(*from) {
		return auth.Invalid("endedOn", "a group finishes its work after it was set up")
	}
	if from != nil && procedure.FutureDay(*from, clock.Now()) {
		return auth.Invalid("establishedOn", "a group is recorded once it is set up")
	}
	return nil
}

// AddMember gives a place in a group to a member of the community's staff
// (userID) or to an external member (name and organisation).
func AddMember(ctx context.Context, c *ent.Client, in ent.CreateWorkingGroupMemberInput) (*ent.WorkingGroupMember, error) {
	create := c.WorkingGroupMember.Create().SetInput(in)
	if err := authz.Ask(ctx, workinggroupmember.Policy, create.Mutation()); err != nil {
		return nil, err
	}
	if in.UserID == nil && (in.Name == nil || *in.Name == "") {
		return nil, auth.Invalid("name", "a member without an account is named")
	}
	if in.UserID != nil {
		taken, err := c.WorkingGroupMember.Query().Where(workinggroupmember.GroupID(in.GroupID),
			workinggroupmember.UserID(*in.UserID), workinggroupmember.LeftOnIsNil()).Exist(ctx)
		if err != nil {
			return nil, err
		}
		if taken {
			return nil, auth.Invalid("userID", "already a member of the group")
		}
	}
	if err := fillNames(ctx, c, create.Mutation()); err != nil {
		return nil, err
	}
	return create.Save(ctx)
}

// UpdateMember changes a member's place, post or organisation, or records
// that they left.
func UpdateMember(ctx context.Context, c *ent.Client, id pulid.ID, in ent.UpdateWorkingGroupMemberInput) (*ent.WorkingGroupMember, error) {
	m, err := c.WorkingGroupMember.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	update := m.Update().SetInput(in)
	if err := authz.Ask(ctx, workinggroupmember.Policy, update.Mutation()); err != nil {
		return nil, err
	}
	if in.LeftOn != nil && procedure.FutureDay(*in.LeftOn, clock.Now()) {
		return nil, auth.Invalid("leftOn", "a member leaves on a day that has come")
	}
	if err := fillNames(ctx, c, update.Mutation()); err != nil {
		return nil, err
	}
	return update.Save(ctx)
}

// fillNames copies the name of a member's account and organisation, so the
// group names them even where its reader may not see users or
// organisations (a member from a provider, an external partner).
func fillNames(ctx context.Context, c *ent.Client, m *ent.WorkingGroupMemberMutation) error {
	if id, ok := m.UserID(); ok {
		if name, ok := m.Name(); !ok || name == "" {
			u, err := c.User.Get(ctx, id)
			if err != nil {
				return err
			}
			m.SetName(u.DisplayName)
		}
	}
	if id, ok := m.OrganizationID(); ok {
		if name, ok := m.OrganizationName(); !ok || name == "" {
			o, err := c.Organization.Get(ctx, id)
			if err != nil {
				return err
			}
			m.SetOrganizationName(o.Name)
		}
	}
	return nil
}

// members are a group's members by ID, with whether they still sit in it.
func members(ctx context.Context, c *ent.Client, group pulid.ID) (map[pulid.ID]bool, error) {
	all, err := c.WorkingGroupMember.Query().Where(workinggroupmember.GroupID(group)).All(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[pulid.ID]bool, len(all))
	for _, m := range all {
		out[m.ID] = m.LeftOn == nil
	}
	return out, nil
}
