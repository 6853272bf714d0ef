package schematype

import (
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/procedure"
)

// ChildFinding is what a safety assessment found about one child.
type ChildFinding struct {
	PersonID pulid.ID `json:"personID"`
	Finding  string   `json:"finding"`
}

// UrgentMeasure is a protection measure taken on an immediate threat
// (removal, placement, …), with its legal basis, the children it concerns,
// and, for a placement, the form of care and where the child is.
type UrgentMeasure struct {
	Kind       procedure.UrgentMeasureKind `json:"kind"`
	LegalBasis string                      `json:"legalBasis"`
	// Children are the children of the case the measure concerns.
	Children []pulid.ID `json:"children,omitempty"`
	// Form is the form of care a placement put the children in.
	Form *procedure.CareForm `json:"form,omitempty"`
	// Where the child is now.
	Placement string `json:"placement,omitempty"`
	// EmergencyReason: why an institutional placement could not wait for
	// the comprehensive assessment and the commission's decision.
	EmergencyReason string `json:"emergencyReason,omitempty"`
}
