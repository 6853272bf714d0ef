package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/turbota/turbota/ent/schema/pulid"
)

// Membership grants a user a role in a domain: a community for community
// roles, a region for regional supervisors, and the whole country (no
// community, no region) for national analysts. It is the source of casbin's
// role assignments.
type Membership struct{ ent.Schema }

// Roles every membership can hold; authz/policy.csv says what each may do.
var Roles = []string{
	"COMMUNITY_ADMIN", "SOCIAL_PROTECTION", "CHILDREN_SERVICE", "PROVIDER_MANAGER",
	"PROVIDER_SPECIALIST", "GUARDIANSHIP_BODY", "PARTNER_REPORTER", "REGIONAL_SUPERVISOR",
	"NATIONAL_ANALYST", "AUDITOR", "API_CLIENT", "CUSTOM",
}

// CUSTOM is held with a custom_role_id: a role the community defined.

// PolicyRoles are the roles the policy speaks of: those memberships hold,
// the one an emergency access lends for a few hours, and those a place in
// a working group lends (a member reads the group, its secretary keeps it).
var PolicyRoles = append(append([]string{}, Roles...), "EMERGENCY_READER", "GROUP_MEMBER", "GROUP_SECRETARY")

// Mixin of the Membership.
func (Membership) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("MB"), TimeMixin{}}
}

// Fields of the Membership.
func (Membership) Fields() []ent.Field {
	id := func(name string) ent.Field {
		return field.String(name).GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID"))
	}
	return []ent.Field{
		field.String("user_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")),
		field.Enum("role").Comment("The role held").Values(Roles...).Immutable().Annotations(entgql.OrderField("ROLE")),
		id("organization_id"),
		id("community_id"),
		id("region_id"),
		field.String("custom_role_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().
			Annotations(entgql.Skip(entgql.SkipAll)).Comment("Set with the role CUSTOM"),
	}
}

// Edges of the Membership.
func (Membership) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("user", User.Type).Ref("memberships").Field("user_id").Unique().Required().Immutable(),
		edge.To("organization", Organization.Type).Field("organization_id").Unique().Immutable(),
		edge.To("community", Community.Type).Field("community_id").Unique().Immutable(),
		edge.To("region", Region.Type).Field("region_id").Unique().Immutable(),
		edge.To("custom_role", CustomRole.Type).Field("custom_role_id").Unique().Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Indexes of the Membership.
func (Membership) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("community_id"),
		index.Fields("user_id", "role", "community_id", "region_id", "custom_role_id").Unique(),
	}
}

// Annotations of the Membership.
func (Membership) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("A role a user holds in a community, a region or the whole country."), entgql.RelayConnection()}
}
