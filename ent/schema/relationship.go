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

// Relationship says how one person stands to another: "Олена is the mother
// of Марко" is person Олена, kind MOTHER, relative Марко.
type Relationship struct{ ent.Schema }

// Mixin of the Relationship.
func (Relationship) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("RL"), TimeMixin{}, TenantMixin{}}
}

// Fields of the Relationship.
func (Relationship) Fields() []ent.Field {
	return []ent.Field{
		field.String("person_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")),
		field.String("relative_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")),
		field.Enum("kind").Comment("How the person stands to the relative").Values("MOTHER", "FATHER", "STEPMOTHER", "STEPFATHER", "GUARDIAN", "CUSTODIAN",
			"FOSTER_PARENT", "ADOPTIVE_PARENT", "GRANDPARENT", "SIBLING", "OTHER_RELATIVE", "OTHER").
			Annotations(entgql.OrderField("KIND")),
		field.String("note").Comment("A note on the relationship").Optional().MaxLen(500),
	}
}

// Edges of the Relationship.
func (Relationship) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("person", Person.Type).Ref("relationships").Field("person_id").Unique().Required().Immutable(),
		edge.To("relative", Person.Type).Field("relative_id").Unique().Required().Immutable(),
	}
}

// Indexes of the Relationship.
func (Relationship) Indexes() []ent.Index {
	// A person's relatives are read from both ends.
	return []ent.Index{index.Fields("person_id", "relative_id", "kind").Unique(), index.Fields("community_id", "relative_id")}
}

// Annotations of the Relationship.
func (Relationship) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("How one person stands to another (mother, guardian, sibling)."), entgql.Mutations(entgql.MutationCreate())}
}
