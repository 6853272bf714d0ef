package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/schema/schematype"
)

// Person is a child or an adult in the community's records.
type Person struct{ ent.Schema }

// Mixin of the Person.
func (Person) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("PS"), TimeMixin{}, TenantMixin{}, RegisteredByMixin{}}
}

// Fields of the Person.
func (Person) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("kind").Comment("Child or adult").Values("CHILD", "ADULT").Annotations(entgql.OrderField("KIND")),
		field.String("last_name").Comment("Last name (surname)").NotEmpty().MaxLen(100).Annotations(entgql.OrderField("LAST_NAME")),
		field.String("first_name").Comment("First name").NotEmpty().MaxLen(100),
		field.String("patronymic").Comment("Patronymic (по батькові)").Optional().MaxLen(100),
		field.Time("birth_date").Optional().Nillable().Comment("Date of birth").
			SchemaType(map[string]string{dialect.Postgres: "date"}).Annotations(entgql.OrderField("BIRTH_DATE"), entgql.Type("Date")),
		field.Enum("sex").Comment("Sex as in the identity documents").Values("FEMALE", "MALE").Optional().Nillable(),
		field.JSON("identity_documents", []schematype.IdentityDocument{}).Optional().
			Comment("Birth certificate, passport, ID card, RNOKPP…; kept to reconcile with state registers"),
		field.Enum("disability").Comment("Whether the person has a disability, and its group").Values("NONE", "CHILD_WITH_DISABILITY", "GROUP_I", "GROUP_II", "GROUP_III").
			Default("NONE"),
		field.Enum("parental_care_status").Values("WITH_PARENTS", "ORPHAN", "DEPRIVED_OF_PARENTAL_CARE").
			Default("WITH_PARENTS").Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)).
			Comment("Whether the child is an orphan or deprived of parental care (статус дитини-сироти / позбавленої батьківського піклування); changed only through recordParentalCareStatus"),
		field.Text("parental_care_basis").Optional().MaxLen(1000).
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)).
			Comment("The document the status rests on (a death certificate, a court decision, …)"),
		field.Time("parental_care_since").Optional().Nillable().
			Annotations(entgql.Type("Date"), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)).
			Comment("Since when the child has the status"),
		field.Bool("internally_displaced").Comment("Whether the person is an internally displaced person").Default(false),
		field.String("family_id").GoType(pulid.ID("")).Optional().Nillable().Annotations(entgql.Type("ID")),
	}
}

// Edges of the Person.
func (Person) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("family", Family.Type).Ref("members").Field("family_id").Unique(),
		edge.From("reports", Report.Type).Ref("children").Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.From("cases", CaseFile.Type).Ref("children").Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.To("relationships", Relationship.Type).Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.To("placements", Placement.Type).Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// Indexes of the Person.
func (Person) Indexes() []ent.Index {
	// A family's members are read by family (lists start with the community).
	return []ent.Index{index.Fields("community_id", "last_name", "first_name"), index.Fields("community_id", "family_id")}
}

// Annotations of the Person.
func (Person) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("A child or an adult in the community's records."),
		entgql.QueryField("persons"), entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}
