package cases

import (
	"context"
	"fmt"

	"github.com/turbota/turbota/casework"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/caseaccess"
	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/ent/notification"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/notify"
)

// RemindDeadlines tells the people answering for each deadline that is due
// soon or overdue, once per case, deadline and state: the case manager, or
// else the service whose step it is. ctx is a system context.
func RemindDeadlines(ctx context.Context, c *ent.Client) (int, error) {
	ds, err := Deadlines(ctx, c, Filter{Statuses: []casework.DueStatus{casework.StatusDueSoon, casework.StatusOverdue}})
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, d := range ds {
		users, err := answering(ctx, c, d)
		if err != nil {
			return sent, err
		}
		kind := notification.KindDEADLINE_NEAR
		if d.Status == casework.StatusOverdue {
			kind = notification.KindDEADLINE_PASSED
		}
		n := notify.Note{Community: d.Case.CommunityID, Kind: kind, Case: &d.Case.ID, Detail: string(d.Kind),
			Dedupe: fmt.Sprintf("deadline:%s:%s:%s", d.Case.ID, d.Kind, d.Status)}
		if err := notify.Send(ctx, c, n, users, nil); err != nil {
			return sent, err
		}
		sent += len(users)
	}
	return sent, nil
}

// answering: who answers for a deadline.
func answering(ctx context.Context, c *ent.Client, d Deadline) ([]pulid.ID, error) {
	cf := d.Case
	if cf.ManagerID != nil {
		return []pulid.ID{*cf.ManagerID}, nil
	}
	switch d.Kind {
	case casework.KindNeedsAssessment, casework.KindNeedsAssessmentAct, casework.KindAccompaniment:
		orgs, err := c.CaseAccess.Query().Where(caseaccess.CaseID(cf.ID), caseaccess.RevokedAtIsNil(),
			caseaccess.OrganizationIDNotNil()).All(ctx)
		if err != nil || len(orgs) == 0 {
			return notify.Members(ctx, c, cf.CommunityID, nil, membership.RoleCHILDREN_SERVICE)
		}
		var users []pulid.ID
		for _, a := range orgs {
			us, err := notify.Members(ctx, c, cf.CommunityID, a.OrganizationID, membership.RolePROVIDER_MANAGER, membership.RolePROVIDER_SPECIALIST)
			if err != nil {
				return nil, err
			}
			users = append(users, us...)
		}
		return users, nil
	case casework.KindDecision, casework.KindDecisionCrisis, casework.KindDecisionNotice:
		return notify.Members(ctx, c, cf.CommunityID, nil, membership.RoleSOCIAL_PROTECTION)
	}
	return notify.Members(ctx, c, cf.CommunityID, nil, membership.RoleCHILDREN_SERVICE)
}
