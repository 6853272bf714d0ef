package workflow

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/approval"
	"github.com/turbota/turbota/ent/caseevent"
	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/ent/notification"
	"github.com/turbota/turbota/ent/privacy"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/notify"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/tenant"
)

// Approvals: a needs assessment, a plan version and a closure take effect
// once a supervisor (approval:update) approves them. Whoever holds
// self_approval:create signs off their own work at once; the system (demo
// data, imports) needs no sign-off.

// ErrApprovalPending refuses a step that waits for a supervisor.
var ErrApprovalPending = &procedure.RuleError{Code: procedure.RuleApprovalPending,
	Reasons: []string{"waiting for a supervisor's approval"}}

// requestApproval opens an approval of a subject filed on a day (an
// assessment's act, a plan version's; zero: now), approved at once where
// the viewer may approve their own work. It reports whether it is approved.
func requestApproval(ctx context.Context, c *ent.Client, cf *ent.CaseFile, kind approval.SubjectKind, subject pulid.ID, note string, filed time.Time) (bool, error) {
	return requestApprovalOf(ctx, c, cf, kind, subject, note, true, time.Time{}, filed)
}

// requestApprovalOf is requestApproval where the filer's own sign-off may
// be ruled out (ownAllowed false): a second person then always decides.
// occurred is when the step happened, where its date was given (a
// closure's): approved later, it still takes effect on that date. filed
// dates the request on the timeline and a sign-off given at once (the
// filer's own, the system's): a paper file's is its step's day.
func requestApprovalOf(ctx context.Context, c *ent.Client, cf *ent.CaseFile, kind approval.SubjectKind, subject pulid.ID,
	note string, ownAllowed bool, occurred, filed time.Time) (bool, error) {
	if filed.IsZero() {
		filed = clock.Now()
	}
	system := tenant.FromContext(ctx) == nil
	create := c.Approval.Create().SetCommunityID(cf.CommunityID).SetCaseID(cf.ID).SetSubjectKind(kind).
		SetSubjectID(subject).SetRequestedAt(clock.Now()).SetNillableRequestedByID(actor(ctx)).SetOwnSignOff(ownAllowed)
	if note != "" {
		create.SetNote(note)
	}
	if !occurred.IsZero() {
		create.SetOccurredAt(occurred)
	}
	if system { // demo data and imports need no sign-off
		create.SetStatus(approval.StatusAPPROVED).SetDecidedAt(filed)
	}
	a, err := create.Save(tenant.Bypass(ctx, "file a request for approval: a record of the system's, no role creates one"))
	if err != nil || system {
		return system, err
	}
	if signed, err := signOwn(ctx, c, a, filed); err != nil || signed {
		return signed, err
	}
	if err := recordOn(ctx, c, cf, caseevent.KindAPPROVAL_REQUESTED, nil, string(kind), filed); err != nil {
		return false, err
	}
	approvers, err := approversOf(ctx, c, cf.CommunityID)
	if err != nil {
		return false, err
	}
	return false, notify.Send(ctx, c, notify.Note{Community: cf.CommunityID, Kind: notification.KindAPPROVAL_REQUESTED,
		Case: &cf.ID, Subject: &a.ID, Detail: string(kind)}, approvers, actor(ctx))
}

// signOwn decides the filer's own request at once where the approval's
// policy lets them (authz.DecideApprovals: the self-approval permission,
// and a request that allows it), on the day it was filed; it reports
// whether it did.
func signOwn(ctx context.Context, c *ent.Client, a *ent.Approval, filed time.Time) (bool, error) {
	decide := c.Approval.UpdateOneID(a.ID).SetStatus(approval.StatusAPPROVED).SetDecidedAt(filed).
		SetNillableDecidedByID(actor(ctx))
	err := askPolicy(ctx, approval.Policy, decide.Mutation())
	switch {
	case errors.Is(err, privacy.Deny):
		return false, nil
	case err != nil:
		return false, err
	}
	return true, decide.Exec(ctx)
}

// approversOf lists the community's users whose role may approve.
func approversOf(ctx context.Context, c *ent.Client, community pulid.ID) ([]pulid.ID, error) {
	a := authz.FromContext(ctx)
	if a == nil {
		return nil, nil
	}
	var roles []membership.Role
	for _, r := range []string{tenant.RoleChildrenService, tenant.RoleSocialProtection, tenant.RoleProviderManager,
		tenant.RoleProviderSpecialist, tenant.RoleGuardianshipBody, tenant.RoleCommunityAdmin} {
		if a.RoleAllows(r, community, "approval", authz.ActUpdate) {
			roles = append(roles, membership.Role(r))
		}
	}
	if len(roles) == 0 {
		return nil, nil
	}
	return notify.Members(ctx, c, community, nil, roles...)
}

