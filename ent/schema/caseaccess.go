package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/turbota/turbota/ent/schema/pulid"
)

// CaseAccess is why an organisation (or one person) outside the community's
// own services may see a case and its family: an accepted referral, a
// decision naming it as provider, a place on the multidisciplinary team, the
// case manager's assignment. Need-to-know reads for providers go through it.
// The workflow writes it; no role does.
type CaseAccess struct{ ent.Schema }

// Mixin of the CaseAccess.
func (CaseAccess) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("CX"), TimeMixin{}, TenantMixin{}}
}

// Fields of the CaseAccess.
func (CaseAccess) Fields() []ent.Field {
	return []ent.Field{
		field.String("case_id").GoType(pulid.ID("")).Immutable().Annotations(entgql.Type("ID")),
		field.String("organization_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID")),
		field.String("user_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID")),
		field.Enum("reason").Comment("Why the access was granted").Values("REFERRAL", "DECISION", "TEAM", "MANAGER", "SERVICE", "TRANSFER").Immutable(),
		field.String("source_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().Annotations(entgql.Type("ID")).
			Comment("The referral, decision or team membership that granted it; for a transfer, the consent it rests on"),
		field.Time("revoked_at").Comment("When the access ended; empty while it holds").Optional().Nillable(),
	}
}

// Edges of the CaseAccess.
func (CaseAccess) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("case", CaseFile.Type).Ref("accesses").Field("case_id").Unique().Required().Immutable(),
		edge.To("organization", Organization.Type).Field("organization_id").Unique().Immutable(),
	}
}

// Indexes of the CaseAccess.
func (CaseAccess) Indexes() []ent.Index {
	return []ent.Index{index.Fields("case_id"), index.Fields("organization_id"), index.Fields("user_id")}
}

// Annotations of the CaseAccess.
func (CaseAccess) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("A grant that lets a user or organisation outside the statutory services see one case (an accepted referral, a decision, a team place, a transfer).")}
}
