package server_test

import (
	"strconv"
	"strings"
	"time"

	"github.com/turbota/turbota/internal/platform/clock"
)

// Dates in these tests are counted from the product's clock, never written
// as fixed days: a fixed day is a time bomb once the wall clock passes it,
// and `make test` runs this package again a year ahead
// (TURBOTA_TEST_CLOCK=+1y). The fixtures are built in the template database
// when the test binary starts, so their days are counted from then.
var (
	started = clock.Now().UTC()
	// fixtureDay is when the fixture's work took place: five weeks before
	// the start, at 09:00 UTC, before every date the tests give its steps.
	fixtureDay = time.Date(started.Year(), started.Month(), started.Day()-35, 9, 0, 0, 0, time.UTC)
	// stepDay is when the matrix records steps on the fixture case: after
	// fixtureDay and before any test runs.
	stepDay = fixtureDay.AddDate(0, 0, 19).Add(time.Hour)
)

// dates fills the placeholders the tests write for dates in GraphQL
// documents that carry no variables for them.
var dates = strings.NewReplacer(
	"{{step}}", rfc3339(stepDay), // a step on the fixture case
	"{{step+2h}}", rfc3339(stepDay.Add(2*time.Hour)), // a step later that day
	"{{step+1d}}", rfc3339(stepDay.AddDate(0, 0, 1)), // a step the next day
	"{{step+2d}}", rfc3339(stepDay.AddDate(0, 0, 2)),
	"{{due}}", dayOf(started.AddDate(0, 2, 0)), // a plan action's due day, ahead
	"{{review}}", rfc3339(started.AddDate(0, 3, 0)), // a plan's next review, ahead
	"{{stepDay}}", dayOf(stepDay), // the day of a step, for a Date
	"{{yearStartDay}}", strconv.Itoa(started.Year())+"-01-01", // the year's first day, for a Date
	"{{yearStart}}", rfc3339(time.Date(started.Year(), time.January, 1, 0, 0, 0, 0, time.UTC)),
	"{{year+5}}", strconv.Itoa(started.Year()+5), // a year nobody configured
)

// dated is q with its date placeholders filled.
func dated(q string) string { return dates.Replace(q) }

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func dayOf(t time.Time) string { return t.Format(time.DateOnly) }

// ago is an instant d before now, as a GraphQL Time.
func ago(d time.Duration) string { return rfc3339(clock.Now().Add(-d)) }

// later is an instant d after now, as a GraphQL Time.
func later(d time.Duration) string { return rfc3339(clock.Now().Add(d)) }
