package schematype

import "encoding/json"

// FieldChange is one field of a record as a change left it: its value
// before and after, as JSON. Old is absent for a created record (or where
// the value before could not be known, e.g. a bulk update), New for a
// cleared one. Redacted: a secret (a password hash, a token, a TOTP
// secret), whose values are never kept.
type FieldChange struct {
	Field    string          `json:"field"`
	Old      json.RawMessage `json:"old,omitempty"`
	New      json.RawMessage `json:"new,omitempty"`
	Redacted bool            `json:"redacted,omitempty"`
}
