package clock

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"testing"
	"time"
)

// EnvVar moves the clock of a test binary (and only of a test binary: the
// server never reads it), so that the suite can be run on another day:
//
//	TURBOTA_TEST_CLOCK=+1y              a year ahead of the wall clock (also -2y, +3mo, +10d)
//	TURBOTA_TEST_CLOCK=+720h            ahead by a Go duration
//	TURBOTA_TEST_CLOCK=2027-06-01       as if the wall clock read 2027-06-01 00:00 UTC at start
//	TURBOTA_TEST_CLOCK=2027-06-01T09:00:00+03:00
//
// The clock keeps running from there. `make test` runs the date-sensitive
// packages a second time with +1y.
const EnvVar = "TURBOTA_TEST_CLOCK"

func init() {
	if !testing.Testing() {
		return
	}
	v, ok := os.LookupEnv(EnvVar)
	if !ok || v == "" {
		return
	}
	d, err := ParseShift(v, time.Now())
	if err != nil {
		// A test run asked for another day and cannot have it: failing is
		// the only honest answer.
		panic(err)
	}
	Shift(d)
	fmt.Fprintf(os.Stderr, "clock: %s=%s, the clock reads %s\n", EnvVar, v, Now().Format(time.RFC3339))
}

var calendarShift = regexp.MustCompile(`^([+-])(\d+)(y|mo|d)$`)

// ParseShift turns a TURBOTA_TEST_CLOCK value into the offset from wall,
// the wall clock's reading when it is applied.
func ParseShift(v string, wall time.Time) (time.Duration, error) {
	if m := calendarShift.FindStringSubmatch(v); m != nil {
		n, err := strconv.Atoi(m[2])
		if err != nil {
			return 0, fmt.Errorf("clock: %s=%q: %w", EnvVar, v, err)
		}
		if m[1] == "-" {
			n = -n
		}
		var to time.Time
		switch m[3] {
		case "y":
			to = wall.AddDate(n, 0, 0)
		case "mo":
			to = wall.AddDate(0, n, 0)
		default:
			to = wall.AddDate(0, 0, n)
		}
		return to.Sub(wall), nil
	}
	if len(v) > 0 && (v[0] == '+' || v[0] == '-') {
		d, err := time.ParseDuration(v)
		if err != nil {
			return 0, fmt.Errorf("clock: %s=%q: %w", EnvVar, v, err)
		}
		return d, nil
	}
	for _, layout := range []string{time.RFC3339Nano, time.DateOnly} {
		if t, err := time.Parse(layout, v); err == nil {
			return t.Sub(wall), nil
		}
	}
	return 0, fmt.Errorf("clock: %s=%q: want +1y, +720h, 2027-06-01 or an RFC 3339 instant", EnvVar, v)
}
