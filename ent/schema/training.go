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

// TrainingProgramme is a programme of in-service training (підвищення
// кваліфікації): its modules (topic, hours, trainers), funding source and
// format. Community-owned for now: a regional organiser's programme is
// entered in each community that takes part.
type TrainingProgramme struct{ ent.Schema }

// Mixin of the TrainingProgramme.
func (TrainingProgramme) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("TG"), TimeMixin{}, TenantMixin{}}
}

// Fields of the TrainingProgramme.
func (TrainingProgramme) Fields() []ent.Field {
	return []ent.Field{
		field.String("title").NotEmpty().MaxLen(500).Comment("The programme's title"),
		field.JSON("modules", []schematype.TrainingModule{}).
			Annotations(entgql.Type("[TrainingModule!]"), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)).
			Comment("The modules, in order: topic, hours and trainers"),
		field.String("funding_source").Optional().MaxLen(300).Comment("Who pays for it, e.g. a state subvention"),
		field.Enum("format").Values("ONLINE", "IN_PERSON", "BLENDED").Comment("Online, in person, or both"),
	}
}

// Edges of the TrainingProgramme.
func (TrainingProgramme) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("events", TrainingEvent.Type).Ref("programme").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// Annotations of the TrainingProgramme.
func (TrainingProgramme) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("A programme of in-service training with its modules."),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate())}
}

// Policy of the TrainingProgramme (authz.RequireRoleToUpdate).
func (TrainingProgramme) Policy() ent.Policy {
	return privacy.Policy{Mutation: privacy.MutationPolicy{authz.RequireRoleToUpdate()}}
}

// TrainingEvent is one run of a programme on the schedule: its dates, the
// organising organisation and the audience.
type TrainingEvent struct{ ent.Schema }

// Mixin of the TrainingEvent.
func (TrainingEvent) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("TE"), TimeMixin{}, TenantMixin{}}
}

// Fields of the TrainingEvent.
func (TrainingEvent) Fields() []ent.Field {
	return []ent.Field{
		field.String("programme_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")),
		field.Time("starts_on").Annotations(entgql.Type("Date")).Comment("The first day of the event"),
		field.Time("ends_on").Annotations(entgql.Type("Date")).Comment("The last day of the event"),
		field.String("organizer_id").GoType(pulid.ID("")).Optional().Nillable().Annotations(entgql.Type("ID")).
			Comment("The organising organisation, where it is one of the community's"),
		field.String("organizer_name").Optional().MaxLen(300).
			Comment("The organiser's name, e.g. the regional centre of social services"),
		field.Text("audience").Optional().MaxLen(2000).Comment("Whom the event is for: roles, organisations, communities"),
		field.String("place").Optional().MaxLen(500).Comment("Where it is held, or the online platform"),
	}
}

// Edges of the TrainingEvent.
func (TrainingEvent) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("programme", TrainingProgramme.Type).Field("programme_id").Unique().Required().Immutable(),
		edge.To("organizer", Organization.Type).Field("organizer_id").Unique(),
		edge.From("enrolments", TrainingEnrolment.Type).Ref("event").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// Indexes of the TrainingEvent.
func (TrainingEvent) Indexes() []ent.Index {
	return []ent.Index{index.Fields("community_id", "starts_on")}
}

// Annotations of the TrainingEvent.
func (TrainingEvent) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("A training event on the schedule."),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate())}
}

// Policy of the TrainingEvent (authz.RequireRoleToUpdate).
func (TrainingEvent) Policy() ent.Policy {
	return privacy.Policy{Mutation: privacy.MutationPolicy{authz.RequireRoleToUpdate()}}
}

// TrainingEnrolment is a person of the workforce register enrolled in a
// training event: the modules they attended and whether they completed it.
type TrainingEnrolment struct{ ent.Schema }

// Mixin of the TrainingEnrolment.
func (TrainingEnrolment) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("TN"), TimeMixin{}, TenantMixin{}}
}

// Fields of the TrainingEnrolment.
func (TrainingEnrolment) Fields() []ent.Field {
	return []ent.Field{
		field.String("event_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")),
		field.String("position_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")).
			Comment("The participant: a position of the workforce register and its holder"),
		field.JSON("attended_modules", []int{}).Optional().Annotations(entgql.Type("[Int!]"),
			entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)).
			Comment("The modules attended, by their number in the programme (from 1)"),
		field.Time("completed_on").Optional().Nillable().Annotations(entgql.Type("Date"),
			entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)).
			Comment("When the participant completed the training; empty while not"),
	}
}

// Edges of the TrainingEnrolment.
func (TrainingEnrolment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("event", TrainingEvent.Type).Field("event_id").Unique().Required().Immutable(),
		edge.To("position", StaffPosition.Type).Field("position_id").Unique().Required().Immutable(),
	}
}

// Indexes of the TrainingEnrolment: a person is enrolled in an event once.
func (TrainingEnrolment) Indexes() []ent.Index {
	return []ent.Index{index.Fields("event_id", "position_id").Unique(), index.Fields("community_id", "position_id")}
}

// Annotations of the TrainingEnrolment.
func (TrainingEnrolment) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("A participant of a training event.")}
}

// Policy of the TrainingEnrolment (authz.RequireRoleToUpdate).
func (TrainingEnrolment) Policy() ent.Policy {
	return privacy.Policy{Mutation: privacy.MutationPolicy{authz.RequireRoleToUpdate()}}
}

// Certificate is a certificate (сертифікат) of training issued to a person
// of the register: its number, unique per issuer, date, issuer and kind.
type Certificate struct{ ent.Schema }

// Mixin of the Certificate.
func (Certificate) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("CF"), TimeMixin{}, TenantMixin{}}
}

// Fields of the Certificate.
func (Certificate) Fields() []ent.Field {
	return []ent.Field{
		field.String("position_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")).
			Comment("Whose certificate it is: a position of the register and its holder"),
		field.String("enrolment_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID")).
			Comment("The training it certifies, where it was recorded here"),
		field.String("number").NotEmpty().MaxLen(100).Immutable().Comment("The certificate's number, unique per issuer"),
		field.Time("issued_on").Immutable().Annotations(entgql.Type("Date")).Comment("When it was issued"),
		field.String("issuer").NotEmpty().MaxLen(300).Immutable().Comment("Who issued it"),
		field.Enum("kind").Values("STATE_STANDARD", "OTHER").Immutable().
			Comment("Whether it is a certificate of state standard"),
		field.String("title").Optional().MaxLen(500).Immutable().Comment("What training it certifies"),
		field.Float("hours").Optional().Nillable().Min(0).Immutable().Comment("The hours of training it certifies"),
	}
}

// Edges of the Certificate.
func (Certificate) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("position", StaffPosition.Type).Field("position_id").Unique().Required().Immutable(),
		edge.To("enrolment", TrainingEnrolment.Type).Field("enrolment_id").Unique().Immutable(),
	}
}

// Indexes of the Certificate: a number is unique per issuer (within the
// community, whose rows alone a viewer may see).
func (Certificate) Indexes() []ent.Index {
	return []ent.Index{index.Fields("community_id", "issuer", "number").Unique(), index.Fields("community_id", "position_id")}
}

// Annotations of the Certificate.
func (Certificate) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("A certificate of training issued to a person of the workforce register."),
		entgql.Mutations(entgql.MutationCreate())}
}
