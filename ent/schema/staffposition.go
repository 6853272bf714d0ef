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

// StaffPosition is one position (посада) of an organisation's staffing
// schedule in a community: its kind, the person holding it (a Turbota user,
// or a named person without an account) with the dates of employment, the
// workload as a fraction of a full-time post, and the holder's
// qualifications. A position without a holder, or whose holder's
// employment has ended, is a vacancy; a closed position is no longer part
// of the schedule.
type StaffPosition struct{ ent.Schema }

// StaffPositionKinds are the kinds of position the register knows, named as
// the law and DOMAIN.md name them (no official classifier codes).
var StaffPositionKinds = []string{
	"SOCIAL_WORK_SPECIALIST",      // фахівець із соціальної роботи
	"SOCIAL_WORKER",               // соціальний робітник
	"CASE_MANAGER",                // соціальний менеджер (менеджер випадку)
	"PSYCHOLOGIST",                // психолог
	"CHILDREN_SERVICE_SPECIALIST", // спеціаліст служби у справах дітей
	"HEAD_OF_SERVICE",             // керівник служби / центру
	"HEAD_OF_UNIT",                // керівник структурного підрозділу
	"LAWYER",                      // юрист
	"OTHER",
}

// Mixin of the StaffPosition.
func (StaffPosition) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("WP"), TimeMixin{}, TenantMixin{}}
}

// Fields of the StaffPosition.
func (StaffPosition) Fields() []ent.Field {
	return []ent.Field{
		field.String("organization_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")).
			Comment("The organisation whose staffing schedule holds the position"),
		field.Enum("kind").Values(StaffPositionKinds...).Comment("What kind of position it is"),
		field.String("title").Optional().MaxLen(300).Comment("The position's name in the staffing schedule, where it says more than its kind"),
		field.Float("workload").Default(1).Min(0.05).Max(1.5).
			Comment("The position's share of a full-time post: 1 full time, 0.5 half time"),
		field.String("holder_id").GoType(pulid.ID("")).Optional().Nillable().Annotations(entgql.Type("ID")).
			Comment("The Turbota user holding the position, where they have an account"),
		field.String("holder_name").Optional().MaxLen(300).
			Comment("The holder's full name; for a holder without an account the only trace of them"),
		field.Time("started_on").Optional().Nillable().Annotations(entgql.Type("Date")).
			Comment("The first day of the holder's employment in the position"),
		field.Time("ended_on").Optional().Nillable().Annotations(entgql.Type("Date")).
			Comment("The last day of the holder's employment; from the next day the position is vacant"),
		field.Strings("qualifications").Optional().Comment("The holder's qualifications and specialisations, as free text"),
		field.Time("closed_on").Optional().Nillable().Annotations(entgql.Type("Date"), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)).
			Comment("When the position left the staffing schedule (closeStaffPosition)"),
	}
}

// Edges of the StaffPosition.
func (StaffPosition) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("organization", Organization.Type).Field("organization_id").Unique().Required().Immutable(),
		edge.To("holder", User.Type).Field("holder_id").Unique().Annotations(entgql.Skip(entgql.SkipWhereInput)),
		edge.From("enrolments", TrainingEnrolment.Type).Ref("position").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.From("certificates", Certificate.Type).Ref("position").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// Indexes of the StaffPosition.
func (StaffPosition) Indexes() []ent.Index {
	return []ent.Index{index.Fields("community_id", "organization_id"), index.Fields("community_id", "holder_id")}
}

// Annotations of the StaffPosition.
func (StaffPosition) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("A position of an organisation's staffing schedule and the person holding it."),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate())}
}

// Policy of the StaffPosition, on top of the tenant policy: a role that
// sees the register but may not change it hears so (authz.RequireRoleToUpdate).
func (StaffPosition) Policy() ent.Policy {
	return privacy.Policy{Mutation: privacy.MutationPolicy{authz.RequireRoleToUpdate()}}
}
