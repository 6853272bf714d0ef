package apitest

import (
	"encoding/json"
	"time"
)

// MarshalDate writes a Date argument as the API reads it: YYYY-MM-DD, the
// day of t as written (tests build dates at midnight UTC or in Kyiv alike).
func MarshalDate(t *time.Time) ([]byte, error) {
	if t == nil || t.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(t.Format(time.DateOnly))
}

// UnmarshalDate reads a Date answer as that day's midnight UTC, the way the
// server keeps date-only fields.
func UnmarshalDate(b []byte, t *time.Time) error {
	var s *string
	if err := json.Unmarshal(b, &s); err != nil || s == nil {
		return err
	}
	d, err := time.Parse(time.DateOnly, *s)
	if err != nil {
		return err
	}
	*t = d
	return nil
}
