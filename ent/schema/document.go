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

// Document is a scan or signed file attached to a case or to one of its
// items (a decision, an act, a plan, a consent, …). Its bytes live in
// DocumentContent, in the same community and under the same rules, so that
// lists of documents never carry them.
type Document struct{ ent.Schema }

// Mixin of the Document.
func (Document) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("DO"), TimeMixin{}, TenantMixin{}}
}

// Fields of the Document.
func (Document) Fields() []ent.Field {
	return []ent.Field{
		field.String("case_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")),
		field.String("subject_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID")).
			Comment("The case item it belongs to (decision, act, plan, consent, …); empty for the case itself"),
		field.Enum("kind").Values("SCAN", "SIGNED_DOCUMENT", "ACT", "DECISION", "CONSENT", "PLAN_AGREEMENT",
			"PROTOCOL", "CORRESPONDENCE", "OTHER").Immutable(),
		field.String("title").NotEmpty().MaxLen(300).Immutable(),
		field.String("file_name").NotEmpty().MaxLen(255).Immutable(),
		field.String("content_type").NotEmpty().MaxLen(100).Immutable(),
		field.Int64("size").Immutable(),
		field.String("sha256").MaxLen(64).Immutable(),
		field.String("uploaded_by_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID")),
	}
}

// Edges of the Document.
func (Document) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("case", CaseFile.Type).Ref("documents").Field("case_id").Unique().Required().Immutable(),
		edge.To("content", DocumentContent.Type).Unique().Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Indexes of the Document.
func (Document) Indexes() []ent.Index {
	return []ent.Index{index.Fields("case_id"), index.Fields("subject_id")}
}

// Annotations of the Document.
func (Document) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}

// DocumentContent holds a document's bytes.
type DocumentContent struct{ ent.Schema }

// Mixin of the DocumentContent.
func (DocumentContent) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("DB"), TenantMixin{}}
}

// Fields of the DocumentContent.
func (DocumentContent) Fields() []ent.Field {
	return []ent.Field{
		field.String("document_id").GoType(pulid.ID("")).Immutable().Unique(),
		field.Bytes("data").Immutable(),
	}
}

// Edges of the DocumentContent.
func (DocumentContent) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("document", Document.Type).Ref("content").Field("document_id").Unique().Required().Immutable(),
	}
}

// Annotations of the DocumentContent: never in the API; downloads stream it.
func (DocumentContent) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
