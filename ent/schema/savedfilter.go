package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent/privacy"
	"github.com/turbota/turbota/ent/schema/pulid"
)

// SavedFilter is a worker's own named view of their work list (cases,
// deadlines and tasks): whose cases, which case statuses, which due
// statuses, which organisation, which kinds, which family. Each user sees
// and changes only their own; the cases query applies it server-side
// (cases(savedFilter:)).
type SavedFilter struct{ ent.Schema }

// Mixin of the SavedFilter.
func (SavedFilter) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("SF"), TimeMixin{}, TenantMixin{}}
}

// Fields of the SavedFilter.
func (SavedFilter) Fields() []ent.Field {
	return []ent.Field{
		field.String("user_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID"),
			entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)).
			Comment("Whose filter it is: the one who saved it"),
		field.String("name").Comment("The filter's name, as the user gave it").NotEmpty().MaxLen(100).Annotations(entgql.OrderField("NAME")),
		field.Bool("mine").Default(false).Comment("Only the cases the user manages"),
		field.Bool("unassigned").Default(false).Comment("Only the cases nobody manages"),
		field.Strings("case_statuses").Optional().Annotations(entgql.Type("[CaseStatus!]")).Comment("Case statuses kept; none: all"),
		field.String("family_name").Optional().MaxLen(100).
			Comment("Only the cases of families whose name contains it (case-insensitive); empty: all"),
		field.Strings("statuses").Optional().Annotations(entgql.Type("[DueStatus!]")).Comment("Due statuses kept: cases with an open deadline or task in one of them; none: all"),
		field.Strings("kinds").Optional().Annotations(entgql.Type("[WorkItemKind!]")).Comment("Deadline kinds and task kinds kept; none: all"),
		field.String("organization_id").GoType(pulid.ID("")).Optional().Nillable().Annotations(entgql.Type("ID")).
			Comment("Only the cases this organisation works on"),
	}
}

// Indexes of the SavedFilter.
func (SavedFilter) Indexes() []ent.Index {
	return []ent.Index{index.Fields("user_id", "community_id", "name").Unique()}
}

// Annotations of the SavedFilter.
func (SavedFilter) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("A user's saved filter of the work list (cases, deadlines and tasks)."), entgql.QueryField("savedFilters"), entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate())}
}

// Policy of the SavedFilter: each user reads and changes only their own
// (authz.FilterOwnSavedFilters, authz.RequireOwnSavedFilter).
func (SavedFilter) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{authz.FilterOwnSavedFilters()},
		Mutation: privacy.MutationPolicy{authz.RequireOwnSavedFilter()},
	}
}
