package workflow_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/approval"
	"github.com/turbota/turbota/ent/auditevent"
	"github.com/turbota/turbota/ent/caseevent"
	"github.com/turbota/turbota/ent/casefile"
	"github.com/turbota/turbota/ent/consent"
	"github.com/turbota/turbota/ent/needsassessment"
	"github.com/turbota/turbota/ent/organization"
	"github.com/turbota/turbota/ent/plan"
	"github.com/turbota/turbota/ent/referral"
	"github.com/turbota/turbota/ent/report"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/auth"
	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/internal/workflow"
)

// dated is a step of a case made ready on the demo data, to be taken on a
// date of the user's.
type dated struct {
	// take takes the step on at (given in field).
	take func(at *time.Time) error
	// tooEarly is a date the step refuses as before the case opened, its
	// previous step or what it answers.
	tooEarly time.Time
	// recorded is the date the step's record now carries.
	recorded func() (time.Time, error)
	// on is the case whose timeline shows the step, as kind ("" for a
	// step that is not on it).
	on   pulid.ID
	kind caseevent.Kind
}

// Every step of a case may carry the date it happened: it is refused
// (BAD_USER_INPUT on its field) in the future or before what came before
// it, and otherwise dates the record and its timeline entry, while the
// entry keeps when it was entered.
func TestStepsTakeTheirTrueDate(t *testing.T) {
	for _, tc := range []struct {
		name, field string
		ready       func(t *testing.T, e *env) dated
	}{
		{"approve", "decidedAt", readyDecision(true)},
		{"returnForRework", "decidedAt", readyDecision(false)},
		{"cancelReferral", "answeredAt", readyCancel},
		{"addTeamMember", "addedAt", readyAddMember},
		{"removeTeamMember", "removedAt", readyRemoveMember},
		{"assignCase", "assignedAt", readyAssign},
		{"updateCase", "occurredAt", readyUpdate},
		{"reassignCaseload", "reassignedAt", readyReassign},
		{"correctReport", "correctedAt", readyCorrect},
		{"savePlan", "savedAt", readyPlan},
		{"requestCaseTransfer", "requestedAt", readyTransfer},
		{"acceptCaseTransfer", "decidedAt", readyAnswer(true)},
		{"declineCaseTransfer", "decidedAt", readyAnswer(false)},
		{"withdrawCaseTransfer", "decidedAt", readyWithdraw},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := demoEnv(t)
			s := tc.ready(t, e)
			future, early := clock.Now().Add(2*time.Hour), s.tooEarly
			for _, bad := range []*time.Time{&future, &early} {
				var in *auth.InputError
				if err := s.take(bad); !errors.As(err, &in) || in.Field != tc.field {
					t.Fatalf("dated %s (now %s): %v, want BAD_USER_INPUT on %s", bad, clock.Now(), err, tc.field)
				}
			}
			on := clock.Now().Add(-30 * time.Minute).Truncate(time.Second)
			if err := s.take(&on); err != nil {
				t.Fatal(err)
			}
			if got, err := s.recorded(); err != nil || !got.Equal(on) {
				t.Errorf("the record is dated %s (%v), want %s", got, err, on)
			}
			if s.kind == "" {
				return
			}
			ev, err := e.c.CaseEvent.Query().Where(caseevent.CaseID(s.on), caseevent.KindEQ(s.kind)).
				Order(ent.Desc(caseevent.FieldRecordedAt)).First(e.sys)
			if err != nil {
				t.Fatal(err)
			}
			if !ev.At.Equal(on) || ev.RecordedAt == nil || ev.RecordedAt.Before(clock.Now().Add(-time.Minute)) {
				t.Errorf("on the timeline at %s, entered %v; want at %s, entered now", ev.At, ev.RecordedAt, on)
			}
		})
	}
}

// caseIn is a demo case of the community in the state.
func caseIn(t *testing.T, e *env, code string, s procedure.State) *ent.CaseFile {
	t.Helper()
	cf, err := e.c.CaseFile.Query().Where(casefile.CommunityID(e.community(t, code)), casefile.StatusEQ(s)).
		Order(ent.Asc(casefile.FieldOpenedAt)).First(e.sys)
	if err != nil {
		t.Fatalf("a case of %s in %s: %v", code, s, err)
	}
	return cf
}

