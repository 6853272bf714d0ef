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

// Voucher is one certificate of a programme issued to a family: issued,
// then redeemed with a provider, or cancelled with a reason.
type Voucher struct{ ent.Schema }

// Mixin of the Voucher.
func (Voucher) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("VC"), TimeMixin{}, TenantMixin{}}
}

// Fields of the Voucher.
func (Voucher) Fields() []ent.Field {
	return []ent.Field{
		field.String("programme_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")),
		field.String("family_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")),
		field.String("number").Comment("The voucher's number").NotEmpty().MaxLen(64).Immutable(),
		field.Time("issued_at").Comment("When the voucher was issued").Immutable().Annotations(entgql.OrderField("ISSUED_AT")),
		field.Enum("status").Comment("Where the voucher stands").Values("ISSUED", "REDEEMED", "CANCELLED").Default("ISSUED"),
		field.String("provider_id").GoType(pulid.ID("")).Optional().Nillable().Annotations(entgql.Type("ID")).
			Comment("The organisation that provided the service it paid for"),
		field.Time("redeemed_at").Comment("When a provider redeemed it; empty until then").Optional().Nillable(),
		field.String("cancel_reason").Comment("Why the voucher was cancelled").Optional().MaxLen(1000),
		field.String("issued_by_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID")),
	}
}

// Edges of the Voucher.
func (Voucher) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("programme", VoucherProgramme.Type).Ref("issued").Field("programme_id").Unique().Required().Immutable(),
		edge.To("family", Family.Type).Field("family_id").Unique().Required().Immutable(),
		edge.To("provider", Organization.Type).Field("provider_id").Unique(),
	}
}

// Indexes of the Voucher.
func (Voucher) Indexes() []ent.Index {
	return []ent.Index{index.Fields("programme_id", "number").Unique(), index.Fields("family_id"),
		index.Fields("community_id", "issued_at")}
}

// Annotations of the Voucher.
func (Voucher) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("One certificate of a voucher programme issued to a family: issued, then redeemed with a provider or cancelled."), entgql.RelayConnection(), entgql.QueryField("vouchers")}
}

// Policy of the Voucher, on top of the tenant policy: who changes a voucher (authz.RequireRoleToUpdate), and who cancels
// one or redeems it for which provider (authz.RequireVoucherRunner).
func (Voucher) Policy() ent.Policy {
	return privacy.Policy{Mutation: privacy.MutationPolicy{authz.RequireRoleToUpdate(), authz.RequireVoucherRunner()}}
}
