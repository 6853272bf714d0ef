package server_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/lib/pq"

	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/tenant"
)

// The hand-written handler's SQL: each shape in one statement that returns
// the answer as JSON, with what the GraphQL operation of the shape selects.
const (
	rawByID = `SELECT json_build_object('node', json_build_object('id', c.id, 'status', c.status, 'openedAt', c.opened_at,
	'closedAt', c.closed_at, 'safetyAssessmentDue', c.safety_assessment_due)) FROM case_files c WHERE c.id = $1`

	rawChildren = `(SELECT coalesce(json_agg(json_build_object('firstName', p.first_name, 'lastName', p.last_name, 'birthDate', p.birth_date)), '[]')
	   FROM case_file_children cc JOIN persons p ON p.id = cc.person_id WHERE cc.case_file_id = c.id)`
	rawSafety = `(SELECT coalesce(json_agg(json_build_object('result', s.result, 'conductedAt', s.conducted_at)), '[]')
	   FROM safety_assessments s WHERE s.case_id = c.id)`

	rawList = `SELECT json_build_object('cases', json_build_object('edges', coalesce(json_agg(json_build_object('node', x)), '[]'))) FROM (
	SELECT c.id, c.status, c.opened_at AS "openedAt", json_build_object('name', f.name) AS family,
	  ` + rawChildren + ` AS children, ` + rawSafety + ` AS "safetyAssessments", json_build_object('displayName', u.display_name) AS manager
	FROM case_files c LEFT JOIN families f ON f.id = c.family_id LEFT JOIN users u ON u.id = c.manager_id
	ORDER BY c.opened_at DESC LIMIT 50) x`

	rawDeep = `SELECT json_build_object('node', json_build_object('id', c.id, 'status', c.status, 'openedAt', c.opened_at,
	'family', (SELECT json_build_object('name', f.name, 'address', f.address, 'members', json_build_object(
	    'totalCount', (SELECT count(*) FROM persons WHERE family_id = f.id),
	    'edges', (SELECT coalesce(json_agg(json_build_object('node', json_build_object('firstName', m.first_name, 'lastName', m.last_name,
	        'birthDate', m.birth_date, 'reports', json_build_object('edges', (
	          SELECT coalesce(json_agg(json_build_object('node', json_build_object('source', r.source, 'receivedAt', r.received_at))), '[]')
	            FROM (SELECT r.source, r.received_at FROM reports r JOIN report_children rc ON rc.report_id = r.id
	                   WHERE rc.person_id = m.id ORDER BY r.id LIMIT 5) r))))), '[]')
	      FROM (SELECT * FROM persons WHERE family_id = f.id ORDER BY id LIMIT 10) m)))
	   FROM families f WHERE f.id = c.family_id),
	'children', ` + rawChildren + `, 'safetyAssessments', ` + rawSafety + `,
	'manager', (SELECT json_build_object('displayName', u.display_name) FROM users u WHERE u.id = c.manager_id)))
	FROM case_files c WHERE c.id = $1`

	// rawAggregate counts, per community of the scope ($3; NULL: the whole
	// country), reports by source, safety and needs assessments and those
	// on time, open and closed cases, then adds them up by region: a part
	// of what Turbota's indicators count, in one statement.
	rawAggregate = `WITH rep AS (
	  SELECT community_id, count(*) n, count(*) FILTER (WHERE source = 'SCHOOL') school, count(*) FILTER (WHERE source = 'POLICE') police,
	         count(*) FILTER (WHERE source = 'HEALTH_FACILITY') health, count(*) FILTER (WHERE categories ? 'NEGLECT') neglect
	    FROM reports WHERE received_at >= $1 AND received_at < $2 AND ($3::text[] IS NULL OR community_id = ANY($3)) GROUP BY 1),
	sa AS (SELECT community_id, count(*) n, count(*) FILTER (WHERE on_time) on_time FROM safety_assessments
	        WHERE conducted_at >= $1 AND conducted_at < $2 AND ($3::text[] IS NULL OR community_id = ANY($3)) GROUP BY 1),
	na AS (SELECT community_id, count(*) n, count(*) FILTER (WHERE on_time) on_time FROM needs_assessments
	        WHERE conducted_at >= $1 AND conducted_at < $2 AND ($3::text[] IS NULL OR community_id = ANY($3)) GROUP BY 1),
	cf AS (SELECT community_id,
	         count(*) FILTER (WHERE opened_at < $2 AND (closed_at IS NULL OR closed_at >= $2) AND status NOT IN ('REFUSED', 'TRANSFERRED')) open,
	         count(*) FILTER (WHERE closed_at >= $1 AND closed_at < $2) closed
	    FROM case_files WHERE $3::text[] IS NULL OR community_id = ANY($3) GROUP BY 1)
	SELECT json_build_object('regions', json_agg(g)) FROM (
	  SELECT r.name, sum(rep.n) reports, sum(rep.school) school, sum(rep.police) police, sum(rep.health) health, sum(rep.neglect) neglect,
	         sum(sa.n) safety, sum(sa.on_time) safety_on_time, sum(na.n) needs, sum(na.on_time) needs_on_time,
	         sum(cf.open) open, sum(cf.closed) closed
	    FROM communities c JOIN regions r ON r.id = c.region_id
	    LEFT JOIN rep ON rep.community_id = c.id LEFT JOIN sa ON sa.community_id = c.id
	    LEFT JOIN na ON na.community_id = c.id LEFT JOIN cf ON cf.community_id = c.id
	   WHERE $3::text[] IS NULL OR c.id = ANY($3)
	   GROUP BY r.name ORDER BY r.name) g`
)