// readyDecision: Полтава's centre's act of needs assessment of the case it
// received waits for its head, who approves or returns it.
func readyDecision(approve bool) func(t *testing.T, e *env) dated {
	return func(t *testing.T, e *env) dated {
		a, err := e.c.Approval.Query().Where(approval.StatusEQ(approval.StatusPENDING),
			approval.SubjectKindEQ(approval.SubjectKindNEEDS_ASSESSMENT)).Only(e.sys)
		if err != nil {
			t.Fatal(err)
		}
		na, err := e.c.NeedsAssessment.Get(e.sys, a.SubjectID)
		if err != nil {
			t.Fatal(err)
		}
		ctx := e.as(t, demo.PoltavaProviderManagerEmail)
		kind := caseevent.KindAPPROVED
		if !approve {
			kind = caseevent.KindRETURNED
		}
		return dated{
			take: func(at *time.Time) error {
				_, err := workflow.Decide(ctx, e.c, a.ID, approve, "Уточнити висновок.", workflow.GivenOn("decidedAt", at))
				return err
			},
			tooEarly: na.ActFiledAt.Add(-time.Hour),
			recorded: func() (time.Time, error) {
				a, err := e.c.Approval.Get(e.sys, a.ID)
				if err != nil || a.DecidedAt == nil {
					return time.Time{}, err
				}
				return *a.DecidedAt, nil
			},
			on: a.CaseID, kind: kind,
		}
	}
}

// readyCancel: Вінниця's children's service withdraws its referral to the
// centre, not yet answered.
func readyCancel(t *testing.T, e *env) dated {
	r, err := e.c.Referral.Query().Where(referral.StatusEQ(referral.StatusSENT),
		referral.CommunityID(e.community(t, demo.VinnytsiaCommunityCode))).First(e.sys)
	if err != nil {
		t.Fatal(err)
	}
	ctx := e.as(t, demo.VinnytsiaChildrenServiceEmail)
	return dated{
		take: func(at *time.Time) error {
			_, err := workflow.CancelReferral(ctx, e.c, r.ID, "Сім'я звернулася до іншого центру.", at)
			return err
		},
		tooEarly: r.SentAt.Add(-time.Hour),
		recorded: func() (time.Time, error) {
			r, err := e.c.Referral.Get(e.sys, r.ID)
			if err != nil || r.AnsweredAt == nil {
				return time.Time{}, err
			}
			return *r.AnsweredAt, nil
		},
		on: r.CaseID, kind: caseevent.KindREFERRAL_CANCELLED,
	}
}

// member puts the children's service's psychologist on Вінниця's open
// case's team on added (nil: now).
func member(t *testing.T, e *env, ctx context.Context, cf *ent.CaseFile, added *time.Time) (*ent.TeamMember, error) {
	t.Helper()
	org, err := e.c.Organization.Query().Where(organization.CommunityID(cf.CommunityID),
		organization.KindEQ(organization.KindCHILDREN_SERVICE)).OnlyID(e.sys)
	if err != nil {
		t.Fatal(err)
	}
	return workflow.AddTeamMember(ctx, e.c, workflow.TeamMember{Case: cf.ID, Organization: org, Name: "Психолог служби",
		Role: "психолог", AddedAt: added})
}

func readyAddMember(t *testing.T, e *env) dated {
	cf := caseIn(t, e, demo.VinnytsiaCommunityCode, procedure.StateOpen)
	ctx := e.as(t, demo.VinnytsiaChildrenServiceEmail)
	var added *ent.TeamMember
	return dated{
		take: func(at *time.Time) error {
			m, err := member(t, e, ctx, cf, at)
			added = m
			return err
		},
		tooEarly: cf.OpenedAt.Add(-time.Hour),
		recorded: func() (time.Time, error) {
			m, err := e.c.TeamMember.Get(e.sys, added.ID)
			if err != nil {
				return time.Time{}, err
			}
			return m.AddedAt, nil
		},
		on: cf.ID, kind: caseevent.KindTEAM_CHANGED,
	}
}

