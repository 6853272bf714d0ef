package workflow_test

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/auditevent"
	"github.com/turbota/turbota/ent/casetransfer"
	"github.com/turbota/turbota/ent/person"
	"github.com/turbota/turbota/ent/referral"
	"github.com/turbota/turbota/ent/report"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/schema/schematype"
	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/internal/workflow"
)

// lastChange is the newest change-log entry of a record of the action.
func lastChange(t *testing.T, e *env, id pulid.ID, action auditevent.Action) *ent.AuditEvent {
	t.Helper()
	ev, err := e.c.AuditEvent.Query().Where(auditevent.EntityID(string(id)), auditevent.ActionEQ(action)).
		Order(ent.Desc(auditevent.FieldOccurredAt), ent.Desc(auditevent.FieldID)).First(e.sys)
	if err != nil {
		t.Fatalf("the change log of %s: %v", id, err)
	}
	return ev
}

// valueOf is a field's change in a log entry; nil when it is not there.
func valueOf(ev *ent.AuditEvent, field string) *schematype.FieldChange {
	for _, c := range ev.Changes {
		if c.Field == field {
			return &c
		}
	}
	return nil
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The change log keeps the values before and after of every kind of
// change: a bulk update (each row its own), a list appended to, an edge to
// many records, a deletion, the move of records to another community.
func TestChangeLogKeepsOldAndNewValues(t *testing.T) {
	for _, tc := range []struct {
		name  string
		check func(t *testing.T, e *env)
	}{
		{"bulk update", func(t *testing.T, e *env) {
			reps, err := e.c.Report.Query().All(e.sys)
			if err != nil {
				t.Fatal(err)
			}
			if err := e.c.Report.Update().SetUrgency(report.UrgencyURGENT).Exec(e.sys); err != nil {
				t.Fatal(err)
			}
			urgencies := map[report.Urgency]bool{}
			for _, r := range reps {
				urgencies[r.Urgency] = true
				c := valueOf(lastChange(t, e, r.ID, auditevent.ActionUPDATE), "urgency")
				if c == nil || string(c.Old) != jsonOf(t, r.Urgency) || string(c.New) != jsonOf(t, report.UrgencyURGENT) {
					t.Errorf("report %s: urgency change %+v, want %s → URGENT", r.ID, c, r.Urgency)
				}
			}
			if len(urgencies) < 2 {
				t.Errorf("the demo's reports are all %v: the old values cannot differ", urgencies)
			}
		}},
		{"list appended to", func(t *testing.T, e *env) {
			cf := caseIn(t, e, demo.VinnytsiaCommunityCode, procedure.StateAssessingSafety)
			rep, err := cf.QueryReports().Only(e.sys)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := workflow.CorrectReport(e.as(t, demo.VinnytsiaChildrenServiceEmail), e.c, workflow.ReportCorrection{
				Report: rep.ID, Reason: "Бідність.", AddCategories: []procedure.Category{procedure.CategoryPoverty}}); err != nil {
				t.Fatal(err)
			}
			ev := lastChange(t, e, rep.ID, auditevent.ActionUPDATE)
			var before, after []schematype.ReportCorrection
			c := valueOf(ev, "corrections")
			if c == nil || json.Unmarshal(c.New, &after) != nil || len(after) != len(rep.Corrections)+1 ||
				len(rep.Corrections) > 0 && (json.Unmarshal(c.Old, &before) != nil || len(before) != len(rep.Corrections)) {
				t.Errorf("the corrections' change: %+v, want %d corrections then %d", c, len(rep.Corrections), len(rep.Corrections)+1)
			}
			if !slices.Contains(ev.Fields, "corrections") {
				t.Errorf("the fields changed: %v", ev.Fields)
			}
		}},
		{"edge to many records", func(t *testing.T, e *env) {
			cf := caseIn(t, e, demo.VinnytsiaCommunityCode, procedure.StateReported)
			child, err := e.c.Person.Query().Where(person.CommunityID(cf.CommunityID), person.KindEQ(person.KindCHILD)).FirstID(e.sys)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := workflow.UpdateCase(e.as(t, demo.VinnytsiaChildrenServiceEmail), e.c, cf.ID,
				ent.UpdateCaseInput{AddChildIDs: []pulid.ID{child}}, workflow.When{}); err != nil {
				t.Fatal(err)
			}
			c := valueOf(lastChange(t, e, cf.ID, auditevent.ActionUPDATE), "children")
			if c == nil || string(c.New) != jsonOf(t, []pulid.ID{child}) || c.Old != nil {
				t.Errorf("the children's change: %+v, want %s added", c, child)
			}
		}},
		{"deletion and append of a saved filter", func(t *testing.T, e *env) {
			ctx := e.as(t, demo.VinnytsiaChildrenServiceEmail)
			f, err := workflow.SaveFilter(ctx, e.c, ent.CreateSavedFilterInput{Name: "Мої нові",
				CommunityID:  e.community(t, demo.VinnytsiaCommunityCode),
				CaseStatuses: []string{string(procedure.StateReported)}})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := workflow.UpdateFilter(ctx, e.c, f.ID, ent.UpdateSavedFilterInput{
				AppendCaseStatuses: []string{string(procedure.StateAssessingSafety)}}); err != nil {
				t.Fatal(err)
			}
			c := valueOf(lastChange(t, e, f.ID, auditevent.ActionUPDATE), "case_statuses")
			if c == nil || string(c.Old) != `["REPORTED"]` || string(c.New) != `["REPORTED", "ASSESSING_SAFETY"]` {
				t.Errorf("the statuses' change: %+v", c)
			}
			if _, err := workflow.DeleteFilter(ctx, e.c, f.ID); err != nil {
				t.Fatal(err)
			}
			c = valueOf(lastChange(t, e, f.ID, auditevent.ActionDELETE), "name")
			if c == nil || string(c.Old) != jsonOf(t, "Мої нові") || c.New != nil {
				t.Errorf("the deleted name: %+v", c)
			}
		}},
		{"records moved to another community", func(t *testing.T, e *env) {
			tr, err := e.c.CaseTransfer.Query().Where(casetransfer.StatusEQ(casetransfer.StatusACCEPTED)).Only(e.sys)
			if err != nil {
				t.Fatal(err)
			}
			evs, err := e.c.AuditEvent.Query().Where(auditevent.EntityID(string(*tr.CaseID)), auditevent.ActionEQ(auditevent.ActionUPDATE)).All(e.sys)
			if err != nil {
				t.Fatal(err)
			}
			var c *schematype.FieldChange
			for _, ev := range evs {
				if moved := valueOf(ev, "community_id"); moved != nil {
					c = moved
				}
			}
			if c == nil || string(c.Old) != jsonOf(t, tr.CommunityID) || string(c.New) != jsonOf(t, tr.ToCommunityID) {
				t.Errorf("the case's move: %+v, want %s → %s", c, tr.CommunityID, tr.ToCommunityID)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.check(t, demoEnv(t)) })
	}
}

// A consent withdrawn on a past day cancels the referral it allowed on
// that day, in the change log with its status before and after.
func TestWithdrawnConsentEndsItsReferralThatDay(t *testing.T) {
	e := demoEnv(t)
	r, err := e.c.Referral.Query().Where(referral.StatusEQ(referral.StatusSENT),
		referral.CommunityID(e.community(t, demo.VinnytsiaCommunityCode)), referral.ConsentIDNotNil()).First(e.sys)
	if err != nil {
		t.Fatal(err)
	}
	on := clock.Now().Add(-30 * time.Minute).Truncate(time.Second)
	if _, err := workflow.WithdrawConsent(e.as(t, demo.VinnytsiaChildrenServiceEmail), e.c, *r.ConsentID, on); err != nil {
		t.Fatal(err)
	}
	after, err := e.c.Referral.Get(e.sys, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if after.Status != referral.StatusCANCELLED || after.AnsweredAt == nil || !after.AnsweredAt.Equal(on) {
		t.Errorf("the referral is %s, answered %v; want CANCELLED on %s", after.Status, after.AnsweredAt, on)
	}
	c := valueOf(lastChange(t, e, r.ID, auditevent.ActionUPDATE), "status")
	if c == nil || string(c.Old) != `"SENT"` || string(c.New) != `"CANCELLED"` {
		t.Errorf("the referral's status in the change log: %+v", c)
	}
}
