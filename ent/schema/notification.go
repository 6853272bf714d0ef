package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent/privacy"
	"github.com/turbota/turbota/ent/schema/pulid"
)

// Notification tells one user that something needs them: a report arrived
// for their organisation, a referral came or was answered, an approval is
// asked for or given, a deadline is near or passed. It names the case, not
// the family: the text is safe in an e-mail.
type Notification struct{ ent.Schema }

// Mixin of the Notification.
func (Notification) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("NT"), TimeMixin{}, TenantMixin{}}
}

// Fields of the Notification.
func (Notification) Fields() []ent.Field {
	return []ent.Field{
		field.String("user_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")),
		field.Enum("kind").Comment("What the notification is about").Values("REPORT_RECEIVED", "REFERRAL_RECEIVED", "REFERRAL_ANSWERED", "APPROVAL_REQUESTED",
			"APPROVAL_DECIDED", "DEADLINE_NEAR", "DEADLINE_PASSED", "EMERGENCY_ACCESS", "ACCESS_REVOKED", "CASE_ASSIGNED",
			"TASK_DUE_SOON", "TASK_OVERDUE", "TRANSFER_REQUESTED", "TRANSFER_ANSWERED", "DANGER_FOUND").Immutable(),
		field.String("case_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID")),
		field.String("subject_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID")),
		field.String("detail").Optional().MaxLen(300).Immutable().Comment("A code or short label, never a name"),
		field.String("dedupe_key").Optional().Nillable().Immutable().Annotations(entgql.Skip(entgql.SkipAll)).
			Comment("Deadline and task reminders are sent once per case, deadline or task, and state"),
		field.Time("read_at").Comment("When the user read it; empty while unread").Optional().Nillable(),
		field.Time("emailed_at").Optional().Nillable().Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Indexes of the Notification.
func (Notification) Indexes() []ent.Index {
	return []ent.Index{index.Fields("user_id", "read_at"), index.Fields("user_id", "dedupe_key").Unique(),
		// The mail job reads the few not yet e-mailed, oldest first.
		index.Fields("created_at").StorageKey("notification_not_emailed").Annotations(entsql.IndexWhere("emailed_at IS NULL"))}
}

// Policy of the Notification: each user reads only their own.
func (Notification) Policy() ent.Policy {
	return privacy.Policy{Query: privacy.QueryPolicy{authz.FilterOwnNotifications()}}
}

// Annotations of the Notification.
func (Notification) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("A message telling one user that something needs them (a report, a referral, an approval, a deadline)."), entgql.RelayConnection(), entgql.QueryField("notifications")}
}
