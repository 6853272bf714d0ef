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

// ServiceProvision is a social service of the national classifier that a
// provider gives a family (or one of its members) within a case, from its
// start to its end.
type ServiceProvision struct{ ent.Schema }

// Mixin of the ServiceProvision.
func (ServiceProvision) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("SV"), TimeMixin{}, TenantMixin{}}
}

// Fields of the ServiceProvision.
func (ServiceProvision) Fields() []ent.Field {
	return []ent.Field{
		field.String("case_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")),
		field.String("provider_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")),
		field.String("service_type_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")),
		field.String("person_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID")).
			Comment("The member it is given to; empty for the whole family"),
		field.Enum("status").Comment("Whether the service runs, was completed or was discontinued").Values("ACTIVE", "COMPLETED", "DISCONTINUED").Default("ACTIVE").
			Annotations(entgql.OrderField("STATUS")),
		field.Time("started_at").Comment("When the service began").Immutable().Annotations(entgql.OrderField("STARTED_AT")),
		field.Time("ended_at").Comment("When the service ended; empty while it runs").Optional().Nillable(),
		field.Text("end_note").Comment("A note on how the service ended").Optional().MaxLen(2000),
		field.String("recorded_by_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID")),
	}
}

// Edges of the ServiceProvision.
func (ServiceProvision) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("case", CaseFile.Type).Ref("services").Field("case_id").Unique().Required().Immutable(),
		edge.To("provider", Organization.Type).Field("provider_id").Unique().Required().Immutable(),
		edge.To("service_type", ServiceType.Type).Field("service_type_id").Unique().Required().Immutable(),
		edge.To("person", Person.Type).Field("person_id").Unique().Immutable(),
		edge.From("activities", Activity.Type).Ref("service"),
	}
}

// Indexes of the ServiceProvision.
func (ServiceProvision) Indexes() []ent.Index {
	return []ent.Index{index.Fields("case_id"), index.Fields("community_id", "service_type_id", "started_at")}
}

// Annotations of the ServiceProvision.
func (ServiceProvision) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("A social service a provider gives a family, or one of its members, within a case."), entgql.RelayConnection()}
}

// Policy of the ServiceProvision, on top of the tenant policy: who ends a service (authz.RequireRoleToUpdate), and for which
// provider one starts (authz.RequireActingFor).
func (ServiceProvision) Policy() ent.Policy {
	return privacy.Policy{Mutation: privacy.MutationPolicy{authz.RequireRoleToUpdate(), authz.RequireActingFor()}}
}
