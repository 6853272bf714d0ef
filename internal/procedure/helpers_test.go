package procedure_test

import (
	"testing"
	"time"

	"github.com/turbota/turbota/internal/procedure"
)

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func mustDate(t *testing.T, s string) procedure.Date {
	t.Helper()
	d, err := procedure.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// peacetime is a calendar of years configured as if martial law had ended,
// to test the holiday rules of the Labour Code themselves.
func peacetime(t *testing.T, years ...int) procedure.Calendar {
	t.Helper()
	var ys []procedure.Year
	for _, y := range years {
		ys = append(ys, procedure.Year{Year: y, Holidays: procedure.StatutoryHolidays(y)})
	}
	c, err := procedure.NewCalendar(ys...)
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
