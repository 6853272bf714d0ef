package authz

import (
	"context"
	"strings"

	"entgo.io/ent/dialect/sql"

	"github.com/turbota/turbota/casework"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/predicate"
	"github.com/turbota/turbota/ent/privacy"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/tenant"
)

// ObjViolence is the permission a role needs to see cases (and reports)
// about violence or abuse at all, beyond reading cases.
const ObjViolence = "violence_case"

// violenceArray is the SQL array of the violence categories.
func violenceArray() string {
	var quoted []string
	for _, c := range casework.Categories() {
		if c.IsViolence() {
			quoted = append(quoted, "'"+string(c)+"'")
		}
	}
	return "ARRAY[" + strings.Join(quoted, ",") + "]"
}

// restricted lists the communities the viewer reads in but may not see
// violence cases of.
func restricted(ctx context.Context) ([]pulid.ID, *tenant.Viewer) {
	a, v := FromContext(ctx), tenant.FromContext(ctx)
	if a == nil || v == nil {
		return nil, v
	}
	allowed := a.Communities(v, ObjViolence, ActRead)
	var out []pulid.ID
	for _, c := range v.ReadCommunities() {
		if !contains(allowed, c) {
			out = append(out, c)
		}
	}
	return out, v
}

// FilterViolenceCases hides cases one of whose reports names violence or
// abuse, where the viewer lacks the permission.
func FilterViolenceCases() privacy.QueryRule {
	return privacy.CaseFileQueryRuleFunc(func(ctx context.Context, q *ent.CaseFileQuery) error {
		if ids, _ := restricted(ctx); len(ids) > 0 {
			q.Where(predicate.CaseFile(func(s *sql.Selector) {
				s.Where(sql.Not(sql.And(inIDs(s, ids), sql.P(func(b *sql.Builder) {
					b.WriteString("EXISTS (SELECT 1 FROM reports r WHERE r.report_case = " + s.C("id") +
						" AND jsonb_exists_any(r.categories, " + violenceArray() + "))")
				}))))
			}))
		}
		return privacy.Skip
	})
}

// FilterViolenceReports hides such reports likewise, but never from the
// one who submitted them.
func FilterViolenceReports() privacy.QueryRule {
	return privacy.ReportQueryRuleFunc(func(ctx context.Context, q *ent.ReportQuery) error {
		ids, v := restricted(ctx)
		if len(ids) == 0 {
			return privacy.Skip
		}
		q.Where(predicate.Report(func(s *sql.Selector) {
			s.Where(sql.Not(sql.And(inIDs(s, ids),
				sql.P(func(b *sql.Builder) {
					b.WriteString("coalesce(jsonb_exists_any(" + s.C("categories") + ", " + violenceArray() + "), false)")
				}),
				sql.Or(sql.IsNull(s.C("submitted_by")), sql.NEQ(s.C("submitted_by"), v.Subject())))))
		}))
		return privacy.Skip
	})
}

func inIDs(s *sql.Selector, ids []pulid.ID) *sql.Predicate {
	vals := make([]any, len(ids))
	for i, id := range ids {
		vals[i] = string(id)
	}
	return sql.In(s.C("community_id"), vals...)
}
