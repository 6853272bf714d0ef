package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/schema/schematype"
)

// PlanReview is a scheduled review of a plan, with the outcome per goal.
type PlanReview struct{ ent.Schema }

// Mixin of the PlanReview.
func (PlanReview) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("PV"), TimeMixin{}, TenantMixin{}}
}

// Fields of the PlanReview.
func (PlanReview) Fields() []ent.Field {
	return []ent.Field{
		field.String("plan_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")),
		field.Time("reviewed_at").Comment("When the review took place").Immutable(),
		field.JSON("outcomes", []schematype.GoalOutcome{}).Comment("What the review found of each goal").Immutable(),
		field.Text("summary").Comment("The review's summary").Optional().MaxLen(5000).Immutable(),
		field.String("reviewer_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID")),
	}
}

// Edges of the PlanReview.
func (PlanReview) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("plan", Plan.Type).Ref("reviews").Field("plan_id").Unique().Required().Immutable(),
	}
}

// Indexes of the PlanReview: a plan's reviews are read by the plan.
func (PlanReview) Indexes() []ent.Index {
	return []ent.Index{index.Fields("community_id", "plan_id")}
}

// Annotations of the PlanReview.
func (PlanReview) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("A review of a plan, with what was achieved of each goal."), entgql.RelayConnection()}
}
