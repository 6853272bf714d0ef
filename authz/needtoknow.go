package authz

import (
	"context"

	"entgo.io/ent/dialect/sql"
	"github.com/lib/pq"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/intercept"
	"github.com/turbota/turbota/ent/privacy"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/tenant"
)

// Need-to-know: a provider's staff see only the cases their organisation
// (or they themselves) were given access to (case_accesses: an accepted
// referral, a decision naming the provider, a place on the team, the case
// manager's assignment), the families and people of those cases, and the
// households their organisation registered itself. The community's own
// services (children's service, social protection, guardianship body) see
// the whole community as before.

// needToKnowRoles are the roles whose sight is narrowed so.
var needToKnowRoles = map[string]bool{tenant.RoleProviderManager: true, tenant.RoleProviderSpecialist: true,
	tenant.RoleEmergencyReader: true}

// knower is what the narrowing needs to know of the viewer.
type knower struct {
	communities []pulid.ID // where the viewer holds only provider (or reporting) roles
	orgs        []pulid.ID // the organisations of those grants
	user        pulid.ID
	emergency   bool // an overseer with emergency access to some case
}

// knowerOf is nil when the viewer sees whole communities everywhere.
func knowerOf(v *tenant.Viewer) *knower {
	broad := map[pulid.ID]bool{}
	k := &knower{user: v.UserID}
	for _, g := range v.Grants {
		switch {
		case g.CommunityID == "", groupRole(g.Role):
			// A place in a working group widens no one's sight of cases.
		case needToKnowRoles[g.Role]:
			k.communities = append(k.communities, g.CommunityID)
			k.emergency = k.emergency || g.Lent
			if g.OrganizationID != "" {
				k.orgs = append(k.orgs, g.OrganizationID)
			}
		case !reportingRoles[g.Role] && !IsCustom(g.Role):
			// A custom role neither narrows nor widens sight: its makers
			// could not give more than they see (checkPermissions).
			broad[g.CommunityID] = true
		}
	}
	out := k.communities[:0]
	for _, c := range k.communities {
		if !broad[c] && !contains(out, c) {
			out = append(out, c)
		}
	}
	if k.communities = out; len(out) == 0 {
		return nil
	}
	return k
}

// link says how rows of a type reach their case (or family, or person).
type link func(k *knower, s *sql.Selector, b *sql.Builder)

// links covers every type a provider may read that belongs to a family.
var links = map[string]link{
	"CaseFile":         func(k *knower, s *sql.Selector, b *sql.Builder) { k.caseVisible(b, s.C("id")) },
	"Report":           func(k *knower, s *sql.Selector, b *sql.Builder) { k.caseVisible(b, s.C("report_case")) },
	"Family":           func(k *knower, s *sql.Selector, b *sql.Builder) { k.familyVisible(b, s.C("id")) },
	"Consent":          func(k *knower, s *sql.Selector, b *sql.Builder) { k.familyVisible(b, s.C("family_id")) },
	"Voucher":          func(k *knower, s *sql.Selector, b *sql.Builder) { k.familyVisible(b, s.C("family_id")) },
	"Person":           func(k *knower, s *sql.Selector, b *sql.Builder) { k.personVisible(b, s.C("id")) },
	"Relationship":     func(k *knower, s *sql.Selector, b *sql.Builder) { k.personVisible(b, s.C("person_id")) },
	"CaseEvent":        byCase,
	"SafetyAssessment": byCase,
	"NeedsAssessment":  byCase,
	"Decision":         byCase,
	"Placement":        byCase,
	"Plan":             byCase,
	"TeamMember":       byCase,
	"ServiceProvision": byCase,
	"Activity":         byCase,
	"CaseAccess":       byCase,
	"Document":         byCase,
	"Approval":         byCase,
	"PlanReview": func(k *knower, s *sql.Selector, b *sql.Builder) {
		b.WriteString("EXISTS (SELECT 1 FROM plans pl WHERE pl.id = " + s.C("plan_id") + " AND ")
		k.caseVisible(b, "pl.case_id")
		b.WriteString(")")
	},
	"Referral": func(k *knower, s *sql.Selector, b *sql.Builder) {
		b.WriteString(s.C("from_organization_id") + " = ANY(")
		b.Arg(pqArray(k.orgs))
		b.WriteString(") OR " + s.C("to_organization_id") + " = ANY(")
		b.Arg(pqArray(k.orgs))
		b.WriteString(") OR ")
		k.caseVisible(b, s.C("case_id"))
	},
}

func byCase(k *knower, s *sql.Selector, b *sql.Builder) { k.caseVisible(b, s.C("case_id")) }

