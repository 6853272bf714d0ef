package schematype

import "github.com/turbota/turbota/ent/schema/pulid"

// AgendaItem is one question on a commission session's agenda.
type AgendaItem struct {
	Title  string    `json:"title"`
	CaseID *pulid.ID `json:"caseID,omitempty"`
	// Outcome is what the commission resolved, in a sentence; the formal
	// decisions it produced point at the session.
	Outcome string `json:"outcome,omitempty"`
}
