package procedure_test

import (
	"encoding/json"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/turbota/turbota/internal/procedure"
)

func TestOrthodoxEaster(t *testing.T) {
	// 2022–2024 are confirmed by published calendars (Easter Monday
	// 25.04.2022 would have been a day off; Easter 16.04.2023 and 5.05.2024;
	// Trinity 12.06.2022 and 4.06.2023).
	tests := []struct {
		year            int
		easter, trinity string
	}{
		{2022, "2022-04-24", "2022-06-12"},
		{2023, "2023-04-16", "2023-06-04"},
		{2024, "2024-05-05", "2024-06-23"},
		{2025, "2025-04-20", "2025-06-08"},
		{2026, "2026-04-12", "2026-05-31"},
	}
	for _, tt := range tests {
		t.Run(tt.easter, func(t *testing.T) {
			e := procedure.OrthodoxEaster(tt.year)
			if e != mustDate(t, tt.easter) || e.Weekday() != time.Sunday {
				t.Errorf("Easter %d = %s (%s)", tt.year, e, e.Weekday())
			}
			if tr := e.AddDays(49); tr != mustDate(t, tt.trinity) {
				t.Errorf("Trinity %d = %s", tt.year, tr)
			}
		})
	}
}

func TestStatutoryHolidays(t *testing.T) {
	got := procedure.StatutoryHolidays(2025)
	want := []string{"2025-01-01", "2025-03-08", "2025-04-20", "2025-05-01", "2025-05-08", "2025-06-08",
		"2025-06-28", "2025-07-15", "2025-08-24", "2025-10-01", "2025-12-25"}
	var gotS []string
	for _, d := range got {
		gotS = append(gotS, d.String())
	}
	if !slices.Equal(gotS, want) {
		t.Errorf("holidays = %v\nwant %v", gotS, want)
	}
}

func TestIsWorkingDay(t *testing.T) {
	martial := procedure.Default()
	peace := peacetime(t, 2025, 2026)
	tests := []struct {
		name           string
		day            string
		martial, peace bool
	}{
		{"ordinary Tuesday", "2025-03-11", true, true},
		{"Saturday", "2025-03-15", false, false},
		{"Sunday", "2025-03-16", false, false},
		{"holiday on a weekday: 1 May", "2025-05-01", true, false},
		{"holiday on a weekday: 8 May", "2025-05-08", true, false},
		{"Christmas on Thursday", "2025-12-25", true, false},
		{"New Year on Thursday", "2026-01-01", true, false},
		{"Easter Monday: the Sunday's day off moves", "2025-04-21", true, false},
		{"Trinity Monday", "2025-06-09", true, false},
		{"Constitution Day on Saturday moves to Monday", "2025-06-30", true, false},
		{"Independence Day on Sunday moves to Monday", "2025-08-25", true, false},
		{"Tuesday after a moved holiday", "2025-08-26", true, true},
		{"Defenders' Day on Wednesday", "2025-10-01", true, false},
		{"14 October is no longer a holiday", "2025-10-14", true, true},
		{"7 January is no longer a holiday", "2026-01-07", true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustDate(t, tt.day)
			if got := martial.IsWorkingDay(d); got != tt.martial {
				t.Errorf("martial law: IsWorkingDay(%s) = %v", d, got)
			}
			if got := peace.IsWorkingDay(d); got != tt.peace {
				t.Errorf("peacetime: IsWorkingDay(%s) = %v", d, got)
			}
		})
	}
}

