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

// Referral sends a case from one organisation to another (children's
// service → provider, provider → health facility, …). The receiving
// organisation sees the referral at once and the family only once it
// accepts.
type Referral struct{ ent.Schema }

// Mixin of the Referral.
func (Referral) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("RF"), TimeMixin{}, TenantMixin{}}
}

// Fields of the Referral.
func (Referral) Fields() []ent.Field {
	return []ent.Field{
		field.String("case_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")),
		field.String("from_organization_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")),
		field.String("to_organization_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")),
		field.Text("reason").NotEmpty().MaxLen(5000).Immutable().Comment("What the receiving organisation is asked to do"),
		field.Bool("urgent").Comment("Whether the referral is urgent").Default(false).Immutable(),
		field.Enum("status").Comment("Where the referral stands").Values("SENT", "ACCEPTED", "DECLINED", "CANCELLED").Default("SENT").
			Annotations(entgql.OrderField("STATUS")),
		field.Time("sent_at").Comment("When the referral was sent").Immutable().Annotations(entgql.OrderField("SENT_AT")),
		field.String("sent_by_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID")),
		field.String("consent_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID")).
			Comment("The family's consent in force when it was sent"),
		field.Text("override_reason").Optional().MaxLen(2000).Immutable().
			Comment("Why it was sent without the family's consent, by someone allowed to"),
		field.Time("answered_at").Comment("When the receiving organisation answered").Optional().Nillable(),
		field.String("answered_by_id").GoType(pulid.ID("")).Optional().Nillable().Annotations(entgql.Type("ID")),
		field.Text("decline_reason").Comment("Why the receiving organisation declined").Optional().MaxLen(2000),
	}
}

// Edges of the Referral.
func (Referral) Edges() []ent.Edge {
	return []ent.Edge{
		// In GraphQL the case is nullable (casework.graphql): the receiving
		// organisation sees a referral before it may see the case.
		edge.From("case", CaseFile.Type).Ref("referrals").Field("case_id").Unique().Required().Immutable().
			Annotations(entgql.Skip(entgql.SkipType)),
		edge.To("from_organization", Organization.Type).Field("from_organization_id").Unique().Required().Immutable(),
		edge.To("to_organization", Organization.Type).Field("to_organization_id").Unique().Required().Immutable(),
		edge.To("consent", Consent.Type).Field("consent_id").Unique().Immutable(),
	}
}

// Indexes of the Referral.
func (Referral) Indexes() []ent.Index {
	return []ent.Index{index.Fields("case_id"), index.Fields("to_organization_id", "status")}
}

// Annotations of the Referral.
func (Referral) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("A referral of a case from one organisation to another, which the receiving organisation accepts or declines."), entgql.RelayConnection(), entgql.QueryField("referrals")}
}

// Policy of the Referral, on top of the tenant policy: only a holder of the
// override permission shares without the family's consent; a role that
// sees a referral but may not change it hears so (authz.RequireRoleToUpdate);
// the receiver answers it and the sender cancels it
// (authz.RequireReferralParty).
func (Referral) Policy() ent.Policy {
	return privacy.Policy{Mutation: privacy.MutationPolicy{authz.RequireConsentOverride(), authz.RequireRoleToUpdate(), authz.RequireReferralParty()}}
}
