package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/procedure"
)

// CaseTransfer is a request to hand a family's case over to another
// community, which accepts or declines it. It belongs to the sending
// community and stays there once the family has moved: the sender's
// read-only record of what it sent and when. The receiving community sees
// it from the start (authz.AllowTransferParties), with only the summary
// below: no name, address or birth date until it accepts and the file is
// its own. Who reads and answers it is the tenant policy's
// authz.AllowTransferParties.
type CaseTransfer struct{ ent.Schema }

// Mixin of the CaseTransfer.
func (CaseTransfer) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("CT"), TimeMixin{}, TenantMixin{}}
}

// Fields of the CaseTransfer.
func (CaseTransfer) Fields() []ent.Field {
	return []ent.Field{
		field.String("case_id").GoType(pulid.ID("")).Annotations(entgql.Type("ID")).Optional().Nillable().Immutable().
			Comment("The case handed over, readable by the receiver only once accepted; none when a family without an open case moves"),
		field.String("family_id").GoType(pulid.ID("")).Annotations(entgql.Type("ID")).Optional().Nillable().Immutable().Comment("Its family, which moves with it"),
		field.String("to_community_id").GoType(pulid.ID("")).Annotations(entgql.Type("ID")).Immutable().Comment("The receiving community (KATOTTG-coded)"),
		field.Text("reason").NotEmpty().MaxLen(5000).Immutable().Comment("Why the case goes there, e.g. the family moved"),
		field.Enum("status").Comment("Where the transfer stands").Values("REQUESTED", "ACCEPTED", "DECLINED", "WITHDRAWN").Default("REQUESTED").
			Annotations(entgql.OrderField("STATUS")),
		field.Time("requested_at").Comment("When the transfer was requested").Immutable().Annotations(entgql.OrderField("REQUESTED_AT")),
		field.String("requested_by_id").GoType(pulid.ID("")).Annotations(entgql.Type("ID")).Optional().Nillable().Immutable(),
		field.String("consent_id").GoType(pulid.ID("")).Annotations(entgql.Type("ID")).Optional().Nillable().Immutable().Comment("The family's consent to the transfer, in force when requested"),
		field.Text("override_reason").Optional().MaxLen(2000).Immutable().
			Comment("The legal basis for transferring without the family's consent"),
		field.Time("decided_at").Comment("When the receiving side accepted or declined").Optional().Nillable(),
		field.String("decided_by_id").GoType(pulid.ID("")).Annotations(entgql.Type("ID")).Optional().Nillable(),
		field.Text("decline_reason").Comment("Why the receiving side declined").Optional().MaxLen(2000),
		field.String("case_number").Optional().MaxLen(64).Immutable().Comment("The sender's reference of the case"),
		field.String("case_status").Optional().MaxLen(32).Immutable().Annotations(entgql.Type("CaseStatus")).Comment("The case's state when requested"),
		field.JSON("categories", []procedure.Category{}).Optional().Immutable().
			Annotations(entgql.Type("[ReportCategory!]")).Comment("The categories of concern, the minimum the receiver needs to decide"),
		field.Int("children").Default(0).Immutable().Comment("How many children the family has, no more about them"),
		field.Int("adults").Comment("How many adults the family has, for the receiving side's summary").Default(0).Immutable(),
		field.Bool("danger").Default(false).Immutable().Comment("A danger to a child was found (threat, violence, critical rating)"),
		field.Time("moved_at").Optional().Nillable().Comment("When the records moved to the receiver"),
		field.Int("moved_records").Default(0).Comment("How many records moved: the sender's summary of what it handed over"),
	}
}

// Edges of the CaseTransfer.
func (CaseTransfer) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("to_community", Community.Type).Field("to_community_id").Unique().Required().Immutable(),
	}
}

// Indexes of the CaseTransfer: the receiver's list is by its community.
func (CaseTransfer) Indexes() []ent.Index {
	return []ent.Index{index.Fields("case_id"), index.Fields("to_community_id", "status")}
}

// Annotations of the CaseTransfer.
func (CaseTransfer) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("A request to hand a case over to another community or organisation, which the receiving side accepts or declines.")}
}
