package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"

	"github.com/turbota/turbota/ent/schema/pulid"
)

// User is a person who signs in. Users are global: one person may work for
// several communities, each through a Membership.
type User struct{ ent.Schema }

// Mixin of the User.
func (User) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("US"), TimeMixin{}}
}

// Fields of the User.
func (User) Fields() []ent.Field {
	return []ent.Field{
		field.String("email").Unique().NotEmpty().MaxLen(254).Comment("Stored lower-cased").
			Annotations(entgql.OrderField("EMAIL")),
		field.String("display_name").Comment("The name shown to colleagues").NotEmpty().MaxLen(200).Annotations(entgql.OrderField("DISPLAY_NAME")),
		field.Bool("totp_enabled").Default(false).Comment("Whether the user signs in with a second factor (TOTP)"),
		field.Bool("disabled").Comment("Whether the account is disabled and cannot sign in").Default(false),
		field.Bool("totp_enrollment_due").Default(false).Annotations(entgql.Skip(entgql.SkipWhereInput)).
			Comment("An administrator reset the second factor: the user sets it up again at the next sign-in"),
		field.Time("password_reset_sent_at").Optional().Nillable().Annotations(entgql.Skip(entgql.SkipWhereInput)).
			Comment("When a password reset link was last sent to the user"),
	}
}

// Edges of the User.
func (User) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("memberships", Membership.Type).Annotations(entgql.Skip(entgql.SkipAll)),
		edge.To("sessions", Session.Type).Annotations(entgql.Skip(entgql.SkipAll)),
		edge.To("credential", Credential.Type).Unique().Annotations(entgql.Skip(entgql.SkipAll)),
		edge.To("password_resets", PasswordReset.Type).Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Annotations of the User.
func (User) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("A person who signs in; one user may work for several communities, each through a membership."), entgql.RelayConnection()}
}
