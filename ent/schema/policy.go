package schema

import (
	"entgo.io/ent"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent/privacy"
	"github.com/turbota/turbota/tenant"
)

// Policy of every tenant-owned schema: no viewer, no access; then the
// community wall (tenant) and the role wall (authz), each enough alone. A
// change's edges name only records of its community the viewer can read
// (authz.DenyForeignReferences), checked before the role: a record one may
// not read is not there, whatever one's role. Two steps of the workflow a
// viewer takes past the filters are allowed here, each exactly: reading
// the plan one decides an approval of (authz.AllowApprovalSubject), and
// recording one's own override of the family's consent
// (authz.AllowOverrideRecord); and a transfer between communities is read
// and answered by both, sender and receiver (authz/transfer_rules.go). Rules of one family that only narrow or
// refuse further sit in that schema's own Policy.
func (TenantMixin) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			tenant.DenyIfNoViewer(), authz.AllowApprovalSubject(), authz.AllowTransferParties(),
			tenant.FilterReadCommunities(), authz.FilterReadable(), authz.FilterNeedToKnow(),
		},
		Mutation: privacy.MutationPolicy{
			tenant.DenyIfNoViewer(), authz.AllowTransferAnswer(), authz.BreakTheGlass(), tenant.FilterWriteCommunities(), authz.DenyForeignReferences(),
			authz.AllowOverrideRecord(), authz.FilterWritable(), authz.FilterNeedToKnowChanges(),
		},
	}
}

// Policy of the Approval: who decides a request (authz/approval_rules.go).
func (Approval) Policy() ent.Policy {
	return privacy.Policy{Mutation: privacy.MutationPolicy{authz.DecideApprovals()}}
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
		Mutation: privacy.MutationPolicy{tenant.DenyIfNoViewer(), authz.FilterUserChanges()},
	}
}

// Policy of the Membership.
func (Membership) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{tenant.DenyIfNoViewer(), authz.AllowManagerCheck(), authz.FilterMemberships()},
		Mutation: privacy.MutationPolicy{tenant.DenyIfNoViewer(), authz.FilterMembershipChanges(), authz.DenyForeignReferences()},
	}
}

// Policy of the Session: only the server's own sign-in code touches it.
func (Session) Policy() ent.Policy { return systemOnlyPolicy() }

// Policy of the PasswordReset: only the server's own sign-in code touches it.
func (PasswordReset) Policy() ent.Policy { return systemOnlyPolicy() }

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
		Mutation: privacy.MutationPolicy{tenant.DenyIfNoViewer(), authz.DenyForeignReferences(), authz.FilterInvitationChanges()},
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