func readyRemoveMember(t *testing.T, e *env) dated {
	cf := caseIn(t, e, demo.VinnytsiaCommunityCode, procedure.StateOpen)
	ctx := e.as(t, demo.VinnytsiaChildrenServiceEmail)
	joined := clock.Now().Add(-2 * time.Hour)
	m, err := member(t, e, ctx, cf, &joined)
	if err != nil {
		t.Fatal(err)
	}
	return dated{
		take: func(at *time.Time) error {
			_, err := workflow.RemoveTeamMember(ctx, e.c, m.ID, at)
			return err
		},
		tooEarly: joined.Add(-time.Hour), // after the case's last move, before the member joined
		recorded: func() (time.Time, error) {
			m, err := e.c.TeamMember.Get(e.sys, m.ID)
			if err != nil || m.RemovedAt == nil {
				return time.Time{}, err
			}
			return *m.RemovedAt, nil
		},
		on: cf.ID, kind: caseevent.KindTEAM_CHANGED,
	}
}

// managerChangedAt is when the case's manager last changed, by its timeline.
func managerChangedAt(e *env, id pulid.ID) func() (time.Time, error) {
	return func() (time.Time, error) {
		ev, err := e.c.CaseEvent.Query().Where(caseevent.CaseID(id), caseevent.KindEQ(caseevent.KindMANAGER_CHANGED)).
			Order(ent.Desc(caseevent.FieldRecordedAt)).First(e.sys)
		if err != nil {
			return time.Time{}, err
		}
		return ev.At, nil
	}
}

// readyAssign: Вінниця's children's service takes up the report nobody
// manages yet.
func readyAssign(t *testing.T, e *env) dated {
	cf := caseIn(t, e, demo.VinnytsiaCommunityCode, procedure.StateReported)
	ctx := e.as(t, demo.VinnytsiaChildrenServiceEmail)
	me := e.user(t, demo.VinnytsiaChildrenServiceEmail)
	return dated{
		take: func(at *time.Time) error {
			_, err := workflow.AssignCase(ctx, e.c, cf.ID, me, "", workflow.GivenOn("assignedAt", at))
			return err
		},
		tooEarly: cf.OpenedAt.Add(-time.Hour),
		recorded: managerChangedAt(e, cf.ID),
		on:       cf.ID, kind: caseevent.KindMANAGER_CHANGED,
	}
}

func readyUpdate(t *testing.T, e *env) dated {
	cf := caseIn(t, e, demo.VinnytsiaCommunityCode, procedure.StateAssessingSafety)
	ctx := e.as(t, demo.VinnytsiaChildrenServiceEmail)
	to := e.user(t, demo.VinnytsiaProviderSpecialistEmail)
	return dated{
		take: func(at *time.Time) error {
			_, err := workflow.UpdateCase(ctx, e.c, cf.ID, ent.UpdateCaseInput{ManagerID: &to}, workflow.GivenOn("occurredAt", at))
			return err
		},
		tooEarly: cf.OpenedAt.Add(-time.Hour),
		recorded: managerChangedAt(e, cf.ID),
		on:       cf.ID, kind: caseevent.KindMANAGER_CHANGED,
	}
}

// readyReassign: Вінниця's children's service hands its open cases to the
// centre's specialist; the date is checked against each case.
func readyReassign(t *testing.T, e *env) dated {
	cm := e.community(t, demo.VinnytsiaCommunityCode)
	ctx := e.as(t, demo.VinnytsiaChildrenServiceEmail)
	from, to := e.user(t, demo.VinnytsiaChildrenServiceEmail), e.user(t, demo.VinnytsiaProviderSpecialistEmail)
	oldest, err := e.c.CaseFile.Query().Where(casefile.CommunityID(cm), casefile.ManagerID(from),
		casefile.StatusNotIn(procedure.Finished...)).Order(ent.Asc(casefile.FieldOpenedAt)).First(e.sys)
	if err != nil {
		t.Fatal(err)
	}
	var moved []*ent.CaseFile
	return dated{
		take: func(at *time.Time) error {
			var err error
			moved, err = workflow.ReassignCaseload(ctx, e.c, cm, from, to, "Фахівчиня у відпустці.", workflow.GivenOn("reassignedAt", at))
			return err
		},
		tooEarly: oldest.OpenedAt.Add(-time.Hour),
		recorded: func() (time.Time, error) {
			if len(moved) < 2 {
				return time.Time{}, errors.New("fewer than two cases handed on")
			}
			first, err := managerChangedAt(e, moved[0].ID)()
			if err != nil {
				return first, err
			}
			last, err := managerChangedAt(e, moved[len(moved)-1].ID)()
			if !last.Equal(first) {
				return last, errors.New("the cases handed on are dated apart")
			}
			return first, err
		},
		on: oldest.ID, kind: caseevent.KindMANAGER_CHANGED,
	}
}

