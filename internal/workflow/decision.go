package workflow

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/caseaccess"
	"github.com/turbota/turbota/ent/caseevent"
	"github.com/turbota/turbota/ent/casefile"
	"github.com/turbota/turbota/ent/decision"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/tenant"
)

// Decision is what a decision records.
type Decision struct {
	Case               pulid.ID
	Body               decision.Body
	Kind               decision.Kind
	Number, LegalBasis string
	DecidedAt          time.Time
	Reason             string
	Provider           *pulid.ID
	Crisis             bool
	Session            *pulid.ID
	// Children a removal decision concerns; a placement decision's are
	// those of its placements.
	Children []pulid.ID
	// Placements a placement decision makes, one per child.
	Placements []Placement
}

// bodyOf: which body takes which decisions, and the role that speaks for it.
var bodyOf = map[decision.Kind]decision.Body{
	decision.KindPROVIDE_SERVICES: decision.BodySOCIAL_PROTECTION,
	decision.KindREFUSE_SERVICES:  decision.BodySOCIAL_PROTECTION,
}

var roleOf = map[decision.Body]string{
	decision.BodySOCIAL_PROTECTION: tenant.RoleSocialProtection,
	decision.BodyGUARDIANSHIP_BODY: tenant.RoleGuardianshipBody,
}

