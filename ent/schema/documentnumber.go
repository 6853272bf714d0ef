package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/turbota/turbota/ent/schema/pulid"
)

// DocumentNumber is the registration number an official document (an act,
// a plan, a decision, a voucher certificate) was given when it was first
// issued: sequential per issuing organisation and year, and the same on
// every reprint (internal/documents).
type DocumentNumber struct{ ent.Schema }

// Mixin of the DocumentNumber.
func (DocumentNumber) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("DR"), TimeMixin{}, TenantMixin{}}
}

// Fields of the DocumentNumber.
func (DocumentNumber) Fields() []ent.Field {
	return []ent.Field{
		field.String("kind").NotEmpty().MaxLen(40).Immutable().Comment("Which document: SAFETY_ACT, NEEDS_ACT, PLAN, DECISION, VOUCHER"),
		field.String("subject_id").GoType(pulid.ID("")).Immutable().Comment("The record the document prints"),
		field.String("organization_id").GoType(pulid.ID("")).Immutable().Comment("The organisation that issued it"),
		field.Int("year").Immutable().Comment("The year of issue, whose sequence the number belongs to"),
		field.Int("seq").Positive().Immutable().Comment("The number within the organisation's year"),
		field.Time("issued_at").Immutable().Comment("When it was first issued: the date printed with the number"),
	}
}

// Indexes of the DocumentNumber: one number per document, and no number
// twice in an organisation's year.
func (DocumentNumber) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("kind", "subject_id").Unique(),
		index.Fields("organization_id", "year", "seq").Unique(),
	}
}

// Annotations of the DocumentNumber.
func (DocumentNumber) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("The registration number of an issued official document."), entgql.Skip(entgql.SkipAll)}
}
