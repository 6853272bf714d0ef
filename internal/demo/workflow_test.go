package demo_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/approval"
	"github.com/turbota/turbota/ent/auditevent"
	"github.com/turbota/turbota/ent/caseevent"
	"github.com/turbota/turbota/ent/casefile"
	"github.com/turbota/turbota/ent/casetransfer"
	"github.com/turbota/turbota/ent/community"
	"github.com/turbota/turbota/ent/needsassessment"
	"github.com/turbota/turbota/ent/notification"
	"github.com/turbota/turbota/ent/user"
	"github.com/turbota/turbota/internal/audit"
	"github.com/turbota/turbota/internal/auth"
	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/platform/testdb"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/internal/reference/classifier"
	"github.com/turbota/turbota/internal/reference/territory/territorytest"
	"github.com/turbota/turbota/internal/workflow"
	"github.com/turbota/turbota/tenant"
)

// loaded is a database with the classifier and the demo data, its change
// log on.
func loaded(t *testing.T) *ent.Client {
	t.Helper()
	client := territorytest.Open(t, testdb.New(t))
	audit.Install(client)
	if err := classifier.LoadDefaults(context.Background(), client); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Load(context.Background(), client, ""); err != nil {
		t.Fatal(err)
	}
	return client
}

// A case's timeline holds, for each stage it reached, the step that got it
// there, by the staff member who took it, dated when it happened.
var stepsOf = []struct {
	reached func(cf *ent.CaseFile) bool
	kinds   []caseevent.Kind
}{
	{func(cf *ent.CaseFile) bool { return true }, []caseevent.Kind{caseevent.KindREPORT_REGISTERED}},
	{func(cf *ent.CaseFile) bool { return cf.Status != procedure.StateReported },
		[]caseevent.Kind{caseevent.KindSTATUS_CHANGED, caseevent.KindMANAGER_CHANGED}},
	{func(cf *ent.CaseFile) bool { return len(cf.Edges.SafetyAssessments) > 0 }, []caseevent.Kind{caseevent.KindSAFETY_ASSESSED}},
	{func(cf *ent.CaseFile) bool { return len(cf.Edges.Referrals) > 0 }, []caseevent.Kind{caseevent.KindREFERRAL_SENT}},
	{func(cf *ent.CaseFile) bool { return len(cf.Edges.NeedsAssessments) > 0 },
		[]caseevent.Kind{caseevent.KindREFERRAL_ACCEPTED, caseevent.KindNEEDS_ASSESSED, caseevent.KindAPPROVAL_REQUESTED}},
	{func(cf *ent.CaseFile) bool { return cf.Status == procedure.StateAwaitingDecision }, []caseevent.Kind{caseevent.KindAPPROVED}},
	{func(cf *ent.CaseFile) bool {
		return cf.Status == procedure.StateOpen || cf.Status == procedure.StateUnderReview
	}, []caseevent.Kind{caseevent.KindAPPROVED, caseevent.KindDECIDED, caseevent.KindDOCUMENT_ATTACHED, caseevent.KindPLAN_SAVED,
		caseevent.KindPLAN_AGREED, caseevent.KindSERVICE_STARTED, caseevent.KindACTIVITY_RECORDED}},
	{func(cf *ent.CaseFile) bool { return len(cf.Edges.Placements) > 0 }, []caseevent.Kind{caseevent.KindCHILD_PLACED}},
}

