package authz

import (
	"context"
	_ "embed"
	"encoding/csv"
	"fmt"
	"strings"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/policyrule"
	"github.com/turbota/turbota/tenant"
)

//go:embed policy.csv
var policyText string

// Rule is one line of the policy.
type Rule struct {
	Role, Domain, Object, Action string
	Deny                         bool
}

// DefaultRules parses the embedded policy file.
func DefaultRules() ([]Rule, error) {
	r := csv.NewReader(strings.NewReader(policyText))
	r.Comment = '#'
	r.TrimLeadingSpace = true
	r.FieldsPerRecord = 6
	lines, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("parse policy.csv: %w", err)
	}
	rules := make([]Rule, 0, len(lines))
	for _, l := range lines {
		if l[0] != "p" {
			return nil, fmt.Errorf("policy.csv: unexpected line type %q", l[0])
		}
		rules = append(rules, Rule{Role: l[1], Domain: l[2], Object: l[3], Action: l[4], Deny: l[5] == "deny"})
	}
	return rules, nil
}

// SyncDefaults makes the default rules in PostgreSQL match the embedded
// file: a new release may add or drop defaults, while community rules stay.
func SyncDefaults(ctx context.Context, client *ent.Client) error {
	rules, err := DefaultRules()
	if err != nil {
		return err
	}
	ctx = tenant.SystemContext(ctx)
	tx, err := client.Tx(ctx)
	if err != nil {
		return err
	}
	if _, err := tx.PolicyRule.Delete().Where(policyrule.Default(true)).Exec(ctx); err != nil {
		_ = tx.Rollback()
		return fmt.Errorf("clear default policy: %w", err)
	}
	creates := make([]*ent.PolicyRuleCreate, len(rules))
	for i, r := range rules {
		creates[i] = tx.PolicyRule.Create().SetRole(policyrule.Role(r.Role)).SetDomain(r.Domain).
			SetObject(r.Object).SetAction(r.Action).SetEffect(effect(r.Deny)).SetDefault(true)
	}
	if err := tx.PolicyRule.CreateBulk(creates...).Exec(ctx); err != nil {
		_ = tx.Rollback()
		return fmt.Errorf("store default policy: %w", err)
	}
	return tx.Commit()
}

func effect(deny bool) policyrule.Effect {
	if deny {
		return policyrule.EffectDENY
	}
	return policyrule.EffectALLOW
}
