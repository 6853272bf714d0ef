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

// Session is a signed-in browser or bearer-token login. Only the SHA-256 of
// its token is stored.
type Session struct{ ent.Schema }

// Mixin of the Session.
func (Session) Mixin() []ent.Mixin { return []ent.Mixin{pulid.MixinWithPrefix("SE")} }

// Fields of the Session.
func (Session) Fields() []ent.Field {
	return []ent.Field{
		field.String("user_id").GoType(pulid.ID("")).Immutable(),
		field.Bytes("token_hash").Unique().Immutable().Sensitive(),
		field.String("csrf_token").Sensitive().Immutable(),
		field.Time("created_at").Default(clock.Now).Immutable(),
		field.Time("last_seen_at").Default(clock.Now),
		field.Time("expires_at").Immutable().Comment("Absolute expiry"),
		field.Time("revoked_at").Optional().Nillable(),
		field.Bool("totp_pending_enrollment").Default(false).
			Comment("The community requires TOTP and the user has not enrolled yet: only enrolment is allowed"),
		field.String("remote_addr").Optional().MaxLen(64),
	}
}

// Edges of the Session.
func (Session) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("user", User.Type).Ref("sessions").Field("user_id").Unique().Required().Immutable(),
	}
}

// Indexes of the Session.
func (Session) Indexes() []ent.Index { return []ent.Index{index.Fields("user_id")} }

// Annotations of the Session.
func (Session) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
