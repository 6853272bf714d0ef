package workflow

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/internal/platform/clock"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/approval"
	"github.com/turbota/turbota/ent/caseevent"
	"github.com/turbota/turbota/ent/plan"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/schema/schematype"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/tenant"
)

// GoalOutcomes are what a review may say of a goal.
var GoalOutcomes = []string{"ACHIEVED", "PARTLY_ACHIEVED", "NOT_ACHIEVED", "NO_LONGER_RELEVANT"}

// SavePlan writes the next version of a case's plan, at any stage: a plan
// is often drafted with the needs assessment and agreed after the decision.
// Goals keep their keys across versions (new goals get one), so reviews can
// follow them.
// when dates the version (a paper file's, in "savedAt"), under the rules
// of When: its tasks start then.
func SavePlan(ctx context.Context, c *ent.Client, caseID pulid.ID, goals []schematype.PlanGoal, nextReview time.Time, when When) (*ent.Plan, error) {
	if err := checkGoals(goals, nextReview); err != nil {
		return nil, err
	}
	cf, err := c.CaseFile.Get(ctx, caseID)
	if err != nil {
		return nil, err
	}
	if err := checkResponsible(ctx, c, cf, goals); err != nil {
		return nil, err
	}
	at, err := moveDate(ctx, c, cf, when)
	if err != nil {
		return nil, err
	}
	newest, err := newestPlanVersion(ctx, c, caseID)
	if err != nil {
		return nil, err
	}
	create := c.Plan.Create().SetCommunityID(cf.CommunityID).SetCaseID(caseID).SetVersion(newest + 1).
		SetGoals(withKeys(goals)).SetNextReviewAt(nextReview).SetSavedAt(at)
	create.SetNillableAuthorID(actor(ctx))
	p, err := create.Save(ctx)
	if err != nil {
		return nil, err
	}
	if err := recordOn(ctx, c, cf, caseevent.KindPLAN_SAVED, nil, "", at); err != nil {
		return nil, err
	}
	if err := withdrawOlder(ctx, c, p); err != nil {
		return nil, err
	}
	_, err = requestApproval(ctx, c, cf, approval.SubjectKindPLAN, p.ID, "", at)
	return p, err
}

// ErrRecordChanged refuses a change written from a copy of a record that
// someone else has changed since.
var ErrRecordChanged = &procedure.RuleError{Code: procedure.RuleRecordChanged}

// SavePlanOver saves a plan version written from version basedOn (0: from
// no plan), as a draft kept on a device while offline is: when another
// version has been saved since, it is refused (RECORD_CHANGED) rather than
// saved over a version its author has not seen.
func SavePlanOver(ctx context.Context, c *ent.Client, caseID pulid.ID, basedOn int, goals []schematype.PlanGoal, nextReview time.Time, when When) (*ent.Plan, error) {
	newest, err := newestPlanVersion(ctx, c, caseID)
	if err != nil {
		return nil, err
	}
	if newest != basedOn {
		return nil, ErrRecordChanged
	}
	return SavePlan(ctx, c, caseID, goals, nextReview, when)
}

// newestPlanVersion is the version of the case's newest plan, 0 without one.
func newestPlanVersion(ctx context.Context, c *ent.Client, caseID pulid.ID) (int, error) {
	last, err := c.Plan.Query().Where(plan.CaseID(caseID)).Order(ent.Desc(plan.FieldVersion)).First(ctx)
	switch {
	case err == nil:
		return last.Version, nil
	case ent.IsNotFound(err):
		return 0, nil
	}
	return 0, err
}

