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

// CustomRole is a role a community defines for itself, made of permissions
// of the default policy its admin holds (authz/customroles.go). Its ID is
// its casbin role name; memberships and invitations name it with the role
// CUSTOM. A retired role grants nothing and is granted no more.
type CustomRole struct{ ent.Schema }

// Mixin of the CustomRole.
func (CustomRole) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("RO"), TimeMixin{}}
}

// Fields of the CustomRole.
func (CustomRole) Fields() []ent.Field {
	return []ent.Field{
		field.String("community_id").GoType(pulid.ID("")).Immutable(),
		field.String("name_uk").NotEmpty().MaxLen(100),
		field.String("name_en").NotEmpty().MaxLen(100),
		field.Strings("permissions").Comment(`"object:action" pairs of the default policy`),
		field.Time("retired_at").Optional().Nillable(),
	}
}

// Edges of the CustomRole.
func (CustomRole) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("community", Community.Type).Field("community_id").Unique().Required().Immutable(),
	}
}

// Indexes of the CustomRole.
func (CustomRole) Indexes() []ent.Index {
	return []ent.Index{index.Fields("community_id")}
}

// Annotations of the CustomRole: the API shows it as a CommunityRole
// (graph/roles.graphql), beside the built-in roles.
func (CustomRole) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
