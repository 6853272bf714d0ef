package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
)

// CaseEvent is one step on a case's timeline: who did what, and when.
type CaseEvent struct{ ent.Schema }

// Mixin of the CaseEvent.
func (CaseEvent) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("CE"), TenantMixin{}}
}

// Fields of the CaseEvent.
func (CaseEvent) Fields() []ent.Field {
	return []ent.Field{
		field.String("case_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")),
		field.Time("at").Default(clock.Now).Immutable().Annotations(entgql.OrderField("AT")).
			Comment("When the step happened: the date given with it (a paper file entered later), or when it was recorded"),
		field.Time("recorded_at").Default(clock.Now).Optional().Nillable().Immutable().
			Comment("When the step was entered in Turbota; empty on entries older than the field"),
		field.String("actor_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID")),
		field.Enum("kind").Comment("What kind of step it was").Values("REPORT_REGISTERED", "STATUS_CHANGED", "SAFETY_ASSESSED", "NEEDS_ASSESSED", "DECIDED", "PLAN_SAVED", "PLAN_AGREED", "PLAN_REVIEWED",
			"REFERRAL_SENT", "REFERRAL_ACCEPTED", "REFERRAL_DECLINED", "REFERRAL_CANCELLED", "TEAM_CHANGED", "MANAGER_CHANGED",
			"SERVICE_STARTED", "SERVICE_ENDED", "ACTIVITY_RECORDED", "DOCUMENT_ATTACHED",
			"APPROVAL_REQUESTED", "APPROVED", "RETURNED", "CONSENT_MISSING_OVERRIDDEN", "CONSENT_WITHDRAWN", "REPORT_CORRECTED",
			"CHILD_PLACED", "PLACEMENT_ENDED", "GATEKEEPING_OVERRIDDEN",
			"TRANSFER_REQUESTED", "TRANSFER_DECLINED", "TRANSFER_WITHDRAWN", "TRANSFER_RECEIVED").Immutable(),
		field.Enum("from_status").Comment("The case's status before a status change").GoType(procedure.State("")).Optional().Nillable().Immutable().
			Annotations(entgql.Type("CaseStatus")),
		field.Enum("to_status").Comment("The case's status after a status change").GoType(procedure.State("")).Optional().Nillable().Immutable().
			Annotations(entgql.Type("CaseStatus")),
		field.Text("note").Comment("What was noted with the step").Optional().MaxLen(2000).Immutable(),
	}
}

// Edges of the CaseEvent.
func (CaseEvent) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("case", CaseFile.Type).Ref("events").Field("case_id").Unique().Required().Immutable(),
	}
}

// Indexes of the CaseEvent.
func (CaseEvent) Indexes() []ent.Index {
	return []ent.Index{index.Fields("case_id", "at")}
}

// Annotations of the CaseEvent.
func (CaseEvent) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("One step on a case's timeline: what happened, when, and who did it."), entgql.RelayConnection()}
}
