package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent/privacy"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/schema/schematype"
)

// SupervisionSession is an entry of a community's supervision journal
// (супервізія): an individual or group session held on a day, in person or
// online, by an internal supervisor (a user of the community) or an
// external expert named in full, for supervisees who are the community's
// staff; the cases discussed by reference only (never their contents),
// the recommendations, and follow-up items with their due dates. People and
// cases are kept as IDs without foreign keys: the supervision package
// checks them against the community's memberships and the cases the
// recorder may read.
type SupervisionSession struct{ ent.Schema }

// Mixin of the SupervisionSession.
func (SupervisionSession) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("SU"), TimeMixin{}, TenantMixin{}}
}

// Fields of the SupervisionSession.
func (SupervisionSession) Fields() []ent.Field {
	skip := entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Field{
		field.Enum("kind").Values("INDIVIDUAL", "GROUP").Comment("An individual or a group session"),
		field.Enum("format").Values("IN_PERSON", "ONLINE", "BLENDED").Comment("In person, online, or both"),
		field.Time("held_on").SchemaType(map[string]string{dialect.Postgres: "date"}).
			Annotations(entgql.Type("Date"), entgql.OrderField("HELD_ON")).Comment("The day the session was held"),
		field.Enum("supervisor_kind").Values("INTERNAL", "EXTERNAL").
			Comment("An internal supervisor (a user of the community) or an external expert"),
		field.String("supervisor_id").GoType(pulid.ID("")).Optional().Nillable().Annotations(entgql.Type("ID")).
			Comment("The internal supervisor, a user of the community"),
		field.String("supervisor_name").Optional().MaxLen(300).
			Comment("The external expert's full name (for an internal supervisor, their name when recorded)"),
		field.String("supervisor_affiliation").Optional().MaxLen(300).
			Comment("Where the external expert comes from (an organisation, a project)"),
		field.String("topic").Optional().MaxLen(500).Comment("What the session was about"),
		field.JSON("supervisee_ids", []pulid.ID{}).Annotations(entgql.Skip(entgql.SkipAll)).
			Comment("The supervisees: staff users of the community"),
		field.JSON("case_ids", []pulid.ID{}).Optional().Annotations(entgql.Skip(entgql.SkipAll)).
			Comment("The cases discussed, by reference"),
		field.Text("recommendations").Optional().MaxLen(5000).Comment("The supervisor's recommendations"),
		field.JSON("follow_ups", []schematype.SupervisionFollowUp{}).Optional().Annotations(entgql.Skip(entgql.SkipAll)).
			Comment("The items left to be done, each with its due date"),
		field.String("recorded_by_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID"), skip).
			Comment("Who recorded the session"),
	}
}

// Indexes of the SupervisionSession.
func (SupervisionSession) Indexes() []ent.Index {
	return []ent.Index{index.Fields("community_id", "held_on")}
}

// Annotations of the SupervisionSession.
func (SupervisionSession) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("A session of the community's supervision journal.")}
}

// Policy of the SupervisionSession: the journal's heads read it whole,
// everyone else only the sessions they supervised or were supervised in
// (authz.FilterOwnSupervision, and the same in row security).
func (SupervisionSession) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{authz.FilterOwnSupervision()},
		Mutation: privacy.MutationPolicy{authz.RequireRoleToUpdate()},
	}
}
