package authz

import (
	"context"
	"slices"
	"strings"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/customrole"
	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/ent/policyrule"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
)

// What the admin page shows and changes: each role of community work as
// the community's rules leave it, and the community's own roles. Reads go
// through the privacy rules (policy rules, custom roles); changes through
// SetRule and the custom role rules, which decide who may make them.

// RolePermission is one permission of a role in a community.
type RolePermission struct {
	Object, Action             string
	Default, Allowed, Narrowed bool
}

// CommunityRole is a role as it stands in one community.
type CommunityRole struct {
	Key          string
	Role         membership.Role
	CustomRoleID *pulid.ID
	Label        *procedure.Label
	Retired      bool
	Permissions  []RolePermission
}

// CommunityRoles lists the community's built-in roles of community work,
// with the community's narrowings, then its own roles.
func CommunityRoles(ctx context.Context, client *ent.Client, community pulid.ID) ([]*CommunityRole, error) {
	if err := Require(ctx, community, "policy_rule", ActRead); err != nil {
		return nil, err
	}
	denied, err := narrowings(ctx, client, community)
	if err != nil {
		return nil, err
	}
	var out []*CommunityRole
	for _, role := range TunableRoles() {
		out = append(out, builtIn(role, denied))
	}
	customs, err := client.CustomRole.Query().Where(customrole.CommunityID(community)).
		Order(ent.Asc(customrole.FieldCreatedAt)).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, c := range customs {
		out = append(out, Custom(c))
	}
	return out, nil
}

// narrowings are the community's DENY rules, as "ROLE|object:action".
func narrowings(ctx context.Context, client *ent.Client, community pulid.ID) (map[string]bool, error) {
	rules, err := client.PolicyRule.Query().Where(policyrule.Domain(string(community)), policyrule.Default(false),
		policyrule.EffectEQ(policyrule.EffectDENY)).All(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, r := range rules {
		out[string(r.Role)+"|"+r.Object+":"+r.Action] = true
	}
	return out, nil
}

func builtIn(role string, denied map[string]bool) *CommunityRole {
	r := &CommunityRole{Key: role, Role: membership.Role(role)}
	for _, p := range DefaultPermissions(role) {
		obj, act, _ := strings.Cut(p, ":")
		n := denied[role+"|"+p]
		r.Permissions = append(r.Permissions, RolePermission{Object: obj, Action: act, Default: true, Allowed: !n, Narrowed: n})
	}
	return r
}

// Custom shows a custom role.
func Custom(c *ent.CustomRole) *CommunityRole {
	id := c.ID
	r := &CommunityRole{Key: string(c.ID), Role: membership.Role(RoleCustom), CustomRoleID: &id,
		Label: &procedure.Label{UK: c.NameUk, EN: c.NameEn}, Retired: c.RetiredAt != nil}
	for _, obj := range Objects {
		for _, act := range Actions {
			if slices.Contains(c.Permissions, obj+":"+act) {
				r.Permissions = append(r.Permissions, RolePermission{Object: obj, Action: act, Default: true, Allowed: !r.Retired})
			}
		}
	}
	return r
}

// TuneRole narrows (deny) or restores a built-in role's permission in the
// community and answers the role as it now stands.
func (a *Authorizer) TuneRole(ctx context.Context, client *ent.Client, community pulid.ID, role, permission string, deny bool) (*CommunityRole, error) {
	obj, act, ok := strings.Cut(permission, ":")
	if !ok {
		return nil, &RuleInputError{Field: "permission", Err: errPermission(permission)}
	}
	if _, err := a.SetRule(ctx, client, community, Rule{Role: role, Object: obj, Action: act, Deny: deny}); err != nil {
		return nil, err
	}
	denied, err := narrowings(ctx, client, community)
	if err != nil {
		return nil, err
	}
	return builtIn(role, denied), nil
}

// RoleInput is what defines or changes a custom role; nil keeps a field.
type RoleInput struct {
	NameUK, NameEN *string
	Permissions    []string
}

// DefineRole makes a custom role of the community.
func DefineRole(ctx context.Context, client *ent.Client, community pulid.ID, in RoleInput) (*CommunityRole, error) {
	if err := in.check(true); err != nil {
		return nil, err
	}
	c, err := client.CustomRole.Create().SetCommunityID(community).SetNameUk(strings.TrimSpace(*in.NameUK)).
		SetNameEn(strings.TrimSpace(*in.NameEN)).SetPermissions(unique(in.Permissions)).Save(ctx)
	if err != nil {
		return nil, err
	}
	MarkChanged(ctx)
	return Custom(c), nil
}

// UpdateRole renames a live custom role or changes its permissions.
func UpdateRole(ctx context.Context, client *ent.Client, id pulid.ID, in RoleInput) (*CommunityRole, error) {
	if err := in.check(false); err != nil {
		return nil, err
	}
	u := client.CustomRole.UpdateOneID(id).Where(customrole.RetiredAtIsNil())
	if in.NameUK != nil {
		u.SetNameUk(strings.TrimSpace(*in.NameUK))
	}
	if in.NameEN != nil {
		u.SetNameEn(strings.TrimSpace(*in.NameEN))
	}
	if in.Permissions != nil {
		u.SetPermissions(unique(in.Permissions))
	}
	c, err := u.Save(ctx)
	if err != nil {
		return nil, err
	}
	MarkChanged(ctx)
	return Custom(c), nil
}

// RetireRole retires a custom role: its holders lose what it gave at once.
func RetireRole(ctx context.Context, client *ent.Client, id pulid.ID) (*CommunityRole, error) {
	c, err := client.CustomRole.UpdateOneID(id).Where(customrole.RetiredAtIsNil()).SetRetiredAt(clock.Now()).Save(ctx)
	if err != nil {
		return nil, err
	}
	MarkChanged(ctx)
	return Custom(c), nil
}

// CustomRoleOf shows the custom role a membership or invitation names, if
// the viewer may read it.
func CustomRoleOf(ctx context.Context, client *ent.Client, id *pulid.ID) (*CommunityRole, error) {
	if id == nil {
		return nil, nil
	}
	c, err := client.CustomRole.Query().Where(customrole.ID(*id)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return Custom(c), nil
}

func (in RoleInput) check(create bool) error {
	for field, name := range map[string]*string{"nameUk": in.NameUK, "nameEn": in.NameEN} {
		if (create && name == nil) || (name != nil && strings.TrimSpace(*name) == "") {
			return &RuleInputError{Field: field, Err: errEmpty(field)}
		}
	}
	if (create || in.Permissions != nil) && len(in.Permissions) == 0 {
		return &RuleInputError{Field: "permissions", Err: errEmpty("permissions")}
	}
	return nil
}

func unique(perms []string) []string {
	out := slices.Clone(perms)
	slices.Sort(out)
	return slices.Compact(out)
}
