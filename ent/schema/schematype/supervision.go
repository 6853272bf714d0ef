package schematype

import (
	"time"

	"github.com/turbota/turbota/ent/schema/pulid"
)

// SupervisionFollowUp is an item a supervision session leaves to be done:
// what, by whom, by when, and when it was done.
type SupervisionFollowUp struct {
	// Key tells the items of a session apart (completeSupervisionFollowUp).
	Key        string     `json:"key"`
	Text       string     `json:"text"`
	AssigneeID *pulid.ID  `json:"assigneeID,omitempty"`
	DueOn      time.Time  `json:"dueOn"`
	DoneOn     *time.Time `json:"doneOn,omitempty"`
}
