package schema

import (
	"context"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/mixin"

	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/tenant"
)

// RegisteredByMixin remembers which organisation registered a family or a
// person, so that a provider who takes an application directly keeps seeing
// the household it registered before any case or referral exists.
type RegisteredByMixin struct{ mixin.Schema }

// Fields of the RegisteredByMixin.
func (RegisteredByMixin) Fields() []ent.Field {
	return []ent.Field{
		field.String("registered_by_organization_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().
			Annotations(entgql.Type("ID"), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput)),
	}
}

// Hooks of the RegisteredByMixin: the organisation comes from the viewer's
// grant in the row's community, never from the input.
func (RegisteredByMixin) Hooks() []ent.Hook {
	return []ent.Hook{func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			if !m.Op().Is(ent.OpCreate) {
				return next.Mutate(ctx, m)
			}
			c, _ := m.Field("community_id")
			community, _ := c.(pulid.ID)
			if v := tenant.FromContext(ctx); v != nil {
				if org := v.OrganizationIn(community); org != "" {
					if err := m.SetField("registered_by_organization_id", org); err != nil {
						return nil, err
					}
				}
			}
			return next.Mutate(ctx, m)
		})
	}}
}
