package workflow

import (
	"context"

	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/tenant"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/caseaccess"
	"github.com/turbota/turbota/ent/caseevent"
	"github.com/turbota/turbota/ent/casefile"
	"github.com/turbota/turbota/ent/schema/pulid"
)

// grant opens a case (and its family) to an organisation or a person, for
// a reason the workflow names. No role writes accesses: the workflow does,
// past the privacy rules but within row-level security. Each source holds
// its own access, so that ending one (a team place, a withdrawn consent)
// leaves the others the holder has; a live access for the same holder from
// the same source is not doubled.
func grant(ctx context.Context, c *ent.Client, cf *ent.CaseFile, reason caseaccess.Reason, org, user, source *pulid.ID) error {
	sys := tenant.Bypass(ctx, "grant access to a case: case accesses are the system's record, no role writes them")
	q := c.CaseAccess.Query().Where(caseaccess.CaseID(cf.ID), caseaccess.RevokedAtIsNil())
	if org != nil {
		q.Where(caseaccess.OrganizationID(*org))
	} else {
		q.Where(caseaccess.UserID(*user))
	}
	if source != nil {
		q.Where(caseaccess.SourceID(*source))
	} else {
		q.Where(caseaccess.SourceIDIsNil(), caseaccess.ReasonEQ(reason))
	}
	if ok, err := q.Exist(sys); err != nil || ok {
		return err
	}
	return c.CaseAccess.Create().SetCommunityID(cf.CommunityID).SetCaseID(cf.ID).SetReason(reason).
		SetNillableOrganizationID(org).SetNillableUserID(user).SetNillableSourceID(source).Exec(sys)
}

// revoke ends the accesses a source granted.
func revoke(ctx context.Context, c *ent.Client, source pulid.ID) error {
	return c.CaseAccess.Update().Where(caseaccess.SourceID(source), caseaccess.RevokedAtIsNil()).
		SetRevokedAt(clock.Now()).Exec(tenant.Bypass(ctx, "revoke a case access: case accesses are the system's record, no role writes them"))
}

// caseOf loads a case past the privacy rules: for steps taken by someone
// who may act on a referral before they may read its case.
func caseOf(ctx context.Context, c *ent.Client, id pulid.ID) (*ent.CaseFile, error) {
	return c.CaseFile.Get(tenant.Bypass(ctx, "read the case an access or approval concerns: to carry the step out, nothing shown"), id)
}

// UpdateCase changes the manager, family or children of a case. A new
// manager gets access to the case even when their organisation has none;
// the access a manager held as manager ends when they are replaced or
// removed (as a team member's ends with their place), and the timeline says
// who changed the manager. That a manager holds a casework role in the
// case's community is the case's policy (authz.RequireCaseworkManager).
// when dates the change (a paper file's, in the field "occurredAt"), under
// the rules of When; the timeline shows it on that date.
func UpdateCase(ctx context.Context, c *ent.Client, id pulid.ID, in ent.UpdateCaseInput, when When) (*ent.CaseFile, error) {
	return updateCase(ctx, c, id, in, "", when)
}

// updateCase is UpdateCase with what the timeline says of a change of
// manager (empty: "assigned" or "cleared").
func updateCase(ctx context.Context, c *ent.Client, id pulid.ID, in ent.UpdateCaseInput, why string, when When) (*ent.CaseFile, error) {
	before, err := c.CaseFile.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	at, err := moveDate(ctx, c, before, when)
	if err != nil {
		return nil, err
	}
	cf, err := c.CaseFile.UpdateOneID(id).SetInput(in).Save(ctx)
	if err != nil {
		return nil, err
	}
	if in.ManagerID != nil {
		if err := grant(ctx, c, cf, caseaccess.ReasonMANAGER, nil, in.ManagerID, nil); err != nil {
			return nil, err
		}
	}
	if !managerChanged(before.ManagerID, cf.ManagerID) {
		return cf, nil
	}
	if err := revokeManagers(ctx, c, cf); err != nil {
		return nil, err
	}
	note := "cleared"
	if cf.ManagerID != nil {
		note = "assigned"
	}
	if why != "" {
		note += ": " + why
	}
	return cf, recordOn(ctx, c, cf, caseevent.KindMANAGER_CHANGED, nil, note, at)
}

func managerChanged(before, after *pulid.ID) bool {
	if before == nil || after == nil {
		return before != after
	}
	return *before != *after
}

// revokeManagers ends the MANAGER accesses of everyone but the case's
// current manager. Only the manager's assignment grants them, so nothing
// else a former manager holds (a team place, their organisation's
// referral) is touched.
func revokeManagers(ctx context.Context, c *ent.Client, cf *ent.CaseFile) error {
	u := c.CaseAccess.Update().Where(caseaccess.CaseID(cf.ID), caseaccess.ReasonEQ(caseaccess.ReasonMANAGER),
		caseaccess.RevokedAtIsNil())
	if cf.ManagerID != nil {
		u.Where(caseaccess.Or(caseaccess.UserIDIsNil(), caseaccess.UserIDNEQ(*cf.ManagerID)))
	}
	return u.SetRevokedAt(clock.Now()).Exec(tenant.Bypass(ctx, "revoke a former manager's access: case accesses are the system's record, no role writes them"))
}

// caseToMove loads a case a step is about to move to another status, and
// asks the case's policy whether the viewer may make that change: a role
// that sees the case but may not change it hears so before the step looks
// at anything else (authz.RequireRoleToUpdate), and the policy decides
// again on Save.
func caseToMove(ctx context.Context, c *ent.Client, id pulid.ID, to procedure.State) (*ent.CaseFile, error) {
	cf, err := c.CaseFile.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	return cf, askPolicy(ctx, casefile.Policy, c.CaseFile.UpdateOneID(id).SetStatus(to).Mutation())
}

// caseFreeToMove is caseToMove for a case that must not be waiting for
// another community's answer to its transfer: the policy answers first, so
// a role that may not move the case hears so, and only then the rule
// (procedure.RuleTransferPending).
func caseFreeToMove(ctx context.Context, c *ent.Client, id pulid.ID, to procedure.State) (*ent.CaseFile, error) {
	cf, err := caseToMove(ctx, c, id, to)
	if err != nil {
		return nil, err
	}
	return cf, noTransferPending(ctx, c, id)
}

// caseToAdd loads a case a step is about to add a record to, and asks the
// policy of that record (p, with a create of it in the case's community)
// whether the viewer may add one there: the answer comes before the step
// looks at anything else, and the policy decides again on Save.
func caseToAdd(ctx context.Context, c *ent.Client, id pulid.ID, p ent.Policy, create func(community pulid.ID) ent.Mutation) (*ent.CaseFile, error) {
	cf, err := c.CaseFile.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	return cf, askPolicy(ctx, p, create(cf.CommunityID))
}
