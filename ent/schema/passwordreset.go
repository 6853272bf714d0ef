package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/platform/clock"
)

// PasswordReset is a single-use link to set a new password, e-mailed to
// the account's address. Only the SHA-256 of its token is stored, so the
// table alone opens no account; like sessions it is the sign-in code's
// alone.
type PasswordReset struct{ ent.Schema }

// Mixin of the PasswordReset.
func (PasswordReset) Mixin() []ent.Mixin { return []ent.Mixin{pulid.MixinWithPrefix("PW")} }

// Fields of the PasswordReset.
func (PasswordReset) Fields() []ent.Field {
	return []ent.Field{
		field.String("user_id").GoType(pulid.ID("")).Immutable(),
		field.Bytes("token_hash").Unique().Immutable().Sensitive(),
		field.Time("created_at").Default(clock.Now).Immutable(),
		field.Time("expires_at").Immutable(),
		field.Time("used_at").Optional().Nillable().Comment("When the link was used or superseded; it works once"),
		field.String("requested_by_id").GoType(pulid.ID("")).Optional().Immutable().
			Comment("The administrator who sent the link; empty when the user asked for it"),
	}
}

// Edges of the PasswordReset.
func (PasswordReset) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("user", User.Type).Ref("password_resets").Field("user_id").Unique().Required().Immutable(),
	}
}

// Indexes of the PasswordReset.
func (PasswordReset) Indexes() []ent.Index { return []ent.Index{index.Fields("user_id")} }

// Annotations of the PasswordReset.
func (PasswordReset) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
