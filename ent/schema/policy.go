package schema

import (
	"entgo.io/ent"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent/privacy"
	"github.com/turbota/turbota/tenant"
)

// Policy of every tenant-owned schema: no viewer, no access; then the
// community wall (tenant) and the role wall (authz), each enough alone.
func (TenantMixin) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			tenant.DenyIfNoViewer(), tenant.FilterReadCommunities(), authz.FilterReadable(), authz.FilterNeedToKnow(),
		},
		Mutation: privacy.MutationPolicy{
			tenant.DenyIfNoViewer(), tenant.FilterWriteCommunities(), authz.FilterWritable(), authz.FilterNeedToKnowChanges(),
		},
	}
}

// Policy of the Region: reference data.
func (Region) Policy() ent.Policy { return referencePolicy() }

// Policy of the District: reference data.
func (District) Policy() ent.Policy { return referencePolicy() }

// Policy of the Community: reference data whose settings admins change.
func (Community) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{authz.AllowReadToViewers()},
		Mutation: privacy.MutationPolicy{tenant.DenyIfNoViewer(), authz.FilterCommunityUpdates()},
	}
}

// Policy of the User.
func (User) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{tenant.DenyIfNoViewer(), authz.FilterUsers()},
		Mutation: privacy.MutationPolicy{tenant.DenyIfNoViewer(), authz.AllowUserCreate()},
	}
}

// Policy of the Membership.
func (Membership) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{tenant.DenyIfNoViewer(), authz.FilterMemberships()},
		Mutation: privacy.MutationPolicy{tenant.DenyIfNoViewer(), authz.FilterMembershipChanges()},
	}
}

// Policy of the Session: only the server's own sign-in code touches it.
func (Session) Policy() ent.Policy { return systemOnlyPolicy() }

// Policy of the LoginAttempt: only the server's own sign-in code touches it.
func (LoginAttempt) Policy() ent.Policy { return systemOnlyPolicy() }

// Policy of the AuditEvent: read where allowed, written only by the audit package.
func (AuditEvent) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{tenant.DenyIfNoViewer(), authz.FilterAuditEvents()},
		Mutation: privacy.MutationPolicy{authz.DenyAll()},
	}
}

// Policy of the PolicyRule.
func (PolicyRule) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{tenant.DenyIfNoViewer(), authz.FilterPolicyRules()},
		Mutation: privacy.MutationPolicy{tenant.DenyIfNoViewer(), authz.FilterPolicyRuleChanges()},
	}
}

// Policy of the APIClient, on top of the tenant wall: its role gives no
// more than its creator holds.
func (APIClient) Policy() ent.Policy {
	return privacy.Policy{Mutation: privacy.MutationPolicy{authz.LimitAPIClientRoles()}}
}

// Policy of the Invitation: the community's admins and the person invited.
func (Invitation) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{tenant.DenyIfNoViewer(), authz.FilterInvitations()},
		Mutation: privacy.MutationPolicy{tenant.DenyIfNoViewer(), authz.FilterInvitationChanges()},
	}
}

// Policy of the CustomRole: its name is read wherever the community is,
// and it is defined by those who may change the community's rules, from
// what they hold themselves.
func (CustomRole) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{tenant.DenyIfNoViewer(), authz.FilterCustomRoles()},
		Mutation: privacy.MutationPolicy{tenant.DenyIfNoViewer(), authz.FilterCustomRoleChanges()},
	}
}

func referencePolicy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{authz.AllowReadToViewers()},
		Mutation: privacy.MutationPolicy{authz.DenyAll()},
	}
}

func systemOnlyPolicy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{authz.DenyAll()},
		Mutation: privacy.MutationPolicy{authz.DenyAll()},
	}
}
