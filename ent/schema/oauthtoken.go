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

// OAuthToken is a short-lived access token an API client obtained with its
// client credentials. Only the SHA-256 of the token is stored; like
// sessions, the table is the sign-in code's alone.
type OAuthToken struct{ ent.Schema }

// Mixin of the OAuthToken.
func (OAuthToken) Mixin() []ent.Mixin { return []ent.Mixin{pulid.MixinWithPrefix("OT")} }

// Fields of the OAuthToken.
func (OAuthToken) Fields() []ent.Field {
	return []ent.Field{
		field.String("client_id").GoType(pulid.ID("")).Immutable(),
		field.Bytes("signature").Unique().Immutable().Sensitive(),
		field.String("request_id").Immutable().Comment("The token request's ID, by which revocation finds it"),
		field.Strings("scopes").Optional().Immutable(),
		field.Time("created_at").Default(clock.Now).Immutable(),
		field.Time("expires_at").Immutable(),
		field.Time("revoked_at").Optional().Nillable(),
	}
}

// Indexes of the OAuthToken.
func (OAuthToken) Indexes() []ent.Index {
	return []ent.Index{index.Fields("client_id"), index.Fields("request_id")}
}

// Annotations of the OAuthToken.
func (OAuthToken) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

// Policy of the OAuthToken: only the server's own OAuth2 code touches it.
func (OAuthToken) Policy() ent.Policy { return systemOnlyPolicy() }