// RecordDecision files a decision. Services are decided by the social
// protection department, everything else by the guardianship body, each
// only by a person holding that body's role; a refusal needs a reason and
// is refused itself where casework forbids it; a decision on services moves
// the case to accompaniment or refusal.
func RecordDecision(ctx context.Context, c *ent.Client, in Decision) (*ent.Decision, error) {
	if err := checkDecision(in); err != nil {
		return nil, err
	}
	cf, err := c.CaseFile.Query().Where(casefile.ID(in.Case)).WithSafetyAssessments().Only(ctx)
	if err != nil {
		return nil, err
	}
	// One decision of a case at a time: the checks below (decided once,
	// extended at most so often) read what the others wrote.
	if err := lockCase(ctx, c, "case:"+string(cf.ID)); err != nil {
		return nil, err
	}
	if v := tenant.FromContext(ctx); v == nil || !holds(v, cf.CommunityID, roleOf[in.Body]) {
		return nil, authz.ErrForbidden
	}
	if err := stepDate("decidedAt", in.DecidedAt, cf); err != nil {
		return nil, err
	}
	timers, err := loadClock(ctx, c, cf)
	if err != nil {
		return nil, err
	}
	// The crisis deadline is the decision on services' (one working day):
	// a placement or an extension is not decided "in a crisis" because
	// its case is one.
	if in.Kind == decision.KindPROVIDE_SERVICES || in.Kind == decision.KindREFUSE_SERVICES {
		in.Crisis = in.Crisis || crisisOf(timers).Crisis()
	}
	if err := checkServicesDecision(timers, in.Kind, in.Crisis); err != nil {
		return nil, err
	}
	if in.Kind == decision.KindEXTEND_ACCOMPANIMENT {
		if err := checkExtension(ctx, c, timers, in.DecidedAt); err != nil {
			return nil, err
		}
	}
	if in.Kind == decision.KindREFUSE_SERVICES {
		if err := checkRefusal(ctx, c, cf); err != nil {
			return nil, err
		}
	}
	if err := checkSession(ctx, c, cf, in.Session); err != nil {
		return nil, err
	}
	children, err := decisionChildren(ctx, c, cf, in)
	if err != nil {
		return nil, err
	}
	if in.Provider != nil {
		named := c.Decision.Create().SetCommunityID(cf.CommunityID).SetProviderID(*in.Provider)
		if err := checkProvider(ctx, c, cf, *in.Provider, decision.Policy, named.Mutation()); err != nil {
			return nil, err
		}
	}
	create := c.Decision.Create().SetCommunityID(cf.CommunityID).SetCaseID(cf.ID).SetBody(in.Body).SetKind(in.Kind).
		SetNumber(in.Number).SetDecidedAt(in.DecidedAt).SetLegalBasis(in.LegalBasis).SetCrisis(in.Crisis).
		SetNillableProviderID(in.Provider).SetNillableSessionID(in.Session)
	if len(children) > 0 {
		create.SetChildren(children)
	}
	if in.Reason != "" {
		create.SetReason(in.Reason)
	}
	if err := setDue(ctx, c, create, cf, in); err != nil {
		return nil, err
	}
	create.SetNillableRecordedByID(actor(ctx))
	d, err := create.Save(ctx)
	if err != nil {
		return nil, err
	}
	if in.Provider != nil {
		if err := grant(ctx, c, cf, caseaccess.ReasonDECISION, in.Provider, nil, &d.ID); err != nil {
			return nil, err
		}
	}
	if cf, err = follow(ctx, c, cf, in.Kind, in.DecidedAt); err != nil {
		return nil, err
	}
	if err := recordOn(ctx, c, cf, caseevent.KindDECIDED, nil, string(in.Kind)+" "+in.Number, in.DecidedAt); err != nil {
		return nil, err
	}
	for _, p := range in.Placements {
		p.Case, p.Decision = cf.ID, &d.ID
		if p.StartedAt.IsZero() {
			p.StartedAt = in.DecidedAt
		}
		if _, err := RecordPlacement(ctx, c, p); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// decisionChildren: a removal names the children removed, a placement
// places each child once; both only the case's children. Other decisions
// name none.
func decisionChildren(ctx context.Context, c *ent.Client, cf *ent.CaseFile, in Decision) ([]pulid.ID, error) {
	children := in.Children
	switch in.Kind {
	case decision.KindREMOVAL:
		if len(children) == 0 {
			return nil, inputErr("children", "a removal names the children removed")
		}
		if len(in.Placements) > 0 {
			return nil, inputErr("placements", "a removal places no child; record the placement decision")
		}
	case decision.KindPLACEMENT:
		if len(in.Placements) == 0 {
			return nil, inputErr("placements", "a placement decision places each child it concerns, in a form of care")
		}
		if len(children) > 0 {
			return nil, inputErr("children", "a placement decision names its children in its placements")
		}
		for _, p := range in.Placements {
			children = append(children, p.Child)
		}
	default:
		if len(children) > 0 || len(in.Placements) > 0 {
			return nil, inputErr("children", "only a removal or a placement decision names children")
		}
		return nil, nil
	}
	seen := map[pulid.ID]bool{}
	for _, id := range children {
		if seen[id] {
			return nil, inputErr("children", "each child once")
		}
		seen[id] = true
		if err := checkCaseChild(ctx, c, cf, "children", id); err != nil {
			return nil, err
		}
	}
	return children, nil
}

func checkDecision(in Decision) error {
	body, ok := bodyOf[in.Kind]
	if !ok {
		body = decision.BodyGUARDIANSHIP_BODY
	}
	switch {
	case body != in.Body:
		return inputErr("body", "this decision belongs to another body")
	case strings.TrimSpace(in.Number) == "":
		return inputErr("number", "must not be empty")
	case strings.TrimSpace(in.LegalBasis) == "":
		return inputErr("legalBasis", "must not be empty")
	case in.Kind == decision.KindREFUSE_SERVICES && strings.TrimSpace(in.Reason) == "":
		return inputErr("reason", "a refusal states its reason")
	}
	return pastDate("decidedAt", in.DecidedAt)
}

// checkServicesDecision: services are decided on once per case, and to
// provide them the case must have come through its assessments to the
// decision (a refusal may come earlier, during the needs assessment). In a
// crisis the decision to provide services comes within one working day of
// the safety assessment, before the needs assessment, which stays due.
func checkServicesDecision(cf *ent.CaseFile, kind decision.Kind, crisis bool) error {
	if _, services := bodyOf[kind]; !services {
		return nil
	}
	if d := servicesDecision(cf); d != nil {
		what := "to provide services"
		if d.Kind == decision.KindREFUSE_SERVICES {
			what = "to refuse services"
		}
		return &procedure.RuleError{Code: procedure.RuleDecisionAlreadyMade, Reasons: []string{
			"decision No. " + d.Number + " of " + d.DecidedAt.Format("2006-01-02") + " " + what}}
	}
	if kind == decision.KindPROVIDE_SERVICES && procedure.Transition(cf.Status, procedure.StateOpen) != nil {
		p := progressOf(cf)
		switch {
		case cf.Status == procedure.StateReported || cf.Status == procedure.StateAssessingSafety && !p.SafetyAssessed:
			return &procedure.RuleError{Code: procedure.RuleSafetyAssessmentRequired, Reasons: []string{"the case is " + cf.Status.Label().EN}}
		case crisis && (cf.Status == procedure.StateAssessingSafety || cf.Status == procedure.StateAssessingNeeds):
			return nil // the crisis path
		case cf.Status == procedure.StateAssessingSafety || cf.Status == procedure.StateAssessingNeeds:
			return &procedure.RuleError{Code: procedure.RuleNeedsAssessmentRequired, Reasons: []string{"the case is " + cf.Status.Label().EN}}
		}
	}
	return nil
}

// lockCase holds the lock of a record (case:…, report:…) until the
// transaction ends, so two steps that check what it has recorded do not
// both pass on the same facts.
func lockCase(ctx context.Context, c *ent.Client, key string) error {
	if _, err := c.ExecContext(ctx, "SELECT pg_advisory_xact_lock(hashtext($1))", key); err != nil {
		return fmt.Errorf("lock the case: %w", err)
	}
	return nil
}

// checkExtension: the accompaniment is extended only while the case is
// under it and within the maximum of the case's rules
// (procedure.RuleSet.CheckExtension).
func checkExtension(ctx context.Context, c *ent.Client, cf *ent.CaseFile, at time.Time) error {
	rules, err := ruleSet(cf.RuleSetVersion)
	if err != nil {
		return err
	}
	cal, err := NewCalendars(c).For(ctx, cf.CommunityID)
	if err != nil {
		return err
	}
	return rules.CheckExtension(clockOf(cf), at, cal)
}

// holds: only a member of a body, in the case's community, speaks for it.
func holds(v *tenant.Viewer, community pulid.ID, role string) bool {
	for _, g := range v.Grants {
		if g.Role == role && g.CommunityID == community {
			return true
		}
	}
	return false
}

// checkRefusal asks casework whether the case records a danger that bars
// a refusal, from the facts the case's clock is loaded with (the same ones
// the state machine reads: progressOf).
func checkRefusal(ctx context.Context, c *ent.Client, cf *ent.CaseFile) error {
	k, err := loadClock(ctx, c, cf)
	if err != nil {
		return err
	}
	return procedure.CheckRefusal(dangerOf(k.Edges.Reports, k.Edges.SafetyAssessments, k.Edges.NeedsAssessments))
}

// setDue records the decision deadline of services decisions.
func setDue(ctx context.Context, c *ent.Client, create *ent.DecisionCreate, cf *ent.CaseFile, in Decision) error {
	if _, services := bodyOf[in.Kind]; !services {
		return nil
	}
	rules, err := ruleSet(cf.RuleSetVersion)
	if err != nil {
		return err
	}
	cal, err := calendarOf(ctx, c, cf)
	if err != nil {
		return err
	}
	start := clockStart(cf)
	if in.Crisis {
		timers, err := loadClock(ctx, c, cf)
		if err != nil {
			return err
		}
		if s := crisisOf(timers).Start(); !s.IsZero() {
			start = s
		}
	}
	due, err := rules.Due(procedure.DecisionKind(in.Crisis), start, cal)
	if err != nil {
		return err
	}
	create.SetDue(due).SetOnTime(!in.DecidedAt.After(due))
	return nil
}

// follow moves the case as a services decision says. A crisis decision
// taken before the needs assessment moves the case into it on the way, so
// the timeline shows the needs assessment passed over, not skipped. The
// moves are dated by the decision.
func follow(ctx context.Context, c *ent.Client, cf *ent.CaseFile, kind decision.Kind, decidedAt time.Time) (*ent.CaseFile, error) {
	on := stepOn(decidedAt)
	switch kind {
	case decision.KindPROVIDE_SERVICES:
		if cf.Status == procedure.StateAssessingSafety {
			var err error
			if cf, err = TransitionOn(ctx, c, cf.ID, procedure.StateAssessingNeeds, "", on); err != nil {
				return nil, err
			}
		}
		return TransitionOn(ctx, c, cf.ID, procedure.StateOpen, "", on)
	case decision.KindREFUSE_SERVICES:
		return TransitionOn(ctx, c, cf.ID, procedure.StateRefused, "", on)
	}
	return cf, nil
}
