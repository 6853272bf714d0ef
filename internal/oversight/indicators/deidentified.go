package indicators

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/oversight/emergency"
	"github.com/turbota/turbota/tenant"
)

// CaseRow is one case of a community as oversight may see it: no name, no
// identifier, no exact date — the month it opened, where it stands, what
// it was about, and how the procedure went.
type CaseRow struct {
	OpenedMonth    string   `json:"openedMonth"` // YYYY-MM
	Status         string   `json:"status"`
	Categories     []string `json:"categories"`
	Children       int      `json:"children"`
	SafetyResult   string   `json:"safetyResult"`
	SafetyOnTime   *bool    `json:"safetyOnTime"`
	NeedsOnTime    *bool    `json:"needsOnTime"`
	Decisions      []string `json:"decisions"`
	ClosureOutcome string   `json:"closureOutcome"`
	// Reference names the case for an emergency access, not revealing its ID.
	Reference string `json:"reference"`
}

// deidentifiedSQL lists a community's cases, newest month first, in an
// order that reveals nothing of when within the month they opened.
var deidentifiedSQL = `SELECT json_build_object(
	'reference', ` + emergency.ReferenceSQL("c.id") + `,
	'openedMonth', to_char(c.opened_at AT TIME ZONE 'Europe/Kyiv', 'YYYY-MM'),
	'status', c.status,
	'categories', coalesce((SELECT json_agg(DISTINCT cat) FROM reports r, jsonb_array_elements_text(r.categories) cat WHERE r.report_case = c.id), '[]'),
	'children', (SELECT count(*) FROM case_file_children cc WHERE cc.case_file_id = c.id),
	'safetyResult', coalesce((SELECT s.result FROM safety_assessments s WHERE s.case_id = c.id ORDER BY s.conducted_at DESC LIMIT 1), ''),
	'safetyOnTime', (SELECT bool_and(s.on_time) FROM safety_assessments s WHERE s.case_id = c.id),
	'needsOnTime', (SELECT bool_and(n.on_time) FROM needs_assessments n WHERE n.case_id = c.id),
	'decisions', coalesce((SELECT json_agg(d.kind ORDER BY d.kind) FROM decisions d WHERE d.case_id = c.id), '[]'),
	'closureOutcome', coalesce(c.closure_outcome, ''))
  FROM case_files c WHERE c.community_id = $1
 ORDER BY date_trunc('month', c.opened_at) DESC, md5(c.id) LIMIT $2`

// DeidentifiedCases lists a community's cases without identifying data,
// for viewers the policy lets drill down (a regional supervisor of its
// region, the community's own teams); anyone else is refused, so that a
// national analyst keeps to aggregates.
func DeidentifiedCases(ctx context.Context, db *sql.DB, community pulid.ID, limit int) ([]CaseRow, error) {
	z, v := authz.FromContext(ctx), tenant.FromContext(ctx)
	if z == nil || v == nil || !slices.Contains(z.Communities(v, "deidentified_case", authz.ActRead), community) {
		return nil, authz.ErrForbidden
	}
	rows, err := db.QueryContext(ctx, deidentifiedSQL, community, limit)
	if err != nil {
		return nil, fmt.Errorf("de-identified cases: %w", err)
	}
	defer rows.Close()
	var out []CaseRow
	for rows.Next() {
		var raw []byte
		var r CaseRow
		if err := rows.Scan(&raw); err != nil {
			return nil, err
		}
		if err := json.Unmarshal(raw, &r); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
