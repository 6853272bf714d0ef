package schema

import (
	"regexp"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"

	"github.com/turbota/turbota/ent/schema/pulid"
)

// Organization is a body that works in a community: the children's service,
// the social protection department, a provider, the guardianship body, a
// partner that reports, or a regional body seated there.
type Organization struct{ ent.Schema }

// Mixin of the Organization.
func (Organization) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("OR"), TimeMixin{}, TenantMixin{}}
}

// organizationKinds are the kinds of organisation; a consent may name one.
var organizationKinds = []string{
	"CHILDREN_SERVICE", "SOCIAL_PROTECTION", "PUBLIC_PROVIDER", "NGO_PROVIDER",
	"GUARDIANSHIP_BODY", "PARTNER", "REGIONAL_BODY",
}

// The letterhead's checked fields: the EDRPOU code is 8 digits; a phone
// is digits with the usual separators; an e-mail has one @ and a dot after it.
var (
	edrpouPattern = regexp.MustCompile(`^[0-9]{8}$`)
	phonePattern  = regexp.MustCompile(`^\+?[0-9][0-9 ()\-]{4,30}$`)
	emailPattern  = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
)

// Fields of the Organization.
func (Organization) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").Comment("The organisation's name").NotEmpty().MaxLen(300).Annotations(entgql.OrderField("NAME")),
		field.Enum("kind").Comment("What kind of body it is").Values(organizationKinds...).Annotations(entgql.OrderField("KIND")),
		field.String("edrpou").Optional().MaxLen(10).Match(edrpouPattern).
			Comment("Registration code (ЄДРПОУ): 8 digits, kept to reconcile with state registers and printed on the letterhead"),
		field.String("provider_register_number").Optional().MaxLen(64).
			Comment("Number in the register of social service providers"),
		// The letterhead of the official documents the body issues
		// (internal/documents): what a reader of the paper needs to know
		// who wrote it and how to reach them.
		field.String("full_name").Optional().MaxLen(500).
			Comment("The body's full official name as the letterhead prints it; the name when empty"),
		field.String("parent_body").Optional().MaxLen(500).
			Comment("The body it belongs to (e.g. the community's council or executive committee), printed above the name"),
		field.String("address").Optional().MaxLen(500).Comment("Postal address printed on the letterhead"),
		field.String("phone").Optional().MaxLen(64).Match(phonePattern).Comment("Telephone printed on the letterhead"),
		field.String("email").Optional().MaxLen(254).Match(emailPattern).Comment("E-mail printed on the letterhead"),
		field.String("head_position").Optional().MaxLen(300).
			Comment("The head's position, as signed under the body's documents (e.g. «Директор»)"),
		field.String("head_name").Optional().MaxLen(200).
			Comment("The head's name, as signed under the body's documents"),
	}
}

// Edges of the Organization.
func (Organization) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("memberships", Membership.Type).Ref("organization").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Annotations of the Organization.
func (Organization) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("A body that works in a community: the children's service, the social protection department, a service provider, the guardianship body, a school, a health facility."),
		entgql.QueryField(), entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}
