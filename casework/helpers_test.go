package casework_test

import (
	"testing"
	"time"

	"github.com/turbota/turbota/casework"
)

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func mustDate(t *testing.T, s string) casework.Date {
	t.Helper()
	d, err := casework.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// peacetime is a calendar of years configured as if martial law had ended,
// to test the holiday rules of the Labour Code themselves.
func peacetime(t *testing.T, years ...int) casework.Calendar {
	t.Helper()
	var ys []casework.Year
	for _, y := range years {
		ys = append(ys, casework.Year{Year: y, Holidays: casework.StatutoryHolidays(y)})
	}
	c, err := casework.NewCalendar(ys...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// endOfDay is the deadline end of a Kyiv day given as "2006-01-02".
func endOfDay(t *testing.T, s string) time.Time {
	t.Helper()
	return mustDate(t, s).EndOfDay()
}
