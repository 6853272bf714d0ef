package workflow

import (
	"context"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/referral"
	"github.com/turbota/turbota/ent/serviceprovision"
	"github.com/turbota/turbota/internal/procedure"
)

// ClosureOptions are the outcomes a case may be closed with: the list of
// the rule set it started under.
func ClosureOptions(cf *ent.CaseFile) ([]procedure.OutcomeOption, error) {
	rules, err := ruleSet(cf.RuleSetVersion)
	return rules.Outcomes, err
}

// setOutcome checks a closure: an outcome of the case's list, no service
// still running and no referral still unanswered. It records the outcome.
func setOutcome(ctx context.Context, c *ent.Client, cf *ent.CaseFile, outcome procedure.Outcome) (*ent.CaseFile, error) {
	options, err := ClosureOptions(cf)
	if err != nil {
		return nil, err
	}
	if err := procedure.CheckClosure(outcome, options); err != nil {
		return nil, err
	}
	var open []string
	if n, err := c.ServiceProvision.Query().Where(serviceprovision.CaseID(cf.ID),
		serviceprovision.StatusEQ(serviceprovision.StatusACTIVE)).Count(ctx); err != nil {
		return nil, err
	} else if n > 0 {
		open = append(open, "services still running: end or discontinue them first")
	}
	if n, err := c.Referral.Query().Where(referral.CaseID(cf.ID), referral.StatusEQ(referral.StatusSENT)).Count(ctx); err != nil {
		return nil, err
	} else if n > 0 {
		open = append(open, "referrals still unanswered: cancel them or wait for the answer")
	}
	if len(open) > 0 {
		return nil, &procedure.RuleError{Code: procedure.RuleOpenWork, Reasons: open}
	}
	return c.CaseFile.UpdateOneID(cf.ID).SetClosureOutcome(string(outcome)).Save(ctx)
}
