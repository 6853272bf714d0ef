package authz

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/apiclient"
	"github.com/turbota/turbota/ent/privacy"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/tenant"
)

// No escalation: whoever hands out a role (to a person, by invitation or
// grant, or to an API client) or a community rule gives at most what they
// hold themselves, in a community where they work. The check compares the
// policy's answers, so a community rule that narrows the granter narrows
// what they may give.

// Escalation is the refusal of a grant that would give more than the
// granter holds. It says which community, for the audit log.
type Escalation struct {
	Community pulid.ID
	Object    string // what was being given: membership, api_client, policy_rule
	Role      string
	Beyond    []string // "object:action" the granter does not hold
	Reason    string   // said instead of the default message, where set
}

func (e *Escalation) Error() string {
	if e.Reason != "" {
		return "you cannot do this: " + e.Reason
	}
	if len(e.Beyond) == 0 {
		return fmt.Sprintf("you cannot give the role %s", e.Role)
	}
	return fmt.Sprintf("you cannot give more than you hold: the role %s may also %s", e.Role, strings.Join(e.Beyond, ", "))
}

// Unwrap makes an escalation both a FORBIDDEN and a privacy denial.
func (e *Escalation) Unwrap() []error { return []error{ErrForbidden, privacy.Deny} }

// RefusedCommunity names the community of the refused attempt.
func (e *Escalation) RefusedCommunity() pulid.ID { return e.Community }

// RefusedObject names what the refused attempt would have made.
func (e *Escalation) RefusedObject() string { return e.Object }

// Unseen is the refusal of a grant to an account the granter may not see
// (another community's, or none): NOT_FOUND, as for an ID that does not
// exist, and logged in the granter's community all the same.
type Unseen struct {
	Community pulid.ID
	Object    string
}

func (e *Unseen) Error() string { return "no such account among the community's people" }

// Unwrap makes it a NOT_FOUND and a privacy denial.
func (e *Unseen) Unwrap() []error { return []error{tenant.ErrNotVisible, privacy.Deny} }

// RefusedCommunity names the community of the refused attempt.
func (e *Unseen) RefusedCommunity() pulid.ID { return e.Community }

// RefusedObject names what the refused attempt would have made.
func (e *Unseen) RefusedObject() string { return e.Object }

// Beyond lists the permissions a role holds in the community that the
// viewer's own grants (not those lent for an emergency) do not give.
func (a *Authorizer) Beyond(v *tenant.Viewer, community pulid.ID, role string) []string {
	var out []string
	for _, obj := range Objects {
		for _, act := range Actions {
			if a.RoleAllows(role, community, obj, act) && !a.RoleAllows(v.Subject(), community, obj, act) {
				out = append(out, obj+":"+act)
			}
		}
	}
	return out
}

// checkGrant decides whether the viewer may give role in the community,
// where giving it is an act on obj (a membership, an invitation or an API
// client): privacy.Skip when they may, else the refusal.
func (a *Authorizer) checkGrant(ctx context.Context, v *tenant.Viewer, obj string, community pulid.ID, role string) error {
	if !v.CanWrite(community) {
		return fmt.Errorf("%w: %w", tenant.ErrNotVisible, privacy.Deny)
	}
	perm := obj
	if obj == "invitation" {
		perm = "membership"
	}
	if !a.Allowed(v, community, perm, ActCreate) {
		return &Escalation{Community: community, Object: obj, Role: role, Beyond: []string{perm + ":" + ActCreate}}
	}
	if role == "" || !tenant.Writes(role) || !(slices.Contains(grantable, role) || a.customIn(role, community)) {
		return &Escalation{Community: community, Object: obj, Role: role}
	}
	if beyond := a.Beyond(v, community, role); len(beyond) > 0 {
		return &Escalation{Community: community, Object: obj, Role: role, Beyond: beyond}
	}
	return privacy.Skip
}

// checkScopes decides whether the viewer may give an API client these
// scopes (act: creating or changing the client): each one the viewer holds
// itself. That the scopes lie within the client's role is checked where
// they are asked for (auth.clientScopes).
func (a *Authorizer) checkScopes(v *tenant.Viewer, community pulid.ID, act, role string, scopes []string) error {
	if !v.CanWrite(community) {
		return fmt.Errorf("%w: %w", tenant.ErrNotVisible, privacy.Deny)
	}
	if !a.Allowed(v, community, "api_client", act) {
		return &Escalation{Community: community, Object: "api_client", Role: role, Beyond: []string{"api_client:" + act}}
	}
	if !slices.Contains(grantable, role) {
		return &Escalation{Community: community, Object: "api_client", Role: role}
	}
	var beyond []string
	for _, sc := range scopes {
		obj, what, _ := strings.Cut(sc, ":")
		if !a.RoleAllows(v.Subject(), community, obj, what) {
			beyond = append(beyond, sc)
		}
	}
	if len(beyond) > 0 {
		return &Escalation{Community: community, Object: "api_client", Role: role, Beyond: beyond}
	}
	return privacy.Skip
}

// grantable are the roles of community work; oversight roles span many
// communities and are granted by operators.
var grantable = []string{
	tenant.RoleCommunityAdmin, "SOCIAL_PROTECTION", "CHILDREN_SERVICE", "PROVIDER_MANAGER",
	"PROVIDER_SPECIALIST", "GUARDIANSHIP_BODY", "PARTNER_REPORTER", "API_CLIENT",
}

// LimitAPIClientRoles lets an API client be registered only with a role its
// creator could grant a person.
func LimitAPIClientRoles() privacy.MutationRule {
	return privacy.APIClientMutationRuleFunc(func(ctx context.Context, m *ent.APIClientMutation) error {
		a, v, err := from(ctx)
		if err != nil {
			return err
		}
		scopes, scoped := m.Scopes()
		scoped = scoped && len(scopes) > 0
		if !m.Op().Is(ent.OpCreate) {
			if !scoped || !m.Op().Is(ent.OpUpdateOne) {
				return privacy.Skip // the role never changes (an immutable field)
			}
			c, err := m.OldCommunityID(ctx)
			if err != nil {
				return err
			}
			role, err := m.OldRole(ctx)
			if err != nil {
				return err
			}
			return a.checkScopes(v, c, ActUpdate, string(role), scopes)
		}
		c, _ := m.CommunityID()
		role, ok := m.Role()
		if !ok {
			role = apiclient.DefaultRole
		}
		if string(role) == RoleCustom {
			return &Escalation{Community: c, Object: "api_client", Role: RoleCustom, Reason: "an API client holds a built-in role"}
		}
		if scoped {
			// The client acts only within its scopes (enforce narrows it
			// there): the creator must hold those, not the whole role.
			return a.checkScopes(v, c, ActCreate, string(role), scopes)
		}
		return a.checkGrant(ctx, v, "api_client", c, string(role))
	})
}
