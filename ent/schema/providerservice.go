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

// ProviderService is a service of the classifier that an organisation of
// the community offers: the entry of the service map (мапування) with its
// capacity, the area it serves and whom to contact.
type ProviderService struct{ ent.Schema }

// Mixin of the ProviderService.
func (ProviderService) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("OS"), TimeMixin{}, TenantMixin{}}
}

// Fields of the ProviderService.
func (ProviderService) Fields() []ent.Field {
	return []ent.Field{
		field.String("organization_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")),
		field.String("service_type_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")),
		field.Int("capacity").Optional().Nillable().Min(0).Comment("Families (or people) it can serve at once"),
		field.String("area_served").Optional().MaxLen(500).Comment("Starosta districts or settlements it covers"),
		field.String("contacts").Comment("How families reach the service").Optional().MaxLen(500),
		field.Bool("active").Comment("Whether the organisation offers it now").Default(true),
	}
}

// Edges of the ProviderService.
func (ProviderService) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("organization", Organization.Type).Field("organization_id").Unique().Required().Immutable(),
		edge.To("service_type", ServiceType.Type).Field("service_type_id").Unique().Required().Immutable(),
	}
}

// Indexes of the ProviderService.
func (ProviderService) Indexes() []ent.Index {
	return []ent.Index{index.Fields("organization_id", "service_type_id").Unique()}
}

// Annotations of the ProviderService.
func (ProviderService) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("A service of the national classifier that an organisation of the community offers: an entry of the service map."), entgql.RelayConnection(), entgql.QueryField("providerServices"),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate())}
}
