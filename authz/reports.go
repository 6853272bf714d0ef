package authz

import (
	"context"

	"entgo.io/ent/dialect/sql"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/intercept"
	"github.com/turbota/turbota/ent/predicate"
	"github.com/turbota/turbota/ent/privacy"
	"github.com/turbota/turbota/ent/report"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/tenant"
)

// reportingRoles submit reports and follow their status, nothing more.
var reportingRoles = map[string]bool{tenant.RolePartnerReporter: true, tenant.RoleAPIClient: true}

// FilterOwnReports narrows reports to those the viewer submitted, in the
// communities where the viewer's only role is a reporting one.
func FilterOwnReports() privacy.QueryRule {
	return privacy.ReportQueryRuleFunc(func(ctx context.Context, q *ent.ReportQuery) error {
		v := tenant.FromContext(ctx)
		if v == nil {
			return privacy.Skip // the tenant policy has refused already
		}
		if partner := reportingOnly(v); len(partner) > 0 {
			q.Where(report.Or(
				report.Not(predicate.Report(tenant.InCommunities(partner))),
				predicate.Report(sql.FieldEQ("submitted_by", v.Subject())),
			))
		}
		return privacy.Skip
	})
}

// reportingOnly lists the communities where the viewer holds only
// reporting roles.
func reportingOnly(v *tenant.Viewer) []pulid.ID {
	other := map[pulid.ID]bool{}
	var partner []pulid.ID
	for _, g := range v.Grants {
		if g.CommunityID == "" || groupRole(g.Role) {
			continue // a place in a working group widens no one's sight of reports
		}
		if reportingRoles[g.Role] {
			partner = append(partner, g.CommunityID)
		} else if !IsCustom(g.Role) { // a custom role widens no one's sight

			other[g.CommunityID] = true
		}
	}
	out := partner[:0]
	for _, c := range partner {
		if !other[c] {
			out = append(out, c)
		}
	}
	return out
}

// FilterOwnNotifications shows each user only the notifications addressed
// to them.
func FilterOwnNotifications() privacy.QueryRule {
	return viewerRule(func(v *tenant.Viewer, iq intercept.Query) {
		iq.WhereP(sql.FieldEQ("user_id", string(v.UserID)))
	})
}
