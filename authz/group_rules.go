package authz

import (
	"context"

	"entgo.io/ent/dialect/sql"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/intercept"
	"github.com/turbota/turbota/ent/privacy"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/workinggroupmember"
	"github.com/turbota/turbota/tenant"
)

// Working groups. The community admin and the heads of its services keep
// every group of the community (their roles in policy.csv). Anyone else
// reaches a group through a place in it: the place lends GROUP_MEMBER in
// the community (GROUP_SECRETARY for the secretary; internal/auth lends
// them as it builds the viewer), and these rules narrow what the lent roles
// give to the holder's own groups: a member reads the groups they sit in,
// a secretary changes the groups they are secretary of. Row-level security
// holds the same (the sight's GroupNarrowed and GroupWrites, and
// turbota_group_member in the working-groups migration).

// groupObject is the policy object whose permission, held through the
// viewer's own grants, lifts the narrowing: who may read or update the
// group itself sees and keeps all the community's groups.
const groupObject = "working_group"

// groupColumn names, per type, the column that says which group a row is of.
var groupColumn = map[string]string{
	"WorkingGroup": "id", "WorkingGroupMember": "group_id", "WorkingGroupMeeting": "group_id",
	"WorkingGroupAction": "group_id", "WorkingGroupDocument": "group_id",
}

// groupRole reports whether a role is one a place in a group lends.
func groupRole(role string) bool {
	return role == tenant.RoleGroupMember || role == tenant.RoleGroupSecretary
}

// groupSight lists the communities where the viewer reads groups only
// through a lent group role (narrowed) and changes them only so (writes).
func (a *Authorizer) groupSight(v *tenant.Viewer) (narrowed, writes []pulid.ID) {
	for _, g := range v.Lent() {
		if !groupRole(g.Role) {
			continue
		}
		if !a.ownAllowed(v, g.CommunityID, groupObject, ActRead) && !contains(narrowed, g.CommunityID) {
			narrowed = append(narrowed, g.CommunityID)
		}
		if g.Role == tenant.RoleGroupSecretary && !a.ownAllowed(v, g.CommunityID, groupObject, ActUpdate) &&
			!contains(writes, g.CommunityID) {
			writes = append(writes, g.CommunityID)
		}
	}
	return narrowed, writes
}

// ownGroups is the viewer's group sight as its sight keeps it (authz.See
// made it for the request, and row-level security reads the same), so
// that a query of groups asks casbin nothing; computed only for a viewer
// without one.
func (a *Authorizer) ownGroups(v *tenant.Viewer) (narrowed, writes []pulid.ID) {
	if s := v.Sight(); s != nil {
		return s.GroupNarrowed, s.GroupWrites
	}
	return a.groupSight(v)
}

// ownAllowed asks casbin about the viewer's own grants only, none lent.
func (a *Authorizer) ownAllowed(v *tenant.Viewer, community pulid.ID, obj, act string) bool {
	a.mu.RLock()
	e := a.enforcer
	a.mu.RUnlock()
	ok, err := e.Enforce(v.Subject(), string(community), obj, act)
	return err == nil && ok
}

// inOwnGroup keeps rows outside the communities given, and inside them the
// rows of a group where the viewer holds a place (as secretary, when
// secretary is set).
func inOwnGroup(s *sql.Selector, col string, communities []pulid.ID, user pulid.ID, secretary bool) *sql.Predicate {
	return sql.Or(
		sql.Not(sql.P(func(b *sql.Builder) {
			b.WriteString(s.C("community_id") + " = ANY(")
			b.Arg(pqArray(communities))
			b.WriteString(")")
		})),
		sql.P(func(b *sql.Builder) {
			b.WriteString("EXISTS (SELECT 1 FROM working_group_members gm WHERE gm.group_id = " + s.C(col) +
				" AND gm.left_on IS NULL AND gm.user_id = ")
			b.Arg(string(user))
			if secretary {
				b.WriteString(" AND gm.role = 'SECRETARY'")
			}
			b.WriteString(")")
		}),
	)
}

// FilterOwnGroups narrows reads of working groups and their records, in
// the communities where the viewer reads them only through a place in a
// group, to the groups where they hold one.
func FilterOwnGroups() privacy.QueryRule {
	return privacy.QueryRuleFunc(func(ctx context.Context, q ent.Query) error {
		a, v := FromContext(ctx), tenant.FromContext(ctx)
		if a == nil || v == nil {
			return privacy.Skip // the tenant policy has refused already
		}
		iq, err := intercept.NewQuery(q)
		if err != nil {
			return privacy.Denyf("authz: %v", err)
		}
		col, ok := groupColumn[iq.Type()]
		if !ok {
			return privacy.Skip
		}
		if narrowed, _ := a.ownGroups(v); len(narrowed) > 0 {
			iq.WhereP(func(s *sql.Selector) { s.Where(inOwnGroup(s, col, narrowed, v.UserID, false)) })
		}
		return privacy.Skip
	})
}

// FilterOwnGroupChanges narrows changes of a secretary (by a lent role
// alone) to the groups they are secretary of: an update or delete is
// filtered, a create must name such a group.
func FilterOwnGroupChanges() privacy.MutationRule {
	return privacy.MutationRuleFunc(func(ctx context.Context, m ent.Mutation) error {
		a, v := FromContext(ctx), tenant.FromContext(ctx)
		col, ok := groupColumn[m.Type()]
		if a == nil || v == nil || !ok {
			return privacy.Skip
		}
		_, writes := a.ownGroups(v)
		if len(writes) == 0 {
			return privacy.Skip
		}
		if m.Op().Is(ent.OpCreate) {
			return checkOwnGroupCreate(ctx, m, writes, v.UserID)
		}
		wm, ok := m.(interface{ WhereP(...func(*sql.Selector)) })
		if !ok {
			return privacy.Denyf("authz: %s cannot be filtered", m.Type())
		}
		wm.WhereP(func(s *sql.Selector) { s.Where(inOwnGroup(s, col, writes, v.UserID, true)) })
		return privacy.Skip
	})
}

// checkOwnGroupCreate refuses a record a secretary adds to a group of a
// narrowed community that they are not secretary of.
func checkOwnGroupCreate(ctx context.Context, m ent.Mutation, writes []pulid.ID, user pulid.ID) error {
	c, _ := m.Field("community_id")
	cm, _ := c.(pulid.ID)
	if !contains(writes, cm) {
		return privacy.Skip
	}
	g, _ := m.Field("group_id")
	group, _ := g.(pulid.ID)
	cl, ok := m.(interface{ Client() *ent.Client })
	if !ok || group == "" {
		return privacy.Denyf("authz: %s names no group it can check", m.Type())
	}
	mine, err := cl.Client().WorkingGroupMember.Query().Where(workinggroupmember.GroupID(group),
		workinggroupmember.UserID(user), workinggroupmember.RoleEQ(workinggroupmember.RoleSECRETARY),
		workinggroupmember.LeftOnIsNil()).Exist(ctx)
	if err != nil {
		return err
	}
	if !mine {
		return forbidden()
	}
	return privacy.Skip
}

// GroupActivityScope lists the communities whose working-group activity
// the viewer of ctx may count (working_group_activity:read): a region's
// overseers get every community of the region, and counts only. A role
// lent for a while (a place in a group, an emergency access) widens no
// one's figures.
func GroupActivityScope(ctx context.Context) ([]pulid.ID, error) {
	a, v := FromContext(ctx), tenant.FromContext(ctx)
	if a == nil || v == nil {
		return nil, ErrForbidden
	}
	return a.Communities(v.WithoutLent(), "working_group_activity", ActRead), nil
}
