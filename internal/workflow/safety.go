package workflow

import (
	"context"
	"strings"
	"time"

	"github.com/turbota/turbota/authz"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/caseevent"
	"github.com/turbota/turbota/ent/casefile"
	"github.com/turbota/turbota/ent/person"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/schema/schematype"
	"github.com/turbota/turbota/internal/procedure"
)

// SafetyAssessment is what a child safety assessment records.
type SafetyAssessment struct {
	Case           pulid.ID
	ConductedAt    time.Time
	Participants   []string
	PoliceInvolved bool
	Findings       []schematype.ChildFinding
	Result         procedure.SafetyResult
	Measures       []schematype.UrgentMeasure
}

// RecordSafetyAssessment files the assessment of a case: casework decides
// whether it is complete (an immediate threat needs urgent measures, each
// with its legal basis); whether it came on time is kept with it; a case
// still at REPORTED moves to ASSESSING_SAFETY, and the timeline says so.
func RecordSafetyAssessment(ctx context.Context, c *ent.Client, in SafetyAssessment) (*ent.SafetyAssessment, error) {
	measures := make([]procedure.UrgentMeasure, len(in.Measures))
	for i, m := range in.Measures {
		measures[i] = procedure.UrgentMeasure{Kind: string(m.Kind), LegalBasis: m.LegalBasis}
	}
	if err := procedure.CheckSafetyAssessment(in.Result, measures); err != nil {
		return nil, err
	}
	cf, err := c.CaseFile.Get(ctx, in.Case)
	if err != nil {
		return nil, err
	}
	if err := checkFindings(ctx, c, cf, in.Findings); err != nil {
		return nil, err
	}
	if err := checkMeasures(ctx, c, cf, in.Measures); err != nil {
		return nil, err
	}
	onTime := cf.SafetyAssessmentDue == nil || !in.ConductedAt.After(*cf.SafetyAssessmentDue)
	create := c.SafetyAssessment.Create().SetCommunityID(cf.CommunityID).SetCaseID(cf.ID).
		SetConductedAt(in.ConductedAt).SetParticipants(in.Participants).SetPoliceInvolved(in.PoliceInvolved).
		SetFindings(in.Findings).SetResult(in.Result).SetUrgentMeasures(in.Measures).SetOnTime(onTime)
	create.SetNillableRecordedByID(actor(ctx))
	sa, err := create.Save(ctx) // first, so the privacy rules speak before the case's state does
	if err != nil {
		return nil, err
	}
	// After the privacy rules, as the message tells when the case opened;
	// a refusal rolls the mutation back whole.
	if err := stepDate("conductedAt", in.ConductedAt, cf); err != nil {
		return nil, err
	}
	if cf.Status == procedure.StateReported {
		if cf, err = TransitionOn(ctx, c, cf.ID, procedure.StateAssessingSafety, "", stepOn(in.ConductedAt)); err != nil {
			return nil, err
		}
	}
	if err := recordOn(ctx, c, cf, caseevent.KindSAFETY_ASSESSED, nil, string(in.Result), in.ConductedAt); err != nil {
		return nil, err
	}
	// Each child an urgent placement concerns has a placement of their own,
	// under gatekeeping like any other (an institution needs the emergency
	// reason the measure states).
	for _, m := range in.Measures {
		if m.Kind != procedure.MeasurePlacement {
			continue
		}
		for _, child := range m.Children {
			if _, err := RecordPlacement(ctx, c, Placement{Case: cf.ID, Child: child, Form: *m.Form, Address: m.Placement,
				StartedAt: in.ConductedAt, EmergencyReason: m.EmergencyReason, safetyAssessment: &sa.ID}); err != nil {
				return nil, err
			}
		}
	}
	return sa, nil
}

// checkMeasures: a removal or placement names the children of the case it
// concerns, each once; a placement names the form of care and where the
// child is; other measures name no form.
func checkMeasures(ctx context.Context, c *ent.Client, cf *ent.CaseFile, measures []schematype.UrgentMeasure) error {
	for _, m := range measures {
		child := m.Kind == procedure.MeasureRemoval || m.Kind == procedure.MeasurePlacement
		switch {
		case child && len(m.Children) == 0:
			return inputErr("urgentMeasures.children", "a removal or a placement names the children it concerns")
		case m.Kind == procedure.MeasurePlacement && (m.Form == nil || !m.Form.Valid()):
			return inputErr("urgentMeasures.form", "a placement names the form of care")
		case m.Kind == procedure.MeasurePlacement && strings.TrimSpace(m.Placement) == "":
			return inputErr("urgentMeasures.placement", "a placement says where the child is")
		case m.Kind != procedure.MeasurePlacement && m.Form != nil:
			return inputErr("urgentMeasures.form", "only a placement names a form of care")
		}
		seen := map[pulid.ID]bool{}
		for _, id := range m.Children {
			if seen[id] {
				return inputErr("urgentMeasures.children", "each child once")
			}
			seen[id] = true
			if err := checkCaseChild(ctx, c, cf, "urgentMeasures.children", id); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkFindings: each finding is about one of the case's children, once.
// A person the viewer cannot see is NOT_FOUND; a visible one who is not a
// child of the case (the mother, a child of another case) is a mistake in
// the input.
func checkFindings(ctx context.Context, c *ent.Client, cf *ent.CaseFile, findings []schematype.ChildFinding) error {
	seen := map[pulid.ID]bool{}
	for _, f := range findings {
		if err := authz.CheckRef(ctx, c, cf.CommunityID, "findings.personID", f.PersonID); err != nil {
			return err
		}
		ok, err := c.CaseFile.Query().Where(casefile.ID(cf.ID), casefile.HasChildrenWith(person.ID(f.PersonID))).Exist(ctx)
		if err != nil {
			return err
		}
		if !ok || seen[f.PersonID] {
			return inputErr("findings.personID", "each finding is about one of the case's children, once")
		}
		seen[f.PersonID] = true
	}
	return nil
}
