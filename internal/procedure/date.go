package procedure

import (
	"fmt"
	"time"
	_ "time/tzdata" // Europe/Kyiv must resolve on hosts without a zoneinfo database.
)

// kyiv is where every community works: a working day starts and ends at
// midnight in Kyiv, whatever the server's zone.
var kyiv = mustLoadLocation("Europe/Kyiv")

func mustLoadLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err) // the embedded tzdata makes this unreachable
	}
	return loc
}

// Kyiv is the Europe/Kyiv location all deadlines are computed in.
func Kyiv() *time.Location { return kyiv }

// Date is a calendar day with no time or zone: holidays are days, not
// instants. It marshals as "2006-01-02" so it stores and travels as text.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// D builds a Date; out-of-range values normalize as time.Date does.
func D(year int, month time.Month, day int) Date {
	return DateOf(time.Date(year, month, day, 12, 0, 0, 0, kyiv))
}

// DateOf is the day t falls on in Kyiv.
func DateOf(t time.Time) Date {
	y, m, d := t.In(kyiv).Date()
	return Date{y, m, d}
}

// DayOf is the calendar day of a date-only field (a birth date, a
// programme's first day), which the API keeps as that day's midnight UTC:
// reading it in Kyiv would give the day before.
func DayOf(stored time.Time) Date {
	y, m, d := stored.UTC().Date()
	return Date{y, m, d}
}

// ParseDate reads "2006-01-02".
func ParseDate(s string) (Date, error) {
	t, err := time.ParseInLocation(time.DateOnly, s, kyiv)
	if err != nil {
		return Date{}, fmt.Errorf("procedure: bad date %q: %w", s, err)
	}
	return DateOf(t), nil
}

func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// noon is a time safely inside the day: stepping by whole days from noon
// never lands on the wrong day across a DST change.
func (d Date) noon() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, kyiv)
}

// AddDays moves by calendar days.
func (d Date) AddDays(n int) Date { return DateOf(d.noon().AddDate(0, 0, n)) }

// Weekday is the day of the week.
func (d Date) Weekday() time.Weekday { return d.noon().Weekday() }

// Before reports whether d is an earlier day than e.
func (d Date) Before(e Date) bool { return d.noon().Before(e.noon()) }

// EndOfDay is the last second of the day in Kyiv: a deadline "within N days"
// lasts to the end of its last day.
func (d Date) EndOfDay() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 23, 59, 59, 0, kyiv)
}

// MarshalText writes "2006-01-02".
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads "2006-01-02".
func (d *Date) UnmarshalText(b []byte) error {
	p, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = p
	return nil
}

// OrthodoxEaster is Easter Sunday as the Orthodox Church of Ukraine and the
// Ukrainian Greek Catholic Church keep it, as a Gregorian date. Their move to
// the revised Julian calendar on 1 September 2023 moved the fixed feasts
// only; Easter is still computed by the Julian paschalion (e.g. 5 May 2024).
// Meeus' Julian algorithm; the +13 days Julian→Gregorian offset holds for
// 1900–2099, the only years a case can have.
func OrthodoxEaster(year int) Date {
	a, b, c := year%4, year%7, year%19
	d := (19*c + 15) % 30
	e := (2*a + 4*b - d + 34) % 7
	month := (d + e + 114) / 31
	day := (d+e+114)%31 + 1
	return D(year, time.Month(month), day+13)
}

// FutureDay reports whether a date-only field's day (kept as that day's
// midnight UTC, see DayOf) is later than the day it is at now in Kyiv.
// Comparing the stored midnight with now itself put the first hours of a
// Kyiv day, before midnight UTC, in the future: a session recorded at
// 01:30 on the day it was held was refused as not held yet.
func FutureDay(stored, now time.Time) bool { return DateOf(now).Before(DayOf(stored)) }
