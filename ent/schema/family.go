package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"

	"github.com/turbota/turbota/ent/schema/pulid"
)

// Family is a household known to the community's services.
type Family struct{ ent.Schema }

// Mixin of the Family.
func (Family) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("FM"), TimeMixin{}, TenantMixin{}, RegisteredByMixin{}}
}

// Fields of the Family.
func (Family) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxLen(200).Comment("How workers refer to the household, usually a surname").
			Annotations(entgql.OrderField("NAME")),
		field.String("address").Comment("Where the household lives").Optional().MaxLen(500),
		field.String("starosta_district").Optional().MaxLen(200).
			Comment("Старостинський округ, where the community has them"),
		field.Text("living_conditions").Comment("The household's living conditions, as observed").Optional().MaxLen(5000),
		field.Strings("income_sources").Optional().Annotations(entgql.Type("[IncomeSource!]")).
			Comment("Where the household's income comes from"),
		field.Enum("displacement_status").Comment("Whether the household is internally displaced or returned").Values("NOT_DISPLACED", "INTERNALLY_DISPLACED", "RETURNED").
			Default("NOT_DISPLACED").Annotations(entgql.OrderField("DISPLACEMENT_STATUS")),
		field.Text("notes").Comment("Other notes about the household").Optional().MaxLen(10000),
	}
}

// Edges of the Family.
func (Family) Edges() []ent.Edge {
	return []ent.Edge{
		// Back-links are set from the other side (a person's family, a
		// report's children, a voucher's programme), never as lists here.
		edge.To("members", Person.Type).Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.To("reports", Report.Type).Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.To("consents", Consent.Type).Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// Annotations of the Family.
func (Family) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("A household known to the community's services."),
		entgql.QueryField(), entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}
