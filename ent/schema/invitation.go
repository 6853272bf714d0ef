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

// Invitation asks a person to join a community with a role. Accounts are
// global and those of other communities invisible, so a community never
// grants a role to an account by itself: it invites an e-mail, and the
// person behind it accepts (which makes the Membership) or declines.
// The inviting side never learns whether the e-mail had an account: the
// invitation shows the e-mail as typed, never the account it found.
type Invitation struct{ ent.Schema }

// Mixin of the Invitation. Not TenantMixin: the invited person, who holds
// no role in the community yet, reads their own invitations too.
func (Invitation) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("IN"), TimeMixin{}}
}

// Fields of the Invitation.
func (Invitation) Fields() []ent.Field {
	id := func(name string) ent.Field {
		return field.String(name).GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID"))
	}
	return []ent.Field{
		id("community_id"),
		field.String("user_id").GoType(pulid.ID("")).Immutable().
			Annotations(entgql.Skip(entgql.SkipAll)).Comment("The account invited: never shown to the inviting side"),
		field.String("email").NotEmpty().MaxLen(254).Immutable().Comment("As the inviting admin typed it, lower-cased"),
		field.Enum("role").Comment("The role offered").Values(Roles...).Immutable(),
		field.String("custom_role_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().
			Annotations(entgql.Skip(entgql.SkipAll)).Comment("Set with the role CUSTOM"),
		field.String("organization_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID")),
		field.Enum("status").Comment("Whether the invitation is pending, accepted or declined").Values("PENDING", "ACCEPTED", "DECLINED").Default("PENDING"),
		id("invited_by_id"),
	}
}

// Edges of the Invitation.
func (Invitation) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("community", Community.Type).Field("community_id").Unique().Required().Immutable(),
		edge.To("organization", Organization.Type).Field("organization_id").Unique().Immutable(),
		edge.To("custom_role", CustomRole.Type).Field("custom_role_id").Unique().Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
		edge.To("user", User.Type).Field("user_id").Unique().Required().Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Indexes of the Invitation.
func (Invitation) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("community_id"),
		index.Fields("user_id", "status"),
	}
}

// Annotations of the Invitation.
func (Invitation) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("An invitation of an e-mail address to take a role in a community, which the person accepts or declines."), entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)}
}
