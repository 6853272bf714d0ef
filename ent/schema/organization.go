package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"

	"github.com/turbota/turbota/ent/schema/pulid"
)

// Organization is a body that works in a community: the children's service,
// the social protection department, a provider, the guardianship body, a
// partner that reports, or a regional body seated there.
type Organization struct{ ent.Schema }

// Mixin of the Organization.
func (Organization) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("OR"), TimeMixin{}, TenantMixin{}}
}

// organizationKinds are the kinds of organisation; a consent may name one.
var organizationKinds = []string{
	"CHILDREN_SERVICE", "SOCIAL_PROTECTION", "PUBLIC_PROVIDER", "NGO_PROVIDER",
	"GUARDIANSHIP_BODY", "PARTNER", "REGIONAL_BODY",
}

// Fields of the Organization.
func (Organization) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").Comment("The organisation's name").NotEmpty().MaxLen(300).Annotations(entgql.OrderField("NAME")),
		field.Enum("kind").Comment("What kind of body it is").Values(organizationKinds...).Annotations(entgql.OrderField("KIND")),
		field.String("edrpou").Optional().MaxLen(10).
			Comment("Registration code (ЄДРПОУ), kept to reconcile with state registers"),
		field.String("provider_register_number").Optional().MaxLen(64).
			Comment("Number in the register of social service providers"),
	}
}

// Edges of the Organization.
func (Organization) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("memberships", Membership.Type).Ref("organization").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Annotations of the Organization.
func (Organization) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("A body that works in a community: the children's service, the social protection department, a service provider, the guardianship body, a school, a health facility."),
		entgql.QueryField(), entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}
