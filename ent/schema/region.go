package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"

	"github.com/turbota/turbota/ent/schema/pulid"
)

// Region is an oblast or a city with special status (область, Kyiv), from the KATOTTG codifier.
type Region struct{ ent.Schema }

// Mixin of the Region.
func (Region) Mixin() []ent.Mixin { return []ent.Mixin{pulid.MixinWithPrefix("RG")} }

// Fields of the Region.
func (Region) Fields() []ent.Field {
	return []ent.Field{
		field.String("katottg_code").Comment("The region's code in the KATOTTG codifier").Unique().Immutable().Annotations(entgql.OrderField("KATOTTG_CODE")),
		field.String("name").NotEmpty().Comment("Name as the codifier writes it, e.g. Вінницька").
			Annotations(entgql.OrderField("NAME")),
		field.Enum("kind").Comment("An oblast or a city with special status").Values("OBLAST", "SPECIAL_CITY"),
	}
}

// Edges of the Region.
func (Region) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("districts", District.Type).Annotations(entgql.RelayConnection()),
		edge.To("communities", Community.Type).Annotations(entgql.RelayConnection()),
	}
}

// Annotations of the Region.
func (Region) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("An oblast or a city with special status, from the KATOTTG codifier."), entgql.QueryField(), entgql.RelayConnection()}
}
