package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent/privacy"
	"github.com/turbota/turbota/ent/schema/pulid"
)

// WorkingGroup is a community's inter-agency working group (міжвідомча
// робоча група, seed 004): its mandate, and through its members, meetings,
// action items and adopted documents, its work. Who reads and writes it is
// the policy's (authz/group_rules.go): the community's admin and heads, the
// group's secretary, and its members to read.
type WorkingGroup struct{ ent.Schema }

// Mixin of the WorkingGroup.
func (WorkingGroup) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("WG"), TimeMixin{}, TenantMixin{}}
}

// Fields of the WorkingGroup.
func (WorkingGroup) Fields() []ent.Field {
	return []ent.Field{
		field.String("title").NotEmpty().MaxLen(500).Comment("The group's name"),
		field.Text("mandate").Optional().MaxLen(5000).Comment("What the group was set up to do"),
		field.String("basis").Optional().MaxLen(500).Comment("The act that set it up, e.g. an order of the mayor with its number and date"),
		field.Time("established_on").Optional().Nillable().Annotations(entgql.Type("Date")).Comment("When it was set up"),
		field.Time("ended_on").Optional().Nillable().Annotations(entgql.Type("Date")).Comment("When it finished its work; empty while it works"),
	}
}

// Edges of the WorkingGroup.
func (WorkingGroup) Edges() []ent.Edge {
	skip := entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Edge{
		edge.From("members", WorkingGroupMember.Type).Ref("group").Annotations(skip),
		edge.From("meetings", WorkingGroupMeeting.Type).Ref("group").Annotations(skip),
		edge.From("actions", WorkingGroupAction.Type).Ref("group").Annotations(skip),
		edge.From("documents", WorkingGroupDocument.Type).Ref("group").Annotations(skip),
	}
}

// Annotations of the WorkingGroup.
func (WorkingGroup) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("An inter-agency working group of a community."),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate())}
}

// WorkingGroupMemberRoles are the places in a group.
var WorkingGroupMemberRoles = []string{"CHAIR", "DEPUTY_CHAIR", "SECRETARY", "MEMBER"}

// WorkingGroupMember is one member of a group: a staff user of the
// community, or an external member known by name and organisation.
type WorkingGroupMember struct{ ent.Schema }

// Mixin of the WorkingGroupMember.
func (WorkingGroupMember) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("WM"), TimeMixin{}, TenantMixin{}}
}

// Fields of the WorkingGroupMember.
func (WorkingGroupMember) Fields() []ent.Field {
	id := func(name, comment string) ent.Field {
		return field.String(name).GoType(pulid.ID("")).Optional().Nillable().Annotations(entgql.Type("ID")).Comment(comment)
	}
	return []ent.Field{
		field.String("group_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")),
		id("user_id", "The member's Turbota account, for a member of the community's staff"),
		field.String("name").Optional().MaxLen(300).Comment("The member's full name (an account's name when not given)"),
		id("organization_id", "The member's organisation, where it is one of the community's"),
		field.String("organization_name").Optional().MaxLen(300).
			Comment("The member's organisation by name (the organisation's own name when not given)"),
		field.String("position").Optional().MaxLen(300).Comment("The member's post, e.g. deputy mayor, head of the children's service"),
		field.Enum("role").Values(WorkingGroupMemberRoles...).Default("MEMBER").Comment("The member's place in the group"),
		field.Time("left_on").Optional().Nillable().Annotations(entgql.Type("Date")).Comment("When the member left the group"),
	}
}

// Edges of the WorkingGroupMember.
func (WorkingGroupMember) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("group", WorkingGroup.Type).Field("group_id").Unique().Required().Immutable(),
		edge.To("user", User.Type).Field("user_id").Unique().Annotations(entgql.Skip(entgql.SkipWhereInput)),
		edge.To("organization", Organization.Type).Field("organization_id").Unique().Annotations(entgql.Skip(entgql.SkipWhereInput)),
	}
}

