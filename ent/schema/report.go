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
	"github.com/turbota/turbota/ent/schema/schematype"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
)

// Report is a report about a child at risk (повідомлення); registering it
// starts the clock of the case.
type Report struct{ ent.Schema }

// Mixin of the Report.
func (Report) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("RP"), TimeMixin{}, TenantMixin{}}
}

// Fields of the Report.
func (Report) Fields() []ent.Field {
	return []ent.Field{
		field.Time("received_at").Comment("When the report was received; by default, when it was registered").Default(clock.Now).Immutable().Annotations(entgql.OrderField("RECEIVED_AT")),
		field.Enum("source").Comment("Who or what the report came from").Values("SCHOOL", "HEALTH_FACILITY", "POLICE", "NEIGHBOUR", "HOTLINE", "FAMILY", "OTHER").
			Annotations(entgql.OrderField("SOURCE")),
		field.Enum("urgency").Comment("How urgent the report is").Values("ROUTINE", "URGENT", "IMMEDIATE").Default("ROUTINE").
			Annotations(entgql.OrderField("URGENCY")),
		field.Enum("status").Comment("Where the report stands").Values("REGISTERED", "IN_ASSESSMENT", "CLOSED").Default("REGISTERED").
			Annotations(entgql.OrderField("STATUS"), entgql.Skip(entgql.SkipMutationCreateInput)),
		field.JSON("categories", []procedure.Category{}).Optional().
			Annotations(entgql.Type("[ReportCategory!]")).Comment("What the report is about; violence categories protect the case from refusal"),
		field.Text("summary").Comment("What was reported").NotEmpty().MaxLen(10000),
		field.String("reporter_contact").Comment("How to reach the reporter, if they gave a contact").Optional().MaxLen(300),
		field.String("family_id").GoType(pulid.ID("")).Optional().Nillable().Annotations(entgql.Type("ID")),
		field.JSON("corrections", []schematype.ReportCorrection{}).Optional().
			Annotations(entgql.Skip(entgql.SkipAll)).
			Comment("The corrections of the report with the values before and after (correctReport), oldest first"),
		field.String("submitted_by").Optional().Immutable().
			Annotations(entgql.Skip(entgql.SkipAll)).
			Comment("The casbin subject that submitted it (user:… or api:…): partners see only their own reports"),
	}
}

// Edges of the Report.
func (Report) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("family", Family.Type).Ref("reports").Field("family_id").Unique(),
		edge.To("children", Person.Type),
		edge.To("case", CaseFile.Type).Unique().Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// Policy of the Report, on top of the tenant policy: reporting partners
// follow their own reports only; one who reads a report but may not
// correct it (a school that submitted it) hears FORBIDDEN.
func (Report) Policy() ent.Policy {
	return privacy.Policy{Query: privacy.QueryPolicy{authz.FilterOwnReports(), authz.FilterViolenceReports()},
		Mutation: privacy.MutationPolicy{authz.RequireRoleToUpdate()}}
}

// Indexes of the Report.
func (Report) Indexes() []ent.Index {
	// A family's and a case's reports are read by those keys.
	return []ent.Index{index.Fields("community_id", "received_at", "id"), index.Fields("community_id", "family_id"),
		index.Fields("community_id").Edges("case")}
}

// Annotations of the Report.
func (Report) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("A report about a child at risk (повідомлення); registering it starts the clock of a case."),
		entgql.QueryField(), entgql.RelayConnection(),
		// Corrected only through correctReport, which keeps the reason and the
		// values before and after; its status follows its case.
		entgql.Mutations(entgql.MutationCreate()),
	}
}
