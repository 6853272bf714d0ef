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
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
)

// CaseFile is the work with one family (GraphQL: Case; "case" is a Go keyword) (ведення випадку): it starts with a
// report, moves through the states of procedure.State, and keeps the clock
// of its legal deadlines under the rule set in force when it started.
type CaseFile struct{ ent.Schema }

// Mixin of the CaseFile.
func (CaseFile) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("CS"), TimeMixin{}, TenantMixin{}}
}

// Fields of the CaseFile.
func (CaseFile) Fields() []ent.Field {
	noInput := entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Field{
		field.Enum("status").GoType(procedure.State("")).Default(string(procedure.StateReported)).
			Annotations(entgql.OrderField("STATUS"), entgql.Type("CaseStatus"), noInput).
			Comment("Changed only through transitionCase, which asks the procedure"),
		field.Time("opened_at").Comment("When the case was opened (the report's registration)").Default(clock.Now).Immutable().Annotations(entgql.OrderField("OPENED_AT")),
		field.Time("closed_at").Comment("When the case was closed; empty while open").Optional().Nillable().Annotations(noInput),
		field.String("closure_outcome").Optional().Nillable().MaxLen(64).Annotations(noInput).
			Comment("Why the case was closed: a code of the outcome list of its rule set"),
		field.String("rule_set_version").Immutable().Annotations(noInput).
			Comment("The deadline rules in force when the case started; it keeps them"),
		field.Time("safety_assessment_due").Comment("When the child safety assessment is due").Optional().Nillable().Annotations(entgql.OrderField("SAFETY_ASSESSMENT_DUE"), noInput),
		field.String("family_id").GoType(pulid.ID("")).Optional().Nillable().Annotations(entgql.Type("ID")),
		field.Time("received_at").Optional().Nillable().Annotations(noInput).
			Comment("When the case came from another community: its deadlines restart then (re-assessment)"),
		field.String("manager_id").GoType(pulid.ID("")).Optional().Nillable().Annotations(entgql.Type("ID")).
			Comment("The case manager (соціальний менеджер)"),
	}
}

// Edges of the CaseFile.
func (CaseFile) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("family", Family.Type).Field("family_id").Unique(),
		edge.To("manager", User.Type).Field("manager_id").Unique().Annotations(entgql.Skip(entgql.SkipWhereInput)),
		edge.To("children", Person.Type),
		edge.From("reports", Report.Type).Ref("case").Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.To("safety_assessments", SafetyAssessment.Type).Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.To("needs_assessments", NeedsAssessment.Type).Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.To("decisions", Decision.Type).Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.To("placements", Placement.Type).Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.To("plans", Plan.Type).Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.To("referrals", Referral.Type).Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.To("accesses", CaseAccess.Type).Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)).
			Comment("Who outside the community's own services may see the case, and why"),
		edge.To("team", TeamMember.Type).Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.To("services", ServiceProvision.Type).Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.To("activities", Activity.Type).Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.To("documents", Document.Type).Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.To("approvals", Approval.Type).Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.To("events", CaseEvent.Type).Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// Policy of the CaseFile, on top of the tenant policy: violence cases need
// their own permission; a role that sees a case but may not change it
// hears so (authz.RequireRoleToUpdate); a manager holds a casework role of
// the community.
func (CaseFile) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{authz.FilterViolenceCases()},
		Mutation: privacy.MutationPolicy{authz.RequireRoleToUpdate(), authz.RequireCaseworkManager(), authz.RequireAssignmentPermission()},
	}
}

// Indexes of the CaseFile.
func (CaseFile) Indexes() []ent.Index {
	return []ent.Index{index.Fields("community_id", "status"), index.Fields("community_id", "safety_assessment_due"),
		// The register's default order, with the cursor's tie-breaker, so a
		// page is the first rows of one index scan and not a sort of the
		// community's cases.
		index.Fields("community_id", "opened_at", "id"),
		// A family's cases and a manager's cases ("mine") are read by those keys.
		index.Fields("community_id", "family_id"), index.Fields("community_id", "manager_id")}
}

// Annotations of the CaseFile. The cases query is written by hand
// (graph/worklist.graphql): it takes a saved filter besides the generated
// arguments.
func (CaseFile) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("A case (ведення випадку): the work with one family, from the report through assessments, decisions and services to closure, under the deadline rules in force when it started."), entgql.Type("Case"), entgql.RelayConnection(), entgql.Mutations(entgql.MutationUpdate())}
}