// Indexes of the WorkingGroupMember: the groups of a user are looked up on
// every sign-in (the lent group roles).
func (WorkingGroupMember) Indexes() []ent.Index {
	return []ent.Index{index.Fields("community_id", "group_id"), index.Fields("user_id")}
}

// Annotations of the WorkingGroupMember.
func (WorkingGroupMember) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("A member of a working group."),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate())}
}

// WorkingGroupMeeting is a meeting (засідання) of a group: its number,
// date, agenda, who attended, the minutes and the decisions.
type WorkingGroupMeeting struct{ ent.Schema }

// Mixin of the WorkingGroupMeeting.
func (WorkingGroupMeeting) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("GM"), TimeMixin{}, TenantMixin{}}
}

// Fields of the WorkingGroupMeeting.
func (WorkingGroupMeeting) Fields() []ent.Field {
	return []ent.Field{
		field.String("group_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")),
		field.Int("number").Positive().Comment("The meeting's number in the group's order, from 1"),
		field.Time("held_on").Annotations(entgql.Type("Date")).Comment("The day of the meeting"),
		field.String("place").Optional().MaxLen(500).Comment("Where it was held, or online"),
		field.Strings("agenda").Optional().Comment("The questions on the agenda, in order"),
		field.JSON("attendees", []pulid.ID{}).Optional().Annotations(entgql.Type("[ID!]")).
			Comment("The members present, by their membership's ID"),
		field.Text("minutes").Optional().MaxLen(20000).Comment("The minutes (протокол): what was heard and said"),
		field.Strings("decisions").Optional().Comment("What the meeting decided, one decision a line"),
	}
}

// Edges of the WorkingGroupMeeting.
func (WorkingGroupMeeting) Edges() []ent.Edge {
	skip := entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Edge{
		edge.To("group", WorkingGroup.Type).Field("group_id").Unique().Required().Immutable(),
		edge.From("actions", WorkingGroupAction.Type).Ref("meeting").Annotations(skip),
	}
}

// Indexes of the WorkingGroupMeeting: a group numbers its meetings once.
func (WorkingGroupMeeting) Indexes() []ent.Index {
	return []ent.Index{index.Fields("group_id", "number").Unique(), index.Fields("community_id", "held_on")}
}

// Annotations of the WorkingGroupMeeting.
func (WorkingGroupMeeting) Annotations() []schema.Annotation {
	// Created by recordWorkingGroupMeeting (numbered, with its action items), corrected by update.
	return []schema.Annotation{schema.Comment("A meeting of a working group with its agenda, attendance, minutes and decisions."),
		entgql.Mutations(entgql.MutationUpdate())}
}

// WorkingGroupAction is an action item (доручення) of a group: what is to
// be done, by which member, by when, and whether it is done. Its owner
// sees it among their tasks.
type WorkingGroupAction struct{ ent.Schema }

// Mixin of the WorkingGroupAction.
func (WorkingGroupAction) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("GA"), TimeMixin{}, TenantMixin{}}
}

// Fields of the WorkingGroupAction.
func (WorkingGroupAction) Fields() []ent.Field {
	return []ent.Field{
		field.String("group_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")),
		field.String("meeting_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID")).
			Comment("The meeting that gave it, if one did"),
		field.Text("text").NotEmpty().MaxLen(2000).Comment("What is to be done"),
		field.String("owner_id").GoType(pulid.ID("")).Annotations(entgql.Type("ID")).
			Comment("The member who answers for it"),
		field.Time("due_on").Annotations(entgql.Type("Date")).Comment("The day it is due"),
		field.Enum("status").Values("OPEN", "DONE", "CANCELLED").Default("OPEN").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)).
			Comment("Open, done, or cancelled"),
		field.Time("done_on").Optional().Nillable().Annotations(entgql.Type("Date"),
			entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)).
			Comment("When it was done"),
		field.String("result").Optional().MaxLen(2000).Annotations(entgql.Skip(entgql.SkipMutationCreateInput)).
			Comment("What was done, in a sentence"),
	}
}

