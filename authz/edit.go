package authz

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/policyrule"
	"github.com/turbota/turbota/ent/privacy"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/tenant"
)

// SetRule adds or replaces a community's rule for a role: a DENY narrows
// the role, an ALLOW restores what the default policy gives. What a rule may
// say, and who may make it, the privacy rules decide (FilterPolicyRuleChanges).
func (a *Authorizer) SetRule(ctx context.Context, client *ent.Client, community pulid.ID, r Rule) (*ent.PolicyRule, error) {
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

// checkRule lets a community admin narrow any permission of a role of
// community work, casework included, and restore what the default policy
// gives that role, never more (see tuning.go). Narrowing needs no right of
// one's own: taking away gives nothing. The admins may not take from their
// own role the power to undo it.
func (a *Authorizer) checkRule(v *tenant.Viewer, community pulid.ID, m *ent.PolicyRuleMutation) error {
	role, _ := m.Role()
	obj, _ := m.Object()
	act, _ := m.Action()
	eft, _ := m.Effect()
	refuse := &Escalation{Community: community, Object: "policy_rule", Role: string(role)}
	if !slices.Contains(Objects, obj) || !slices.Contains(Actions, act) {
		return &RuleInputError{Field: "object", Err: fmt.Errorf("unknown object or action %q:%q", obj, act)}
	}
	switch {
	case !tunable(string(role)):
		return refuse
	case eft == policyrule.EffectDENY && lockout(string(role), obj):
		refuse.Reason = "the community admins keep the right to change the community's rules"
		return refuse
	case eft == policyrule.EffectDENY:
		return privacy.Skip
	case !DefaultAllows(string(role), obj, act):
		refuse.Beyond = []string{obj + ":" + act}
		refuse.Reason = fmt.Sprintf("the default policy does not give the role %s %s:%s; a community may narrow it, not widen it", role, obj, act)
		return refuse
	}
	return privacy.Skip
}

// RuleInputError is a rule that names no known object or action.
type RuleInputError struct {
	Field string
	Err   error
}

func (e *RuleInputError) Error() string { return e.Err.Error() }

// Unwrap makes it a privacy denial, so that nothing is written.
func (e *RuleInputError) Unwrap() []error { return []error{e.Err, privacy.Deny} }

// ErrForbidden is returned when the policy does not allow an action.
var ErrForbidden = errors.New("your role does not allow this")

// Refusal is a FORBIDDEN that says why, for refusals the role alone does
// not explain.
type Refusal struct {
	Reason string
	// Code is a stable reason for clients (extensions.reason), where the
	// refusal has one.
	Code string
}

func (e *Refusal) Error() string { return e.Reason }

// Unwrap makes a refusal an ErrForbidden.
func (e *Refusal) Unwrap() error { return ErrForbidden }

func errPermission(p string) error { return fmt.Errorf("%q is not object:action", p) }

func errEmpty(field string) error { return fmt.Errorf("%s must not be empty", field) }
