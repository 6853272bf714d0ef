package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent/privacy"

	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/procedure"
)

// CalendarYear is a community's own version of one year of the working-day
// calendar (holidays, the martial-law regime, one-off moves), replacing the
// year Turbota ships with when deadlines of the community are computed.
type CalendarYear struct{ ent.Schema }

// Mixin of the CalendarYear.
func (CalendarYear) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("CY"), TimeMixin{}, TenantMixin{}}
}

// Fields of the CalendarYear.
func (CalendarYear) Fields() []ent.Field {
	return []ent.Field{
		field.Int("year").Range(2000, 2100),
		field.JSON("config", procedure.Year{}).Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Annotations of the CalendarYear: the API shows years as CalendarYearConfig.
func (CalendarYear) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

// Indexes of the CalendarYear.
func (CalendarYear) Indexes() []ent.Index {
	return []ent.Index{index.Fields("community_id", "year").Unique()}
}

// Policy of the CalendarYear, on top of the tenant policy: a community's
// calendar asked for by its ID is there only for its readers
// (authz.RequireCalendarReader); who sets a year (authz.RequireCalendarKeeper).
func (CalendarYear) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{authz.RequireCalendarReader()},
		Mutation: privacy.MutationPolicy{authz.RequireCalendarKeeper()},
	}
}
