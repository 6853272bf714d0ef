package scalars_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/turbota/turbota/graph/scalars"
	"github.com/turbota/turbota/internal/procedure"
)

func written(m graphql.Marshaler) string {
	var b bytes.Buffer
	m.MarshalGQL(&b)
	return b.String()
}

func TestTimeIsUTCWholeSeconds(t *testing.T) {
	kyiv := procedure.Kyiv()
	for _, tc := range []struct {
		in   time.Time
		want string
	}{
		{time.Date(2026, 12, 7, 11, 30, 15, 987654321, kyiv), `"2026-12-07T09:30:15Z"`},
		{time.Date(2026, 7, 1, 0, 0, 0, 0, kyiv), `"2026-06-30T21:00:00Z"`}, // summer time: +03:00
		{time.Date(2026, 12, 7, 9, 30, 0, 0, time.UTC), `"2026-12-07T09:30:00Z"`},
		{time.Time{}, `null`},
	} {
		if got := written(scalars.MarshalTime(tc.in)); got != tc.want {
			t.Errorf("MarshalTime(%v) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestTimeReadsAnyOffset(t *testing.T) {
	got, err := scalars.UnmarshalTime("2026-12-07T11:30:00+02:00")
	if err != nil || !got.Equal(time.Date(2026, 12, 7, 9, 30, 0, 0, time.UTC)) || got.Location() != time.UTC {
		t.Fatalf("UnmarshalTime = %v, %v", got, err)
	}
	for _, bad := range []any{"2026-12-07", "07.12.2026 11:30", "2026-12-07T11:30:00", 1733563800, nil} {
		if _, err := scalars.UnmarshalTime(bad); err == nil {
			t.Errorf("UnmarshalTime(%#v) accepted", bad)
		}
	}
}

func TestDateIsTheCalendarDay(t *testing.T) {
	// A date-only field is kept as its day's midnight UTC; in Kyiv that is
	// already the same day, but reading it in Kyiv must not be needed.
	if got := written(scalars.MarshalDate(time.Date(2015, 3, 1, 0, 0, 0, 0, time.UTC))); got != `"2015-03-01"` {
		t.Errorf("MarshalDate = %s", got)
	}
	d, err := scalars.UnmarshalDate("2015-03-01")
	if err != nil || !d.Equal(time.Date(2015, 3, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("UnmarshalDate = %v, %v", d, err)
	}
	for _, bad := range []any{"2015-3-1", "01.03.2015", "2015-02-30", "2015-03-01T00:00:00Z", "", 20150301, nil} {
		if _, err := scalars.UnmarshalDate(bad); err == nil {
			t.Errorf("UnmarshalDate(%#v) accepted", bad)
		}
		if _, err := scalars.UnmarshalDateString(bad); err == nil {
			t.Errorf("UnmarshalDateString(%#v) accepted", bad)
		}
	}
	if s, err := scalars.UnmarshalDateString("2026-12-31"); err != nil || s != "2026-12-31" || written(scalars.MarshalDateString(s)) != `"2026-12-31"` {
		t.Errorf("DateString round trip = %q, %v", s, err)
	}
	if got := written(scalars.MarshalDay(procedure.D(2026, 1, 7))); got != `"2026-01-07"` {
		t.Errorf("MarshalDay = %s", got)
	}
}