func readyCorrect(t *testing.T, e *env) dated {
	cf := caseIn(t, e, demo.VinnytsiaCommunityCode, procedure.StateAssessingSafety)
	rep, err := e.c.Report.Query().Where(report.HasCaseWith(casefile.ID(cf.ID))).Only(e.sys)
	if err != nil {
		t.Fatal(err)
	}
	ctx := e.as(t, demo.VinnytsiaChildrenServiceEmail)
	return dated{
		take: func(at *time.Time) error {
			_, err := workflow.CorrectReport(ctx, e.c, workflow.ReportCorrection{Report: rep.ID, CorrectedAt: at,
				Reason: "Уточнено за паперовою карткою.", AddCategories: []procedure.Category{procedure.CategoryPoverty}})
			return err
		},
		tooEarly: rep.ReceivedAt.Add(-time.Hour),
		recorded: func() (time.Time, error) {
			rep, err := e.c.Report.Get(e.sys, rep.ID)
			if err != nil {
				return time.Time{}, err
			}
			return rep.Corrections[len(rep.Corrections)-1].At, nil
		},
		on: cf.ID, kind: caseevent.KindREPORT_CORRECTED,
	}
}

// readyPlan: the centre's specialist draws up a new version of the plan of
// Вінниця's open case.
func readyPlan(t *testing.T, e *env) dated {
	cf := caseIn(t, e, demo.VinnytsiaCommunityCode, procedure.StateOpen)
	last, err := e.c.Plan.Query().Where(plan.CaseID(cf.ID)).Order(ent.Desc(plan.FieldVersion)).First(e.sys)
	if err != nil {
		t.Fatal(err)
	}
	ctx := e.as(t, demo.VinnytsiaProviderSpecialistEmail)
	var saved *ent.Plan
	return dated{
		take: func(at *time.Time) error {
			var err error
			saved, err = workflow.SavePlan(ctx, e.c, cf.ID, last.Goals, clock.Now().AddDate(0, 2, 0), workflow.GivenOn("savedAt", at))
			return err
		},
		tooEarly: cf.OpenedAt.Add(-time.Hour),
		recorded: func() (time.Time, error) { return saved.SavedAt, nil },
		on:       cf.ID, kind: caseevent.KindPLAN_SAVED,
	}
}

// consentToTransfer records the family's consent to its case going to
// another community.
func consentToTransfer(t *testing.T, e *env, ctx context.Context, cf *ent.CaseFile) {
	t.Helper()
	kind := consent.RecipientKindCHILDREN_SERVICE
	if _, err := workflow.RecordConsent(ctx, e.c, workflow.Consent{Family: *cf.FamilyID, GivenBy: "Мати",
		GivenAt: clock.Now().Add(-3 * time.Hour), Document: "Згода на передачу", RecipientKind: &kind,
		Purpose: consent.PurposeTRANSFER}); err != nil {
		t.Fatal(err)
	}
}

