package procedure

import (
	"fmt"
	"maps"
	"slices"
	"time"
)

// Year is one year of the working-day calendar as an administrator edits it
// and the database stores it.
type Year struct {
	Year int `json:"year"`
	// Holidays are the public holidays and religious days off of Labour
	// Code art. 73 falling in this year.
	Holidays []Date `json:"holidays"`
	// HolidaysAreWorkingDays is set while martial law is in force: Law
	// No. 2136-IX "On the organization of labour relations under martial
	// law", art. 6 part 6, suspends Labour Code art. 73 (holidays) and
	// art. 67 parts 3–5 (moving a day off that falls on a holiday), so
	// holidays are ordinary working days and nothing is moved. An
	// administrator must clear it when martial law ends; if it ends in the
	// middle of a year, clear it and delete the holidays before that date.
	HolidaysAreWorkingDays bool `json:"holidaysAreWorkingDays"`
	// ExtraDaysOff and ExtraWorkingDays are one-off changes, e.g. a working
	// day moved by a Cabinet recommendation. They win over everything else.
	ExtraDaysOff     []Date `json:"extraDaysOff,omitempty"`
	ExtraWorkingDays []Date `json:"extraWorkingDays,omitempty"`
	// Note says where the data came from, for the administrator.
	Note string `json:"note,omitempty"`
}

// Calendar tells working days from days off. It is immutable once built and
// safe for concurrent use.
//
// A year nobody configured is derived: the holidays of art. 73 in its
// current wording (StatutoryHolidays) under the regime of the nearest
// configured year before it (after it, if none is before). Carrying the
// regime forward is the conservative choice: while martial law lasts,
// counting holidays as days off would put deadlines later than the law
// allows. A calendar with no year at all counts weekends only, for the same
// reason.
type Calendar struct {
	years map[int]yearDays
}

// yearDays is a year resolved to the days that differ from "Monday to
// Friday work".
type yearDays struct {
	config  Year
	off     map[Date]bool // holidays kept as days off, days moved by art. 67, extra days off
	working map[Date]bool // extra working days
}

// NewCalendar builds a calendar from per-year configuration.
func NewCalendar(years ...Year) (Calendar, error) {
	c := Calendar{years: make(map[int]yearDays, len(years))}
	for _, y := range years {
		if _, dup := c.years[y.Year]; dup {
			return Calendar{}, fmt.Errorf("procedure: year %d configured twice", y.Year)
		}
		if err := y.validate(); err != nil {
			return Calendar{}, err
		}
		c.years[y.Year] = resolve(y)
	}
	return c, nil
}

func (y Year) validate() error {
	for _, list := range [][]Date{y.Holidays, y.ExtraDaysOff, y.ExtraWorkingDays} {
		for _, d := range list {
			if d.Year != y.Year {
				return fmt.Errorf("procedure: date %s listed under year %d", d, y.Year)
			}
		}
	}
	return nil
}

// resolve applies art. 67 part 3: when a holiday falls on a Saturday or
// Sunday, the day off moves to the next working day. Easter and Trinity are
// always Sundays, so in peacetime they always give a Monday off.
func resolve(y Year) yearDays {
	yd := yearDays{config: y, off: map[Date]bool{}, working: map[Date]bool{}}
	if !y.HolidaysAreWorkingDays {
		holidays := slices.SortedFunc(slices.Values(y.Holidays), compareDates)
		for _, h := range holidays {
			yd.off[h] = true
		}
		for _, h := range holidays {
			if isWeekend(h) {
				yd.off[nextFreeWeekday(h, yd.off)] = true
			}
		}
	}
	for _, d := range y.ExtraDaysOff {
		yd.off[d] = true
	}
	for _, d := range y.ExtraWorkingDays {
		delete(yd.off, d)
		yd.working[d] = true
	}
	return yd
}

// nextFreeWeekday is the first Monday-to-Friday after d that is not already
// off: two holidays on one weekend move to Monday and Tuesday.
func nextFreeWeekday(d Date, off map[Date]bool) Date {
	for d = d.AddDays(1); isWeekend(d) || off[d]; d = d.AddDays(1) {
	}
	return d
}

func isWeekend(d Date) bool {
	wd := d.Weekday()
	return wd == time.Saturday || wd == time.Sunday
}

func compareDates(a, b Date) int { return a.noon().Compare(b.noon()) }

// IsWorkingDay reports whether d is a working day.
func (c Calendar) IsWorkingDay(d Date) bool {
	yd := c.year(d.Year)
	switch {
	case yd.working[d]:
		return true
	case yd.off[d]:
		return false
	}
	return !isWeekend(d)
}

// year returns the configured year or derives it (see Calendar).
func (c Calendar) year(y int) yearDays {
	if yd, ok := c.years[y]; ok {
		return yd
	}
	regime, ok := c.regimeFor(y)
	if !ok {
		return yearDays{}
	}
	return resolve(Year{Year: y, Holidays: StatutoryHolidays(y), HolidaysAreWorkingDays: regime})
}

