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

// Community is a territorial community (територіальна громада): the tenant.
type Community struct{ ent.Schema }

// Mixin of the Community.
func (Community) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("CM"), TimeMixin{}}
}

// Fields of the Community.
func (Community) Fields() []ent.Field {
	return []ent.Field{
		field.String("katottg_code").Comment("The community's code in the KATOTTG codifier").Unique().Immutable().Annotations(entgql.OrderField("KATOTTG_CODE")),
		field.String("name").Comment("The community's official name").NotEmpty().Annotations(entgql.OrderField("NAME")),
		field.Enum("kind").Comment("Whether it is a city, settlement or village community").Values("CITY", "SETTLEMENT", "VILLAGE"),
		field.String("region_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")),
		field.String("district_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().
			Annotations(entgql.Type("ID")).Comment("Kyiv city belongs to no district"),
		field.Bool("require_totp").Default(false).
			Comment("Members must use a second factor to sign in"),
		field.Int("caseload_norm").Optional().Nillable().Positive().
			Comment("The norm of open cases one worker manages, against which the workforce register shows each caseload"),
	}
}

// Edges of the Community.
func (Community) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("region", Region.Type).Ref("communities").Field("region_id").Unique().Required().Immutable(),
		edge.From("district", District.Type).Ref("communities").Field("district_id").Unique().Immutable(),
	}
}

// Indexes of the Community.
func (Community) Indexes() []ent.Index {
	return []ent.Index{index.Fields("region_id")}
}

// Annotations of the Community.
func (Community) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("A territorial community (територіальна громада): the tenant that owns its records."), entgql.QueryField(), entgql.RelayConnection()}
}
