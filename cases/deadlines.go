package cases

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/turbota/turbota/casework"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/caseaccess"
	"github.com/turbota/turbota/ent/casefile"
	"github.com/turbota/turbota/ent/decision"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/tenant"
)

// Deadline is a legal deadline a case is running against.
type Deadline struct {
	Case   *ent.CaseFile
	Kind   casework.Kind
	Due    time.Time
	Status casework.DueStatus
	Rule   casework.Rule
}

// Filter narrows the deadline list.
type Filter struct {
	Community pulid.ID // empty: every community the viewer may read cases of
	Mine      bool     // only cases the viewer manages
	Statuses  []casework.DueStatus
	// Organization: only cases the organisation works on (an access of it).
	Organization pulid.ID
}

// pending says, for each deadline, in which states its step is still to do.
var pending = map[casework.Kind][]casework.State{
	casework.KindSafetyAssessment: {casework.StateReported, casework.StateAssessingSafety},
	casework.KindNeedsAssessment:  {casework.StateReported, casework.StateAssessingSafety, casework.StateAssessingNeeds},
	casework.KindDecision: {casework.StateReported, casework.StateAssessingSafety, casework.StateAssessingNeeds,
		casework.StateAwaitingDecision},
}

// Deadlines lists the open deadlines of the cases the viewer may read, most
// urgent first, each under the rule set its case started with.
func Deadlines(ctx context.Context, c *ent.Client, f Filter) ([]Deadline, error) {
	q := c.CaseFile.Query().Where(casefile.StatusNotIn(casework.StateClosed, casework.StateRefused, casework.StateTransferred)).
		WithSafetyAssessments().WithNeedsAssessments().WithDecisions().
		// What the home page shows of each; GraphQL reads edge lists by
		// their field name (entgql's named edges).
		WithFamily().WithNamedChildren("children")
	if f.Community != "" {
		q = q.Where(casefile.CommunityID(f.Community))
	}
	if v := tenant.FromContext(ctx); f.Mine && v != nil {
		q = q.Where(casefile.ManagerID(v.UserID))
	}
	if f.Organization != "" {
		q = q.Where(casefile.HasAccessesWith(caseaccess.OrganizationID(f.Organization), caseaccess.RevokedAtIsNil()))
	}
	open, err := q.All(ctx)
	if err != nil {
		return nil, err
	}
	var out []Deadline
	cals := NewCalendars(c)
	for _, cf := range open {
		cal, err := cals.For(ctx, cf.CommunityID)
		if err != nil {
			return nil, err
		}
		ds, err := caseDeadlines(cf, now(), cal)
		if err != nil {
			return nil, err
		}
		for _, d := range ds {
			if len(f.Statuses) == 0 || slices.Contains(f.Statuses, d.Status) {
				out = append(out, d)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Deadline) int { return a.Due.Compare(b.Due) })
	return out, nil
}

func caseDeadlines(cf *ent.CaseFile, at time.Time, cal casework.Calendar) ([]Deadline, error) {
	rules, err := ruleSet(cf.RuleSetVersion)
	if err != nil {
		return nil, err
	}
	var out []Deadline
	for _, kind := range []casework.Kind{casework.KindSafetyAssessment, casework.KindNeedsAssessment, casework.KindDecision} {
		if !slices.Contains(pending[kind], cf.Status) || done(cf, kind) {
			continue
		}
		due, err := rules.Due(kind, cf.OpenedAt, cal)
		if err != nil {
			return nil, err
		}
		out = append(out, Deadline{Case: cf, Kind: kind, Due: due, Rule: rules.Rules[kind],
			Status: rules.Status(cf.OpenedAt, due, at, cal)})
	}
	return out, nil
}

// ruleSet finds the version a case started under.
func ruleSet(version string) (casework.RuleSet, error) {
	for _, rs := range casework.DefaultRuleBook().RuleSets() {
		if rs.Version == version {
			return rs, nil
		}
	}
	return casework.RuleSet{}, fmt.Errorf("unknown deadline rule set %q", version)
}

// done: the step a deadline is for has been recorded.
func done(cf *ent.CaseFile, kind casework.Kind) bool {
	switch kind {
	case casework.KindSafetyAssessment:
		return len(cf.Edges.SafetyAssessments) > 0
	case casework.KindNeedsAssessment:
		return len(cf.Edges.NeedsAssessments) > 0
	case casework.KindDecision:
		for _, d := range cf.Edges.Decisions {
			if d.Kind == decision.KindPROVIDE_SERVICES || d.Kind == decision.KindREFUSE_SERVICES {
				return true
			}
		}
	}
	return false
}
