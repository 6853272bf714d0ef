package workflow

import (
	"context"
	"strings"
	"time"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/approval"
	"github.com/turbota/turbota/ent/caseevent"
	"github.com/turbota/turbota/ent/casefile"
	"github.com/turbota/turbota/ent/decision"
	"github.com/turbota/turbota/ent/needsassessment"
	"github.com/turbota/turbota/ent/person"
	"github.com/turbota/turbota/ent/placement"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
)

// Placement is what a child's placement records.
type Placement struct {
	Case, Child  pulid.ID
	Form         procedure.CareForm
	Organization *pulid.ID
	Address      string
	StartedAt    time.Time
	// Decision is the basis decision of the guardianship body.
	Decision *pulid.ID
	// EmergencyReason: why an institutional placement could not wait for
	// the comprehensive assessment and the commission's decision.
	EmergencyReason string
	// safetyAssessment is the assessment whose urgent measure placed the
	// child (set by RecordSafetyAssessment).
	safetyAssessment *pulid.ID
}

// RecordPlacement records that a child of a case was placed in a form of
// care. Gatekeeping is the procedure's (procedure.CheckPlacement): an
// institution needs an approved comprehensive needs assessment and a
// placement decision of the commission on the rights of the child, or an
// emergency reason, which the timeline records and which sets the date
// the placement is to be reviewed by.
func RecordPlacement(ctx context.Context, c *ent.Client, in Placement) (*ent.Placement, error) {
	cf, err := caseToAdd(ctx, c, in.Case, placement.Policy, func(cm pulid.ID) ent.Mutation {
		return c.Placement.Create().SetCommunityID(cm).Mutation()
	})
	if err != nil {
		return nil, err
	}
	if !in.Form.Valid() {
		return nil, inputErr("form", "not one of the forms of care")
	}
	if err := stepDate("startedAt", in.StartedAt, cf); err != nil {
		return nil, err
	}
	if err := checkCaseChild(ctx, c, cf, "childID", in.Child); err != nil {
		return nil, err
	}
	if in.Organization != nil {
		if err := authz.CheckRef(ctx, c, cf.CommunityID, "organizationID", *in.Organization); err != nil {
			return nil, err
		}
	}
	if in.Organization == nil && strings.TrimSpace(in.Address) == "" {
		return nil, inputErr("address", "say where the child is: an organisation or an address")
	}
	facts := procedure.PlacementFacts{Form: in.Form, OverrideReason: in.EmergencyReason}
	if in.Decision != nil {
		d, err := c.Decision.Get(ctx, *in.Decision)
		if err != nil {
			return nil, err
		}
		if d.CaseID != cf.ID || d.Kind != decision.KindPLACEMENT {
			return nil, inputErr("decisionID", "the basis is a placement decision of this case")
		}
		facts.CommissionDecision = d.SessionID != nil
	}
	k, err := loadClock(ctx, c, cf)
	if err != nil {
		return nil, err
	}
	facts.ComprehensiveAssessment = comprehensiveInEffect(k)
	override, err := procedure.CheckPlacement(facts)
	if err != nil {
		return nil, err
	}
	// A child is in one place at a time: the placement still open ends the
	// day this one begins (the child moved to other care), so the care
	// history, the register and the gatekeeping figures never hold a child
	// in two places. One begun earlier than the open one is refused: it
	// would be open beside it.
	current, err := c.Placement.Query().Where(placement.ChildID(in.Child), placement.EndedAtIsNil()).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, open := range current {
		if in.StartedAt.Before(open.StartedAt) {
			return nil, inputErr("startedAt", "The child has been in "+string(open.Form)+" since "+
				open.StartedAt.In(procedure.Kyiv()).Format("2006-01-02 15:04")+" (Kyiv time): end that placement first, or date this one after it began.")
		}
	}
	create := c.Placement.Create().SetCommunityID(cf.CommunityID).SetCaseID(cf.ID).SetChildID(in.Child).
		SetForm(in.Form).SetNillableOrganizationID(in.Organization).SetStartedAt(in.StartedAt).
		SetNillableDecisionID(in.Decision).SetNillableSafetyAssessmentID(in.safetyAssessment).
		SetNillableRecordedByID(actor(ctx))
	if a := strings.TrimSpace(in.Address); a != "" {
		create.SetAddress(a)
	}
	if override {
		rules, err := ruleSet(cf.RuleSetVersion)
		if err != nil {
			return nil, err
		}
		cal, err := calendarOf(ctx, c, cf)
		if err != nil {
			return nil, err
		}
		create.SetEmergencyReason(strings.TrimSpace(in.EmergencyReason)).SetReviewDue(rules.PlacementReviewDue(in.StartedAt, cal))
	}
	p, err := create.Save(ctx)
	if err != nil {
		return nil, err
	}
	for _, open := range current {
		if err := endMoved(ctx, c, open, p); err != nil {
			return nil, err
		}
	}
	note := string(in.Form) + " " + string(in.Child)
	if err := recordOn(ctx, c, cf, caseevent.KindCHILD_PLACED, nil, note, in.StartedAt); err != nil {
		return nil, err
	}
	if override {
		if err := record(ctx, c, cf, caseevent.KindGATEKEEPING_OVERRIDDEN, nil,
			note+": "+strings.TrimSpace(in.EmergencyReason)+"; review by "+p.ReviewDue.In(procedure.Kyiv()).Format("2006-01-02")); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// endMoved ends a child's open placement on the day the next one began,
// the child moved to other care, on the timeline of the placement's case.
func endMoved(ctx context.Context, c *ent.Client, open, next *ent.Placement) error {
	n, err := c.Placement.Update().Where(placement.ID(open.ID), placement.EndedAtIsNil()).SetEndedAt(next.StartedAt).
		SetEndReason(procedure.CareEndOtherForm).SetEndNote("→ " + string(next.Form) + " (" + string(next.ID) + ")").Save(ctx)
	if err != nil || n == 0 {
		return err
	}
	cf, err := c.CaseFile.Get(ctx, open.CaseID)
	if err != nil {
		return err
	}
	return recordOn(ctx, c, cf, caseevent.KindPLACEMENT_ENDED, nil, string(procedure.CareEndOtherForm)+" "+string(open.ChildID), next.StartedAt)
}

// EndPlacement records that a child's placement ended, and why.
func EndPlacement(ctx context.Context, c *ent.Client, id pulid.ID, at time.Time, reason procedure.CareEnd, note string) (*ent.Placement, error) {
	p, err := c.Placement.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	end := c.Placement.UpdateOneID(id).Where(placement.EndedAtIsNil()).SetEndedAt(at).SetEndReason(reason)
	if n := strings.TrimSpace(note); n != "" {
		end.SetEndNote(n)
	}
	if err := askPolicy(ctx, placement.Policy, end.Mutation()); err != nil {
		return nil, err
	}
	if reason == procedure.CareEndOther && strings.TrimSpace(note) == "" {
		return nil, inputErr("note", "say why the placement ended")
	}
	if at.Before(p.StartedAt) || at.After(clock.Now().Add(clockSkew)) {
		return nil, inputErr("endedAt", "must be after the start and not in the future")
	}
	if err := end.Exec(ctx); ent.IsNotFound(err) {
		return nil, &procedure.RuleError{Code: procedure.RuleAlreadyEnded, Reasons: []string{"the placement has ended already"}}
	} else if err != nil {
		return nil, err
	}
	cf, err := c.CaseFile.Get(ctx, p.CaseID)
	if err != nil {
		return nil, err
	}
	if err := recordOn(ctx, c, cf, caseevent.KindPLACEMENT_ENDED, nil, string(reason)+" "+string(p.ChildID), at); err != nil {
		return nil, err
	}
	return c.Placement.Get(ctx, id)
}

// ParentalCare is an entry of the register of orphans and children
// deprived of parental care.
type ParentalCare struct {
	Child  pulid.ID
	Status person.ParentalCareStatus
	Basis  string
	Since  *time.Time
}

// RecordParentalCareStatus enters a child in the register of orphans and
// children deprived of parental care (or takes them off it, WITH_PARENTS),
// with the document the status rests on and its date.
func RecordParentalCareStatus(ctx context.Context, c *ent.Client, in ParentalCare) (*ent.Person, error) {
	p, err := c.Person.Get(ctx, in.Child)
	if err != nil {
		return nil, err
	}
	set := c.Person.UpdateOneID(p.ID).SetParentalCareStatus(in.Status)
	if err := askPolicy(ctx, person.Policy, set.Mutation()); err != nil {
		return nil, err
	}
	if p.Kind != person.KindCHILD {
		return nil, inputErr("personID", "the register is of children")
	}
	if in.Status == person.ParentalCareStatusWITH_PARENTS {
		set.ClearParentalCareBasis().ClearParentalCareSince()
	} else {
		switch {
		case strings.TrimSpace(in.Basis) == "":
			return nil, inputErr("basis", "name the document the status rests on")
		case in.Since == nil:
			return nil, inputErr("since", "say since when")
		}
		if err := pastDate("since", *in.Since); err != nil {
			return nil, err
		}
		set.SetParentalCareBasis(strings.TrimSpace(in.Basis)).SetParentalCareSince(*in.Since)
	}
	return set.Save(ctx)
}

// ParentalCareRegister lists the children of a community in the register,
// longest there first.
func ParentalCareRegister(ctx context.Context, c *ent.Client, community pulid.ID) ([]*ent.Person, error) {
	return c.Person.Query().Where(person.CommunityID(community), person.KindEQ(person.KindCHILD),
		person.ParentalCareStatusIn(person.ParentalCareStatusORPHAN, person.ParentalCareStatusDEPRIVED_OF_PARENTAL_CARE)).
		Order(ent.Asc(person.FieldParentalCareSince), ent.Asc(person.FieldLastName), ent.Asc(person.FieldID)).
		Limit(1000).All(ctx)
}

// checkCaseChild: a placement or a measure concerns a child of the case. A
// person the viewer cannot see is NOT_FOUND; a visible one who is not a
// child of the case is a mistake in the input.
func checkCaseChild(ctx context.Context, c *ent.Client, cf *ent.CaseFile, field string, child pulid.ID) error {
	if err := authz.CheckRef(ctx, c, cf.CommunityID, field, child); err != nil {
		return err
	}
	ok, err := c.CaseFile.Query().Where(casefile.ID(cf.ID), casefile.HasChildrenWith(person.ID(child))).Exist(ctx)
	if err != nil {
		return err
	}
	if !ok {
		return &procedure.RuleError{Code: procedure.RuleNotAChildOfTheCase, Reasons: []string{field + " " + string(child)}}
	}
	return nil
}

// comprehensiveInEffect: a comprehensive needs assessment of the case has
// taken effect, its latest approval (if it went through one) approved.
func comprehensiveInEffect(k *ent.CaseFile) bool {
	for _, na := range k.Edges.NeedsAssessments {
		if na.Kind != needsassessment.KindCOMPREHENSIVE {
			continue
		}
		var latest *ent.Approval
		for _, a := range k.Edges.Approvals {
			if a.SubjectID == na.ID && (latest == nil || a.RequestedAt.After(latest.RequestedAt)) {
				latest = a
			}
		}
		if latest == nil || latest.Status == approval.StatusAPPROVED {
			return true
		}
	}
	return false
}
