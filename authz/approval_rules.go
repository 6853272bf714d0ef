package authz

import (
	"context"
	"fmt"

	"entgo.io/ent/dialect/sql"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/approval"
	"github.com/turbota/turbota/ent/predicate"
	"github.com/turbota/turbota/ent/privacy"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/tenant"
)

// Rules of the approval family: who decides a request for approval, and
// what of its subject the one deciding may read.

// forbidden is the privacy decision for a change the role does not allow.
func forbidden() error { return fmt.Errorf("%w: %w", ErrForbidden, privacy.Deny) }

// ReasonFourEyes is the stable reason of a refused sign-off of one's own
// request where the request rules it out (a needs assessment finding a
// threat to life or health, the closure of a child in danger's case).
const ReasonFourEyes = "FOUR_EYES_REQUIRED"

// fourEyes refuses the author's sign-off of their own request, whatever
// their role: a second person decides.
func fourEyes() error {
	return fmt.Errorf("%w: %w", &Refusal{Code: ReasonFourEyes,
		Reason: "This request is decided by someone other than its author (four eyes)."}, privacy.Deny)
}

// DecideApprovals: deciding a request (setting its status) is for a role
// that may update approvals in its community, and deciding one's own
// request needs the self-approval permission as well, and a request that
// allows its filer's sign-off (own_sign_off; the closure of a child in
// danger's case does not). The rule sees the transition itself, so the
// workflow only writes the decision: a filing signs itself off by deciding
// its own request through this rule.
func DecideApprovals() privacy.MutationRule {
	return privacy.ApprovalMutationRuleFunc(func(ctx context.Context, m *ent.ApprovalMutation) error {
		if _, ok := m.Status(); !ok || !m.Op().Is(ent.OpUpdateOne) {
			return privacy.Skip
		}
		a, v, err := from(ctx)
		if err != nil {
			return err
		}
		cm, err := m.OldCommunityID(ctx)
		if err != nil {
			return notVisible(err)
		}
		if !a.Allowed(v, cm, "approval", ActUpdate) {
			return forbidden()
		}
		by, err := m.OldRequestedByID(ctx)
		if err != nil {
			return notVisible(err)
		}
		if by == nil || *by != v.UserID {
			return privacy.Skip
		}
		own, err := m.OldOwnSignOff(ctx)
		if err != nil {
			return notVisible(err)
		}
		if !own {
			return fourEyes()
		}
		if !a.Allowed(v, cm, "self_approval", ActCreate) {
			return forbidden()
		}
		return privacy.Skip
	})
}

// notVisible: a record the rule could not read back is not there.
func notVisible(err error) error {
	if ent.IsNotFound(err) {
		return fmt.Errorf("%w: %w", tenant.ErrNotVisible, privacy.Deny)
	}
	return err
}

type decidingKey struct{}

// Deciding marks ctx as the decision of one request for approval, so that
// the one deciding may read its subject (AllowApprovalSubject) though
// their role may not read such records otherwise: an approver of a plan
// reads the plan they approve.
func Deciding(ctx context.Context, approvalID pulid.ID) context.Context {
	return context.WithValue(ctx, decidingKey{}, approvalID)
}

// AllowApprovalSubject lets a query made while deciding a request for
// approval (Deciding) read the request's subject plan, and nothing else of
// its type: the plan the request names, in a community where the viewer
// may decide requests. (Whether it is still pending is the decision's
// business: a request a newer version withdrew answers PLAN_SUPERSEDED.) Everything is checked in the query itself,
// so the mark alone opens nothing.
//
// It sits in the tenant policy, ahead of the filters it lifts, and passes
// every other query by.
func AllowApprovalSubject() privacy.QueryRule {
	return privacy.QueryRuleFunc(func(ctx context.Context, eq ent.Query) error {
		q, isPlan := eq.(*ent.PlanQuery)
		id, ok := ctx.Value(decidingKey{}).(pulid.ID)
		if !ok || !isPlan {
			return privacy.Skip
		}
		a, v, err := from(ctx)
		if err != nil {
			return err
		}
		decides := intersect(a.Communities(v, "approval", ActUpdate), v.ReadCommunities())
		q.Where(predicate.Plan(func(s *sql.Selector) {
			t := sql.Table(approval.Table)
			s.Where(sql.In(s.C("id"), sql.Select(t.C(approval.FieldSubjectID)).From(t).Where(sql.And(
				sql.EQ(t.C(approval.FieldID), string(id)),
				sql.EQ(t.C(approval.FieldSubjectKind), string(approval.SubjectKindPLAN)),
			))))
		}), predicate.Plan(tenant.InCommunities(decides)))
		return privacy.Allow
	})
}
