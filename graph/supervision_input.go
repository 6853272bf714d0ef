package graph

import (
	"context"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/graph/model"
	"github.com/turbota/turbota/internal/supervision"
)

// supervisionInput translates recordSupervisionSession's input.
func supervisionInput(in model.RecordSupervisionSessionInput) supervision.Session {
	s := supervision.Session{Community: in.CommunityID, Kind: in.Kind, Format: in.Format, HeldOn: in.HeldOn,
		SupervisorKind: in.SupervisorKind, Supervisor: in.SupervisorID, SupervisorName: text(in.SupervisorName),
		SupervisorAffiliation: text(in.SupervisorAffiliation), Topic: text(in.Topic), Supervisees: in.SuperviseeIDs,
		Cases: in.CaseIDs, Recommendations: text(in.Recommendations)}
	for _, f := range in.FollowUps {
		s.FollowUps = append(s.FollowUps, supervision.FollowUp{Text: f.Text, Assignee: f.AssigneeID, DueOn: f.DueOn})
	}
	return s
}

// oneUser is the user of id where the viewer may see them, else nil.
func oneUser(ctx context.Context, c *ent.Client, id pulid.ID) (*ent.User, error) {
	us, err := supervision.Users(ctx, c, []pulid.ID{id})
	if err != nil || len(us) == 0 {
		return nil, err
	}
	return us[0], nil
}
