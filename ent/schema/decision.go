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
)

// Decision is a formal decision on a case: the social protection
// department's to provide or refuse services (within 10 working days, one in
// a crisis), or one of the guardianship body's (registering the child as in
// difficult life circumstances, placement, removal, approving the plan, …),
// each with its number, date and legal basis.
type Decision struct{ ent.Schema }

// Mixin of the Decision.
func (Decision) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("DC"), TimeMixin{}, TenantMixin{}}
}

// Fields of the Decision.
func (Decision) Fields() []ent.Field {
	return []ent.Field{
		field.String("case_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")),
		field.Enum("body").Comment("Which body decided: the social protection department or the guardianship body").Values("SOCIAL_PROTECTION", "GUARDIANSHIP_BODY").Immutable(),
		field.Enum("kind").Comment("What was decided").Values("PROVIDE_SERVICES", "REFUSE_SERVICES", "REGISTER_IN_DIFFICULT_CIRCUMSTANCES",
			"PLACEMENT", "REMOVAL", "APPROVE_PLAN", "EXTEND_ACCOMPANIMENT", "OTHER").Immutable().Annotations(entgql.Type("DecisionKind")),
		field.String("number").Comment("The decision's number").NotEmpty().MaxLen(64).Immutable(),
		field.Time("decided_at").Comment("The date of the decision").Immutable().Annotations(entgql.OrderField("DECIDED_AT")),
		field.String("legal_basis").Comment("The law the decision rests on").NotEmpty().MaxLen(1000).Immutable(),
		field.Text("reason").Optional().MaxLen(5000).Immutable().Comment("Required for a refusal"),
		field.String("provider_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID")).
			Comment("Who provides the services decided on"),
		field.Bool("crisis").Default(false).Immutable().Comment("Decided under the crisis deadline"),
		field.Time("due").Comment("When the decision was due under the case's rules").Optional().Nillable().Immutable(),
		field.Bool("on_time").Comment("Whether it was taken by its due time").Optional().Nillable().Immutable(),
		field.String("session_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID")).
			Comment("The commission session that produced it"),
		field.JSON("children", []pulid.ID{}).Optional().Immutable().Annotations(entgql.Type("[ID!]")).
			Comment("The children a removal or placement decision concerns"),
		field.String("recorded_by_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID")),
	}
}

// Edges of the Decision.
func (Decision) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("case", CaseFile.Type).Ref("decisions").Field("case_id").Unique().Required().Immutable(),
		edge.To("provider", Organization.Type).Field("provider_id").Unique().Immutable(),
		edge.To("session", CommissionSession.Type).Field("session_id").Unique().Immutable(),
	}
}

// Indexes of the Decision.
func (Decision) Indexes() []ent.Index {
	// A commission sitting's decisions are read by the sitting.
	return []ent.Index{index.Fields("case_id"), index.Fields("community_id", "session_id")}
}

// Annotations of the Decision.
func (Decision) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("A decision on a case: the social protection department's to provide or refuse services, or one of the guardianship body's."), entgql.RelayConnection()}
}

// Policy of the Decision, on top of the tenant policy: which provider it may name (authz.RequireActingFor).
func (Decision) Policy() ent.Policy {
	return privacy.Policy{Mutation: privacy.MutationPolicy{authz.RequireActingFor()}}
}
