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

// Activity is one piece of work with a family: a home visit, an office
// meeting, a call, a group session, … with its date, length, who took part
// and notes.
type Activity struct{ ent.Schema }

// Mixin of the Activity.
func (Activity) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("AC"), TimeMixin{}, TenantMixin{}}
}

// Fields of the Activity.
func (Activity) Fields() []ent.Field {
	return []ent.Field{
		field.String("case_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")),
		field.String("service_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID")),
		field.Enum("kind").Comment("What kind of work it was").Values("HOME_VISIT", "OFFICE_MEETING", "PHONE_CALL", "VIDEO_CALL", "GROUP_SESSION",
			"ACCOMPANYING", "CASE_CONFERENCE", "OTHER").Immutable(),
		field.Time("at").Comment("When the activity took place (or is scheduled)").Immutable().Annotations(entgql.OrderField("AT")),
		field.Int("duration_minutes").Comment("How long it lasted, in minutes").Range(1, 24*60).Immutable(),
		field.Strings("participants").Comment("Who took part").Optional().Immutable(),
		field.Text("notes").Comment("What happened, in the worker's words").Optional().MaxLen(10000).Immutable(),
		field.String("recorded_by_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID")),
		field.Bool("planned").Default(false).Immutable().Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)).
			Comment("Scheduled for its date, not yet held: a task until an activity held fulfils it"),
		field.String("fulfils_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID"),
			entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)).
			Comment("The planned activity of the same case this held one carries out (checked by the workflow under the viewer's privacy rules)"),
	}
}

// Edges of the Activity.
func (Activity) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("case", CaseFile.Type).Ref("activities").Field("case_id").Unique().Required().Immutable(),
		edge.To("service", ServiceProvision.Type).Field("service_id").Unique().Immutable(),
	}
}

// Indexes of the Activity.
func (Activity) Indexes() []ent.Index {
	// A service's visits are read by the service.
	return []ent.Index{index.Fields("case_id", "at"), index.Fields("community_id", "service_id")}
}

// Annotations of the Activity.
func (Activity) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("One piece of work with a family within a case: a home visit, an office meeting, a call, a group session."), entgql.RelayConnection()}
}
