package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/turbota/turbota/ent/schema/pulid"
)

// PolicyRule is one casbin policy line. The defaults come from the embedded
// authz/policy.csv (domain "*"); a community admin adds lines for their own
// community. Role assignments are not stored here: they come from Membership.
type PolicyRule struct{ ent.Schema }

// Mixin of the PolicyRule.
func (PolicyRule) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("PR"), TimeMixin{}}
}

// Fields of the PolicyRule.
func (PolicyRule) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("role").Comment("The role the line concerns").Values(PolicyRoles...).Immutable(),
		field.String("domain").Immutable().Comment(`"*" for the defaults, else a community ID`),
		field.String("object").Comment("The object of the policy, e.g. case_file").Immutable(),
		field.String("action").Comment("The action on the object: read, create, update or delete").Immutable(),
		field.Enum("effect").Comment("Whether the line allows or denies").Values("ALLOW", "DENY").Immutable(),
		field.Bool("default").Default(false).Immutable().Comment("Loaded from the embedded policy file"),
	}
}

// Indexes of the PolicyRule.
func (PolicyRule) Indexes() []ent.Index {
	return []ent.Index{index.Fields("domain", "role", "object", "action").Unique()}
}

// Annotations of the PolicyRule.
func (PolicyRule) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("One line of a community's own access policy, added to the default policy."), entgql.RelayConnection()}
}