// requestTransfer: Вінниця asks Полтава to take its open case over on asked.
func requestTransfer(t *testing.T, e *env, asked *time.Time) (*ent.CaseFile, *ent.CaseTransfer, error) {
	t.Helper()
	cf := caseIn(t, e, demo.VinnytsiaCommunityCode, procedure.StateOpen)
	ctx := e.as(t, demo.VinnytsiaChildrenServiceEmail)
	consentToTransfer(t, e, ctx, cf)
	var tr *ent.CaseTransfer
	err := e.underRLS(t, ctx, func(ctx context.Context, c *ent.Client) error {
		var err error
		tr, err = workflow.RequestTransfer(ctx, c, workflow.CommunityTransfer{Case: cf.ID,
			To: e.community(t, demo.PoltavaCommunityCode), Reason: "Сім'я переїхала.", RequestedAt: asked})
		return err
	})
	return cf, tr, err
}

func readyTransfer(t *testing.T, e *env) dated {
	cf := caseIn(t, e, demo.VinnytsiaCommunityCode, procedure.StateOpen)
	var tr *ent.CaseTransfer
	return dated{
		take: func(at *time.Time) error {
			var err error
			_, tr, err = requestTransfer(t, e, at)
			return err
		},
		tooEarly: cf.OpenedAt.Add(-time.Hour),
		recorded: func() (time.Time, error) { return tr.RequestedAt, nil },
		on:       cf.ID, kind: caseevent.KindTRANSFER_REQUESTED,
	}
}

// transferDecidedAt is the date of the transfer's answer or withdrawal.
func transferDecidedAt(e *env, id *pulid.ID) func() (time.Time, error) {
	return func() (time.Time, error) {
		tr, err := e.c.CaseTransfer.Get(e.sys, *id)
		if err != nil || tr.DecidedAt == nil {
			return time.Time{}, err
		}
		return *tr.DecidedAt, nil
	}
}

// readyAnswer: Полтава's children's service answers Вінниця's request; an
// accepted case starts over at Полтава on the day it was accepted.
func readyAnswer(accept bool) func(t *testing.T, e *env) dated {
	return func(t *testing.T, e *env) dated {
		asked := clock.Now().Add(-2 * time.Hour)
		cf, tr, err := requestTransfer(t, e, &asked)
		if err != nil {
			t.Fatal(err)
		}
		ctx := e.as(t, demo.PoltavaChildrenServiceEmail)
		d := dated{
			take: func(at *time.Time) error {
				return e.underRLS(t, ctx, func(ctx context.Context, c *ent.Client) error {
					_, err := workflow.AnswerTransfer(ctx, c, tr.ID, accept, "Сім'я не проживає в громаді.", at)
					return err
				})
			},
			tooEarly: asked.Add(-time.Hour),
			recorded: transferDecidedAt(e, &tr.ID),
		}
		if accept {
			d.on, d.kind = cf.ID, caseevent.KindTRANSFER_RECEIVED
			d.recorded = func() (time.Time, error) {
				cf, err := e.c.CaseFile.Get(e.sys, cf.ID)
				if err != nil || cf.ReceivedAt == nil {
					return time.Time{}, err
				}
				if decided, err := transferDecidedAt(e, &tr.ID)(); err != nil || !decided.Equal(*cf.ReceivedAt) {
					return decided, errors.New("received on another day than accepted")
				}
				return *cf.ReceivedAt, nil
			}
		}
		return d
	}
}

func readyWithdraw(t *testing.T, e *env) dated {
	asked := clock.Now().Add(-2 * time.Hour)
	cf, tr, err := requestTransfer(t, e, &asked)
	if err != nil {
		t.Fatal(err)
	}
	ctx := e.as(t, demo.VinnytsiaChildrenServiceEmail)
	return dated{
		take: func(at *time.Time) error {
			return e.underRLS(t, ctx, func(ctx context.Context, c *ent.Client) error {
				_, err := workflow.WithdrawTransfer(ctx, c, tr.ID, "Сім'я повернулася.", at)
				return err
			})
		},
		tooEarly: asked.Add(-time.Hour),
		recorded: transferDecidedAt(e, &tr.ID),
		on:       cf.ID, kind: caseevent.KindTRANSFER_WITHDRAWN,
	}
}

