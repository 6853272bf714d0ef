package workflow

import (
	"context"
	"slices"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/calendaryear"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/tenant"
)

// Calendars builds the working-day calendars of communities: the years
// Turbota ships with, each replaced by the community's own version where
// its administrator set one. Deadlines read them past the privacy rules:
// whoever may see a deadline may know the calendar it is counted in.
type Calendars struct {
	c    *ent.Client
	byID map[pulid.ID]procedure.Calendar
}

// NewCalendars starts an empty cache for one request.
func NewCalendars(c *ent.Client) *Calendars {
	return &Calendars{c: c, byID: map[pulid.ID]procedure.Calendar{}}
}

// For returns the calendar of a community.
func (cs *Calendars) For(ctx context.Context, community pulid.ID) (procedure.Calendar, error) {
	if cal, ok := cs.byID[community]; ok {
		return cal, nil
	}
	if err := cs.Preload(ctx, []pulid.ID{community}); err != nil {
		return procedure.Calendar{}, err
	}
	return cs.byID[community], nil
}

// Preload reads the calendars of the communities not read yet in one query
// (a batch job asks for hundreds at once).
func (cs *Calendars) Preload(ctx context.Context, communities []pulid.ID) error {
	var missing []pulid.ID
	for _, id := range communities {
		if _, ok := cs.byID[id]; !ok && !slices.Contains(missing, id) {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	own, err := cs.c.CalendarYear.Query().Where(calendaryear.CommunityIDIn(missing...)).
		All(tenant.Bypass(ctx, "read the holiday calendar: reference data for deadlines"))
	if err != nil {
		return err
	}
	for _, id := range missing {
		years := procedure.DefaultYears()
		for _, y := range own {
			if y.CommunityID == id {
				years = slices.DeleteFunc(years, func(d procedure.Year) bool { return d.Year == y.Year })
				years = append(years, y.Config)
			}
		}
		cal, err := procedure.NewCalendar(years...)
		if err != nil {
			return err
		}
		cs.byID[id] = cal
	}
	return nil
}

// calendarOf is the calendar of a case's community.
func calendarOf(ctx context.Context, c *ent.Client, cf *ent.CaseFile) (procedure.Calendar, error) {
	return NewCalendars(c).For(ctx, cf.CommunityID)
}

// CalendarYear is one year of a community's calendar as deadlines use it.
func CalendarYear(ctx context.Context, c *ent.Client, community pulid.ID, year int) (procedure.Year, bool, error) {
	// The calendar's policy answers NOT_FOUND for a community whose
	// calendars the viewer may not read (authz.RequireCalendarReader).
	row, err := c.CalendarYear.Query().Where(calendaryear.CommunityID(community), calendaryear.Year(year)).
		Only(authz.CalendarOf(ctx, community))
	if err == nil {
		return row.Config, true, nil
	}
	if !ent.IsNotFound(err) {
		return procedure.Year{}, false, err
	}
	return procedure.Default().Resolved(year), false, nil
}

// SetCalendarYear stores a community's own version of a year.
func SetCalendarYear(ctx context.Context, c *ent.Client, community pulid.ID, y procedure.Year) (procedure.Year, error) {
	set := c.CalendarYear.Create().SetCommunityID(community).SetYear(y.Year).SetConfig(y)
	if err := askPolicy(ctx, calendaryear.Policy, set.Mutation()); err != nil {
		return y, err
	}
	if _, err := procedure.NewCalendar(y); err != nil {
		return y, inputErr("holidays", err.Error())
	}
	err := set.OnConflictColumns(calendaryear.FieldCommunityID, calendaryear.FieldYear).UpdateConfig().UpdateUpdatedAt().
		Exec(ctx)
	return y, err
}

// ResetCalendarYear drops a community's own version of a year. Resetting
// a year sets it back to Turbota's own, so it asks the calendar's policy
// about setting that year (the drop itself matches only rows the role may
// delete, and a year the community never set has nothing to drop).
func ResetCalendarYear(ctx context.Context, c *ent.Client, community pulid.ID, year int) (procedure.Year, error) {
	set := c.CalendarYear.Create().SetCommunityID(community).SetYear(year).SetConfig(procedure.Default().Resolved(year))
	if err := askPolicy(ctx, calendaryear.Policy, set.Mutation()); err != nil {
		return procedure.Year{}, err
	}
	if _, err := c.CalendarYear.Delete().Where(calendaryear.CommunityID(community), calendaryear.Year(year)).Exec(ctx); err != nil {
		return procedure.Year{}, err
	}
	return procedure.Default().Resolved(year), nil
}
