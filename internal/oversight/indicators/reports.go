package indicators

import (
	"fmt"
	"strings"

	"github.com/turbota/turbota/ent/report"
	"github.com/turbota/turbota/internal/procedure"
)

// reportSources are the sources reports are broken down by.
var reportSources = []report.Source{report.SourceSCHOOL, report.SourceHEALTH_FACILITY, report.SourcePOLICE,
	report.SourceNEIGHBOUR, report.SourceHOTLINE, report.SourceFAMILY, report.SourceOTHER}

// reportsQuery counts reports, by source and by category, in one pass over
// the period's reports: a filtered count per source and category, turned
// into rows afterwards (over one row per community, not per report).
func reportsQuery() string {
	var aggs, vals []string
	add := func(key, part, filter string) {
		col := fmt.Sprintf("n%d", len(aggs))
		aggs = append(aggs, fmt.Sprintf("count(*) FILTER (WHERE %s) AS %s", filter, col))
		vals = append(vals, fmt.Sprintf("('%s', '%s', g.%s)", key, part, col))
	}
	add("reports_received", "", "true")
	for _, s := range reportSources {
		add("reports_by_source", string(s), fmt.Sprintf("source = '%s'", s))
	}
	for _, c := range procedure.Categories() {
		add("reports_by_category", string(c), fmt.Sprintf("categories ? '%s'", c))
	}
	return `SELECT g.community_id, v.k, v.p, v.n, v.n FROM (
	  SELECT community_id, ` + strings.Join(aggs, ", ") + ` FROM reports
	   WHERE ($1::text[] IS NULL OR community_id = ANY($1)) AND received_at >= $2 AND received_at < $3
	   GROUP BY community_id) g,
	  LATERAL (VALUES ` + strings.Join(vals, ", ") + `) v(k, p, n)
	 WHERE v.n > 0 OR v.k = 'reports_received'`
}
