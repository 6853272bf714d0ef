package authz

import (
	"context"
	"fmt"

	"entgo.io/ent/dialect/sql"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/casetransfer"
	"github.com/turbota/turbota/ent/predicate"
	"github.com/turbota/turbota/ent/privacy"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/tenant"
)

// Rules of the case transfer family. A transfer belongs to the sending
// community, yet the receiving one must read it and answer it before any
// of the case is its own: the one record of a community that another
// community's staff see, and only its summary (the schema's fields say
// what). Both rules sit in the tenant policy ahead of the community
// filters they widen, and pass every other type by.

// ObjCaseTransfer is the policy object of transfers.
const ObjCaseTransfer = "case_transfer"

// AllowTransferParties lets a viewer read the transfers of the communities
// where their role may read transfers, sent from there or addressed there,
// and nothing else of the type.
func AllowTransferParties() privacy.QueryRule {
	return privacy.QueryRuleFunc(func(ctx context.Context, eq ent.Query) error {
		q, ok := eq.(*ent.CaseTransferQuery)
		if !ok {
			return privacy.Skip
		}
		a, v, err := from(ctx)
		if err != nil {
			return err
		}
		ids := intersect(a.Communities(v, ObjCaseTransfer, ActRead), v.ReadCommunities())
		q.Where(predicate.CaseTransfer(func(s *sql.Selector) {
			s.Where(sql.Or(inColumn(s.C(casetransfer.FieldCommunityID), ids), inColumn(s.C(casetransfer.FieldToCommunityID), ids)))
		}))
		return privacy.Allow
	})
}

// AllowTransferAnswer: a transfer is accepted or declined by the receiving
// community and withdrawn by the sending one, each by a role that may
// update transfers there; the rule sees the status the change sets and
// the record it changes, one at a time. Other changes of a transfer (its
// creation, by the sender) take the tenant policy's usual path.
func AllowTransferAnswer() privacy.MutationRule {
	return privacy.MutationRuleFunc(func(ctx context.Context, em ent.Mutation) error {
		m, ok := em.(*ent.CaseTransferMutation)
		if !ok || m.Op().Is(ent.OpCreate) {
			return privacy.Skip
		}
		status, ok := m.Status()
		if !ok {
			return privacy.Skip
		}
		if !m.Op().Is(ent.OpUpdateOne) {
			return privacy.Denyf("authz: a transfer is answered one at a time")
		}
		a, v, err := from(ctx)
		if err != nil {
			return err
		}
		party, err := transferParty(ctx, m, status)
		if err != nil {
			return err
		}
		switch {
		case !v.CanWrite(party):
			return fmt.Errorf("%w: %w", tenant.ErrNotVisible, privacy.Deny)
		case !a.Allowed(v, party, ObjCaseTransfer, ActUpdate):
			return forbidden()
		}
		return privacy.Allow
	})
}

// transferParty is the community that settles a transfer to status: the
// receiver answers, the sender withdraws.
func transferParty(ctx context.Context, m *ent.CaseTransferMutation, status casetransfer.Status) (pulid.ID, error) {
	switch status {
	case casetransfer.StatusACCEPTED, casetransfer.StatusDECLINED:
		id, err := m.OldToCommunityID(ctx)
		return id, notVisible(err)
	case casetransfer.StatusWITHDRAWN:
		id, err := m.OldCommunityID(ctx)
		return id, notVisible(err)
	}
	return "", privacy.Denyf("authz: a transfer is not set back to %s", status)
}

// inColumn is col IN (ids); false when empty.
func inColumn(col string, ids []pulid.ID) *sql.Predicate {
	if len(ids) == 0 {
		return sql.False()
	}
	vals := make([]any, len(ids))
	for i, id := range ids {
		vals[i] = string(id)
	}
	return sql.In(col, vals...)
}
