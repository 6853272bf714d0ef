package schematype

import (
	"time"

	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/procedure"
)

// ReportCorrection is one correction of a report: why, by whom, when, and
// the report's corrigible values before and after it. Kept on the report,
// so exactly those who may read the report read its corrections.
type ReportCorrection struct {
	At      time.Time `json:"at"`
	ActorID *pulid.ID `json:"actorID,omitempty"`
	Reason  string    `json:"reason"`
	// Changed names the fields the correction changed: source, urgency,
	// categories, summary, reporterContact, children.
	Changed []string      `json:"changed"`
	Before  ReportVersion `json:"before"`
	After   ReportVersion `json:"after"`
}

// ReportVersion is what a correction may change of a report, at one moment.
type ReportVersion struct {
	// SourceCode and UrgencyCode are the report's source and urgency enums.
	SourceCode      string               `json:"source"`
	UrgencyCode     string               `json:"urgency"`
	Categories      []procedure.Category `json:"categories"`
	Summary         string               `json:"summary"`
	ReporterContact string               `json:"reporterContact,omitempty"`
	ChildIDs        []pulid.ID           `json:"childIDs"`
}
