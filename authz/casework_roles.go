package authz

import (
	"context"

	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/ent/schema/pulid"
)

// CaseworkRoles are the built-in roles whose holders may manage the case
// files of a community, as RequireCaseworkManager asks of a new manager:
// the policy lets them update case files there.
func CaseworkRoles(ctx context.Context, community pulid.ID) ([]membership.Role, error) {
	a, _, err := from(ctx)
	if err != nil {
		return nil, err
	}
	var out []membership.Role
	for _, r := range builtinRoles {
		if a.RoleAllows(string(r), community, "case_file", ActUpdate) {
			out = append(out, r)
		}
	}
	return out, nil
}

// builtinRoles are the membership roles a policy names (a custom role is
// held as CUSTOM with its own ID, which RequireCaseworkManager does not
// qualify either).
var builtinRoles = []membership.Role{membership.RoleCOMMUNITY_ADMIN, membership.RoleSOCIAL_PROTECTION,
	membership.RoleCHILDREN_SERVICE, membership.RolePROVIDER_MANAGER, membership.RolePROVIDER_SPECIALIST,
	membership.RoleGUARDIANSHIP_BODY, membership.RolePARTNER_REPORTER, membership.RoleREGIONAL_SUPERVISOR,
	membership.RoleNATIONAL_ANALYST, membership.RoleAUDITOR, membership.RoleAPI_CLIENT}
