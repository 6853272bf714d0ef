package authz

import (
	"context"
	"encoding/json"

	"entgo.io/ent/dialect/sql"
	"github.com/lib/pq"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/intercept"
	"github.com/turbota/turbota/ent/privacy"
)

// ObjSupervisionJournal is the permission to read a community's whole
// supervision journal (the heads who record it); without it a reader of
// supervision sessions sees only the sessions they supervised or were
// supervised in.
const ObjSupervisionJournal = "supervision_journal"

// FilterOwnSupervision narrows the supervision sessions a viewer reads: in
// the communities where they read the journal, all of them; elsewhere those
// they supervised or were among the supervisees of. The row security of
// supervision_sessions says the same (migration supervision_security).
func FilterOwnSupervision() privacy.QueryRule {
	return privacy.QueryRuleFunc(func(ctx context.Context, q ent.Query) error {
		a, v, err := from(ctx)
		if err != nil {
			return err
		}
		iq, err := intercept.NewQuery(q)
		if err != nil {
			return privacy.Denyf("authz: %v", err)
		}
		var whole []string
		for _, c := range a.Communities(v, ObjSupervisionJournal, ActRead) {
			whole = append(whole, string(c))
		}
		me, _ := json.Marshal(string(v.UserID)) // a string always marshals
		iq.WhereP(func(s *sql.Selector) {
			s.Where(sql.P(func(b *sql.Builder) {
				b.WriteString("(array_position(")
				b.Arg(pq.Array(whole))
				b.WriteString("::bpchar[], " + s.C("community_id") + ") IS NOT NULL OR " + s.C("supervisor_id") + " = ")
				b.Arg(string(v.UserID))
				b.WriteString(" OR " + s.C("supervisee_ids") + " @> ")
				b.Arg(string(me))
				b.WriteString("::jsonb)")
			}))
		})
		return privacy.Skip
	})
}
