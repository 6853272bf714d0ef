package cases

import (
	"context"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/tenant"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/caseaccess"
	"github.com/turbota/turbota/ent/privacy"
	"github.com/turbota/turbota/ent/schema/pulid"
)

// grant opens a case (and its family) to an organisation or a person, for
// a reason the workflow names. No role writes accesses: the workflow does,
// past the privacy rules but within row-level security. A live access for
// the same holder is not doubled.
func grant(ctx context.Context, c *ent.Client, cf *ent.CaseFile, reason caseaccess.Reason, org, user, source *pulid.ID) error {
	sys := privacy.DecisionContext(ctx, privacy.Allow)
	q := c.CaseAccess.Query().Where(caseaccess.CaseID(cf.ID), caseaccess.RevokedAtIsNil())
	if org != nil {
		q.Where(caseaccess.OrganizationID(*org))
	} else {
		q.Where(caseaccess.UserID(*user))
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
		SetRevokedAt(now()).Exec(privacy.DecisionContext(ctx, privacy.Allow))
}

// caseOf loads a case past the privacy rules: for steps taken by someone
// who may act on a referral before they may read its case.
func caseOf(ctx context.Context, c *ent.Client, id pulid.ID) (*ent.CaseFile, error) {
	return c.CaseFile.Get(privacy.DecisionContext(ctx, privacy.Allow), id)
}

// UpdateCase changes the manager, family or children of a case; a new
// manager gets access to the case even when their organisation has none.
func UpdateCase(ctx context.Context, c *ent.Client, id pulid.ID, in ent.UpdateCaseInput) (*ent.CaseFile, error) {
	cf, err := c.CaseFile.UpdateOneID(id).SetInput(in).Save(ctx)
	if err != nil || in.ManagerID == nil {
		return cf, err
	}
	return cf, grant(ctx, c, cf, caseaccess.ReasonMANAGER, nil, in.ManagerID, nil)
}

// may is authz.Require, the question every workflow step asks first.
func may(ctx context.Context, community pulid.ID, obj, act string) error {
	return authz.Require(ctx, community, obj, act)
}

// caseFor loads a case the viewer may act on with obj's act in its community.
func caseFor(ctx context.Context, c *ent.Client, id pulid.ID, obj, act string) (*ent.CaseFile, error) {
	cf, err := c.CaseFile.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	return cf, may(ctx, cf.CommunityID, obj, act)
}

// mayRead answers NOT_FOUND unless the viewer may read the object in the
// community: what one may not read is not there, as far as one can tell.
func mayRead(ctx context.Context, community pulid.ID, obj string) error {
	a, v := authz.FromContext(ctx), tenant.FromContext(ctx)
	if a == nil || v == nil || !v.CanRead(community) || !a.Allowed(v, community, obj, authz.ActRead) {
		return tenant.ErrNotVisible
	}
	return nil
}