func TestEveryDemoCaseHasItsTimeline(t *testing.T) {
	client := loaded(t)
	ctx := tenant.SystemContext(context.Background())
	cases, err := client.CaseFile.Query().WithSafetyAssessments().WithNeedsAssessments().WithReferrals().WithPlacements().
		WithEvents(func(q *ent.CaseEventQuery) { q.Order(ent.Asc(caseevent.FieldRecordedAt), ent.Asc(caseevent.FieldID)) }).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) != 12 {
		t.Fatalf("%d demo cases, want 12", len(cases))
	}
	statuses := map[procedure.State]bool{}
	for _, cf := range cases {
		statuses[cf.Status] = true
		kinds := map[caseevent.Kind]bool{}
		var moves []procedure.State
		for _, e := range cf.Edges.Events {
			kinds[e.Kind] = true
			if e.ActorID == nil {
				t.Errorf("case %s: a %s step signed by no one", cf.ID, e.Kind)
			}
			if e.At.Before(cf.OpenedAt) || e.At.After(clock.Now()) {
				t.Errorf("case %s: a %s step dated %s, the case opened %s, now %s", cf.ID, e.Kind, e.At, cf.OpenedAt, clock.Now())
			}
			if e.Kind == caseevent.KindSTATUS_CHANGED {
				moves = append(moves, *e.ToStatus)
				// Paper history: each move dated when it happened, hours before it was entered.
				if e.RecordedAt == nil || !e.At.Before(e.RecordedAt.Add(-time.Hour)) {
					t.Errorf("case %s: a move to %s dated %s, entered %v", cf.ID, *e.ToStatus, e.At, e.RecordedAt)
				}
			}
		}
		for _, sa := range cf.Edges.SafetyAssessments {
			if sa.Findings == nil || sa.UrgentMeasures == nil { // null, which the indicators cannot read as a list
				t.Errorf("case %s: a safety assessment's findings %v or measures %v are not lists", cf.ID, sa.Findings, sa.UrgentMeasures)
			}
		}
		if cf.Edges.Events[0].Kind != caseevent.KindREPORT_REGISTERED {
			t.Errorf("case %s: the timeline starts with %s", cf.ID, cf.Edges.Events[0].Kind)
		}
		if want := cf.Status; len(moves) > 0 && moves[len(moves)-1] != want || len(moves) == 0 && want != procedure.StateReported {
			t.Errorf("case %s is %s, its moves %v", cf.ID, want, moves)
		}
		for _, s := range stepsOf {
			if !s.reached(cf) {
				continue
			}
			for _, k := range s.kinds {
				if !kinds[k] {
					t.Errorf("case %s (%s): no %s on its timeline %v", cf.ID, cf.Status, k, kinds)
				}
			}
		}
		if cf.Status != procedure.StateReported {
			n, err := client.AuditEvent.Query().Where(auditevent.EntityID(string(cf.ID)), auditevent.ActorUserIDNotNil()).Count(ctx)
			if err != nil || n == 0 {
				t.Errorf("case %s: %d changes in the audit by a staff member (%v)", cf.ID, n, err)
			}
		}
		if cf.Status == procedure.StateClosed && (cf.ClosedAt == nil || !cf.ClosedAt.Before(clock.Now().Add(-time.Hour))) {
			t.Errorf("case %s closed at %v, not on its paper date", cf.ID, cf.ClosedAt)
		}
	}
	// The register too is the children's service's work, in the change log.
	for _, entity := range []string{"Family", "Person"} {
		anonymous, err := client.AuditEvent.Query().Where(auditevent.EntityType(entity), auditevent.ActionEQ(auditevent.ActionCREATE),
			auditevent.ActorUserIDIsNil()).Count(ctx)
		signed, err2 := client.AuditEvent.Query().Where(auditevent.EntityType(entity), auditevent.ActionEQ(auditevent.ActionCREATE),
			auditevent.ActorUserIDNotNil()).Count(ctx)
		if err != nil || err2 != nil || anonymous > 0 || signed == 0 {
			t.Errorf("%s created by no one %d times, by staff %d times (%v, %v)", entity, anonymous, signed, err, err2)
		}
	}
	for _, s := range []procedure.State{procedure.StateReported, procedure.StateAssessingSafety, procedure.StateAssessingNeeds,
		procedure.StateAwaitingDecision, procedure.StateOpen, procedure.StateUnderReview, procedure.StateClosed, procedure.StateTransferred} {
		if !statuses[s] {
			t.Errorf("no demo case is %s", s)
		}
	}
}

