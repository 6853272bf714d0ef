package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/schema/schematype"
	"github.com/turbota/turbota/internal/procedure"
)

// SafetyAssessment is the child safety assessment (оцінювання рівня безпеки
// дитини), led by the children's service with a social work specialist,
// due within 24 hours of the report. It is a record: recorded once, kept.
type SafetyAssessment struct{ ent.Schema }

// Mixin of the SafetyAssessment.
func (SafetyAssessment) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("SA"), TimeMixin{}, TenantMixin{}}
}

// Fields of the SafetyAssessment.
func (SafetyAssessment) Fields() []ent.Field {
	return []ent.Field{
		field.String("case_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")),
		field.Time("conducted_at").Comment("When the assessment was conducted").Immutable().Annotations(entgql.OrderField("CONDUCTED_AT")),
		field.Strings("participants").Optional().Immutable().
			Comment("Who took part: services and specialists"),
		field.Bool("police_involved").Comment("Whether the police took part").Default(false).Immutable(),
		field.JSON("findings", []schematype.ChildFinding{}).Comment("What was found about each child").Optional().Immutable(),
		field.Enum("result").Comment("The assessment's overall result").GoType(procedure.SafetyResult("")).Immutable().
			Annotations(entgql.Type("SafetyResult"), entgql.OrderField("RESULT")),
		field.JSON("urgent_measures", []schematype.UrgentMeasure{}).Comment("The urgent protection measures taken").Optional().Immutable(),
		field.Bool("on_time").Immutable().Comment("Conducted by the deadline the case was under"),
		field.String("recorded_by_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID")),
	}
}

// Edges of the SafetyAssessment.
func (SafetyAssessment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("case", CaseFile.Type).Ref("safety_assessments").Field("case_id").Unique().Required().Immutable(),
	}
}

// Indexes of the SafetyAssessment.
func (SafetyAssessment) Indexes() []ent.Index {
	return []ent.Index{index.Fields("case_id"), index.Fields("community_id", "conducted_at"),
		// Removals and placements (urgent measures) are few: the indicators
		// count them without reading every assessment of the period.
		index.Fields("community_id", "conducted_at").StorageKey("safetyassessment_urgent_measures").
			Annotations(entsql.IndexWhere("urgent_measures IS NOT NULL"))}
}

// Annotations of the SafetyAssessment.
func (SafetyAssessment) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("The child safety assessment (оцінювання рівня безпеки дитини): the finding per child and any urgent measures."), entgql.RelayConnection()}
}
