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

// Approval is a supervisor's sign-off on a needs assessment, a plan
// version or a case's closure, which take effect only once approved; a
// returned one carries the supervisor's comment.
type Approval struct{ ent.Schema }

// Mixin of the Approval.
func (Approval) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("AP"), TimeMixin{}, TenantMixin{}}
}

// Fields of the Approval.
func (Approval) Fields() []ent.Field {
	return []ent.Field{
		field.String("case_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")),
		field.Enum("subject_kind").Comment("What is to be approved").Values("NEEDS_ASSESSMENT", "PLAN", "CLOSURE").Immutable(),
		field.String("subject_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")).
			Comment("The needs assessment, the plan version, or the case itself for a closure"),
		field.Enum("status").Comment("Where the approval stands").Values("PENDING", "APPROVED", "RETURNED").Default("PENDING").Annotations(entgql.OrderField("STATUS")),
		field.String("requested_by_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID")),
		field.Time("requested_at").Comment("When the approval was asked for").Immutable().Annotations(entgql.OrderField("REQUESTED_AT")),
		field.String("decided_by_id").GoType(pulid.ID("")).Optional().Nillable().Annotations(entgql.Type("ID")),
		field.Time("decided_at").Comment("When the supervisor approved or returned it").Optional().Nillable(),
		field.Text("comment").Comment("The supervisor's comment, e.g. why it was returned").Optional().MaxLen(5000),
		field.Text("note").Optional().MaxLen(2000).Immutable().Comment("For a closure: the note of the requested move"),
		field.Time("occurred_at").Optional().Nillable().Immutable().
			Comment("For a closure: when the case closed, as entered (a paper file's date); empty: when approved"),
		field.Bool("own_sign_off").Default(true).Immutable().
			Comment("Whether its filer may decide it; false where a second person must, as for closing the case of a child in danger"),
	}
}

// Edges of the Approval.
func (Approval) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("case", CaseFile.Type).Ref("approvals").Field("case_id").Unique().Required().Immutable(),
	}
}

// Indexes of the Approval.
func (Approval) Indexes() []ent.Index {
	return []ent.Index{index.Fields("case_id"), index.Fields("community_id", "status"), index.Fields("subject_id")}
}

// Annotations of the Approval.
func (Approval) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("A supervisor's sign-off on a needs assessment, a plan version or a case's closure, which take effect only once approved."), entgql.RelayConnection(), entgql.QueryField("approvals")}
}
