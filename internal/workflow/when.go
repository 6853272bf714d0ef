package workflow

import (
	"context"
	"time"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/caseevent"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/tenant"
)

// When is the date a move of a case happened, so that a paper file can be
// entered in order long after the fact.
type When struct {
	// At is when it happened; zero: now.
	At time.Time
	// Field names the input the date was given in (e.g. "occurredAt"): such
	// a date is the user's and is refused, with BAD_USER_INPUT on that
	// field, when it is in the future, before the case opened or before the
	// case's previous move. Empty: the date comes from another step (an
	// assessment's, a decision's) already checked, and the move is dated no
	// earlier than the previous one.
	Field string
}

// GivenOn is the date a user gave in field, if any.
func GivenOn(field string, at *time.Time) When {
	if at == nil {
		return When{}
	}
	return When{At: *at, Field: field}
}

// dated is at where w gave a date, zero otherwise: a step dated by the
// user passes its date on to the moves it makes.
func (w When) dated(at time.Time) time.Time {
	if w.At.IsZero() {
		return time.Time{}
	}
	return at
}

// stepOn dates a move by the step that caused it.
func stepOn(at time.Time) When { return When{At: at} }

// moveDate is when a move of cf is dated, under the rules of When.
func moveDate(ctx context.Context, c *ent.Client, cf *ent.CaseFile, w When) (time.Time, error) {
	now := clock.Now()
	if w.At.IsZero() {
		return now, nil
	}
	last, err := lastMove(ctx, c, cf)
	if err != nil {
		return time.Time{}, err
	}
	if w.Field == "" {
		return laterOf(w.At, last), nil
	}
	if err := stepDate(w.Field, w.At, cf); err != nil {
		return time.Time{}, err
	}
	if w.At.Before(last.Add(-procedure.ClockSkew)) {
		return time.Time{}, inputErr(w.Field, "The date cannot be earlier than the case's previous step ("+
			last.In(procedure.Kyiv()).Format("2006-01-02 15:04")+", Kyiv time).")
	}
	return laterOf(w.At, last), nil
}

// lastMove is when the case last changed state (or opened).
func lastMove(ctx context.Context, c *ent.Client, cf *ent.CaseFile) (time.Time, error) {
	e, err := c.CaseEvent.Query().Where(caseevent.CaseID(cf.ID),
		caseevent.KindIn(caseevent.KindSTATUS_CHANGED, caseevent.KindREPORT_REGISTERED, caseevent.KindTRANSFER_RECEIVED)).
		Order(ent.Desc(caseevent.FieldAt)).First(tenant.Bypass(ctx, "date a move of a case after its previous one: the timeline's last date, nothing shown"))
	switch {
	case ent.IsNotFound(err):
		return cf.OpenedAt, nil
	case err != nil:
		return time.Time{}, err
	}
	return laterOf(e.At, cf.OpenedAt), nil
}

func laterOf(a, b time.Time) time.Time {
	if a.Before(b) {
		return b
	}
	return a
}

// afterSteps refuses a move dated by the user (w.Field) before a step of
// the case it follows: a safety assessment, a needs assessment or a
// decision already recorded (k is the case loaded with its clock). A case
// closed as safe on the 5th on a safety assessment of the 7th, or handed
// to the needs assessment before its child's safety was assessed, would
// put the paper file out of order, and the timeline and the indicators
// with it. A received case counts only the steps since its acceptance.
func afterSteps(k *ent.CaseFile, w When) error {
	if w.At.IsZero() || w.Field == "" {
		return nil
	}
	var last time.Time
	var what string
	step := func(at time.Time, name string) {
		if at.After(last) {
			last, what = at, name
		}
	}
	cf := sinceReceived(k)
	for _, sa := range cf.Edges.SafetyAssessments {
		step(sa.ConductedAt, "safety assessment")
	}
	for _, na := range cf.Edges.NeedsAssessments {
		step(na.ConductedAt, "needs assessment")
	}
	for _, d := range cf.Edges.Decisions {
		step(d.DecidedAt, "decision")
	}
	if what != "" && w.At.Before(last.Add(-procedure.ClockSkew)) {
		return inputErr(w.Field, "The date cannot be earlier than the case's "+what+" ("+
			last.In(procedure.Kyiv()).Format("2006-01-02 15:04")+", Kyiv time), recorded before it.")
	}
	return nil
}
