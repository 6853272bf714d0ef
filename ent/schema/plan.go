package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent/privacy"

	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/schema/schematype"
	"github.com/turbota/turbota/internal/platform/clock"
)

// Plan is one version of a case's individual plan (індивідуальний план):
// goals and actions with who is responsible and by when, agreed with the
// family. A change is a new version; earlier ones stay as they were.
type Plan struct{ ent.Schema }

// Mixin of the Plan.
func (Plan) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("PL"), TimeMixin{}, TenantMixin{}}
}

// Fields of the Plan.
func (Plan) Fields() []ent.Field {
	return []ent.Field{
		field.String("case_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")),
		field.Int("version").Comment("The version number; each new version of a case's plan counts up from 1").Positive().Immutable().Annotations(entgql.OrderField("VERSION")),
		field.JSON("goals", []schematype.PlanGoal{}).Comment("The plan's goals, each with its actions").Immutable(),
		field.Time("next_review_at").Comment("When the plan is to be reviewed next").Immutable(),
		field.Time("saved_at").Comment("When this version was drawn up: the day it happened, which a paper file gives").
			Default(clock.Now).Immutable().Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.Time("agreed_at").Optional().Nillable().Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)).
			Comment("When the family agreed to this version"),
		field.String("agreement_document").Optional().MaxLen(300).
			Comment("Reference of the signed agreement"),
		field.String("author_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID")),
	}
}

// Edges of the Plan.
func (Plan) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("case", CaseFile.Type).Ref("plans").Field("case_id").Unique().Required().Immutable(),
		edge.To("reviews", PlanReview.Type).Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// Indexes of the Plan.
func (Plan) Indexes() []ent.Index { return []ent.Index{index.Fields("case_id", "version").Unique()} }

// Annotations of the Plan.
func (Plan) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("One version of a case's individual plan (індивідуальний план): goals and actions, who answers for them and by when."), entgql.RelayConnection()}
}

// Policy of the Plan, on top of the tenant policy: who changes (agrees) a plan (authz.RequireRoleToUpdate).
func (Plan) Policy() ent.Policy {
	return privacy.Policy{Mutation: privacy.MutationPolicy{authz.RequireRoleToUpdate()}}
}
