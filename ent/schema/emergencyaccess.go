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

// EmergencyAccess is "breaking the glass": an overseer (a regional
// supervisor) opens one named case of a community they otherwise see only
// in aggregate, for a stated reason and a few hours. The community is told,
// and every read during the window is in its access log like any other.
type EmergencyAccess struct{ ent.Schema }

// Mixin of the EmergencyAccess.
func (EmergencyAccess) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("EA"), TimeMixin{}, TenantMixin{}}
}

// Fields of the EmergencyAccess.
func (EmergencyAccess) Fields() []ent.Field {
	return []ent.Field{
		field.String("case_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")),
		field.String("user_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")).
			Comment("The overseer who opened it"),
		field.Text("reason").Comment("Why the case had to be opened, shown to the community").NotEmpty().Immutable(),
		field.Time("expires_at").Comment("When the access ends by itself").Immutable().Annotations(entgql.OrderField("EXPIRES_AT")),
		field.Time("ended_at").Optional().Nillable().Comment("Closed before it expired"),
	}
}

// Edges of the EmergencyAccess.
func (EmergencyAccess) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("case", CaseFile.Type).Field("case_id").Unique().Required().Immutable(),
	}
}

// Indexes of the EmergencyAccess.
func (EmergencyAccess) Indexes() []ent.Index {
	return []ent.Index{index.Fields("user_id", "expires_at"), index.Fields("case_id")}
}

// Annotations of the EmergencyAccess.
func (EmergencyAccess) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("A break-the-glass access: an overseer opens one named case of a community for a limited time, with a reason the community sees."), entgql.RelayConnection(), entgql.QueryField("emergencyAccesses")}
}
