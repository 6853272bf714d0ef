package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"

	"github.com/turbota/turbota/ent/schema/pulid"
)

// Credential holds a user's secrets apart from the user, in a table the
// application role has no privilege on: a request can never read a password
// hash or a TOTP secret, only the server's sign-in code can.
type Credential struct{ ent.Schema }

// Mixin of the Credential.
func (Credential) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("CR"), TimeMixin{}}
}

// Fields of the Credential.
func (Credential) Fields() []ent.Field {
	return []ent.Field{
		field.String("user_id").GoType(pulid.ID("")).Unique().Immutable(),
		field.String("password_hash").Sensitive(),
		field.String("totp_secret").Optional().Sensitive().Comment("Sealed with the server's secret key"),
		field.Bool("totp_confirmed").Default(false),
		field.Int64("totp_last_step").Default(0).Comment("Last accepted TOTP time step, to refuse a replayed code"),
		field.Strings("recovery_codes").Optional().Sensitive().Comment("SHA-256 of the unused recovery codes"),
	}
}

// Edges of the Credential.
func (Credential) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("user", User.Type).Ref("credential").Field("user_id").Unique().Required().Immutable(),
	}
}

// Annotations of the Credential.
func (Credential) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

// Policy of the Credential: only the server's own sign-in code touches it.
func (Credential) Policy() ent.Policy { return systemOnlyPolicy() }
