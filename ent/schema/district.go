package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"

	"github.com/turbota/turbota/ent/schema/pulid"
)

// District is a raion (район), the level between region and community.
type District struct{ ent.Schema }

// Mixin of the District.
func (District) Mixin() []ent.Mixin { return []ent.Mixin{pulid.MixinWithPrefix("DS")} }

// Fields of the District.
func (District) Fields() []ent.Field {
	return []ent.Field{
		field.String("katottg_code").Comment("The raion's code in the KATOTTG codifier").Unique().Immutable().Annotations(entgql.OrderField("KATOTTG_CODE")),
		field.String("name").Comment("The raion's official name").NotEmpty().Annotations(entgql.OrderField("NAME")),
		field.String("region_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")),
	}
}

// Edges of the District.
func (District) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("region", Region.Type).Ref("districts").Field("region_id").Unique().Required().Immutable(),
		edge.To("communities", Community.Type).Annotations(entgql.RelayConnection()),
	}
}

// Annotations of the District.
func (District) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("A raion (район), the level between a region and a community, from the KATOTTG codifier."), entgql.RelayConnection()}
}