// Decide approves or returns a pending approval. Approving applies it: the
// case moves on to its decision, or closes; a plan version may then be
// agreed with the family. Returning needs a comment for the author. when
// dates the decision (a paper file's, in the field "decidedAt"): the
// approved record takes effect on that date, which is neither in the
// future, nor before the case's previous move, nor before the date of
// what is approved; the audit keeps when it was entered.
func Decide(ctx context.Context, c *ent.Client, id pulid.ID, approve bool, comment string, when When) (*ent.Approval, error) {
	a, err := c.Approval.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	status, kind := approval.StatusAPPROVED, caseevent.KindAPPROVED
	if !approve {
		status, kind = approval.StatusRETURNED, caseevent.KindRETURNED
	}
	decide := c.Approval.UpdateOneID(id).Where(approval.StatusEQ(approval.StatusPENDING)).SetStatus(status).
		SetDecidedAt(clock.Now()).SetNillableDecidedByID(actor(ctx)).SetComment(comment)
	// Who may decide is the approval's policy (authz.DecideApprovals); it
	// is asked first so that a role without the right hears so, not what
	// is wrong with the request.
	if err := askPolicy(ctx, approval.Policy, decide.Mutation()); err != nil {
		return nil, err
	}
	if !approve && strings.TrimSpace(comment) == "" {
		return nil, inputErr("comment", "say what needs to change")
	}
	on, err := decisionDate(ctx, c, a, when)
	if err != nil {
		return nil, err
	}
	decide.SetDecidedAt(on)
	if approve && a.SubjectKind == approval.SubjectKindPLAN {
		p, err := c.Plan.Get(authz.Deciding(ctx, a.ID), a.SubjectID)
		if err != nil {
			return nil, err
		}
		if err := checkNewest(ctx, c, p); err != nil {
			return nil, err
		}
	}
	err = decide.Exec(ctx)
	if ent.IsNotFound(err) {
		return nil, &procedure.RuleError{Code: procedure.RuleAlreadyAnswered, Reasons: []string{"the request is " + string(a.Status)}}
	}
	if err != nil {
		return nil, err
	}
	cf, err := caseOf(ctx, c, a.CaseID)
	if err != nil {
		return nil, err
	}
	if approve {
		if cf, err = applyApproval(ctx, c, cf, a, when.dated(on)); err != nil {
			return nil, err
		}
	}
	if err := recordOn(ctx, c, cf, kind, nil, string(a.SubjectKind), on); err != nil {
		return nil, err
	}
	if a.RequestedByID != nil {
		err = notify.Send(ctx, c, notify.Note{Community: a.CommunityID, Kind: notification.KindAPPROVAL_DECIDED,
			Case: &a.CaseID, Subject: &a.ID, Detail: string(status)}, []pulid.ID{*a.RequestedByID}, nil)
	}
	if err != nil {
		return nil, err
	}
	return c.Approval.Get(ctx, id)
}

// applyApproval makes an approved request take effect: on the date of the
// approval where one was given (decided), else on the date of what is
// approved (an assessment's act, a closure's own date), else now.
func applyApproval(ctx context.Context, c *ent.Client, cf *ent.CaseFile, a *ent.Approval, decided time.Time) (*ent.CaseFile, error) {
	switch a.SubjectKind {
	case approval.SubjectKindNEEDS_ASSESSMENT:
		at, err := subjectDate(ctx, c, a)
		if err != nil {
			return nil, err
		}
		return advanceToDecision(ctx, c, cf, laterOf(at, decided))
	case approval.SubjectKindCLOSURE:
		on := stepOn(decided)
		if a.OccurredAt != nil {
			on = stepOn(*a.OccurredAt) // the case closed on its own date, whenever approved
		}
		return TransitionOn(ctx, c, cf.ID, procedure.StateClosed, a.Note, on)
	}
	return cf, nil
}

// decisionDate is when an approval is decided: now, or the date given
// (a paper file's) under the rules of When, and not before the date of
// what is approved.
func decisionDate(ctx context.Context, c *ent.Client, a *ent.Approval, when When) (time.Time, error) {
	if when.At.IsZero() {
		return clock.Now(), nil
	}
	cf, err := caseOf(ctx, c, a.CaseID)
	if err != nil {
		return time.Time{}, err
	}
	on, err := moveDate(ctx, c, cf, when)
	if err != nil {
		return time.Time{}, err
	}
	subject, err := subjectDate(ctx, c, a)
	if err != nil {
		return time.Time{}, err
	}
	if on.Before(subject.Add(-procedure.ClockSkew)) {
		return time.Time{}, inputErr(when.Field, "The approval cannot be dated before what it approves ("+
			subject.In(procedure.Kyiv()).Format("2006-01-02 15:04")+", Kyiv time).")
	}
	return on, nil
}

