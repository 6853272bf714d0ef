package authz

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/policyrule"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/tenant"
)

// ErrRuleNotAllowed is returned for a community rule its author may not make.
var ErrRuleNotAllowed = errors.New("you can only change what your own role may do, for community roles")

// SetRule adds or replaces a community's rule for a role. A community admin
// may only hand out or take away what their own role may do there, and only
// for the roles of community work (oversight roles span many communities).
// The privacy rules check that the viewer may change this community's policy.
func (a *Authorizer) SetRule(ctx context.Context, client *ent.Client, community pulid.ID, r Rule) (*ent.PolicyRule, error) {
	v := tenant.FromContext(ctx)
	if err := a.checkRule(v, community, r); err != nil {
		return nil, err
	}
	if _, err := client.PolicyRule.Delete().Where(policyrule.Domain(string(community)), policyrule.RoleEQ(policyrule.Role(r.Role)),
		policyrule.Object(r.Object), policyrule.Action(r.Action), policyrule.Default(false)).Exec(ctx); err != nil {
		return nil, err
	}
	row, err := client.PolicyRule.Create().SetDomain(string(community)).SetRole(policyrule.Role(r.Role)).
		SetObject(r.Object).SetAction(r.Action).SetEffect(effect(r.Deny)).Save(ctx)
	if err == nil {
		MarkChanged(ctx)
	}
	return row, err
}

func (a *Authorizer) checkRule(v *tenant.Viewer, community pulid.ID, r Rule) error {
	if v == nil || !v.CanWrite(community) {
		return tenant.ErrNotVisible
	}
	if !slices.Contains(Objects, r.Object) {
		return fmt.Errorf("%w: unknown object %q", ErrRuleNotAllowed, r.Object)
	}
	if !slices.Contains([]string{ActRead, ActCreate, ActUpdate, ActDelete}, r.Action) {
		return fmt.Errorf("%w: unknown action %q", ErrRuleNotAllowed, r.Action)
	}
	if !tenant.Writes(r.Role) || r.Role == tenant.RoleCommunityAdmin {
		return ErrRuleNotAllowed
	}
	if !a.Allowed(v, community, r.Object, r.Action) {
		return ErrRuleNotAllowed
	}
	return nil
}

// ErrForbidden is returned when the policy does not allow an action.
var ErrForbidden = errors.New("your role does not allow this")

// Refusal is a FORBIDDEN that says why, for refusals the role alone does
// not explain.
type Refusal struct{ Reason string }

func (e *Refusal) Error() string { return e.Reason }

// Unwrap makes a refusal an ErrForbidden.
func (e *Refusal) Unwrap() error { return ErrForbidden }
