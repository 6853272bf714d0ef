package workflow

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/auditevent"
	"github.com/turbota/turbota/ent/caseevent"
	"github.com/turbota/turbota/ent/casetransfer"
	"github.com/turbota/turbota/ent/consent"
	"github.com/turbota/turbota/ent/person"
	"github.com/turbota/turbota/ent/predicate"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/schema/schematype"
	"github.com/turbota/turbota/internal/audit"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/tenant"
)

// A case goes to another community (the family moved) through a request
// that community accepts or declines. Until it accepts it reads only the
// request's summary (casetransfer's fields: the categories of concern,
// how many children and adults, whether a danger was found, the case's
// state; no name, address or birth date); once it accepts, the family, its
// people and its cases with their whole history become its own
// (turbota_carry_transfer, the one path by which records change
// community), and the sender keeps the request as its record of what it
// sent and when. Within one community a case goes to an organisation by
// transitionCase (transfer.go).

// CommunityTransfer is what the sender of a transfer says.
type CommunityTransfer struct {
	Case, To pulid.ID
	Reason   string
	// Override is the legal basis for transferring without the family's
	// consent; only a holder of the override permission may, and it goes on
	// the timeline.
	Override string
	// RequestedAt is when it was asked, for a paper file (nil: now), under
	// the rules of When.
	RequestedAt *time.Time
}

// RequestTransfer asks another community to take a case over. The case
// must be one the procedure lets go (procedure.CheckTransition to
// TRANSFERRED: a child in danger is not handed on before their safety is
// assessed), and the family must have consented to the transfer or the
// sender state the legal basis.
func RequestTransfer(ctx context.Context, c *ent.Client, in CommunityTransfer) (*ent.CaseTransfer, error) {
	cf, err := caseToAdd(ctx, c, in.Case, casetransfer.Policy, func(cm pulid.ID) ent.Mutation {
		return c.CaseTransfer.Create().SetCommunityID(cm).Mutation()
	})
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(in.Reason) == "" {
		return nil, inputErr("reason", "say why the case goes to that community")
	}
	if err := checkReceiver(ctx, c, cf.CommunityID, in.To, casetransfer.CaseID(cf.ID)); err != nil {
		return nil, err
	}
	timers, err := loadClock(ctx, c, cf)
	if err != nil {
		return nil, err
	}
	p := progressOf(timers)
	p.Handover = true // the receiving community is named and takes the file on acceptance
	if err := procedure.CheckTransition(cf.Status, procedure.StateTransferred, p); err != nil {
		return nil, err
	}
	at, err := moveDate(ctx, c, cf, GivenOn("requestedAt", in.RequestedAt))
	if err != nil {
		return nil, err
	}
	basis, err := requireConsent(ctx, c, Sharing{Case: cf, Purpose: consent.PurposeTRANSFER, Override: in.Override})
	if err != nil {
		return nil, err
	}
	create := c.CaseTransfer.Create().SetCommunityID(cf.CommunityID).SetCaseID(cf.ID).SetNillableFamilyID(cf.FamilyID).
		SetToCommunityID(in.To).SetReason(in.Reason).SetRequestedAt(at).SetNillableRequestedByID(actor(ctx)).
		SetNillableConsentID(basis.Consent).SetOverrideReason(basis.Override).
		SetCaseNumber(string(cf.ID)).SetCaseStatus(string(cf.Status)).SetDanger(dangerOf(timers.Edges.Reports, timers.Edges.SafetyAssessments, timers.Edges.NeedsAssessments).DangerFound()).
		SetCategories(categoriesOf(timers))
	if err := summarise(ctx, c, cf, create); err != nil {
		return nil, err
	}
	t, err := create.Save(ctx)
	if err != nil {
		return nil, err
	}
	if err := recordOn(ctx, c, cf, caseevent.KindTRANSFER_REQUESTED, nil, in.Reason, at); err != nil {
		return nil, err
	}
	return t, notifyTransfer(ctx, c, t.ID)
}

// checkReceiver: another community than from, known to the codifier, not
// already asked about the same case or family (which).
func checkReceiver(ctx context.Context, c *ent.Client, from, to pulid.ID, which predicate.CaseTransfer) error {
	if to == from {
		return inputErr("toCommunityID", "transfer to another community; within this one, refer the case")
	}
	if _, err := c.Community.Get(ctx, to); ent.IsNotFound(err) {
		return inputErr("toCommunityID", "no such community")
	} else if err != nil {
		return err
	}
	open, err := c.CaseTransfer.Query().Where(which, casetransfer.StatusEQ(casetransfer.StatusREQUESTED)).Exist(ctx)
	if err != nil {
		return err
	}
	if open {
		return &procedure.RuleError{Code: procedure.RuleAlreadyAnswered, Reasons: []string{"a transfer of this case or family awaits an answer"}}
	}
	return nil
}