func TestDemoPlacesSiblingsInDifferentFormsOfCare(t *testing.T) {
	client := loaded(t)
	ctx := tenant.SystemContext(context.Background())
	ps, err := client.Placement.Query().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var forms []string
	children := map[string]bool{}
	for _, p := range ps {
		forms = append(forms, string(p.Form))
		children[string(p.ChildID)] = true
		if p.CaseID != ps[0].CaseID {
			t.Errorf("placements on two cases: %s, %s", p.CaseID, ps[0].CaseID)
		}
	}
	slices.Sort(forms)
	if !slices.Equal(forms, []string{string(procedure.CareFosterFamily), string(procedure.CareKin)}) || len(children) != 2 {
		t.Errorf("placements: forms %v of %d children, want a kin care and a foster family of two siblings", forms, len(children))
	}
	corrected := 0
	reps, err := client.Report.Query().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reps {
		for _, c := range r.Corrections {
			if c.Reason == "" || c.ActorID == nil || len(c.Changed) == 0 {
				t.Errorf("a correction without its reason, author or changes: %+v", c)
			}
			corrected++
		}
	}
	if corrected < 3 { // the two schools' children identified, the poverty found at a visit
		t.Errorf("%d report corrections, want 3", corrected)
	}
}

// Вінниця's displaced family moved to Полтава: the transfer was asked and
// accepted on paper dates, and the case is Полтава's, its deadlines running
// from the day it was accepted.
func TestDemoTransferAcceptedByPoltava(t *testing.T) {
	client := loaded(t)
	ctx := tenant.SystemContext(context.Background())
	vin := client.Community.Query().Where(community.KatottgCode(demo.VinnytsiaCommunityCode)).OnlyIDX(ctx)
	pol := client.Community.Query().Where(community.KatottgCode(demo.PoltavaCommunityCode)).OnlyIDX(ctx)
	ts, err := client.CaseTransfer.Query().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) != 1 || ts[0].CaseID == nil || ts[0].CommunityID != vin || ts[0].ToCommunityID != pol || ts[0].Status != casetransfer.StatusACCEPTED ||
		ts[0].ConsentID == nil || ts[0].RequestedByID == nil || ts[0].DecidedByID == nil || ts[0].DecidedAt == nil {
		t.Fatalf("transfers: %+v", ts)
	}
	tr := ts[0]
	if day := 24 * time.Hour; !tr.RequestedAt.Before(clock.Now().Add(-day)) || !tr.DecidedAt.After(tr.RequestedAt) ||
		!tr.DecidedAt.Before(clock.Now().Add(-day)) {
		t.Errorf("asked %s, accepted %s: not on their paper dates (now %s)", tr.RequestedAt, tr.DecidedAt, clock.Now())
	}
	for email, kind := range map[string]notification.Kind{demo.PoltavaChildrenServiceEmail: notification.KindTRANSFER_REQUESTED,
		demo.VinnytsiaChildrenServiceEmail: notification.KindTRANSFER_ANSWERED} {
		u := client.User.Query().Where(user.Email(email)).OnlyIDX(ctx)
		if told, err := client.Notification.Query().Where(notification.KindEQ(kind), notification.UserID(u)).Count(ctx); err != nil || told != 1 {
			t.Errorf("%s told of %s %d times (%v)", email, kind, told, err)
		}
	}
	cf, err := client.CaseFile.Query().Where(casefile.ID(*tr.CaseID)).WithEvents().Only(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if cf.CommunityID != pol || cf.Status != procedure.StateAssessingNeeds || cf.ReceivedAt == nil || !cf.ReceivedAt.Equal(*tr.DecidedAt) {
		t.Errorf("the case: community %s, %s, received %v; want Полтава's, ASSESSING_NEEDS, received %s", cf.CommunityID, cf.Status, cf.ReceivedAt, tr.DecidedAt)
	}
	dated := map[caseevent.Kind]time.Time{caseevent.KindTRANSFER_REQUESTED: tr.RequestedAt, caseevent.KindTRANSFER_RECEIVED: *tr.DecidedAt}
	for _, e := range cf.Edges.Events {
		if want, ok := dated[e.Kind]; ok {
			if !e.At.Equal(want) {
				t.Errorf("%s on the timeline at %s, want %s", e.Kind, e.At, want)
			}
			delete(dated, e.Kind)
		}
	}
	if len(dated) > 0 {
		t.Errorf("not on the timeline: %v", dated)
	}
	// Полтава works it as its own: its centre's act of needs assessment,
	// filed within the term counted from the acceptance, waits for approval.
	na, err := client.NeedsAssessment.Query().Where(needsassessment.CaseID(cf.ID)).Only(ctx)
	if err != nil || na.CommunityID != pol || !na.OnTime || na.ConductedAt.Before(*tr.DecidedAt) {
		t.Fatalf("the needs assessment at Полтава: %+v (%v)", na, err)
	}
}

