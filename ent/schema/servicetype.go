package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"

	"github.com/turbota/turbota/ent/schema/pulid"
)

// ServiceType is a social service of the national classifier (order 429 of
// 23.06.2020). Only verified official codes are kept; a national
// administrator imports the official table from a file (turbota classifier).
type ServiceType struct{ ent.Schema }

// Mixin of the ServiceType.
func (ServiceType) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("ST"), TimeMixin{}}
}

// Fields of the ServiceType.
func (ServiceType) Fields() []ent.Field {
	return []ent.Field{
		field.String("code").Optional().Nillable().Unique().MaxLen(16).Annotations(entgql.OrderField("CODE")).
			Comment("The official code, only where verified (e.g. 002.0)"),
		field.String("name_uk").Comment("The service's name in Ukrainian").NotEmpty().Unique().MaxLen(300).Annotations(entgql.OrderField("NAME_UK")),
		field.String("name_en").Comment("The service's name in English").NotEmpty().MaxLen(300),
		field.Enum("group").Comment("The classifier's group of the service").Values("SIMPLE", "COMPLEX").Annotations(entgql.OrderField("GROUP")),
		field.Bool("active").Comment("Whether the service may be chosen for new work").Default(true),
	}
}

// Annotations of the ServiceType.
func (ServiceType) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("A social service of the national classifier of social services."), entgql.QueryField(), entgql.RelayConnection()}
}

// Policy of the ServiceType: reference data, changed by operators only.
func (ServiceType) Policy() ent.Policy { return referencePolicy() }
