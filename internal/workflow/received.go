package workflow

import (
	"slices"
	"time"

	"github.com/turbota/turbota/ent"
)

// A case received from another community starts over there (see
// AcceptTransfer): the receiving community assesses the family's needs and
// decides on services itself, so the procedure's deadlines run from the
// day it accepted the case, and only the steps it recorded since then meet
// them. What the sender recorded stays in the case's history.

// clockStart is when the case's deadlines start: its acceptance from
// another community, or its opening.
func clockStart(cf *ent.CaseFile) time.Time {
	if cf.ReceivedAt != nil {
		return *cf.ReceivedAt
	}
	return cf.OpenedAt
}

// sinceReceived is the case (loaded with its clock) as its deadlines see
// it: for a received case, without the assessments and decisions recorded
// before it was received.
func sinceReceived(cf *ent.CaseFile) *ent.CaseFile {
	if cf.ReceivedAt == nil {
		return cf
	}
	at := *cf.ReceivedAt
	out := *cf
	out.Edges.SafetyAssessments = slices.DeleteFunc(slices.Clone(cf.Edges.SafetyAssessments),
		func(sa *ent.SafetyAssessment) bool { return sa.ConductedAt.Before(at) })
	out.Edges.NeedsAssessments = slices.DeleteFunc(slices.Clone(cf.Edges.NeedsAssessments),
		func(na *ent.NeedsAssessment) bool { return na.ConductedAt.Before(at) })
	out.Edges.Decisions = slices.DeleteFunc(slices.Clone(cf.Edges.Decisions),
		func(d *ent.Decision) bool { return d.DecidedAt.Before(at) })
	return &out
}
