package workflow

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/caseaccess"
	"github.com/turbota/turbota/ent/casefile"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/tenant"
)

// Deadline is a legal deadline a case is running against.
type Deadline struct {
	Case   *ent.CaseFile
	Kind   procedure.Kind
	Due    time.Time
	Status procedure.DueStatus
	Rule   procedure.Rule
}

// Filter narrows the deadline list.
type Filter struct {
	Community pulid.ID // empty: every community the viewer may read cases of
	Mine      bool     // only cases the viewer manages
	Statuses  []procedure.DueStatus
	// Organization: only cases the organisation works on (an access of it).
	Organization pulid.ID
}

// Deadlines lists the open deadlines of the cases the viewer may read, most
// urgent first, each under the rule set its case started with.
func Deadlines(ctx context.Context, c *ent.Client, f Filter) ([]Deadline, error) {
	// What the home page shows of each; GraphQL reads edge lists by their
	// field name (entgql's named edges).
	q := withClock(owingCases(c)).WithFamily().WithNamedChildren("children")
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
	out, err := dueOf(ctx, NewCalendars(c), open, f.Statuses)
	slices.SortStableFunc(out, func(a, b Deadline) int { return a.Due.Compare(b.Due) })
	return out, err
}

// owingCases are the cases that still run against deadlines (owingCase).
func owingCases(c *ent.Client) *ent.CaseFileQuery {
	return c.CaseFile.Query().Where(owingCase())
}

// dueOf computes the deadlines of cases loaded with their clock, keeping
// those of the statuses asked (all when none).
func dueOf(ctx context.Context, cals *Calendars, open []*ent.CaseFile, statuses []procedure.DueStatus) ([]Deadline, error) {
	var out []Deadline
	for _, cf := range open {
		cal, err := cals.For(ctx, cf.CommunityID)
		if err != nil {
			return nil, err
		}
		ds, err := caseDeadlines(cf, clock.Now(), cal)
		if err != nil {
			return nil, err
		}
		for _, d := range ds {
			if len(statuses) == 0 || slices.Contains(statuses, d.Status) {
				out = append(out, d)
			}
		}
	}
	return out, nil
}

// caseDeadlines are the deadlines a case (loaded with its clock) is
// running against at at, as casework computes them under its rule set.
func caseDeadlines(cf *ent.CaseFile, at time.Time, cal procedure.Calendar) ([]Deadline, error) {
	rules, err := ruleSet(cf.RuleSetVersion)
	if err != nil {
		return nil, err
	}
	ds, err := rules.CaseDeadlines(clockOf(cf), at, cal)
	if err != nil {
		return nil, err
	}
	out := make([]Deadline, len(ds))
	for i, d := range ds {
		out[i] = Deadline{Case: cf, Kind: d.Kind, Due: d.Due, Status: d.Status, Rule: d.Rule}
	}
	return out, nil
}

// CaseDeadlines are the deadlines one case is running against now.
func CaseDeadlines(ctx context.Context, c *ent.Client, cf *ent.CaseFile) ([]Deadline, error) {
	timers, err := loadClock(ctx, c, cf)
	if err != nil {
		return nil, err
	}
	cal, err := calendarOf(ctx, c, cf)
	if err != nil {
		return nil, err
	}
	ds, err := caseDeadlines(timers, clock.Now(), cal)
	for i := range ds {
		ds[i].Case = cf
	}
	return ds, err
}

// Accompaniment is the term of the case's social accompaniment as the
// case's rules compute it (procedure.RuleSet.Accompaniment): from the
// decision to provide services, the base period and each decision to
// extend it taken since; nil before services are decided to be provided.
func Accompaniment(ctx context.Context, c *ent.Client, cf *ent.CaseFile) (*procedure.AccompanimentTerm, error) {
	timers, err := loadClock(ctx, c, cf)
	if err != nil {
		return nil, err
	}
	rules, err := ruleSet(cf.RuleSetVersion)
	if err != nil {
		return nil, err
	}
	cal, err := calendarOf(ctx, c, cf)
	if err != nil {
		return nil, err
	}
	return rules.Accompaniment(clockOf(timers), cal)
}

// AccompanimentEnds is the last day of the case's social accompaniment
// (Accompaniment); nil before services are decided to be provided.
func AccompanimentEnds(ctx context.Context, c *ent.Client, cf *ent.CaseFile) (*time.Time, error) {
	t, err := Accompaniment(ctx, c, cf)
	if err != nil || t == nil {
		return nil, err
	}
	return &t.End, nil
}

// Crisis reports whether the case is a crisis (procedure.CrisisFacts).
func Crisis(ctx context.Context, c *ent.Client, cf *ent.CaseFile) (bool, error) {
	timers, err := loadClock(ctx, c, cf)
	if err != nil {
		return false, err
	}
	return crisisOf(timers).Crisis(), nil
}

// ruleSet finds the version a case started under.
func ruleSet(version string) (procedure.RuleSet, error) {
	for _, rs := range procedure.DefaultRuleBook().RuleSets() {
		if rs.Version == version {
			return rs, nil
		}
	}
	return procedure.RuleSet{}, fmt.Errorf("unknown deadline rule set %q", version)
}
