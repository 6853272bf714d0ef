// Package scalars holds the API's two time scalars, so every time in a
// response has one shape: Time is an instant, written RFC 3339 in UTC with
// "Z" and whole seconds; Date is a calendar day, written YYYY-MM-DD with no
// zone. gqlgen finds the Marshal*/Unmarshal* pairs by name (gqlgen.yml).
package scalars

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/turbota/turbota/internal/procedure"
)

// TimeLayout is how every instant leaves the API.
const TimeLayout = "2006-01-02T15:04:05Z"

// MarshalTime writes an instant in UTC, whole seconds.
func MarshalTime(t time.Time) graphql.Marshaler {
	if t.IsZero() {
		return graphql.Null
	}
	return quoted(t.UTC().Format(TimeLayout))
}

// UnmarshalTime reads an RFC 3339 instant with any offset.
func UnmarshalTime(v any) (time.Time, error) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, errors.New("an instant is an RFC 3339 string, e.g. 2026-12-07T09:30:00Z")
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not an RFC 3339 instant (e.g. 2026-12-07T09:30:00Z)", s)
	}
	return t.UTC(), nil
}

// MarshalDate writes the day of a date-only field. The database keeps it as
// that day's midnight UTC (procedure.DayOf), so the day is read in UTC.
func MarshalDate(t time.Time) graphql.Marshaler {
	if t.IsZero() {
		return graphql.Null
	}
	return quoted(procedure.DayOf(t).String())
}

// UnmarshalDate reads YYYY-MM-DD as that day's midnight UTC.
func UnmarshalDate(v any) (time.Time, error) {
	d, err := UnmarshalDay(v)
	if err != nil {
		return time.Time{}, err
	}
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC), nil
}

// MarshalDay writes a procedure date.
func MarshalDay(d procedure.Date) graphql.Marshaler { return quoted(d.String()) }

// UnmarshalDay reads YYYY-MM-DD as a procedure date.
func UnmarshalDay(v any) (procedure.Date, error) {
	s, ok := v.(string)
	if !ok {
		return procedure.Date{}, errors.New("a date is a YYYY-MM-DD string, e.g. 2026-12-07")
	}
	d, err := procedure.ParseDate(s)
	if err != nil || d.String() != s {
		// ParseDate normalizes nothing, but a round trip also refuses
		// forms like "2026-2-7" some parsers accept.
		return procedure.Date{}, fmt.Errorf("%q is not a date (YYYY-MM-DD, e.g. 2026-12-07)", s)
	}
	return d, nil
}

// MarshalDateString writes a date kept as text in a JSON column.
func MarshalDateString(s string) graphql.Marshaler { return quoted(s) }

// UnmarshalDateString checks YYYY-MM-DD and keeps the text.
func UnmarshalDateString(v any) (string, error) {
	d, err := UnmarshalDay(v)
	if err != nil {
		return "", err
	}
	return d.String(), nil
}

func quoted(s string) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(s)) })
}
