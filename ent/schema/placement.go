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
	"github.com/turbota/turbota/internal/procedure"
)

// Placement is one child's care arrangement outside the family (влаштування
// дитини): the form of care, where, from when to when, on which basis (a
// decision of the guardianship body, or an urgent measure of a safety
// assessment) and why it ended. A child's placements are their care
// history; the gatekeeping indicators count them, child by child.
type Placement struct{ ent.Schema }

// Mixin of the Placement.
func (Placement) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("PM"), TimeMixin{}, TenantMixin{}}
}

// Fields of the Placement.
func (Placement) Fields() []ent.Field {
	return []ent.Field{
		field.String("case_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")),
		field.String("child_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")),
		field.Enum("form").Comment("The form of care").GoType(procedure.CareForm("")).Immutable().
			Annotations(entgql.Type("CareForm"), entgql.OrderField("FORM")),
		field.String("organization_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID")).
			Comment("The institution or provider where the child is, when it is one of the register's organisations"),
		field.String("address").Optional().MaxLen(500).Immutable().
			Comment("Where the child is, when not an organisation of the register (the relatives' or foster family's address)"),
		field.Time("started_at").Comment("When the placement began").Immutable().Annotations(entgql.OrderField("STARTED_AT")),
		field.Time("ended_at").Comment("When the placement ended; empty while it lasts").Optional().Nillable(),
		field.Enum("end_reason").Comment("Why the placement ended").GoType(procedure.CareEnd("")).Optional().Nillable().
			Annotations(entgql.Type("CareEndReason")),
		field.Text("end_note").Comment("A note on how the placement ended").Optional().MaxLen(2000),
		field.String("decision_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID")).
			Comment("The basis decision (of the guardianship body)"),
		field.String("safety_assessment_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID")).
			Comment("The safety assessment whose urgent measure placed the child"),
		field.Text("emergency_reason").Optional().MaxLen(2000).Immutable().
			Comment("Why an institutional placement went ahead without the comprehensive assessment and the commission's decision"),
		field.Time("review_due").Optional().Nillable().Immutable().
			Comment("When an emergency institutional placement is to be reviewed"),
		field.String("recorded_by_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID")),
	}
}

// Edges of the Placement.
func (Placement) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("case", CaseFile.Type).Ref("placements").Field("case_id").Unique().Required().Immutable(),
		edge.From("child", Person.Type).Ref("placements").Field("child_id").Unique().Required().Immutable(),
		edge.To("organization", Organization.Type).Field("organization_id").Unique().Immutable(),
		edge.To("decision", Decision.Type).Field("decision_id").Unique().Immutable(),
		edge.To("safety_assessment", SafetyAssessment.Type).Field("safety_assessment_id").Unique().Immutable(),
	}
}

// Indexes of the Placement.
func (Placement) Indexes() []ent.Index {
	return []ent.Index{index.Fields("case_id"), index.Fields("child_id"),
		index.Fields("community_id", "started_at"), index.Fields("community_id", "ended_at")}
}

// Annotations of the Placement.
func (Placement) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("A child's care arrangement outside the family or with kin: the form of care, the place, the period and the basis."), entgql.RelayConnection()}
}

// Policy of the Placement, on top of the tenant policy: a role that reads
// a placement but may not end it hears so; an emergency institutional
// placement only by a role that may override gatekeeping.
func (Placement) Policy() ent.Policy {
	return privacy.Policy{Mutation: privacy.MutationPolicy{authz.RequireRoleToUpdate(), authz.RequireGatekeepingOverride()}}
}
