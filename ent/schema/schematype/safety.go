package schematype

import "github.com/turbota/turbota/ent/schema/pulid"

// ChildFinding is what a safety assessment found about one child.
type ChildFinding struct {
	PersonID pulid.ID `json:"personID"`
	Finding  string   `json:"finding"`
}

// UrgentMeasure is a protection measure taken on an immediate threat
// (removal, placement, …), with its legal basis and where the child is.
type UrgentMeasure struct {
	// Kind: REMOVAL, PLACEMENT_WITH_RELATIVES, PLACEMENT_FOSTER_FAMILY,
	// PLACEMENT_INSTITUTION, MEDICAL_CARE, POLICE_PROTECTION, OTHER.
	Kind       string `json:"kind"`
	LegalBasis string `json:"legalBasis"`
	// Where the child is now.
	Placement string `json:"placement,omitempty"`
}