func TestYearOverrides(t *testing.T) {
	cal, err := procedure.NewCalendar(procedure.Year{
		Year: 2025,
		// Two holidays on one weekend move to Monday and Tuesday.
		Holidays:         []procedure.Date{mustDate(t, "2025-06-28"), mustDate(t, "2025-06-29")},
		ExtraDaysOff:     []procedure.Date{mustDate(t, "2025-07-04")},
		ExtraWorkingDays: []procedure.Date{mustDate(t, "2025-07-12"), mustDate(t, "2025-07-01")},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		day     string
		working bool
	}{
		{"2025-06-30", false}, // moved from Saturday
		{"2025-07-01", true},  // moved from Sunday, but an extra working day wins
		{"2025-07-02", true},
		{"2025-07-04", false}, // extra day off
		{"2025-07-12", true},  // a Saturday worked
	}
	for _, tt := range tests {
		t.Run(tt.day, func(t *testing.T) {
			if got := cal.IsWorkingDay(mustDate(t, tt.day)); got != tt.working {
				t.Errorf("IsWorkingDay = %v, want %v", got, tt.working)
			}
		})
	}
}

func TestNewCalendarRejects(t *testing.T) {
	tests := []struct {
		name  string
		years []procedure.Year
	}{
		{"year twice", []procedure.Year{{Year: 2025}, {Year: 2025}}},
		{"holiday in another year", []procedure.Year{{Year: 2025, Holidays: []procedure.Date{procedure.D(2026, 1, 1)}}}},
		{"extra day in another year", []procedure.Year{{Year: 2025, ExtraDaysOff: []procedure.Date{procedure.D(2024, 12, 31)}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := procedure.NewCalendar(tt.years...); err == nil {
				t.Error("accepted")
			}
		})
	}
}

func TestDerivedYears(t *testing.T) {
	newYear2027 := mustDate(t, "2027-01-01") // a Friday
	tests := []struct {
		name    string
		cal     procedure.Calendar
		working bool
	}{
		{"default keeps martial law in force", procedure.Default(), true},
		{"peacetime carries forward", peacetime(t, 2026), false},
		{"only a later year configured", peacetime(t, 2030), false},
		{"nothing configured counts weekends only", procedure.Calendar{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.cal.IsWorkingDay(newYear2027); got != tt.working {
				t.Errorf("IsWorkingDay(1 Jan 2027) = %v, want %v", got, tt.working)
			}
		})
	}
}

func TestDefaultYears(t *testing.T) {
	years := procedure.Default().Years()
	if len(years) != 5 || years[0].Year != 2022 || years[4].Year != 2026 {
		t.Fatalf("years = %+v", years)
	}
	for _, y := range years {
		t.Run(strconv.Itoa(y.Year), func(t *testing.T) {
			if !y.HolidaysAreWorkingDays || y.Note == "" || len(y.Holidays) != 11 {
				t.Errorf("year %+v", y)
			}
		})
	}
}

func TestAddWorkingDays(t *testing.T) {
	martial := procedure.Default()
	peace := peacetime(t, 2025, 2026)
	tests := []struct {
		name  string
		cal   procedure.Calendar
		start string
		n     int
		want  string
	}{
		{"within a week", martial, "2026-02-02T10:00:00+02:00", 3, "2026-02-05T10:00:00+02:00"},
		{"over a weekend", martial, "2026-02-05T10:00:00+02:00", 2, "2026-02-09T10:00:00+02:00"},
		{"from a Saturday", martial, "2026-02-07T10:00:00+02:00", 1, "2026-02-09T10:00:00+02:00"},
		{"zero", martial, "2026-02-07T10:00:00+02:00", 0, "2026-02-07T10:00:00+02:00"},
		{"backwards over a weekend", martial, "2026-02-09T10:00:00+02:00", -1, "2026-02-06T10:00:00+02:00"},
		{"holiday under martial law is worked", martial, "2025-04-30T10:00:00+03:00", 1, "2025-05-01T10:00:00+03:00"},
		{"holiday in peacetime is skipped", peace, "2025-04-30T10:00:00+03:00", 1, "2025-05-02T10:00:00+03:00"},
		{"year boundary, martial law", martial, "2025-12-31T10:00:00+02:00", 1, "2026-01-01T10:00:00+02:00"},
		{"year boundary, peacetime", peace, "2025-12-31T10:00:00+02:00", 1, "2026-01-02T10:00:00+02:00"},
		{"over Christmas and New Year, peacetime", peace, "2025-12-24T10:00:00+02:00", 6, "2026-01-05T10:00:00+02:00"},
		{"UTC input is read in Kyiv", martial, "2026-01-01T22:30:00Z", 1, "2026-01-05T00:30:00+02:00"},
		{"spring DST change keeps the wall clock", martial, "2026-03-27T10:00:00+02:00", 1, "2026-03-30T10:00:00+03:00"},
		{"autumn DST change keeps the wall clock", martial, "2026-10-23T10:00:00+03:00", 1, "2026-10-26T10:00:00+02:00"},
		// Years nobody configured (the suite runs a year ahead too): derived,
		// under the regime of the last configured year.
		{"derived 2027 into 2028, martial law", martial, "2027-12-31T10:00:00+02:00", 1, "2028-01-03T10:00:00+02:00"},
		{"derived 2028, Christmas worked under martial law", martial, "2028-12-22T10:00:00+02:00", 1, "2028-12-25T10:00:00+02:00"},
		{"derived 2028, Christmas off in peacetime", peace, "2028-12-22T10:00:00+02:00", 1, "2028-12-26T10:00:00+02:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.cal.AddWorkingDays(mustTime(t, tt.start), tt.n)
			if want := mustTime(t, tt.want); !got.Equal(want) {
				t.Errorf("got %s, want %s", got, want)
			}
		})
	}
}

func TestNextWorkingDay(t *testing.T) {
	tests := []struct {
		name        string
		cal         procedure.Calendar
		start, want string
	}{
		{"Friday to Monday", procedure.Default(), "2026-02-06T09:00:00+02:00", "2026-02-09T09:00:00+02:00"},
		{"Easter Monday is off in peacetime", peacetime(t, 2026), "2026-04-10T09:00:00+03:00", "2026-04-14T09:00:00+03:00"},
		{"Easter Monday is worked under martial law", procedure.Default(), "2026-04-10T09:00:00+03:00", "2026-04-13T09:00:00+03:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.cal.NextWorkingDay(mustTime(t, tt.start)); !got.Equal(mustTime(t, tt.want)) {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestYearJSON(t *testing.T) {
	in := procedure.DefaultYears()[4]
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	var out procedure.Year
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(in.Holidays, out.Holidays) || out.HolidaysAreWorkingDays != in.HolidaysAreWorkingDays {
		t.Errorf("round trip: %s", b)
	}
	if err := json.Unmarshal([]byte(`{"year":2026,"holidays":["2026-13-01"]}`), &out); err == nil {
		t.Error("bad date accepted")
	}
}
