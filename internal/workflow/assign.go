package workflow

import (
	"context"
	"strconv"
	"strings"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/casefile"
	"github.com/turbota/turbota/ent/notification"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/notify"
)

// AssignCase makes a worker the manager of a case, and tells them and
// the manager they replace. Who may assign whom is the case's policy's
// (authz.RequireAssignmentPermission: a supervisor assigns anyone holding
// a casework role of the community, a worker only themselves, a case
// nobody manages). when dates it (a paper file's, in "assignedAt"), under
// the rules of When.
func AssignCase(ctx context.Context, c *ent.Client, id, manager pulid.ID, note string, when When) (*ent.CaseFile, error) {
	before, err := c.CaseFile.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	cf, err := updateCase(ctx, c, id, ent.UpdateCaseInput{ManagerID: &manager}, strings.TrimSpace(note), when)
	if err != nil {
		return nil, err
	}
	if before.ManagerID != nil && *before.ManagerID == manager {
		return cf, nil
	}
	return cf, tellAssigned(ctx, c, cf, before.ManagerID, manager)
}

// tellAssigned tells the new manager of a case that it is theirs, and the
// one replaced that it is no longer.
func tellAssigned(ctx context.Context, c *ent.Client, cf *ent.CaseFile, from *pulid.ID, to pulid.ID) error {
	err := notify.Send(ctx, c, notify.Note{Community: cf.CommunityID, Kind: notification.KindCASE_ASSIGNED, Case: &cf.ID,
		Subject: &cf.ID, Detail: "ASSIGNED"}, []pulid.ID{to}, actor(ctx))
	if err != nil || from == nil {
		return err
	}
	return notify.Send(ctx, c, notify.Note{Community: cf.CommunityID, Kind: notification.KindCASE_ASSIGNED, Case: &cf.ID,
		Subject: &cf.ID, Detail: "UNASSIGNED"}, []pulid.ID{*from}, actor(ctx))
}

// ReassignCaseload hands every open case a worker manages in a community
// (procedure.State.Open: not closed, refused nor transferred) to another
// in one step: each case is assigned as AssignCase does, under the same
// policy, with a timeline entry of its own; the new manager is told of
// each case, the departing worker once, with the number of cases handed
// on. Nothing is handed on unless everything is; a worker with no open
// case the viewer can see is NOT_FOUND. when dates the handover (in
// "reassignedAt"), under the rules of When for every case handed on.
func ReassignCaseload(ctx context.Context, c *ent.Client, community, from, to pulid.ID, note string, when When) ([]*ent.CaseFile, error) {
	if from == to {
		return nil, inputErr("toUserID", "the caseload goes to someone else")
	}
	open, err := c.CaseFile.Query().Where(casefile.CommunityID(community), casefile.ManagerID(from),
		openCase()).Order(ent.Asc(casefile.FieldOpenedAt)).All(ctx)
	if err != nil {
		return nil, err
	}
	if len(open) == 0 {
		// No open case of that worker the viewer can see: nothing to hand
		// on, and nothing said of cases out of the viewer's sight.
		return nil, &ent.NotFoundError{}
	}
	why := "caseload reassigned"
	if n := strings.TrimSpace(note); n != "" {
		why += " (" + n + ")"
	}
	out := make([]*ent.CaseFile, 0, len(open))
	for _, cf := range open {
		moved, err := updateCase(ctx, c, cf.ID, ent.UpdateCaseInput{ManagerID: &to}, why, when)
		if err != nil {
			return nil, err
		}
		if err := notify.Send(ctx, c, notify.Note{Community: community, Kind: notification.KindCASE_ASSIGNED, Case: &moved.ID,
			Subject: &moved.ID, Detail: "ASSIGNED"}, []pulid.ID{to}, actor(ctx)); err != nil {
			return nil, err
		}
		out = append(out, moved)
	}
	return out, notify.Send(ctx, c, notify.Note{Community: community, Kind: notification.KindCASE_ASSIGNED,
		Detail: "REASSIGNED " + strconv.Itoa(len(out))}, []pulid.ID{from}, actor(ctx))
}
