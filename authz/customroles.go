package authz

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"entgo.io/ent/dialect/sql"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/customrole"
	"github.com/turbota/turbota/ent/predicate"
	"github.com/turbota/turbota/ent/privacy"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/tenant"
)

// Custom roles: a community admin composes a role of permissions the
// default policy gives some role of community work and that the admin holds
// in the community (no escalation). The role's ID is its casbin role name,
// held in the community's domain only; its permissions are ALLOW lines the
// adapter makes from the row. A retired role loses its lines and grants.

// RoleCustom is the membership and invitation role that names a custom role.
const RoleCustom = "CUSTOM"

// IsCustom reports whether a casbin role name is a custom role's ID.
func IsCustom(role string) bool { return strings.HasPrefix(role, "RO") && len(role) == 28 }

// RoleName is the casbin role of a membership or invitation: its role, or
// for CUSTOM the custom role's ID.
func RoleName(role string, custom *pulid.ID) string {
	if role == RoleCustom && custom != nil {
		return string(*custom)
	}
	return role
}

// customIn reports whether role is a live custom role of the community.
func (a *Authorizer) customIn(role string, community pulid.ID) bool {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return IsCustom(role) && a.custom[role] == community
}

// FilterCustomRoles shows the custom roles of the communities where the
// viewer may read the community: a role's name is no secret among those
// who work there, and the app shows it beside each member.
func FilterCustomRoles() privacy.QueryRule {
	return privacy.CustomRoleQueryRuleFunc(func(ctx context.Context, q *ent.CustomRoleQuery) error {
		a, v, err := from(ctx)
		if err != nil {
			return err
		}
		q.Where(customrole.Or(customrole.CommunityIDIn(a.Communities(v, "community", ActRead)...), namedFor(v.UserID)))
		return privacy.Skip
	})
}

// namedFor: the custom roles of the user's own invitations and grants,
// whose names they read wherever they may read nothing else.
func namedFor(user pulid.ID) predicate.CustomRole {
	return func(s *sql.Selector) {
		if user == "" {
			s.Where(sql.False())
			return
		}
		of := func(table string) *sql.Selector {
			return sql.Select("custom_role_id").From(sql.Table(table)).Where(sql.EQ("user_id", string(user)))
		}
		s.Where(sql.Or(sql.In(s.C(customrole.FieldID), of("invitations")), sql.In(s.C(customrole.FieldID), of("memberships"))))
	}
}

// FilterCustomRoleChanges lets those who may change a community's rules
// define, edit and retire its roles, with permissions they hold themselves.
func FilterCustomRoleChanges() privacy.MutationRule {
	return privacy.CustomRoleMutationRuleFunc(func(ctx context.Context, m *ent.CustomRoleMutation) error {
		a, v, err := from(ctx)
		if err != nil {
			return err
		}
		if m.Op().Is(ent.OpDelete | ent.OpDeleteOne) {
			return privacy.Denyf("authz: a custom role is retired, never deleted")
		}
		allowed := intersect(a.Communities(v, "policy_rule", ActCreate), v.WriteCommunities())
		if !m.Op().Is(ent.OpCreate) {
			m.Where(customrole.CommunityIDIn(allowed...))
			if perms, ok := m.Permissions(); ok {
				return a.checkCustomPermissions(ctx, v, m, perms)
			}
			return privacy.Skip
		}
		c, _ := m.CommunityID()
		if !v.CanWrite(c) {
			return fmt.Errorf("%w: %w", tenant.ErrNotVisible, privacy.Deny)
		}
		if !contains(allowed, c) {
			return &Escalation{Community: c, Object: "custom_role", Beyond: []string{"policy_rule:create"}}
		}
		perms, _ := m.Permissions()
		return a.checkPermissions(v, c, perms)
	})
}

// checkCustomPermissions checks an edit's permissions in the community of
// each role it changes (one, from the API).
func (a *Authorizer) checkCustomPermissions(ctx context.Context, v *tenant.Viewer, m *ent.CustomRoleMutation, perms []string) error {
	ids, err := m.IDs(ctx)
	if err != nil {
		return err
	}
	rows, err := m.Client().CustomRole.Query().Where(customrole.IDIn(ids...)).All(ctx)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if err := a.checkPermissions(v, r.CommunityID, perms); !isSkip(err) {
			return err
		}
	}
	return privacy.Skip
}

// checkPermissions refuses permissions unknown to the default policy
// (BAD_USER_INPUT) and those the viewer does not hold in the community, or
// holds narrowed by need-to-know where the custom role would not be
// (FORBIDDEN, audited).
func (a *Authorizer) checkPermissions(v *tenant.Viewer, c pulid.ID, perms []string) error {
	var beyond []string
	narrowed := false
	if k := knowerOf(v); k != nil {
		narrowed = contains(k.communities, c)
	}
	for _, p := range perms {
		obj, act, ok := strings.Cut(p, ":")
		if !ok || !slices.Contains(Objects, obj) || !slices.Contains(Actions, act) || !InDefaults(obj, act) {
			return &RuleInputError{Field: "permissions", Err: fmt.Errorf("%q is no permission of the default policy", p)}
		}
		if !a.RoleAllows(v.Subject(), c, obj, act) || (narrowed && needToKnowObject(obj)) {
			beyond = append(beyond, p)
		}
	}
	if len(beyond) > 0 {
		return &Escalation{Community: c, Object: "custom_role", Role: RoleCustom, Beyond: beyond}
	}
	return privacy.Skip
}

// needToKnowObject reports whether need-to-know narrows reads of the
// object: one who sees only some cases may not make a role that sees all.
func needToKnowObject(obj string) bool {
	for typ := range links {
		if Object(typ) == obj {
			return true
		}
	}
	return obj == ObjViolence
}

func isSkip(err error) bool { return errors.Is(err, privacy.Skip) }