// AgreePlan records the family's agreement to a plan version.
func AgreePlan(ctx context.Context, c *ent.Client, id pulid.ID, at time.Time, document string) (*ent.Plan, error) {
	if strings.TrimSpace(document) == "" {
		return nil, inputErr("document", "name the signed agreement")
	}
	if at.After(clock.Now().Add(clockSkew)) {
		return nil, inputErr("agreedAt", "cannot be in the future")
	}
	p, err := c.Plan.Query().Where(plan.ID(id)).WithCase().Only(ctx)
	if err != nil {
		return nil, err
	}
	if p.AgreedAt != nil {
		return nil, ErrAlreadyAgreed
	}
	agree := c.Plan.UpdateOneID(id).SetAgreedAt(at).SetAgreementDocument(document)
	if err := askPolicy(ctx, plan.Policy, agree.Mutation()); err != nil {
		return nil, err
	}
	if err := stepDate("agreedAt", at, p.Edges.Case); err != nil {
		return nil, err
	}
	if err := checkCurrent(ctx, c, p); err != nil {
		return nil, err
	}
	if ok, err := approved(ctx, c, p.ID); err != nil || !ok {
		if err == nil {
			err = ErrApprovalPending
		}
		return nil, err
	}
	cf := p.Edges.Case
	if p, err = agree.Save(ctx); err != nil {
		return nil, err
	}
	return p, recordOn(ctx, c, cf, caseevent.KindPLAN_AGREED, nil, document, at)
}

// ReviewPlan records a review that accounts for every goal of the version.
func ReviewPlan(ctx context.Context, c *ent.Client, id pulid.ID, at time.Time, outcomes []schematype.GoalOutcome, summary string) (*ent.PlanReview, error) {
	p, err := c.Plan.Query().Where(plan.ID(id)).WithCase().Only(ctx)
	if err != nil {
		return nil, err
	}
	if err := checkOutcomes(p.Goals, outcomes, at); err != nil {
		return nil, err
	}
	create := c.PlanReview.Create().SetCommunityID(p.CommunityID).SetPlanID(id).SetReviewedAt(at).
		SetOutcomes(outcomes).SetSummary(summary)
	create.SetNillableReviewerID(actor(ctx))
	r, err := create.Save(ctx)
	if err != nil {
		return nil, err
	}
	// After the privacy rules, as the message tells when the case opened.
	if err := stepDate("reviewedAt", at, p.Edges.Case); err != nil {
		return nil, err
	}
	return r, recordOn(ctx, c, p.Edges.Case, caseevent.KindPLAN_REVIEWED, nil, summary, at)
}

func checkGoals(goals []schematype.PlanGoal, nextReview time.Time) error {
	if len(goals) == 0 {
		return inputErr("goals", "a plan has at least one goal")
	}
	for _, g := range goals {
		if strings.TrimSpace(g.Text) == "" || len(g.Actions) == 0 {
			return inputErr("goals", "every goal has a text and at least one action")
		}
		for _, a := range g.Actions {
			if _, err := procedure.ParseDate(a.Due); err != nil || strings.TrimSpace(a.Text) == "" || !a.ResponsibleOrganizationID.Valid() {
				return inputErr("goals", "every action has a text, a responsible organisation and a due date (YYYY-MM-DD)")
			}
		}
	}
	if !nextReview.After(clock.Now()) {
		return inputErr("nextReviewAt", "the next review is in the future")
	}
	return nil
}

func checkOutcomes(goals []schematype.PlanGoal, outcomes []schematype.GoalOutcome, at time.Time) error {
	if at.After(clock.Now().Add(clockSkew)) {
		return inputErr("reviewedAt", "cannot be in the future")
	}
	byKey := map[string]bool{}
	for _, o := range outcomes {
		if !slices.Contains(GoalOutcomes, o.Outcome) {
			return inputErr("outcomes", "unknown outcome "+o.Outcome)
		}
		byKey[o.Key] = true
	}
	for _, g := range goals {
		if !byKey[g.Key] {
			return inputErr("outcomes", "every goal of the plan needs an outcome")
		}
	}
	if len(byKey) != len(goals) {
		return inputErr("outcomes", "an outcome names a goal the plan does not have")
	}
	return nil
}

func withKeys(goals []schematype.PlanGoal) []schematype.PlanGoal {
	out := slices.Clone(goals)
	for i := range out {
		if out[i].Key == "" {
			b := make([]byte, 6)
			_, _ = rand.Read(b)
			out[i].Key = hex.EncodeToString(b)
		}
	}
	return out
}

