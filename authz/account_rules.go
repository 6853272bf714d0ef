package authz

import (
	"context"
	"slices"

	"entgo.io/ent/dialect/sql"
	"github.com/lib/pq"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/predicate"
	"github.com/turbota/turbota/ent/privacy"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/user"
	"github.com/turbota/turbota/tenant"
)

// Accounts run by a community: an administrator opens them (invitations),
// disables and enables them, resets their second factor and sends them a
// password reset link. An account is global while its holder works for
// communities, so an administrator acts only on the accounts of people who
// work for the administrator's communities alone: a worker serving a
// neighbouring community too, or holding a regional or national role, is
// that other community's and the operator's as well (the operator acts
// from the command line). Nobody disables or resets their own account
// here: that is how an administrator would lock the community out.

// accountFields are the fields of an account an administrator changes;
// the rest (e-mail, name, the second factor's state) are the holder's own.
var accountFields = []string{
	user.FieldDisabled, user.FieldTotpEnrollmentDue, user.FieldTotpEnabled,
	user.FieldPasswordResetSentAt, user.FieldUpdatedAt,
}

// FilterUserChanges lets a viewer create accounts when they may do so in
// some community (the new account holds no role until granted one), and
// change the administered fields of the accounts they run (runAccounts).
// Accounts are never deleted by a request.
func FilterUserChanges() privacy.MutationRule {
	return privacy.UserMutationRuleFunc(func(ctx context.Context, m *ent.UserMutation) error {
		a, v, err := from(ctx)
		if err != nil {
			return err
		}
		switch {
		case m.Op().Is(ent.OpCreate) && len(a.Communities(v, "user", ActCreate)) > 0:
			return privacy.Allow
		case m.Op().Is(ent.OpUpdate|ent.OpUpdateOne) && administered(m):
			m.Where(a.runAccounts(v))
			return privacy.Skip
		}
		return privacy.Denyf("authz: users change only through their own account flows")
	})
}

// administered reports whether a change touches only the fields an
// administrator may change.
func administered(m *ent.UserMutation) bool {
	fields := append(m.Fields(), m.ClearedFields()...)
	for _, f := range fields {
		if !slices.Contains(accountFields, f) {
			return false
		}
	}
	return len(fields) > 0
}

// runAccounts are the accounts the viewer runs: not their own, held by
// someone with a role in the communities where the viewer may update users
// (and writes), and with no role anywhere else. Whether a role is held
// elsewhere is asked of turbota_account_within, which sees every
// membership: row-level security hides other communities' ones from the
// viewer, and a NOT EXISTS under it would find none.
func (a *Authorizer) runAccounts(v *tenant.Viewer) predicate.User {
	ids := intersect(a.Communities(v, "user", ActUpdate), v.WriteCommunities())
	return user.And(user.IDNEQ(v.UserID), AccountWithin(ids))
}

// AccountWithin holds for the accounts whose holder has a role in the
// communities given and none elsewhere (no regional or national role
// either); the operator's command line asks it with every community.
func AccountWithin(communities []pulid.ID) predicate.User {
	list := make([]string, len(communities))
	for i, c := range communities {
		list[i] = string(c)
	}
	return predicate.User(func(s *sql.Selector) {
		s.Where(sql.P(func(b *sql.Builder) {
			b.WriteString("turbota_account_within(").Ident(s.C(user.FieldID)).Comma().Arg(pq.Array(list)).WriteString(")")
		}))
	})
}