// regimeFor is HolidaysAreWorkingDays of the nearest configured year before
// y, else after it; ok is false when nothing is configured.
func (c Calendar) regimeFor(y int) (holidaysWork bool, ok bool) {
	if len(c.years) == 0 {
		return false, false
	}
	configured := slices.Sorted(maps.Keys(c.years))
	i, _ := slices.BinarySearch(configured, y)
	if i > 0 {
		i--
	}
	return c.years[configured[i]].config.HolidaysAreWorkingDays, true
}

// AddWorkingDays moves t forward by n working days (back, for negative n),
// keeping its wall-clock time in Kyiv. Counting starts on the day after t, as
// a legal term does, whether or not t's own day is a working day; n == 0
// returns t unchanged.
func (c Calendar) AddWorkingDays(t time.Time, n int) time.Time {
	d := c.addWorkingDays(DateOf(t), n)
	k := t.In(kyiv)
	return time.Date(d.Year, d.Month, d.Day, k.Hour(), k.Minute(), k.Second(), k.Nanosecond(), kyiv)
}

func (c Calendar) addWorkingDays(d Date, n int) Date {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		d = d.AddDays(step)
		if c.IsWorkingDay(d) {
			n--
		}
	}
	return d
}

// NextWorkingDay is the same wall-clock time on the first working day after t.
func (c Calendar) NextWorkingDay(t time.Time) time.Time { return c.AddWorkingDays(t, 1) }

// Years returns the configured years, in order, for the administrator to edit.
func (c Calendar) Years() []Year {
	out := make([]Year, 0, len(c.years))
	for _, y := range slices.Sorted(maps.Keys(c.years)) {
		out = append(out, c.years[y].config)
	}
	return out
}

// StatutoryHolidays lists the days off of Labour Code art. 73 in the wording
// in force since 2023 (Law No. 3107-IX of 29.05.2023 moved Victory Day to
// 8 May; the law on bill No. 9431, signed 28.07.2023, moved Statehood Day to
// 15 July, Defenders' Day to 1 October and left 25 December as the only
// Christmas): 1 Jan, 8 Mar, Easter, 1 May, 8 May, Trinity, 28 Jun, 15 Jul,
// 24 Aug, 1 Oct, 25 Dec. Easter and Trinity (Easter + 49 days) follow the
// Julian paschalion. Years before 2024 had a different list: configure them
// explicitly if they matter.
func StatutoryHolidays(year int) []Date {
	easter := OrthodoxEaster(year)
	days := []Date{
		D(year, time.January, 1),
		D(year, time.March, 8),
		easter,
		D(year, time.May, 1),
		D(year, time.May, 8),
		easter.AddDays(49),
		D(year, time.June, 28),
		D(year, time.July, 15),
		D(year, time.August, 24),
		D(year, time.October, 1),
		D(year, time.December, 25),
	}
	slices.SortFunc(days, compareDates)
	return days
}

// martialLawNote is the source the default years cite.
const martialLawNote = "Воєнний стан з 24.02.2022: ч. 6 ст. 6 Закону № 2136-IX не застосовує ст. 73 і ч. 3–5 ст. 67 КЗпП — святкові дні є робочими. Змініть, коли воєнний стан припиниться."

// DefaultYears is the calendar Turbota ships with: 2022–2026 under martial
// law, with the holidays art. 73 listed in each year. 2022 and 2023 list the
// holidays of the wording then in force (7 January and 9 May; 14 October in
// 2022; the 2023 changes to Defenders' Day took effect before 1 October
// 2023). Later years are derived and keep the martial-law regime until an
// administrator configures them.
func DefaultYears() []Year {
	years := []Year{
		{Year: 2022, Holidays: []Date{
			D(2022, 1, 1), D(2022, 1, 7), D(2022, 3, 8), OrthodoxEaster(2022), D(2022, 5, 1),
			D(2022, 5, 9), OrthodoxEaster(2022).AddDays(49), D(2022, 6, 28), D(2022, 8, 24),
			D(2022, 10, 14), D(2022, 12, 25),
		}},
		{Year: 2023, Holidays: []Date{
			D(2023, 1, 1), D(2023, 1, 7), D(2023, 3, 8), OrthodoxEaster(2023), D(2023, 5, 1),
			D(2023, 5, 9), OrthodoxEaster(2023).AddDays(49), D(2023, 6, 28), D(2023, 8, 24),
			D(2023, 10, 1), D(2023, 12, 25),
		}},
	}
	for y := 2024; y <= 2026; y++ {
		years = append(years, Year{Year: y, Holidays: StatutoryHolidays(y)})
	}
	for i := range years {
		years[i].HolidaysAreWorkingDays = true
		years[i].Note = martialLawNote
	}
	return years
}

// Default is the calendar built from DefaultYears.
func Default() Calendar {
	c, err := NewCalendar(DefaultYears()...)
	if err != nil {
		panic(err) // DefaultYears is fixed data, checked by the tests
	}
	return c
}

// Resolved is one year as the calendar counts it: the configured year, or
// the one derived for it (see Calendar).
func (c Calendar) Resolved(y int) Year {
	if yd, ok := c.years[y]; ok {
		return yd.config
	}
	regime, _ := c.regimeFor(y)
	out := Year{Year: y, Holidays: StatutoryHolidays(y), HolidaysAreWorkingDays: regime}
	if regime {
		out.Note = martialLawNote
	}
	return out
}
