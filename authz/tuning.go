package authz

import (
	"slices"
	"sync"

	"github.com/turbota/turbota/tenant"
)

// Communities tune access: a community admin may take any permission away
// from a role of community work in their community (casework included),
// and give back what the default policy gives, never more. A community
// rule is therefore a DENY (a narrowing) or an ALLOW the defaults already
// say (a restoration); the adapter ignores any other ALLOW, so a rule
// written before this bound, or past it, widens nothing.

// defaultGrants maps a role to the "object:action" pairs the embedded
// default policy allows it.
var defaultGrants = sync.OnceValue(func() map[string]map[string]bool {
	rules, err := DefaultRules()
	if err != nil {
		panic(err) // the embedded file is checked by the tests
	}
	out := map[string]map[string]bool{}
	for _, r := range rules {
		if r.Deny {
			continue
		}
		if out[r.Role] == nil {
			out[r.Role] = map[string]bool{}
		}
		out[r.Role][r.Object+":"+r.Action] = true
	}
	return out
})

// DefaultAllows reports whether the default policy lets the role do act
// on obj.
func DefaultAllows(role, obj, act string) bool { return defaultGrants()[role][obj+":"+act] }

// DefaultPermissions lists the "object:action" pairs the default policy
// gives the role, in the order of Objects and Actions.
func DefaultPermissions(role string) []string {
	var out []string
	for _, obj := range Objects {
		for _, act := range Actions {
			if DefaultAllows(role, obj, act) {
				out = append(out, obj+":"+act)
			}
		}
	}
	return out
}

// InDefaults reports whether some role of the default policy holds the
// permission: what a custom role may be made of.
func InDefaults(obj, act string) bool {
	for role, perms := range defaultGrants() {
		if perms[obj+":"+act] && tenant.Writes(role) {
			return true
		}
	}
	return false
}

// TunableRoles are the built-in roles a community may narrow: those of
// community work. Oversight roles (regional, national, auditor, emergency
// reader) answer to others than the community they look at.
func TunableRoles() []string { return slices.Clone(grantable) }

// tunable reports whether a community may narrow the built-in role.
func tunable(role string) bool { return slices.Contains(grantable, role) }

// lockout reports whether a narrowing would take from the community's
// admins the power to undo it.
func lockout(role, obj string) bool {
	return role == tenant.RoleCommunityAdmin && obj == "policy_rule"
}
