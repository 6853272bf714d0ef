package workflow

import (
	"context"
	"strings"
	"time"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/caseaccess"
	"github.com/turbota/turbota/ent/caseevent"
	"github.com/turbota/turbota/ent/consent"
	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/teammember"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/tenant"
)

// TeamMember is a place on a case's multidisciplinary team.
type TeamMember struct {
	Case, Organization pulid.ID
	User               *pulid.ID
	Name, Role         string
	// Override is the legal basis for a place without the family's consent.
	Override string
	// AddedAt is when the member joined, for a paper file (nil: now),
	// under the rules of When.
	AddedAt *time.Time
}

// AddTeamMember puts a person of an organisation of the community on the
// case's team; their organisation (and they, if they use Turbota) may then
// see the case, so it is a sharing of the family's data (see
// requireConsent).
func AddTeamMember(ctx context.Context, c *ent.Client, in TeamMember) (*ent.TeamMember, error) {
	if strings.TrimSpace(in.Name) == "" {
		return nil, inputErr("name", "must not be empty")
	}
	if strings.TrimSpace(in.Role) == "" {
		return nil, inputErr("role", "say what part they play on the team")
	}
	cf, err := caseToAdd(ctx, c, in.Case, teammember.Policy, func(cm pulid.ID) ent.Mutation { return c.TeamMember.Create().SetCommunityID(cm).Mutation() })
	if err != nil {
		return nil, err
	}
	org, err := checkMember(ctx, c, cf, in)
	if err != nil {
		return nil, err
	}
	at, err := moveDate(ctx, c, cf, GivenOn("addedAt", in.AddedAt))
	if err != nil {
		return nil, err
	}
	basis, err := requireConsent(ctx, c, Sharing{Case: cf, Recipient: org, Purpose: consent.PurposeTEAM, Override: in.Override})
	if err != nil {
		return nil, err
	}
	m, err := c.TeamMember.Create().SetCommunityID(cf.CommunityID).SetCaseID(cf.ID).SetOrganizationID(in.Organization).
		SetNillableUserID(in.User).SetName(in.Name).SetRole(in.Role).SetAddedAt(at).
		SetNillableConsentID(basis.Consent).SetOverrideReason(basis.Override).Save(ctx)
	if err != nil {
		return nil, err
	}
	if err := grant(ctx, c, cf, caseaccess.ReasonTEAM, &in.Organization, nil, &m.ID); err != nil {
		return nil, err
	}
	return m, recordOn(ctx, c, cf, caseevent.KindTEAM_CHANGED, nil, "+ "+in.Role, at)
}

// checkMember: the organisation is of the community, and the user (if
// named) holds a role in it.
func checkMember(ctx context.Context, c *ent.Client, cf *ent.CaseFile, in TeamMember) (*ent.Organization, error) {
	org, err := orgOf(ctx, c, cf, in.Organization, "organizationID")
	if err != nil || in.User == nil {
		return org, err
	}
	ok, err := c.Membership.Query().Where(membership.UserID(*in.User), membership.OrganizationID(in.Organization)).
		Exist(tenant.Bypass(ctx, "check a team place exists: a yes/no for the workflow, nothing shown"))
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, inputErr("userID", "this person does not work in that organisation")
	}
	return org, nil
}

// RemoveTeamMember takes a member off the team, and the access their place
// gave. removedAt is when, for a paper file (nil: now): not in the future,
// nor before the member joined or the case's previous move.
func RemoveTeamMember(ctx context.Context, c *ent.Client, id pulid.ID, removedAt *time.Time) (*ent.TeamMember, error) {
	m, err := c.TeamMember.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	now := clock.Now()
	remove := c.TeamMember.UpdateOneID(id).Where(teammember.RemovedAtIsNil()).SetRemovedAt(now)
	if err := askPolicy(ctx, teammember.Policy, remove.Mutation()); err != nil {
		return nil, err
	}
	cf, err := caseOf(ctx, c, m.CaseID)
	if err != nil {
		return nil, err
	}
	if now, err = moveDate(ctx, c, cf, GivenOn("removedAt", removedAt)); err != nil {
		return nil, err
	}
	if now.Before(m.AddedAt.Add(-procedure.ClockSkew)) {
		return nil, inputErr("removedAt", "The member cannot leave the team before joining it ("+
			m.AddedAt.In(procedure.Kyiv()).Format("2006-01-02 15:04")+", Kyiv time).")
	}
	err = remove.SetRemovedAt(now).Exec(ctx)
	if ent.IsNotFound(err) {
		return nil, &procedure.RuleError{Code: procedure.RuleAlreadyEnded, Reasons: []string{"no longer on the team"}}
	}
	if err != nil {
		return nil, err
	}
	// The answer is the place as it now stands: m was read before the removal.
	m.RemovedAt = &now
	if err := revoke(ctx, c, m.ID); err != nil {
		return nil, err
	}
	return m, recordOn(ctx, c, cf, caseevent.KindTEAM_CHANGED, nil, "- "+m.Role, now)
}
