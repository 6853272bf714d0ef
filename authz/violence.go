package authz

import (
	"context"
	"strings"

	"entgo.io/ent/dialect/sql"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/predicate"
	"github.com/turbota/turbota/ent/privacy"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/tenant"
)

// ObjViolence is the permission a role needs to see cases (and reports)
// about violence or abuse at all, beyond reading cases.
const ObjViolence = "violence_case"

// violenceArray is the SQL array of the violence categories.
func violenceArray() string {
	var quoted []string
	for _, c := range procedure.Categories() {
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
	return a.noViolence(v), v
}

// FilterViolenceCases hides cases one of whose reports names violence or
// abuse, where the viewer lacks the permission.
func FilterViolenceCases() privacy.QueryRule {
	return privacy.CaseFileQueryRuleFunc(func(ctx context.Context, q *ent.CaseFileQuery) error {
		if ids, v := restricted(ctx); len(ids) > 0 {
			q.Where(predicate.CaseFile(func(s *sql.Selector) {
				s.Where(sql.Not(sql.And(inIDs(s, ids), sql.P(func(b *sql.Builder) {
					b.WriteString("EXISTS (SELECT 1 FROM reports r WHERE r.report_case = " + s.C("id") +
						" AND jsonb_exists_any(r.categories, " + violenceArray() + "))")
				}), notGranted(v, s.C("id")))))
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
				sql.Or(sql.IsNull(s.C("submitted_by")), sql.NEQ(s.C("submitted_by"), v.Subject())),
				notGranted(v, s.C("report_case")))))
		}))
		return privacy.Skip
	})
}

// notGranted holds where the case was not given to the viewer or their
// organisation one by one (an accepted referral, a place on the team, the
// case manager's assignment): someone who may see violence cases chose to
// share this one, and the work cannot go on unseen. Without such a grant,
// a role without violence_case:read sees none of them.
func notGranted(v *tenant.Viewer, caseCol string) *sql.Predicate {
	return sql.P(func(b *sql.Builder) {
		k := knowerOf(v)
		if k == nil {
			b.WriteString("TRUE")
			return
		}
		b.WriteString("NOT coalesce(")
		k.caseVisible(b, caseCol)
		b.WriteString(", false)")
	})
}

func inIDs(s *sql.Selector, ids []pulid.ID) *sql.Predicate {
	vals := make([]any, len(ids))
	for i, id := range ids {
		vals[i] = string(id)
	}
	return sql.In(s.C("community_id"), vals...)
}