// subjectDate is the date of what an approval is about: a needs
// assessment's act, a plan version's, a closure's own date; zero where it
// has none.
func subjectDate(ctx context.Context, c *ent.Client, a *ent.Approval) (time.Time, error) {
	switch a.SubjectKind {
	case approval.SubjectKindNEEDS_ASSESSMENT:
		na, err := c.NeedsAssessment.Get(tenant.Bypass(ctx, "date the move an approved needs assessment makes: its dates, nothing shown"), a.SubjectID)
		if err != nil {
			return time.Time{}, err
		}
		return laterOf(na.ActFiledAt, na.ConductedAt), nil
	case approval.SubjectKindPLAN:
		p, err := c.Plan.Get(tenant.Bypass(ctx, "date an approval of a plan after the plan: its date, nothing shown"), a.SubjectID)
		if err != nil {
			return time.Time{}, err
		}
		return p.SavedAt, nil
	case approval.SubjectKindCLOSURE:
		if a.OccurredAt != nil {
			return *a.OccurredAt, nil
		}
	}
	return time.Time{}, nil
}

// approved reports whether a subject's latest approval is given.
func approved(ctx context.Context, c *ent.Client, subject pulid.ID) (bool, error) {
	latest, err := latestApprovals(ctx, c, []pulid.ID{subject})
	if err != nil {
		return false, err
	}
	a, asked := latest[subject]
	// Without one: recorded before approvals existed, or by the system.
	return !asked || a.Status == approval.StatusAPPROVED, nil
}

// latestApprovals is the newest approval asked of each subject that has one.
func latestApprovals(ctx context.Context, c *ent.Client, subjects []pulid.ID) (map[pulid.ID]*ent.Approval, error) {
	latest := map[pulid.ID]*ent.Approval{}
	if len(subjects) == 0 {
		return latest, nil
	}
	as, err := c.Approval.Query().Where(approval.SubjectIDIn(subjects...)).Order(ent.Desc(approval.FieldRequestedAt)).
		All(tenant.Bypass(ctx, "read a subject's approval status: a yes/no for the workflow, nothing shown"))
	if err != nil {
		return nil, err
	}
	for _, a := range as {
		if _, seen := latest[a.SubjectID]; !seen {
			latest[a.SubjectID] = a
		}
	}
	return latest, nil
}

// RequestTransition moves a case as Transition does, except that a closure
// names its outcome, needs the case's work ended, and waits for a
// supervisor unless the viewer may approve their own, and a transfer to an
// organisation of the community is a sharing of the family's data. when
// dates the move (a paper file's); a closure approved later still closes
// on that date.
func RequestTransition(ctx context.Context, c *ent.Client, id pulid.ID, to procedure.State, note string, outcome procedure.Outcome, tr Transfer, when When) (*ent.CaseFile, error) {
	if to != procedure.StateClosed {
		open, err := transferTo(ctx, c, id, to, tr)
		if err != nil {
			return nil, err
		}
		cf, err := transitionOn(ctx, c, id, to, note, when, tr.To != nil)
		if err != nil {
			return nil, err
		}
		return cf, open(cf)
	}
	if tr.To != nil {
		return nil, inputErr("transferToOrganizationID", "only a transfer names who takes the case over")
	}
	cf, err := caseFreeToMove(ctx, c, id, to)
	if err != nil {
		return nil, err
	}
	timers, err := loadClock(ctx, c, cf)
	if err != nil {
		return nil, err
	}
	p := progressOf(timers)
	if err := procedure.CheckTransition(cf.Status, to, p); err != nil {
		return nil, err
	}
	// The date is checked when the closure is asked for, not when approved.
	closedAt, err := moveDate(ctx, c, cf, when)
	if err != nil {
		return nil, err
	}
	if err := afterSteps(timers, when); err != nil {
		return nil, err
	}
	if when.At.IsZero() {
		closedAt = time.Time{} // closes when approved
	}
	if cf, err = setOutcome(ctx, c, cf, outcome); err != nil {
		return nil, err
	}
	// Closing the case of a child who was in danger is never signed off by
	// the one who closes it.
	ok, err := requestApprovalOf(ctx, c, cf, approval.SubjectKindCLOSURE, cf.ID, note, len(p.Dangers) == 0, closedAt, closedAt)
	if err != nil || !ok {
		return cf, err
	}
	return TransitionOn(ctx, c, id, to, note, stepOn(closedAt))
}