// Edges of the WorkingGroupAction.
func (WorkingGroupAction) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("group", WorkingGroup.Type).Field("group_id").Unique().Required().Immutable(),
		edge.To("meeting", WorkingGroupMeeting.Type).Field("meeting_id").Unique().Immutable(),
		edge.To("owner", WorkingGroupMember.Type).Field("owner_id").Unique().Required(),
	}
}

// Indexes of the WorkingGroupAction.
func (WorkingGroupAction) Indexes() []ent.Index {
	return []ent.Index{index.Fields("community_id", "group_id"), index.Fields("community_id", "owner_id")}
}

// Annotations of the WorkingGroupAction.
func (WorkingGroupAction) Annotations() []schema.Annotation {
	// Closed by completeWorkingGroupAction, not by a free update.
	return []schema.Annotation{schema.Comment("An action item of a working group."),
		entgql.Mutations(entgql.MutationCreate())}
}

// WorkingGroupDocumentKinds are the planning documents seed 004 names.
var WorkingGroupDocumentKinds = []string{
	"SERVICE_MAPPING",     // мапування системи надання соціальних послуг
	"CAPACITY_ANALYSIS",   // аналіз спроможності громади
	"ACTION_PLAN",         // план дій зі зміцнення потенціалу
	"NEEDS_REPORT",        // звіт про потреби сімей з дітьми
	"PROGRAMMES_ANALYSIS", // аналіз місцевих програм щодо державних стратегій
	"OTHER",
}

// WorkingGroupDocument is a document a group adopted.
type WorkingGroupDocument struct{ ent.Schema }

// Mixin of the WorkingGroupDocument.
func (WorkingGroupDocument) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("GD"), TimeMixin{}, TenantMixin{}}
}

// Fields of the WorkingGroupDocument.
func (WorkingGroupDocument) Fields() []ent.Field {
	return []ent.Field{
		field.String("group_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")),
		field.String("meeting_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID")).
			Comment("The meeting that adopted it, if recorded"),
		field.Enum("kind").Values(WorkingGroupDocumentKinds...).Default("OTHER").Comment("What kind of planning document it is"),
		field.String("title").NotEmpty().MaxLen(500).Comment("The document's title"),
		field.Time("adopted_on").Annotations(entgql.Type("Date")).Comment("When the group adopted it"),
		field.String("link").Optional().MaxLen(1000).Comment("Where the document is kept (a link to the file)"),
	}
}

// Edges of the WorkingGroupDocument.
func (WorkingGroupDocument) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("group", WorkingGroup.Type).Field("group_id").Unique().Required().Immutable(),
		edge.To("meeting", WorkingGroupMeeting.Type).Field("meeting_id").Unique().Immutable(),
	}
}

// Indexes of the WorkingGroupDocument.
func (WorkingGroupDocument) Indexes() []ent.Index {
	return []ent.Index{index.Fields("community_id", "group_id")}
}

// Annotations of the WorkingGroupDocument.
func (WorkingGroupDocument) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("A document a working group adopted."),
		entgql.Mutations(entgql.MutationCreate())}
}

// groupPolicy is the policy of every working-group schema, on top of the
// tenant policy: a place in a group reaches that group only
// (authz/group_rules.go), and a role that sees a record but may not change
// it hears so (authz.RequireRoleToUpdate).
func groupPolicy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{authz.FilterOwnGroups()},
		Mutation: privacy.MutationPolicy{authz.FilterOwnGroupChanges(), authz.RequireRoleToUpdate()},
	}
}

// Policy of the WorkingGroup (groupPolicy).
func (WorkingGroup) Policy() ent.Policy { return groupPolicy() }

// Policy of the WorkingGroupMember (groupPolicy).
func (WorkingGroupMember) Policy() ent.Policy { return groupPolicy() }

// Policy of the WorkingGroupMeeting (groupPolicy).
func (WorkingGroupMeeting) Policy() ent.Policy { return groupPolicy() }

// Policy of the WorkingGroupAction (groupPolicy).
func (WorkingGroupAction) Policy() ent.Policy { return groupPolicy() }

// Policy of the WorkingGroupDocument (groupPolicy).
func (WorkingGroupDocument) Policy() ent.Policy { return groupPolicy() }
