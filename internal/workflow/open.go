package workflow

import (
	"github.com/turbota/turbota/ent/casefile"
	"github.com/turbota/turbota/ent/predicate"
	"github.com/turbota/turbota/internal/procedure"
)

// openCase selects the open cases, as procedure.State.Open says: every
// list of work (a caseload handed on, tasks, a family's open case) asks
// this one question, so a refused case is never open in one place and
// closed in another.
func openCase() predicate.CaseFile { return casefile.StatusNotIn(procedure.Finished...) }

// owingCase selects the cases that may still run against a legal
// deadline (procedure.State.OwesNotice): the open ones, and a refused one
// until its applicant is told of the refusal. Only that notice is due of
// a refused case (procedure.RuleSet.CaseDeadlines), and none of its tasks.
func owingCase() predicate.CaseFile {
	return casefile.Or(openCase(), casefile.StatusEQ(procedure.StateRefused))
}