// rawHandler answers {"shape", "id"} with {"data": …}.
type rawHandler struct {
	db     *sql.DB
	viewer *tenant.Viewer
	region []pulid.ID
}

func (h *rawHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var in struct{ Shape, ID string }
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	var out []byte
	var err error
	switch in.Shape {
	case "byid":
		out, err = h.inTenant(r.Context(), rawByID, in.ID)
	case "list":
		out, err = h.inTenant(r.Context(), rawList)
	case "deep":
		out, err = h.inTenant(r.Context(), rawDeep, in.ID)
	case "region", "national":
		out, err = h.aggregate(r.Context(), in.Shape == "region")
	default:
		http.NotFound(w, r)
		return
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(`{"data":`))
	_, _ = w.Write(out)
	_, _ = w.Write([]byte(`}`))
}

// inTenant runs one query in the transaction Turbota's requests run in:
// the application role under row-level security, with the viewer's
// communities and user set for the transaction only.
func (h *rawHandler) inTenant(ctx context.Context, query string, args ...any) ([]byte, error) {
	tx, err := h.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	// The very statement Turbota's requests begin with: the role, the
	// communities, the viewer's sight and the timeouts.
	setup, args0, err := tenant.Setup(h.viewer, tenant.DefaultLimits())
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, setup, args0...); err != nil {
		return nil, err
	}
	var out []byte
	if err := tx.QueryRowContext(ctx, query, args...).Scan(&out); err != nil {
		return nil, err
	}
	return out, tx.Commit()
}

// aggregate counts on the pool as the owner, as Turbota's indicators do
// (they read only the communities authz allows, and only counts).
func (h *rawHandler) aggregate(ctx context.Context, region bool) ([]byte, error) {
	year := clock.Now().In(procedure.Kyiv()).Year()
	from := time.Date(year, time.January, 1, 0, 0, 0, 0, procedure.Kyiv())
	scope := pq.Array([]string(nil))
	if region {
		ids := make([]string, len(h.region))
		for i, id := range h.region {
			ids[i] = string(id)
		}
		scope = pq.Array(ids)
	}
	var out []byte
	err := h.db.QueryRowContext(ctx, rawAggregate, from, from.AddDate(1, 0, 0), scope).Scan(&out)
	return out, err
}

func joinIDs(ids []pulid.ID) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = string(id)
	}
	return strings.Join(s, ",")
}
