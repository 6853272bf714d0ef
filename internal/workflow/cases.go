// Package workflow runs the workflow of a case over the database: it asks
// procedure (plain rules, no storage) what may happen, and records what did,
// on the case and on its timeline. Resolvers call it; nothing else writes a
// case's status.
package workflow

import (
	"context"
	"fmt"
	"time"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/caseevent"
	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/ent/notification"
	"github.com/turbota/turbota/ent/report"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/notify"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/tenant"
)

// OpenForReport starts the case of a newly registered report, and with it
// the clock: the safety assessment is due by the rule set in force when the
// report came in. Whoever may register a report starts its case (a school
// may report, though it may not read cases): the case is written past the
// privacy rules but not past row-level security, in the report's community.
func OpenForReport(ctx context.Context, c *ent.Client, r *ent.Report, children []pulid.ID) (*ent.CaseFile, error) {
	rules, err := procedure.RuleSetAt(r.ReceivedAt)
	if err != nil {
		return nil, err
	}
	cal, err := NewCalendars(c).For(ctx, r.CommunityID)
	if err != nil {
		return nil, err
	}
	due, err := rules.Due(procedure.KindSafetyAssessment, r.ReceivedAt, cal)
	if err != nil {
		return nil, err
	}
	sys := tenant.Bypass(ctx, "open a case for a report: the system's intake, whoever reported")
	cf, err := c.CaseFile.Create().SetCommunityID(r.CommunityID).SetOpenedAt(r.ReceivedAt).
		SetRuleSetVersion(rules.Version).SetSafetyAssessmentDue(due).
		SetNillableFamilyID(r.FamilyID).AddChildIDs(children...).Save(sys)
	if err != nil {
		return nil, fmt.Errorf("open case: %w", err)
	}
	if err := c.Report.UpdateOneID(r.ID).SetCaseID(cf.ID).
		SetStatus(report.Status(procedure.ReportStatusOf(cf.Status))).Exec(sys); err != nil {
		return nil, fmt.Errorf("link report to case: %w", err)
	}
	if err := recordOn(ctx, c, cf, caseevent.KindREPORT_REGISTERED, nil, "", r.ReceivedAt); err != nil {
		return nil, err
	}
	staff, err := notify.Members(ctx, c, r.CommunityID, nil, membership.RoleCHILDREN_SERVICE)
	if err != nil {
		return nil, err
	}
	return cf, notify.Send(ctx, c, notify.Note{Community: r.CommunityID, Kind: notification.KindREPORT_RECEIVED,
		Case: &cf.ID, Subject: &r.ID, Detail: string(r.Urgency)}, staff, actor(ctx))
}

// AllowedTransitions lists the states a case may move to now: those the
// state machine allows whose required steps are recorded, so that the app
// offers no move the server would refuse.
func AllowedTransitions(ctx context.Context, c *ent.Client, cf *ent.CaseFile) ([]procedure.State, error) {
	timers, err := loadClock(ctx, c, cf)
	if err != nil {
		return nil, err
	}
	if pending, err := transferPending(ctx, c, cf.ID); err != nil || pending {
		return nil, err
	}
	p := progressOf(timers)
	var out []procedure.State
	for _, to := range procedure.Next(cf.Status) {
		if procedure.CheckTransition(cf.Status, to, p) == nil {
			out = append(out, to)
		}
	}
	return out, nil
}

// Transition moves a case to another state now; see TransitionOn.
func Transition(ctx context.Context, c *ent.Client, id pulid.ID, to procedure.State, note string) (*ent.CaseFile, error) {
	return TransitionOn(ctx, c, id, to, note, When{})
}

// TransitionOn moves a case to another state if casework allows it: a move
// the state machine refuses is a *procedure.TransitionError naming the
// allowed ones, a move before the step the procedure requires (the safety
// assessment, the needs assessment, the decision) a *procedure.RuleError
// naming the step. The move is dated when it happened (a closure's date is
// the day the case closed, which the indicators count); the timeline keeps
// when it was entered too. Its reports' status follows.
func TransitionOn(ctx context.Context, c *ent.Client, id pulid.ID, to procedure.State, note string, when When) (*ent.CaseFile, error) {
	return transitionOn(ctx, c, id, to, note, when, false)
}

// transitionOn is TransitionOn; handover says the move names who takes
// the case over and hands them the file (transferTo), the one way a case
// becomes TRANSFERRED.
func transitionOn(ctx context.Context, c *ent.Client, id pulid.ID, to procedure.State, note string, when When, handover bool) (*ent.CaseFile, error) {
	cf, err := caseFreeToMove(ctx, c, id, to)
	if err != nil {
		return nil, err
	}
	from := cf.Status
	if err := procedure.Transition(from, to); err != nil {
		return nil, err
	}
	timers, err := loadClock(ctx, c, cf)
	if err != nil {
		return nil, err
	}
	p := progressOf(timers)
	p.Handover = handover
	if err := procedure.CheckTransition(from, to, p); err != nil {
		return nil, err
	}
	at, err := moveDate(ctx, c, cf, when)
	if err != nil {
		return nil, err
	}
	if err := afterSteps(timers, when); err != nil {
		return nil, err
	}
	u := c.CaseFile.UpdateOneID(id).SetStatus(to)
	if to == procedure.StateClosed {
		u.SetClosedAt(at)
	} else {
		u.ClearClosedAt()
	}
	if cf, err = u.Save(ctx); err != nil {
		return nil, err
	}
	if err := syncReports(ctx, c, cf); err != nil {
		return nil, err
	}
	return cf, recordOn(ctx, c, cf, caseevent.KindSTATUS_CHANGED, &from, note, at)
}

// record adds a step to the timeline. The timeline is the system's record
// of what people did, so it is written past the privacy rules (no role
// "creates" timeline entries) and is append-only in the database.
func record(ctx context.Context, c *ent.Client, cf *ent.CaseFile, kind caseevent.Kind, from *procedure.State, note string) error {
	return recordOn(ctx, c, cf, kind, from, note, time.Time{})
}

// recordOn adds a step that happened at (zero: now) to the timeline; the
// entry keeps the moment it was entered as well, so a paper file entered
// later shows both.
func recordOn(ctx context.Context, c *ent.Client, cf *ent.CaseFile, kind caseevent.Kind, from *procedure.State, note string, at time.Time) error {
	return recordAt(ctx, tenant.Bypass(ctx, "write the case's timeline: the system's record of what people did, append-only"), c, cf, kind, from, note, at)
}

// recordAs writes the step in the writer context w: the system's (record),
// or the viewer's own for the one entry a viewer answers for themselves
// (an override of the family's consent).
func recordAs(ctx, w context.Context, c *ent.Client, cf *ent.CaseFile, kind caseevent.Kind, from *procedure.State, note string) error {
	return recordAt(ctx, w, c, cf, kind, from, note, time.Time{})
}

func recordAt(ctx, w context.Context, c *ent.Client, cf *ent.CaseFile, kind caseevent.Kind, from *procedure.State, note string, at time.Time) error {
	now := clock.Now()
	if at.IsZero() {
		at = now
	}
	e := c.CaseEvent.Create().SetCommunityID(cf.CommunityID).SetCaseID(cf.ID).SetKind(kind).SetAt(at).SetRecordedAt(now).
		SetNillableFromStatus(from).SetToStatus(cf.Status)
	if note != "" {
		e.SetNote(note)
	}
	e.SetNillableActorID(actor(ctx))
	return e.Exec(w)
}
