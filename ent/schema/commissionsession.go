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

// CommissionSession is a sitting of the commission on protection of the
// rights of the child (комісія з питань захисту прав дитини): its agenda,
// who attended, its protocol, and the decisions it produced.
type CommissionSession struct{ ent.Schema }

// Mixin of the CommissionSession.
func (CommissionSession) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("KS"), TimeMixin{}, TenantMixin{}}
}

// Fields of the CommissionSession.
func (CommissionSession) Fields() []ent.Field {
	return []ent.Field{
		field.Time("held_at").Comment("When the sitting was (or is scheduled)").Annotations(entgql.OrderField("HELD_AT")),
		field.String("protocol_number").Comment("The number of the sitting's minutes").Optional().MaxLen(64),
		field.JSON("agenda", []schematype.AgendaItem{}).Comment("The items the commission considered").Annotations(entgql.Type("[AgendaItem!]")),
		field.Strings("attendees").Comment("Who took part").Optional(),
		field.Text("notes").Comment("Notes of the sitting").Optional().MaxLen(10000),
		field.String("recorded_by_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID")),
	}
}

// Edges of the CommissionSession.
func (CommissionSession) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("decisions", Decision.Type).Ref("session").Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// Indexes of the CommissionSession.
func (CommissionSession) Indexes() []ent.Index {
	return []ent.Index{index.Fields("community_id", "held_at")}
}

// Annotations of the CommissionSession.
func (CommissionSession) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("A sitting of the commission on protection of the rights of the child: its date, agenda and what it resolved."), entgql.RelayConnection(), entgql.QueryField("commissionSessions")}
}

// Policy of the CommissionSession, on top of the tenant policy: who changes a sitting
// (authz.RequireRoleToUpdate).
func (CommissionSession) Policy() ent.Policy {
	return privacy.Policy{Mutation: privacy.MutationPolicy{authz.RequireRoleToUpdate()}}
}
