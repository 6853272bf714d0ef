package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/turbota/turbota/ent/schema/pulid"
)

// DocumentCounter is the last registration number an organisation gave in
// a year. Issuing a number increments the row in the issuing transaction:
// the row lock orders concurrent issues, and a rolled-back issue gives its
// number back, so the sequence has no gaps (a max()+1 would hand the same
// number to two transactions).
type DocumentCounter struct{ ent.Schema }

// Mixin of the DocumentCounter.
func (DocumentCounter) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("DQ"), TimeMixin{}, TenantMixin{}}
}

// Fields of the DocumentCounter.
func (DocumentCounter) Fields() []ent.Field {
	return []ent.Field{
		field.String("organization_id").GoType(pulid.ID("")).Immutable().Comment("The issuing organisation"),
		field.Int("year").Immutable().Comment("The year the sequence counts"),
		field.Int("last").NonNegative().Comment("The last number given"),
	}
}

// Indexes of the DocumentCounter: one sequence per organisation and year.
func (DocumentCounter) Indexes() []ent.Index {
	return []ent.Index{index.Fields("organization_id", "year").Unique()}
}

// Annotations of the DocumentCounter.
func (DocumentCounter) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("The last registration number an organisation issued in a year."), entgql.Skip(entgql.SkipAll)}
}
