package authz

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/casbin/casbin/v2/model"
	"github.com/casbin/casbin/v2/persist"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/customrole"
	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/ent/policyrule"
	"github.com/turbota/turbota/tenant"
)

// adapter loads casbin's policy from our own tables: p rules from
// policy_rules (kept in the versioned migrations, unlike the casbin ent
// adapter's self-made table) and g links from memberships and API clients.
// Changes go through the ent client, never through casbin's save methods.
type adapter struct{ client *ent.Client }

var errReadOnly = errors.New("authz: the policy is changed through the API, not the enforcer")

func (a *adapter) LoadPolicy(m model.Model) error {
	ctx := tenant.SystemContext(context.Background())
	if err := a.loadRules(ctx, m); err != nil {
		return err
	}
	if err := a.loadCustomRoles(ctx, m); err != nil {
		return err
	}
	if err := a.loadMemberships(ctx, m); err != nil {
		return err
	}
	return a.loadAPIClients(ctx, m)
}

func (a *adapter) loadRules(ctx context.Context, m model.Model) error {
	rules, err := a.client.PolicyRule.Query().All(ctx)
	if err != nil {
		return fmt.Errorf("load policy rules: %w", err)
	}
	for _, r := range rules {
		if !r.Default && r.Effect == policyrule.EffectALLOW && !DefaultAllows(string(r.Role), r.Object, r.Action) {
			continue // a community narrows and restores, never widens (tuning.go)
		}
		line := []string{"p", string(r.Role), r.Domain, r.Object, r.Action, strings.ToLower(string(r.Effect))}
		if err := persist.LoadPolicyArray(line, m); err != nil {
			return err
		}
	}
	return nil
}

func (a *adapter) loadMemberships(ctx context.Context, m model.Model) error {
	ms, err := a.client.Membership.Query().
		Where(membership.HasUserWith(), membership.Or(membership.CustomRoleIDIsNil(),
			membership.HasCustomRoleWith(customrole.RetiredAtIsNil()))).
		WithUser().All(ctx)
	if err != nil {
		return fmt.Errorf("load memberships: %w", err)
	}
	for _, ms := range ms {
		if ms.Edges.User == nil || ms.Edges.User.Disabled {
			continue
		}
		g := tenant.Grant{Role: RoleName(string(ms.Role), ms.CustomRoleID)}
		if ms.CommunityID != nil {
			g.CommunityID = *ms.CommunityID
		}
		if ms.RegionID != nil {
			g.RegionID = *ms.RegionID
		}
		line := []string{"g", "user:" + string(ms.UserID), g.Role, g.Domain()}
		if err := persist.LoadPolicyArray(line, m); err != nil {
			return err
		}
	}
	return nil
}

// loadCustomRoles makes a custom role's permissions ALLOW lines of its
// community; a retired role has none.
func (a *adapter) loadCustomRoles(ctx context.Context, m model.Model) error {
	rs, err := a.client.CustomRole.Query().Where(customrole.RetiredAtIsNil()).All(ctx)
	if err != nil {
		return fmt.Errorf("load custom roles: %w", err)
	}
	for _, r := range rs {
		for _, p := range r.Permissions {
			obj, act, _ := strings.Cut(p, ":")
			line := []string{"p", string(r.ID), string(r.CommunityID), obj, act, "allow"}
			if err := persist.LoadPolicyArray(line, m); err != nil {
				return err
			}
		}
	}
	return nil
}

func (a *adapter) loadAPIClients(ctx context.Context, m model.Model) error {
	cs, err := a.client.APIClient.Query().All(ctx)
	if err != nil {
		return fmt.Errorf("load API clients: %w", err)
	}
	for _, c := range cs {
		if c.RevokedAt != nil {
			continue
		}
		line := []string{"g", "api:" + string(c.ID), string(c.Role), string(c.CommunityID)}
		if err := persist.LoadPolicyArray(line, m); err != nil {
			return err
		}
	}
	return nil
}

func (a *adapter) SavePolicy(model.Model) error                              { return errReadOnly }
func (a *adapter) AddPolicy(string, string, []string) error                  { return errReadOnly }
func (a *adapter) RemovePolicy(string, string, []string) error               { return errReadOnly }
func (a *adapter) RemoveFilteredPolicy(string, string, int, ...string) error { return errReadOnly }