// noTransferPending refuses to move a case whose transfer to another
// community awaits an answer (procedure.RuleTransferPending).
func noTransferPending(ctx context.Context, c *ent.Client, id pulid.ID) error {
	if pending, err := transferPending(ctx, c, id); err != nil || !pending {
		return err
	}
	return &procedure.RuleError{Code: procedure.RuleTransferPending,
		Reasons: []string{"the case's transfer to another community awaits its answer: withdraw the request to work on the case here"}}
}

// transferPending reports whether the case's transfer awaits an answer.
// Whoever may move the case is held back, though a provider's staff do not
// read transfers: the question is asked past the privacy policies, and
// only its yes/no is used.
func transferPending(ctx context.Context, c *ent.Client, id pulid.ID) (bool, error) {
	return c.CaseTransfer.Query().
		Where(casetransfer.CaseID(id), casetransfer.StatusEQ(casetransfer.StatusREQUESTED)).
		Exist(tenant.Bypass(ctx, "check a case awaits a transfer's answer: a yes/no for the workflow, nothing shown"))
}

// categoriesOf are the categories of concern of the case's reports.
func categoriesOf(timers *ent.CaseFile) []procedure.Category {
	return reportCategories(timers.Edges.Reports)
}

// reportCategories are the categories the reports named, each once.
func reportCategories(reps []*ent.Report) []procedure.Category {
	var out []procedure.Category
	for _, r := range reps {
		out = append(out, r.Categories...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// summarise counts the case's children and its family's adults: what the
// receiver learns of the people before it accepts.
func summarise(ctx context.Context, c *ent.Client, cf *ent.CaseFile, create *ent.CaseTransferCreate) error {
	children, err := cf.QueryChildren().Count(ctx)
	if err != nil {
		return err
	}
	adults := 0
	if cf.FamilyID != nil {
		if adults, err = c.Person.Query().Where(person.FamilyID(*cf.FamilyID), person.KindEQ(person.KindADULT)).Count(ctx); err != nil {
			return err
		}
	}
	create.SetChildren(children).SetAdults(adults)
	return nil
}

// AnswerTransfer accepts or declines a transfer on behalf of the receiving
// community (who may is casetransfer's policy: authz.AllowTransferAnswer).
// Declining needs a reason. Accepting carries the records over and starts
// the case again at the receiver (receive), its deadlines running from the
// day it was accepted. decidedAt is that day, for a paper file (nil: now):
// not in the future nor before the transfer was asked.
func AnswerTransfer(ctx context.Context, c *ent.Client, id pulid.ID, accept bool, reason string, decidedAt *time.Time) (*ent.CaseTransfer, error) {
	status := casetransfer.StatusACCEPTED
	if !accept {
		status = casetransfer.StatusDECLINED
	}
	t, err := settleTransfer(ctx, c, id, status, reason, decidedAt)
	if err != nil {
		return nil, err
	}
	if accept {
		if err := carry(ctx, c, t); err != nil {
			return nil, err
		}
		if err := receive(ctx, c, t); err != nil {
			return nil, err
		}
	}
	if err := notifyTransfer(ctx, c, t.ID); err != nil {
		return nil, err
	}
	return c.CaseTransfer.Get(ctx, t.ID)
}

// WithdrawTransfer takes back a transfer not yet answered, by the sender;
// decidedAt as AnswerTransfer's.
func WithdrawTransfer(ctx context.Context, c *ent.Client, id pulid.ID, reason string, decidedAt *time.Time) (*ent.CaseTransfer, error) {
	t, err := settleTransfer(ctx, c, id, casetransfer.StatusWITHDRAWN, reason, decidedAt)
	if err != nil {
		return nil, err
	}
	if t.CaseID != nil {
		cf, err := caseOf(ctx, c, *t.CaseID)
		if err != nil {
			return nil, err
		}
		if err := recordOn(ctx, c, cf, caseevent.KindTRANSFER_WITHDRAWN, nil, reason, *t.DecidedAt); err != nil {
			return nil, err
		}
	}
	return t, notifyTransfer(ctx, c, t.ID)
}

// settleTransfer moves a REQUESTED transfer to status, once, on the date
// given (nil: now): the policy decides who may, before anything else is
// looked at.
func settleTransfer(ctx context.Context, c *ent.Client, id pulid.ID, status casetransfer.Status, reason string, decidedAt *time.Time) (*ent.CaseTransfer, error) {
	u := c.CaseTransfer.UpdateOneID(id).Where(casetransfer.StatusEQ(casetransfer.StatusREQUESTED)).
		SetStatus(status).SetDecidedAt(clock.Now()).SetNillableDecidedByID(actor(ctx))
	if err := askPolicy(ctx, casetransfer.Policy, u.Mutation()); err != nil {
		return nil, err
	}
	if actor(ctx) == nil {
		return nil, authz.ErrForbidden
	}
	if status == casetransfer.StatusDECLINED && strings.TrimSpace(reason) == "" {
		return nil, inputErr("reason", "a declined transfer states its reason")
	}
	if decidedAt != nil {
		t, err := c.CaseTransfer.Get(ctx, id)
		if err != nil {
			return nil, err
		}
		if err := procedure.CheckStepDate(*decidedAt, t.RequestedAt, clock.Now()); err != nil {
			return nil, inputErr("decidedAt", "must be after the transfer was asked and not in the future")
		}
		u.SetDecidedAt(*decidedAt)
	}
	if status == casetransfer.StatusDECLINED {
		u.SetDeclineReason(reason)
	}
	t, err := u.Save(ctx)
	if ent.IsNotFound(err) {
		if _, gone := c.CaseTransfer.Get(ctx, id); gone != nil {
			return nil, gone
		}
		return nil, &procedure.RuleError{Code: procedure.RuleAlreadyAnswered, Reasons: []string{"the transfer is answered already"}}
	}
	return t, err
}

// carry moves the records of an accepted transfer to the receiving
// community through turbota_carry_transfer, in this request's transaction,
// and logs every record moved as a change of its community, from the
// sender's to the receiver's.
func carry(ctx context.Context, c *ent.Client, t *ent.CaseTransfer) error {
	rows, err := c.QueryContext(ctx, `SELECT entity_type, entity_id FROM turbota_carry_transfer($1)`, string(t.ID))
	if err != nil {
		return fmt.Errorf("carry transfer %s: %w", t.ID, err)
	}
	defer rows.Close()
	moved := []schematype.FieldChange{{Field: "community_id", Old: jsonString(t.CommunityID), New: jsonString(t.ToCommunityID)}}
	var events []audit.Event
	for rows.Next() {
		e := audit.Event{Action: auditevent.ActionUPDATE, Community: t.ToCommunityID, Fields: []string{"community_id"}, Changes: moved}
		if err := rows.Scan(&e.EntityType, &e.EntityID); err != nil {
			return err
		}
		e.EntityID = strings.TrimSpace(e.EntityID)
		events = append(events, e)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return audit.Write(ctx, c, events...)
}

// jsonString is an ID as the change log keeps a value.
func jsonString(id pulid.ID) json.RawMessage {
	b, _ := json.Marshal(string(id)) // a string always marshals
	return b
}

// receive starts the case again at the receiver: the family's needs are
// assessed anew and services decided by the receiving community, so the
// case waits for its needs assessment with the deadlines running from now
// (received.go); the sender's case manager is no longer its manager.
func receive(ctx context.Context, c *ent.Client, t *ent.CaseTransfer) error {
	if t.CaseID == nil {
		return nil // a family without an open case: its closed cases stay closed
	}
	cf, err := c.CaseFile.Get(ctx, *t.CaseID)
	if err != nil {
		return err
	}
	from, at := cf.Status, *t.DecidedAt
	cf, err = c.CaseFile.UpdateOneID(cf.ID).SetStatus(procedure.StateAssessingNeeds).SetReceivedAt(at).
		ClearManagerID().ClearClosedAt().Save(ctx)
	if err != nil {
		return err
	}
	if err := syncReports(ctx, c, cf); err != nil {
		return err
	}
	return recordOn(ctx, c, cf, caseevent.KindTRANSFER_RECEIVED, &from, t.Reason, at)
}

// notifyTransfer tells the other side what the transfer's status now says
// (turbota_notify_transfer: the request or its withdrawal to the receiver,
// the answer to the sender).
func notifyTransfer(ctx context.Context, c *ent.Client, id pulid.ID) error {
	_, err := c.ExecContext(ctx, `SELECT turbota_notify_transfer($1, $2, $3)`, string(id), string(pulid.MustNew("NT")), clock.Now())
	if err != nil {
		return fmt.Errorf("notify transfer %s: %w", id, err)
	}
	return nil
}
