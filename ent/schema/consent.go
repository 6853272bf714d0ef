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

// Consent is a family's consent to share its data with other organisations
// (згода на обробку та передачу персональних даних): who gave it, when, on
// which signed document, until it is withdrawn, and its scope: to whom (one
// organisation, or every organisation of a kind), for what (referral, team
// place, transfer, export) and for which period. Every sharing of the
// family's data with an organisation that is not a statutory service needs
// one in force covering it, unless its sender states the legal basis for
// going without.
type Consent struct{ ent.Schema }

// Mixin of the Consent.
func (Consent) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("CN"), TimeMixin{}, TenantMixin{}}
}

// Fields of the Consent.
func (Consent) Fields() []ent.Field {
	return []ent.Field{
		field.String("family_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")),
		field.String("given_by").NotEmpty().MaxLen(300).Immutable().Comment("The family member (or legal representative) who consented"),
		field.Time("given_at").Comment("When the consent was given").Immutable().Annotations(entgql.OrderField("GIVEN_AT")),
		field.String("document").NotEmpty().MaxLen(300).Immutable().Comment("Reference of the signed consent"),
		field.Time("withdrawn_at").Comment("When the family withdrew it; empty while in force").Optional().Nillable(),
		field.String("recorded_by_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID")),
		field.String("recipient_organization_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID")).
			Comment("The organisation the family agreed to share with; empty when a kind is named (or on consents recorded before scopes, which cover any organisation)"),
		field.Enum("recipient_kind").Values(organizationKinds...).Optional().Nillable().Immutable().
			Comment("Every organisation of this kind, when no one organisation is named"),
		field.Enum("purpose").Values("REFERRAL", "TEAM", "TRANSFER", "EXPORT").Default("REFERRAL").Immutable().
			Comment("The sharing the family agreed to"),
		field.Time("valid_from").Optional().Nillable().Immutable().Comment("Empty: from when it was given"),
		field.Time("valid_until").Optional().Nillable().Immutable().Comment("Empty: until withdrawn"),
	}
}

// Edges of the Consent.
func (Consent) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("family", Family.Type).Ref("consents").Field("family_id").Unique().Required().Immutable(),
		edge.To("recipient_organization", Organization.Type).Field("recipient_organization_id").Unique().Immutable(),
	}
}

// Indexes of the Consent.
func (Consent) Indexes() []ent.Index { return []ent.Index{index.Fields("family_id")} }

// Annotations of the Consent.
func (Consent) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("A family's consent to the processing or sharing of its data for a purpose and period."), entgql.RelayConnection()}
}

// Policy of the Consent, on top of the tenant policy: who changes (withdraws) a consent
// (authz.RequireRoleToUpdate).
func (Consent) Policy() ent.Policy {
	return privacy.Policy{Mutation: privacy.MutationPolicy{authz.RequireRoleToUpdate()}}
}
