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
	"github.com/turbota/turbota/internal/platform/clock"
)

// TeamMember is a place on a case's multidisciplinary team: a person from
// one of the organisations working with the family (school, health
// facility, police, provider, …), with the part they play.
type TeamMember struct{ ent.Schema }

// Mixin of the TeamMember.
func (TeamMember) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("TM"), TimeMixin{}, TenantMixin{}}
}

// Fields of the TeamMember.
func (TeamMember) Fields() []ent.Field {
	return []ent.Field{
		field.String("case_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")),
		field.String("organization_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")),
		field.String("user_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID")).
			Comment("Set when the member works in Turbota"),
		field.String("name").Comment("The member's name").NotEmpty().MaxLen(300).Immutable(),
		field.String("role").NotEmpty().MaxLen(200).Immutable().Comment("e.g. psychologist, class teacher, district police officer"),
		field.Time("added_at").Comment("When the member joined the team: the day it happened, which a paper file gives").
			Default(clock.Now).Immutable(),
		field.Time("removed_at").Comment("When the member left the team; empty while on it").Optional().Nillable(),
		field.String("consent_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID")).
			Comment("The family's consent that let a non-statutory organisation onto the team"),
		field.Text("override_reason").Optional().MaxLen(2000).Immutable().
			Comment("The legal basis for a place without the family's consent"),
	}
}

// Edges of the TeamMember.
func (TeamMember) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("case", CaseFile.Type).Ref("team").Field("case_id").Unique().Required().Immutable(),
		edge.To("organization", Organization.Type).Field("organization_id").Unique().Required().Immutable(),
		edge.To("consent", Consent.Type).Field("consent_id").Unique().Immutable(),
		edge.To("user", User.Type).Field("user_id").Unique().Immutable().Annotations(entgql.Skip(entgql.SkipWhereInput)),
	}
}

// Indexes of the TeamMember.
func (TeamMember) Indexes() []ent.Index { return []ent.Index{index.Fields("case_id")} }

// Policy of the TeamMember, on top of the tenant policy: only a holder of the
// override permission shares without the family's consent; a role that
// sees a team place but may not end it hears so (authz.RequireRoleToUpdate).
func (TeamMember) Policy() ent.Policy {
	return privacy.Policy{Mutation: privacy.MutationPolicy{authz.RequireConsentOverride(), authz.RequireRoleToUpdate()}}
}

// Annotations of the TeamMember.
func (TeamMember) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("A place on a case's multidisciplinary team.")}
}
