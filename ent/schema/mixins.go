package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"entgo.io/ent/schema/mixin"

	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/platform/clock"
)

// TimeMixin records when a row was created and last changed.
type TimeMixin struct{ mixin.Schema }

// Fields of the TimeMixin.
func (TimeMixin) Fields() []ent.Field {
	return []ent.Field{
		field.Time("created_at").Default(clock.Now).Immutable().
			Annotations(entgql.OrderField("CREATED_AT"), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.Time("updated_at").Default(clock.Now).UpdateDefault(clock.Now).
			Annotations(entgql.OrderField("UPDATED_AT"), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// TenantMixin makes a schema community-owned: the one place where
// community_id, its edge, its leading index and the isolation policy come from.
// Every table built with it also gets a row-level security policy in the
// hand-written migrations (a catalog test checks that none is missing).
type TenantMixin struct{ mixin.Schema }

// Fields of the TenantMixin.
func (TenantMixin) Fields() []ent.Field {
	return []ent.Field{
		field.String("community_id").GoType(pulid.ID("")).Immutable().
			Annotations(entgql.Skip(entgql.SkipMutationUpdateInput), entgql.Type("ID")),
	}
}

// Edges of the TenantMixin.
func (TenantMixin) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("community", Community.Type).Field("community_id").Unique().Required().Immutable().
			Annotations(entgql.Skip(entgql.SkipMutationUpdateInput, entgql.SkipWhereInput)),
	}
}

// Indexes of the TenantMixin: lists are always per community, in the
// order of their cursor (the ID) unless they ask for another, and records
// are loaded by ID within the community (the privacy filter names it), so
// both conditions are index conditions of one index.
func (TenantMixin) Indexes() []ent.Index {
	return []ent.Index{index.Fields("community_id", "id")}
}

// Annotations mark the schema as tenant-owned for the isolation tests.
func (TenantMixin) Annotations() []schema.Annotation {
	return []schema.Annotation{TenantAnnotation{}}
}

// TenantAnnotation marks a tenant-owned schema.
type TenantAnnotation struct{}

// Name implements schema.Annotation.
func (TenantAnnotation) Name() string { return "Tenant" }