// checkResponsible: the organisation answering for each action is one of
// the case's community, as the viewer sees it.
func checkResponsible(ctx context.Context, c *ent.Client, cf *ent.CaseFile, goals []schematype.PlanGoal) error {
	const field = "goals.actions.responsibleOrganizationID"
	for _, g := range goals {
		for _, a := range g.Actions {
			err := authz.CheckRef(ctx, c, cf.CommunityID, field, a.ResponsibleOrganizationID)
			var re *authz.RefError
			if errors.As(err, &re) {
				// Every organisation of the community is visible to those
				// who plan: one not found does not exist there.
				return inputErr(field, "not an organisation of the case's community")
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// Plan versions: a new version supersedes the older ones. Their approval
// requests still pending are withdrawn (returned, saying why), and none of
// them may be approved or agreed any more; the current version is the
// newest that took effect.

// withdrawOlder returns the pending approvals of the versions older than p.
func withdrawOlder(ctx context.Context, c *ent.Client, p *ent.Plan) error {
	older, err := c.Plan.Query().Where(plan.CaseID(p.CaseID), plan.VersionLT(p.Version)).IDs(tenant.Bypass(ctx, "withdraw the approvals of older plan versions: the system's record of requests"))
	if err != nil || len(older) == 0 {
		return err
	}
	return c.Approval.Update().Where(approval.SubjectIDIn(older...), approval.SubjectKindEQ(approval.SubjectKindPLAN),
		approval.StatusEQ(approval.StatusPENDING)).SetStatus(approval.StatusRETURNED).SetDecidedAt(clock.Now()).
		SetComment(fmt.Sprintf("Withdrawn: version %d of the plan supersedes this one.", p.Version)).
		Exec(tenant.Bypass(ctx, "withdraw the approvals of older plan versions: the system's record of requests"))
}

// checkNewest refuses to act on a version a newer one supersedes.
func checkNewest(ctx context.Context, c *ent.Client, p *ent.Plan) error {
	newest, err := c.Plan.Query().Where(plan.CaseID(p.CaseID)).Aggregate(ent.Max(plan.FieldVersion)).
		Int(tenant.Bypass(ctx, "count the plan's versions: a number for the workflow, nothing shown"))
	if err != nil {
		return err
	}
	if newest > p.Version {
		return &procedure.RuleError{Code: procedure.RulePlanSuperseded,
			Reasons: []string{fmt.Sprintf("this is version %d, the newest is version %d", p.Version, newest)}}
	}
	return nil
}

// checkCurrent refuses to act on a version once a newer one took effect.
func checkCurrent(ctx context.Context, c *ent.Client, p *ent.Plan) error {
	cur, err := CurrentPlan(ctx, c, p.CaseID)
	if err != nil {
		return err
	}
	if cur != nil && cur.Version > p.Version {
		return &procedure.RuleError{Code: procedure.RulePlanSuperseded,
			Reasons: []string{fmt.Sprintf("this is version %d, version %d is in force", p.Version, cur.Version)}}
	}
	return nil
}

// CurrentPlan is the plan version in force on a case: the newest that took
// effect (approved, or needing no approval); nil while none has.
func CurrentPlan(ctx context.Context, c *ent.Client, caseID pulid.ID) (*ent.Plan, error) {
	plans, err := c.Plan.Query().Where(plan.CaseID(caseID)).All(ctx)
	if err != nil {
		return nil, err
	}
	current, err := currentPlans(ctx, c, plans)
	if err != nil {
		return nil, err
	}
	return current[caseID], nil
}

// currentPlans picks each case's plan in force among plans (the versions
// of one or many cases), with one query of their approvals: a list of
// cases costs two statements, not two per case.
func currentPlans(ctx context.Context, c *ent.Client, plans []*ent.Plan) (map[pulid.ID]*ent.Plan, error) {
	ids := make([]pulid.ID, len(plans))
	for i, p := range plans {
		ids[i] = p.ID
	}
	latest, err := latestApprovals(ctx, c, ids)
	if err != nil {
		return nil, err
	}
	current := map[pulid.ID]*ent.Plan{}
	for _, p := range plans {
		a, asked := latest[p.ID]
		// A version without an approval was recorded before approvals
		// existed, or by the system: it took effect.
		if asked && a.Status != approval.StatusAPPROVED {
			continue
		}
		if cur := current[p.CaseID]; cur == nil || p.Version > cur.Version {
			current[p.CaseID] = p
		}
	}
	return current, nil
}