// caseVisible: an access to the case, of the viewer or their organisation,
// or the viewer's emergency access while it lasts.
func (k *knower) caseVisible(b *sql.Builder, col string) {
	b.WriteString("(EXISTS (SELECT 1 FROM case_accesses ca WHERE ca.case_id = " + col +
		" AND ca.revoked_at IS NULL AND (ca.user_id = ")
	b.Arg(string(k.user))
	b.WriteString(" OR ca.organization_id = ANY(")
	b.Arg(pqArray(k.orgs))
	b.WriteString(")))")
	if k.emergency {
		b.WriteString(" OR EXISTS (SELECT 1 FROM emergency_accesses ea WHERE ea.case_id = " + col +
			" AND ea.ended_at IS NULL AND ea.expires_at > ")
		b.Arg(clock.Now()) // the product's clock, as emergency.Active decides, not PostgreSQL's now()
		b.WriteString(" AND ea.user_id = ")
		b.Arg(string(k.user))
		b.WriteString(")")
	}
	b.WriteString(")")
}

// familyVisible: registered by the organisation, or the family of a visible case.
func (k *knower) familyVisible(b *sql.Builder, col string) {
	b.WriteString("EXISTS (SELECT 1 FROM families fa WHERE fa.id = " + col + " AND (fa.registered_by_organization_id = ANY(")
	b.Arg(pqArray(k.orgs))
	b.WriteString(") OR EXISTS (SELECT 1 FROM case_files cf WHERE cf.family_id = fa.id AND ")
	k.caseVisible(b, "cf.id")
	b.WriteString(")))")
}

// personVisible: registered by the organisation, a member of a visible
// family, or a child of a visible case.
func (k *knower) personVisible(b *sql.Builder, col string) {
	b.WriteString("EXISTS (SELECT 1 FROM persons pe WHERE pe.id = " + col + " AND (pe.registered_by_organization_id = ANY(")
	b.Arg(pqArray(k.orgs))
	b.WriteString(") OR ")
	k.familyVisible(b, "pe.family_id")
	b.WriteString(" OR EXISTS (SELECT 1 FROM case_file_children cc WHERE cc.person_id = pe.id AND ")
	k.caseVisible(b, "cc.case_file_id")
	b.WriteString(")))")
}

// predicate keeps rows outside the narrowed communities, and inside them
// only what the link finds visible.
func (k *knower) predicate(l link) func(*sql.Selector) {
	return func(s *sql.Selector) {
		s.Where(sql.Or(
			sql.Not(sql.P(func(b *sql.Builder) {
				b.WriteString(s.C("community_id") + " = ANY(")
				b.Arg(pqArray(k.communities))
				b.WriteString(")")
			})),
			sql.P(func(b *sql.Builder) { l(k, s, b) }),
		))
	}
}

// FilterNeedToKnow narrows reads of provider staff to what they need.
func FilterNeedToKnow() privacy.QueryRule {
	return viewerRule(func(v *tenant.Viewer, iq intercept.Query) {
		if l, ok := links[iq.Type()]; ok {
			if k := knowerOf(v); k != nil {
				iq.WhereP(k.predicate(l))
			}
		}
	})
}

// viewerRule narrows the queries of a viewer's request; the system's own
// queries (no viewer) pass.
func viewerRule(narrow func(*tenant.Viewer, intercept.Query)) privacy.QueryRule {
	return privacy.QueryRuleFunc(func(ctx context.Context, q ent.Query) error {
		v := tenant.FromContext(ctx)
		if v == nil {
			return privacy.Skip
		}
		iq, err := intercept.NewQuery(q)
		if err != nil {
			return privacy.Denyf("authz: %v", err)
		}
		narrow(v, iq)
		return privacy.Skip
	})
}

// FilterNeedToKnowChanges narrows their updates and deletes likewise.
func FilterNeedToKnowChanges() privacy.MutationRule {
	return privacy.MutationRuleFunc(func(ctx context.Context, m ent.Mutation) error {
		v := tenant.FromContext(ctx)
		l, ok := links[m.Type()]
		if v == nil || !ok || m.Op().Is(ent.OpCreate) {
			return privacy.Skip
		}
		k := knowerOf(v)
		if k == nil {
			return privacy.Skip
		}
		wm, ok := m.(interface{ WhereP(...func(*sql.Selector)) })
		if !ok {
			return privacy.Denyf("authz: %s cannot be filtered", m.Type())
		}
		wm.WhereP(k.predicate(l))
		return privacy.Skip
	})
}

// pqArray passes ids as one text[] parameter.
func pqArray(ids []pulid.ID) any {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = string(id)
	}
	return pq.Array(s)
}

// ActsFor reports whether the viewer may name the organisation as the one
// acting in the community (the provider that assessed, that gives a
// service). Staff of an organisation hold their role for it: a provider's
// manager or specialist, whose sight need-to-know narrows to their
// organisation's work, act for that organisation only. A community-wide
// role (children's service, social protection: sight of the whole
// community, no need-to-know) records what any organisation of the
// community did, as it may read all of it; whether the role may do the act
// at all stays the policy's question. Reporting roles act for no one.
func ActsFor(v *tenant.Viewer, community, org pulid.ID) bool {
	if v == nil {
		return false
	}
	for _, g := range v.Grants {
		switch {
		case g.CommunityID != community || g.Lent:
		case org != "" && g.OrganizationID == org:
			return true
		case !needToKnowRoles[g.Role] && !reportingRoles[g.Role] && !IsCustom(g.Role):
			return true
		}
	}
	return false
}
