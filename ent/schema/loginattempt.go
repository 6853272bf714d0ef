package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/platform/clock"
)

// LoginAttempt records a failed sign-in, keyed by a hash of the account or
// the client address, so every replica throttles from the same state.
type LoginAttempt struct{ ent.Schema }

// Mixin of the LoginAttempt.
func (LoginAttempt) Mixin() []ent.Mixin { return []ent.Mixin{pulid.MixinWithPrefix("LA")} }

// Fields of the LoginAttempt.
func (LoginAttempt) Fields() []ent.Field {
	return []ent.Field{
		field.String("key").Immutable().Comment("acct:<sha256> or addr:<sha256>"),
		field.Time("at").Default(clock.Now).Immutable(),
	}
}

// Indexes of the LoginAttempt.
func (LoginAttempt) Indexes() []ent.Index { return []ent.Index{index.Fields("key", "at")} }

// Annotations of the LoginAttempt.
func (LoginAttempt) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
