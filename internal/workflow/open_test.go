package workflow_test

import (
	"testing"
	"time"

	"github.com/turbota/turbota/ent/decision"
	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/internal/workflow"
)

// A refused case is not open: a departing worker's caseload, the tasks and
// the lists of work leave it, and of the deadlines it keeps only the
// notice its applicant is owed.
func TestRefusedCaseIsNotOpen(t *testing.T) {
	e := demoEnv(t)
	cf := caseIn(t, e, demo.PoltavaCommunityCode, procedure.StateAwaitingDecision)
	if cf.ManagerID == nil {
		t.Fatal("the demo case awaiting its decision has no manager")
	}
	from, to := *cf.ManagerID, e.user(t, demo.PoltavaProviderSpecialistEmail)
	on := clock.Now().Add(-time.Hour)
	if _, err := workflow.RecordDecision(e.as(t, demo.PoltavaSocialProtectionEmail), e.c, workflow.Decision{Case: cf.ID,
		Body: decision.BodySOCIAL_PROTECTION, Kind: decision.KindREFUSE_SERVICES, Number: "1-в", DecidedAt: on,
		LegalBasis: "ст. 21 Закону України «Про соціальні послуги»", Reason: "Сім'я відмовилася від послуг."}); err != nil {
		t.Fatal(err)
	}
	supervisor := e.as(t, demo.PoltavaChildrenServiceEmail)
	tasks, err := workflow.Tasks(supervisor, e.c, workflow.Filter{Community: cf.CommunityID})
	if err != nil {
		t.Fatal(err)
	}
	for _, task := range tasks {
		if task.Case.ID == cf.ID {
			t.Errorf("a task of the refused case: %s %s", task.Kind, task.Text)
		}
	}
	ds, err := workflow.Deadlines(supervisor, e.c, workflow.Filter{Community: cf.CommunityID})
	if err != nil {
		t.Fatal(err)
	}
	var kinds []procedure.Kind
	for _, d := range ds {
		if d.Case.ID == cf.ID {
			kinds = append(kinds, d.Kind)
		}
	}
	if len(kinds) != 1 || kinds[0] != procedure.KindDecisionNotice {
		t.Errorf("the refused case's deadlines: %v, want only the notice", kinds)
	}
	moved, err := workflow.ReassignCaseload(supervisor, e.c, cf.CommunityID, from, to, "", workflow.When{})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range moved {
		if m.ID == cf.ID {
			t.Error("the refused case was handed on as an open case")
		}
		if !m.Status.Open() {
			t.Errorf("a %s case was handed on", m.Status)
		}
	}
	if still, err := e.c.CaseFile.Get(e.sys, cf.ID); err != nil || still.ManagerID == nil || *still.ManagerID != from {
		t.Errorf("the refused case was handed on (%v)", err)
	}
}
