package authz

import (
	"context"
	"fmt"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/privacy"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/tenant"
)

// Rules of the working-day calendar family.

const objCalendarYear = "calendar_year"

// RequireCalendarKeeper: a community's own version of a year is set by an
// upsert, a create that may replace the year set before, so it needs the
// right to change the calendar as well as to add to it; a role without it
// in a community it may write in hears so.
func RequireCalendarKeeper() privacy.MutationRule {
	return privacy.CalendarYearMutationRuleFunc(func(ctx context.Context, m *ent.CalendarYearMutation) error {
		if !m.Op().Is(ent.OpCreate) {
			return privacy.Skip
		}
		a, v, err := from(ctx)
		if err != nil {
			return err
		}
		cm, _ := m.CommunityID()
		switch {
		case !v.CanWrite(cm):
			return fmt.Errorf("%w: %w", tenant.ErrNotVisible, privacy.Deny)
		case !a.Allowed(v, cm, objCalendarYear, ActUpdate):
			return forbidden()
		}
		return privacy.Skip
	})
}

type calendarKey struct{}

// CalendarOf marks ctx as a query of one community's calendar, by its
// community ID (the API's calendar field): the community's calendar is
// there for the viewer only where they may read calendars.
func CalendarOf(ctx context.Context, community pulid.ID) context.Context {
	return context.WithValue(ctx, calendarKey{}, community)
}

// RequireCalendarReader answers a query marked by CalendarOf NOT_FOUND
// unless the viewer may read the community's calendar, rather than the
// empty answer the filters give (which a caller would take for "no own
// version"). Unmarked queries pass by.
func RequireCalendarReader() privacy.QueryRule {
	return privacy.CalendarYearQueryRuleFunc(func(ctx context.Context, _ *ent.CalendarYearQuery) error {
		cm, ok := ctx.Value(calendarKey{}).(pulid.ID)
		if !ok {
			return privacy.Skip
		}
		a, v, err := from(ctx)
		if err != nil {
			return err
		}
		if !v.CanRead(cm) || !a.Allowed(v, cm, objCalendarYear, ActRead) {
			return fmt.Errorf("%w: %w", tenant.ErrNotVisible, privacy.Deny)
		}
		return privacy.Skip
	})
}
