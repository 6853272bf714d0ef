// Package pulid implements prefixed ULIDs: globally unique, time-ordered,
// opaque identifiers whose two-letter prefix names the entity type, so a
// Relay node(id) lookup can find the table without a lookup query and an ID
// reveals nothing about how many records a community has.
package pulid

import (
	"crypto/rand"
	"database/sql/driver"
	"fmt"
	"io"
	"strconv"
	"sync"

	"github.com/oklog/ulid/v2"

	"github.com/turbota/turbota/internal/platform/clock"
)

// ID is a prefixed ULID.
type ID string

// PrefixLen is the length of the type prefix of every ID.
const PrefixLen = 2

// idLen is the length of a well-formed ID: prefix plus a 26-character ULID.
const idLen = PrefixLen + ulid.EncodedSize

var (
	// Monotonic entropy is not safe for concurrent use, hence the mutex.
	entropyMu sync.Mutex
	entropy   = ulid.Monotonic(rand.Reader, 0)
)

// MustNew returns a new ID with the given prefix.
func MustNew(prefix string) ID {
	entropyMu.Lock()
	defer entropyMu.Unlock()
	return ID(prefix + ulid.MustNew(ulid.Timestamp(clock.Now()), entropy).String())
}

// Prefix returns the type prefix of the ID.
func (u ID) Prefix() string {
	if len(u) < PrefixLen {
		return ""
	}
	return string(u[:PrefixLen])
}

// Valid reports whether the ID is well formed (it may still not exist).
func (u ID) Valid() bool {
	if len(u) != idLen {
		return false
	}
	_, err := ulid.ParseStrict(string(u[PrefixLen:]))
	return err == nil
}

// UnmarshalGQL implements graphql.Unmarshaler. Malformed IDs are accepted here
// and simply match nothing, so that a bad ID and a missing one give the same
// NOT_FOUND answer.
func (u *ID) UnmarshalGQL(v any) error {
	switch s := v.(type) {
	case string:
		*u = ID(s)
	case ID: // already decoded, as when ent collects fields
		*u = s
	default:
		return fmt.Errorf("ID must be a string")
	}
	return nil
}

// MarshalGQL implements graphql.Marshaler.
func (u ID) MarshalGQL(w io.Writer) {
	_, _ = io.WriteString(w, strconv.Quote(string(u)))
}

// Scan implements sql.Scanner.
func (u *ID) Scan(src any) error {
	switch s := src.(type) {
	case nil:
		*u = "" // an optional reference that is not set
	case string:
		*u = ID(s)
	case []byte:
		*u = ID(s)
	default:
		return fmt.Errorf("pulid: cannot scan %T", src)
	}
	return nil
}

// Value implements driver.Valuer.
func (u ID) Value() (driver.Value, error) {
	return string(u), nil
}
