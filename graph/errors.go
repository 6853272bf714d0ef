package graph

import (
	"fmt"
)

// maxNodes caps a nodes(ids:) lookup.
const maxNodes = 100

// maxAPIClients caps the list of a community's API clients.
const maxAPIClients = 500

// LimitError is an input over a limit; the API reports it as BAD_USER_INPUT.
type LimitError struct {
	Field string
	Max   int
}

func (e *LimitError) Error() string { return fmt.Sprintf("%s: at most %d allowed", e.Field, e.Max) }

func tooMany(field string, max int) error { return NewLimitError(field, max) }

// NewLimitError reports an input over its limit.
func NewLimitError(field string, max int) error { return &LimitError{Field: field, Max: max} }