// A needs assessment approved on a past day takes effect that day: the
// case moved on to its decision then, the act's deadline is met, and the
// change log keeps when the approval was entered.
func TestApprovalDatedTakesEffectThatDay(t *testing.T) {
	e := demoEnv(t)
	a, err := e.c.Approval.Query().Where(approval.StatusEQ(approval.StatusPENDING),
		approval.SubjectKindEQ(approval.SubjectKindNEEDS_ASSESSMENT)).Only(e.sys)
	if err != nil {
		t.Fatal(err)
	}
	na, err := e.c.NeedsAssessment.Get(e.sys, a.SubjectID)
	if err != nil {
		t.Fatal(err)
	}
	on := na.ActFiledAt.Add(24 * time.Hour).Truncate(time.Second)
	ctx := e.as(t, demo.PoltavaProviderManagerEmail)
	if _, err := workflow.Decide(ctx, e.c, a.ID, true, "", workflow.GivenOn("decidedAt", &on)); err != nil {
		t.Fatal(err)
	}
	cf, err := e.c.CaseFile.Get(e.sys, a.CaseID)
	if err != nil {
		t.Fatal(err)
	}
	moved, err := e.c.CaseEvent.Query().Where(caseevent.CaseID(cf.ID), caseevent.KindEQ(caseevent.KindSTATUS_CHANGED)).
		Order(ent.Desc(caseevent.FieldRecordedAt)).First(e.sys)
	if err != nil {
		t.Fatal(err)
	}
	if cf.Status != procedure.StateAwaitingDecision || *moved.ToStatus != procedure.StateAwaitingDecision || !moved.At.Equal(on) {
		t.Errorf("the case is %s, moved to %s on %s; want AWAITING_DECISION on %s", cf.Status, *moved.ToStatus, moved.At, on)
	}
	ds, err := workflow.CaseDeadlines(ctx, e.c, cf)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		if d.Kind == procedure.KindNeedsAssessment {
			t.Errorf("the needs assessment is still due: %s %s", d.Due, d.Status)
		}
	}
	logged, err := e.c.AuditEvent.Query().Where(auditevent.EntityID(string(a.ID)), auditevent.ActionEQ(auditevent.ActionUPDATE)).
		Only(e.sys)
	if err != nil || logged.OccurredAt.Before(clock.Now().Add(-time.Minute)) {
		t.Errorf("the approval's change log entry: %+v (%v), want it entered now", logged, err)
	}
}

// A needs assessment its filer may approve themselves is approved on the
// day of its act, a paper file's, not on the day it is entered.
func TestOwnSignOffIsDatedByTheStep(t *testing.T) {
	e := demoEnv(t)
	a, err := e.c.Approval.Query().Where(approval.StatusEQ(approval.StatusPENDING),
		approval.SubjectKindEQ(approval.SubjectKindNEEDS_ASSESSMENT)).Only(e.sys)
	if err != nil {
		t.Fatal(err)
	}
	head := e.as(t, demo.PoltavaProviderManagerEmail)
	if _, err := workflow.Decide(head, e.c, a.ID, false, "Додати оцінку умов проживання.", workflow.When{}); err != nil {
		t.Fatal(err)
	}
	old, err := e.c.NeedsAssessment.Get(e.sys, a.SubjectID)
	if err != nil {
		t.Fatal(err)
	}
	on := clock.Now().Add(-2 * time.Hour).Truncate(time.Second)
	na, err := workflow.RecordNeedsAssessment(head, e.c, workflow.NeedsAssessment{Case: a.CaseID, Provider: old.ProviderID,
		Kind: needsassessment.KindINITIAL, ConductedAt: on, ActFiledAt: on, ActNumber: "Д-2", Domains: old.Domains,
		Strengths: old.Strengths, Conclusion: old.Conclusion})
	if err != nil {
		t.Fatal(err)
	}
	signed, err := e.c.Approval.Query().Where(approval.SubjectID(na.ID)).Only(e.sys)
	if err != nil || signed.Status != approval.StatusAPPROVED || signed.DecidedAt == nil || !signed.DecidedAt.Equal(on) {
		t.Fatalf("the head's own act: %+v (%v), want approved on %s", signed, err, on)
	}
	cf, err := e.c.CaseFile.Get(e.sys, a.CaseID)
	if err != nil || cf.Status != procedure.StateAwaitingDecision {
		t.Errorf("the case is %v (%v), want AWAITING_DECISION", cf, err)
	}
}
