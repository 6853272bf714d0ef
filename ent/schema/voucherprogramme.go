package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent/privacy"

	"github.com/turbota/turbota/ent/schema/pulid"
)

// VoucherProgramme is a community's programme of vouchers (сертифікати):
// say, 50 certificates of 15,000 UAH each for households with children in
// difficult life circumstances, to pay for a service of the classifier.
type VoucherProgramme struct{ ent.Schema }

// Mixin of the VoucherProgramme.
func (VoucherProgramme) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("VP"), TimeMixin{}, TenantMixin{}}
}

// Fields of the VoucherProgramme.
func (VoucherProgramme) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").Comment("The programme's name").NotEmpty().MaxLen(300),
		field.String("service_type_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID")).
			Comment("The classifier service the vouchers pay for, where one"),
		field.Int("value_uah").Positive().Immutable().Comment("What one voucher is worth, in hryvnias"),
		field.Int("vouchers").Positive().Comment("How many vouchers the budget allows"),
		field.Text("eligibility").NotEmpty().MaxLen(5000).Comment("Who may receive one"),
		field.Time("starts_on").Immutable().Annotations(entgql.Type("Date")).Comment("First day of the programme"),
		field.Time("ends_on").Optional().Nillable().Annotations(entgql.Type("Date")).Comment("Last day of the programme; empty: open-ended"),
		field.Bool("active").Comment("Whether vouchers are issued now").Default(true),
	}
}

// Edges of the VoucherProgramme.
func (VoucherProgramme) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("service_type", ServiceType.Type).Field("service_type_id").Unique().Immutable(),
		edge.To("issued", Voucher.Type).Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// Annotations of the VoucherProgramme.
func (VoucherProgramme) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("A community's programme of vouchers (сертифікати) for a social service."), entgql.RelayConnection(), entgql.QueryField("voucherProgrammes"),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate())}
}

// Policy of the VoucherProgramme, on top of the tenant policy: who changes a programme (authz.RequireRoleToUpdate).
func (VoucherProgramme) Policy() ent.Policy {
	return privacy.Policy{Mutation: privacy.MutationPolicy{authz.RequireRoleToUpdate()}}
}