// viewerCtx is the context a demo user's request runs in (without the
// request's transaction).
func viewerCtx(t *testing.T, client *ent.Client, email string) context.Context {
	t.Helper()
	ctx := context.Background()
	a, err := authz.New(ctx, client)
	if err != nil {
		t.Fatal(err)
	}
	id, err := client.User.Query().Where(user.Email(email)).OnlyID(tenant.SystemContext(ctx))
	if err != nil {
		t.Fatal(err)
	}
	v, err := auth.BuildViewer(ctx, client, id)
	if err != nil {
		t.Fatal(err)
	}
	a.See(v)
	return ent.NewContext(tenant.NewContext(authz.NewContext(ctx, a), v), client)
}

// Plan actions, review dates and scheduled visits are tasks: some past due,
// some due soon, some later, by the clock.
func TestDemoTasksFallDue(t *testing.T) {
	client := loaded(t)
	got := map[procedure.DueStatus]map[procedure.TaskKind]int{}
	for _, email := range []string{demo.VinnytsiaChildrenServiceEmail, demo.PoltavaChildrenServiceEmail} {
		tasks, err := workflow.Tasks(viewerCtx(t, client, email), client, workflow.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, task := range tasks {
			if got[task.Status] == nil {
				got[task.Status] = map[procedure.TaskKind]int{}
			}
			got[task.Status][task.Kind]++
		}
	}
	if got[procedure.StatusOverdue][procedure.TaskPlanAction] == 0 || got[procedure.StatusOnTime][procedure.TaskPlanReview] == 0 ||
		got[procedure.StatusDueSoon][procedure.TaskPlanAction] == 0 || got[procedure.StatusDueSoon][procedure.TaskScheduledVisit] == 0 ||
		got[procedure.StatusOnTime][procedure.TaskPlanAction] == 0 {
		t.Errorf("tasks by status and kind: %v", got)
	}
}

// A caller's system context (a bypass of the privacy policies) does not
// reach the staff's work: their own work still waits for a supervisor.
func TestLoadFromASystemContextBypassesNothing(t *testing.T) {
	client := territorytest.Open(t, testdb.New(t))
	sys := tenant.SystemContext(context.Background())
	if _, err := demo.Load(sys, client, ""); err != nil {
		t.Fatal(err)
	}
	pending, err := client.Approval.Query().Where(approval.StatusEQ(approval.StatusPENDING),
		approval.SubjectKindEQ(approval.SubjectKindNEEDS_ASSESSMENT)).Count(sys)
	if err != nil || pending != 1 {
		t.Errorf("%d needs assessments wait for approval, want the one the demo leaves pending (%v)", pending, err)
	}
}
