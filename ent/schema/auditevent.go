package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/schema/schematype"
	"github.com/turbota/turbota/internal/platform/clock"
)

// AuditEvent is one line of the change and access log. The application role
// may only insert and read it (see the migrations); it holds identifiers and
// field names; the values before and after a change are kept apart in
// changes, which only a record's history shows, to whoever may read it. A change names its record
// in entity_id; the reads of one operation are one READ line per type of
// record and community, naming every record read in entity_ids.
type AuditEvent struct{ ent.Schema }

// Mixin of the AuditEvent.
func (AuditEvent) Mixin() []ent.Mixin { return []ent.Mixin{pulid.MixinWithPrefix("AU")} }

// Fields of the AuditEvent.
func (AuditEvent) Fields() []ent.Field {
	id := func(name string) ent.Field {
		return field.String(name).GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID"))
	}
	return []ent.Field{
		field.Time("occurred_at").Comment("When it happened").Default(clock.Now).Immutable().Annotations(entgql.OrderField("OCCURRED_AT")),
		id("community_id"), // empty for events outside any community, such as a sign-in
		id("actor_user_id"),
		id("actor_api_client_id"),
		field.Enum("action").Comment("What was done: READ, CREATE, UPDATE or DELETE").Values("CREATE", "UPDATE", "DELETE", "READ", "LOGIN", "LOGIN_FAILED", "LOGOUT",
			"TOTP_ENROLLED", "TOKEN_ISSUED", "TOKEN_REVOKED", "EXPORT", "DENIED").Immutable(),
		field.String("entity_type").Comment("The type of the record (the GraphQL type name)").Immutable(),
		field.String("entity_id").Optional().Immutable(),
		field.Strings("records").StorageKey("entity_ids").Optional().Immutable().
			Comment("A READ line's records: every record of entity_type in its community that one operation read"),
		field.Strings("fields").Optional().Immutable().Comment("Names of the changed fields"),
		// The values are personal data: they are never exposed with the log
		// line itself, only through a record's history, under the record's
		// own read policy (internal/audit.History).
		field.JSON("changes", []schematype.FieldChange{}).Optional().Immutable().
			Annotations(entgql.Skip(entgql.SkipAll)).
			Comment("Old and new values of the changed fields; secrets named, never valued"),
		field.String("request_id").Optional().Immutable(),
		// The hash chain (internal/audit/chain.go): the database sets both
		// on insert (trigger turbota_chain_audit), under a lock on the
		// chain's head, so concurrent writers never fork it.
		field.Int64("chain_seq").Optional().Nillable().Immutable().Annotations(entgql.Skip(entgql.SkipAll)).
			Comment("Place of the line in its community's hash chain (the global chain without a community)"),
		field.Bytes("chain_hash").Optional().Immutable().Annotations(entgql.Skip(entgql.SkipAll)).
			Comment("SHA-256 of the previous line's hash and this line's canonical content"),
	}
}

// Edges of the AuditEvent: the user who acted, so that the log shows a
// name (for whom the viewer may see) without a query per line.
func (AuditEvent) Edges() []ent.Edge {
	return []ent.Edge{
		// The log never changes: a user with lines in it is not deleted.
		edge.To("actor_user", User.Type).Field("actor_user_id").Unique().Immutable().
			Annotations(entsql.OnDelete(entsql.Restrict)),
	}
}

// Indexes of the AuditEvent.
func (AuditEvent) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("community_id", "occurred_at"),
		index.Fields("entity_id"),
		// "Who read this record": entity_ids @> '["CS01…"]'.
		index.Fields("records").Annotations(entsql.IndexType("GIN"), entsql.OpClass("jsonb_path_ops")),
	}
}

// Annotations of the AuditEvent.
func (AuditEvent) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("One line of the audit log: who read or changed which record, when, and through which operation."), entgql.RelayConnection(), entgql.QueryField("auditEvents")}
}
