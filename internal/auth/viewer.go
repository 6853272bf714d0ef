package auth

import (
	"context"
	"fmt"
	"slices"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/community"
	"github.com/turbota/turbota/ent/emergencyaccess"
	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/workinggroupmember"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/tenant"
)

// BuildViewer loads a user's grants and the communities they cover.
func BuildViewer(ctx context.Context, client *ent.Client, userID pulid.ID) (*tenant.Viewer, error) {
	ctx = tenant.SystemContext(ctx)
	ms, err := client.Membership.Query().Where(membership.UserID(userID)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("load grants: %w", err)
	}
	var grants []tenant.Grant
	for _, m := range ms {
		g := tenant.Grant{Role: authz.RoleName(string(m.Role), m.CustomRoleID)}
		if m.CommunityID != nil {
			g.CommunityID = *m.CommunityID
		}
		if m.RegionID != nil {
			g.RegionID = *m.RegionID
		}
		if m.OrganizationID != nil {
			g.OrganizationID = *m.OrganizationID
		}
		grants = append(grants, g)
	}
	return viewerOf(ctx, client, userID, grants)
}

// viewerOf makes the viewer of a user's grants: the communities they cover
// and the roles lent by places in working groups and emergency accesses.
// A community staff member's viewer costs one query (their places in
// groups); only oversight grants look further.
func viewerOf(ctx context.Context, client *ent.Client, userID pulid.ID, grants []tenant.Grant) (*tenant.Viewer, error) {
	ctx = tenant.SystemContext(ctx)
	v := &tenant.Viewer{UserID: userID, Grants: grants}
	if err := resolveCommunities(ctx, client, v); err != nil {
		return nil, err
	}
	if err := lendGroupGrants(ctx, client, v); err != nil {
		return nil, err
	}
	return v, lendEmergencyGrants(ctx, client, v)
}

// lendGroupGrants gives the viewer, in each community where they hold a
// place in a working group (and still work there), the group member's
// role, and the group secretary's where they are a group's secretary; the
// group rules narrow both to those groups (authz/group_rules.go).
func lendGroupGrants(ctx context.Context, client *ent.Client, v *tenant.Viewer) error {
	places, err := client.WorkingGroupMember.Query().
		Where(workinggroupmember.UserID(v.UserID), workinggroupmember.LeftOnIsNil()).All(ctx)
	if err != nil {
		return fmt.Errorf("load working group places: %w", err)
	}
	for _, p := range places {
		if !v.CanRead(p.CommunityID) {
			continue // a place outlives a membership it no longer has
		}
		v.Lend(tenant.RoleGroupMember, p.CommunityID)
		if p.Role == workinggroupmember.RoleSECRETARY {
			v.Lend(tenant.RoleGroupSecretary, p.CommunityID)
		}
	}
	return nil
}

// lendEmergencyGrants gives the viewer the emergency reader's role in each
// community where they hold a live emergency access and still oversee it:
// losing the regional role ends the access with it.
func lendEmergencyGrants(ctx context.Context, client *ent.Client, v *tenant.Viewer) error {
	if !slices.ContainsFunc(v.Grants, func(g tenant.Grant) bool { return g.CommunityID == "" }) {
		return nil // only oversight grants (regional, national) open emergency access
	}
	live, err := client.EmergencyAccess.Query().
		Where(emergencyaccess.UserID(v.UserID), emergencyaccess.EndedAtIsNil(), emergencyaccess.ExpiresAtGT(clock.Now())).
		All(ctx)
	if err != nil {
		return fmt.Errorf("load emergency accesses: %w", err)
	}
	for _, a := range live {
		if v.CanRead(a.CommunityID) {
			v.Lend(tenant.RoleEmergencyReader, a.CommunityID)
		}
	}
	return nil
}

// resolveCommunities turns grants into the viewer's read and write sets: a
// community grant covers its community, a regional grant every community of
// the region, a national grant all of them. Oversight roles never write.
func resolveCommunities(ctx context.Context, client *ent.Client, v *tenant.Viewer) error {
	var read, write, regions []pulid.ID
	national := false
	for _, g := range v.Grants {
		switch {
		case g.CommunityID != "":
			read = append(read, g.CommunityID)
			if tenant.Writes(g.Role) {
				write = append(write, g.CommunityID)
			}
		case g.RegionID != "":
			regions = append(regions, g.RegionID)
		default:
			national = true
		}
	}
	if national || len(regions) > 0 {
		q := client.Community.Query()
		if !national {
			q = q.Where(community.RegionIDIn(regions...))
		}
		ids, err := q.IDs(tenant.SystemContext(ctx))
		if err != nil {
			return fmt.Errorf("resolve regional grants: %w", err)
		}
		read = append(read, ids...)
	}
	v.SetCommunities(read, write)
	return nil
}
