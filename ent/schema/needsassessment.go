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
)

// NeedsAssessment is the assessment of a family's needs by a provider
// (оцінювання потреб): the assessment triangle, the family's strengths, the
// conclusion, filed as the act of needs assessment; due within 5 working
// days of the application or report (Law "On social services", art. 20).
type NeedsAssessment struct{ ent.Schema }

// Mixin of the NeedsAssessment.
func (NeedsAssessment) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("NA"), TimeMixin{}, TenantMixin{}}
}

// Fields of the NeedsAssessment.
func (NeedsAssessment) Fields() []ent.Field {
	return []ent.Field{
		field.String("case_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")),
		field.String("provider_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")).
			Comment("The provider organisation that assessed"),
		field.Enum("kind").Comment("Initial or comprehensive assessment").Values("INITIAL", "COMPREHENSIVE").Immutable(),
		field.Time("conducted_at").Comment("When the assessment was conducted").Immutable().Annotations(entgql.OrderField("CONDUCTED_AT")),
		field.JSON("domains", []schematype.DomainRating{}).Comment("The ratings of the three sides of the assessment triangle").Immutable(),
		field.Text("strengths").Comment("The family's strengths").MaxLen(10000).Immutable(),
		field.Text("conclusion").Comment("The assessment's conclusion").NotEmpty().MaxLen(10000).Immutable(),
		field.JSON("needed_service_ids", []pulid.ID{}).Optional().Immutable().Annotations(entgql.Skip()).
			Comment("The classifier services the assessment found the family needs: the service map's demand side"),
		field.String("act_number").MaxLen(64).Immutable().Comment("Number of the act of needs assessment"),
		field.Time("act_filed_at").Comment("When the act of the assessment was filed").Immutable(),
		field.Time("due").Immutable().Comment("Under the rule set of the case"),
		field.Bool("on_time").Comment("Whether it was done by its due time").Immutable(),
		field.String("recorded_by_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID")),
	}
}

// Edges of the NeedsAssessment.
func (NeedsAssessment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("case", CaseFile.Type).Ref("needs_assessments").Field("case_id").Unique().Required().Immutable(),
		edge.To("provider", Organization.Type).Field("provider_id").Unique().Required().Immutable(),
	}
}

// Indexes of the NeedsAssessment.
func (NeedsAssessment) Indexes() []ent.Index {
	return []ent.Index{index.Fields("case_id"), index.Fields("community_id", "conducted_at")}
}

// Annotations of the NeedsAssessment.
func (NeedsAssessment) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("The assessment of a family's needs (оцінювання потреб): the assessment triangle, the family's strengths and the conclusion."), entgql.RelayConnection()}
}

// Policy of the NeedsAssessment, on top of the tenant policy: for which provider one is filed (authz.RequireActingFor).
func (NeedsAssessment) Policy() ent.Policy {
	return privacy.Policy{Mutation: privacy.MutationPolicy{authz.RequireActingFor()}}
}
