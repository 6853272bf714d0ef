package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/turbota/turbota/ent/schema/pulid"
)

// APIClient is a third-party application of a community calling the API with
// a bearer token. It is a casbin subject like any user, holding one role.
type APIClient struct{ ent.Schema }

// Mixin of the APIClient.
func (APIClient) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("AK"), TimeMixin{}, TenantMixin{}}
}

// Fields of the APIClient.
func (APIClient) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").Comment("The application's name, as the administrator gave it").NotEmpty().MaxLen(200).Annotations(entgql.OrderField("NAME")),
		field.Enum("role").Comment("The role the client acts in").Values(Roles...).Default("API_CLIENT").Immutable(),
		field.Bytes("token_hash").Unique().Sensitive().Annotations(entgql.Skip(entgql.SkipAll)),
		field.String("token_prefix").MaxLen(16).Comment("First characters of the token, to recognise it"),
		field.Time("expires_at").Comment("When the token stops working"),
		field.Time("revoked_at").Comment("When an administrator revoked the token; empty while it works").Optional().Nillable(),
		field.Time("last_used_at").Comment("When the token was last used").Optional().Nillable(),
		field.String("created_by_id").GoType(pulid.ID("")).Optional().Annotations(entgql.Type("ID")),
		// OAuth2 client credentials (RFC 6749 §4.4): the client ID is the
		// record's ID; only the SHA-256 of each secret is kept.
		field.Bytes("secret_hash").Optional().Sensitive().Annotations(entgql.Skip(entgql.SkipAll)),
		field.Bytes("previous_secret_hash").Optional().Sensitive().Annotations(entgql.Skip(entgql.SkipAll)),
		field.Time("previous_secret_until").Optional().Nillable().
			Comment("Until when the secret replaced by the last rotation still works"),
		field.Time("secret_rotated_at").Optional().Nillable().Comment("When the secret was last rotated"),
		field.Strings("scopes").Optional().
			Comment("What the client's tokens may do, as object:action pairs of its role's permissions; empty: all of them"),
		field.Strings("allowed_ranges").Optional().
			Comment("Address ranges (CIDR) the client may call from; empty: anywhere"),
	}
}

// Indexes of the APIClient.
func (APIClient) Indexes() []ent.Index { return []ent.Index{index.Fields("community_id", "name")} }

// Annotations of the APIClient.
func (APIClient) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("A third-party application of a community that calls the API with a bearer token, holding one role."), entgql.RelayConnection()}
}
