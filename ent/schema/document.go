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
// DocumentChunks, in the same community and under the same rules, so that
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
		field.Enum("kind").Comment("What kind of document it is").Values("SCAN", "SIGNED_DOCUMENT", "ACT", "DECISION", "CONSENT", "PLAN_AGREEMENT",
			"PROTOCOL", "CORRESPONDENCE", "OTHER").Immutable(),
		field.String("title").Comment("What the document is, in a line").NotEmpty().MaxLen(300).Immutable(),
		field.String("file_name").Comment("The file's name as uploaded").NotEmpty().MaxLen(255).Immutable(),
		field.String("content_type").Comment("The file's media type (e.g. application/pdf)").NotEmpty().MaxLen(100).Immutable(),
		field.Int64("size").Comment("The file's size in bytes").Immutable(),
		field.String("sha256").Comment("The SHA-256 of the file's bytes, to check its integrity").MaxLen(64).Immutable(),
		field.String("uploaded_by_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID")),
	}
}

// Edges of the Document.
func (Document) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("case", CaseFile.Type).Ref("documents").Field("case_id").Unique().Required().Immutable(),
		edge.To("chunks", DocumentChunk.Type).Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Indexes of the Document.
func (Document) Indexes() []ent.Index {
	return []ent.Index{index.Fields("case_id"), index.Fields("subject_id")}
}

// Annotations of the Document.
func (Document) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("A scan or signed file attached to a case or to one of its items (a decision, an act, a plan, a consent)."), entgql.RelayConnection()}
}

// DocumentChunk is one piece of a document's bytes, in order of seq. A
// file is stored and sent a chunk at a time, so neither an upload nor a
// download holds a whole file in memory. The bytes follow their document:
// same community, same row-level security, kept as filed.
type DocumentChunk struct{ ent.Schema }

// Mixin of the DocumentChunk.
func (DocumentChunk) Mixin() []ent.Mixin {
	return []ent.Mixin{TenantMixin{}}
}

// Fields of the DocumentChunk. A plain number for the key: chunks are never
// named in the API, and the migration that splits older files into chunks
// can number them in SQL.
func (DocumentChunk) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("id").Immutable(),
		field.String("document_id").GoType(pulid.ID("")).Immutable(),
		field.Int("seq").NonNegative().Immutable(),
		field.Bytes("data").Immutable(),
	}
}

// Edges of the DocumentChunk.
func (DocumentChunk) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("document", Document.Type).Ref("chunks").Field("document_id").Unique().Required().Immutable(),
	}
}

// Indexes of the DocumentChunk: a file is read in order of its chunks.
func (DocumentChunk) Indexes() []ent.Index {
	return []ent.Index{index.Fields("document_id", "seq").Unique()}
}

// Annotations of the DocumentChunk: never in the API; downloads stream it.
func (DocumentChunk) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
