package indicators

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/lib/pq"
	"golang.org/x/sync/errgroup"

	"github.com/turbota/turbota/ent/schema/pulid"
)

// Figure is a counted value: num over base for shares and ratios, num (and
// base = num) for counts. Figures add up across communities.
type Figure struct {
	Num  float64
	Base int
}

// Key names a figure: an indicator and, where it breaks down, the part.
type Key struct {
	Indicator, Part string
}

// Figures are one community's (or one scope's) figures of a period.
type Figures map[Key]Figure

// Add sums other into f.
func (f Figures) Add(other Figures) {
	for k, v := range other {
		cur := f[k]
		f[k] = Figure{Num: cur.Num + v.Num, Base: cur.Base + v.Base}
	}
}

// Period is a half-open span of time.
type Period struct{ From, To time.Time }

// The aggregate queries run on the server's own pool, as the owner, not in
// the viewer's row-level-security transaction: checking every row against
// an array of a region's or the country's communities costs seconds at
// national scale. They read only the communities AudienceOf found the
// viewer may see (authz), and they return counts, never records.

// queries compute the counted figures; each returns rows of
// (community_id, indicator, part, num, base).
var queries = []string{
	reportsQuery(),
	// One pass over each kind of assessment: how many, and how many on time.
	`SELECT g.community_id, v.k, '', v.n, v.b FROM (
	   SELECT community_id, count(*) AS n, count(*) FILTER (WHERE on_time) AS t FROM safety_assessments
	    WHERE ($1::text[] IS NULL OR community_id = ANY($1)) AND conducted_at >= $2 AND conducted_at < $3 GROUP BY 1) g,
	   LATERAL (VALUES ('safety_assessments', g.n, g.n), ('safety_on_time', g.t, g.n)) v(k, n, b)
	 UNION ALL
	 SELECT g.community_id, v.k, '', v.n, v.b FROM (
	   SELECT community_id, count(*) AS n, count(*) FILTER (WHERE on_time) AS t FROM needs_assessments
	    WHERE ($1::text[] IS NULL OR community_id = ANY($1)) AND conducted_at >= $2 AND conducted_at < $3 GROUP BY 1) g,
	   LATERAL (VALUES ('needs_assessments', g.n, g.n), ('needs_on_time', g.t, g.n)) v(k, n, b)`,
	`SELECT community_id, 'open_cases', '', count(*), count(*) FROM case_files
	  WHERE ($1::text[] IS NULL OR community_id = ANY($1)) AND opened_at < $3 AND (closed_at IS NULL OR closed_at >= $3)
	    AND status NOT IN ('REFUSED', 'TRANSFERRED') GROUP BY 1
	 UNION ALL
	 SELECT community_id, 'specialists', '', count(DISTINCT user_id), count(DISTINCT user_id) FROM memberships
	  WHERE ($1::text[] IS NULL OR community_id = ANY($1)) AND role IN ('CHILDREN_SERVICE', 'PROVIDER_MANAGER', 'PROVIDER_SPECIALIST') GROUP BY 1
	 UNION ALL
	 SELECT community_id, 'cases_closed', coalesce(closure_outcome, 'OTHER'), count(*), count(*) FROM case_files
	  WHERE ($1::text[] IS NULL OR community_id = ANY($1)) AND closed_at >= $2 AND closed_at < $3 GROUP BY 1, 3`,
	`SELECT d.community_id, 'children_registered', '', count(DISTINCT cc.person_id), count(DISTINCT cc.person_id)
	   FROM decisions d JOIN case_file_children cc ON cc.case_file_id = d.case_id
	  WHERE ($1::text[] IS NULL OR d.community_id = ANY($1)) AND d.kind = 'REGISTER_IN_DIFFICULT_CIRCUMSTANCES' AND d.decided_at >= $2 AND d.decided_at < $3 GROUP BY 1
	 UNION ALL
	 SELECT community_id, 'children_removed', '', count(DISTINCT person_id), count(DISTINCT person_id) FROM (
	   SELECT sa.community_id, c.person_id FROM safety_assessments sa, jsonb_array_elements(sa.urgent_measures) m,
	          LATERAL jsonb_array_elements_text(CASE WHEN jsonb_typeof(m->'children') = 'array' THEN m->'children' ELSE '[]' END) c(person_id)
	    WHERE sa.urgent_measures IS NOT NULL AND ($1::text[] IS NULL OR sa.community_id = ANY($1)) AND sa.conducted_at >= $2 AND sa.conducted_at < $3
	      AND m->>'kind' = 'REMOVAL'
	   UNION
	   SELECT d.community_id, c.person_id FROM decisions d, LATERAL jsonb_array_elements_text(d.children) c(person_id)
	    WHERE ($1::text[] IS NULL OR d.community_id = ANY($1)) AND d.kind = 'REMOVAL' AND d.children IS NOT NULL
	      AND d.decided_at >= $2 AND d.decided_at < $3
	   UNION
	   SELECT p.community_id, p.child_id FROM placements p
	    WHERE ($1::text[] IS NULL OR p.community_id = ANY($1)) AND p.safety_assessment_id IS NOT NULL
	      AND p.started_at >= $2 AND p.started_at < $3) removed GROUP BY 1`,
	// Placements count children: two siblings placed together are two, a
	// child placed twice in a form in the period one; placements come from
	// urgent measures and placement decisions alike (each makes one per child).
	// The family-based share counts each child placed in the period once,
	// by the form of their latest placement: a child moved from a foster
	// family to an institution is one child, in institutional care, not one
	// in each (the sum of two per-form counts of children is a count of
	// placements).
	`SELECT community_id, 'placements_by_form', form, count(DISTINCT child_id), count(DISTINCT child_id) FROM placements
	  WHERE ($1::text[] IS NULL OR community_id = ANY($1)) AND started_at >= $2 AND started_at < $3 GROUP BY 1, 3
	 UNION ALL
	 SELECT community_id, CASE WHEN form LIKE 'INSTITUTION\_%' THEN 'placements_institution' ELSE 'placements_family' END, '',
	        count(DISTINCT child_id), count(DISTINCT child_id) FROM placements
	  WHERE ($1::text[] IS NULL OR community_id = ANY($1)) AND started_at >= $2 AND started_at < $3 GROUP BY 1, 2
	 UNION ALL
	 SELECT community_id, 'family_based_share', '', count(*) FILTER (WHERE form NOT LIKE 'INSTITUTION\_%'), count(*) FROM (
	   SELECT DISTINCT ON (community_id, child_id) community_id, child_id, form FROM placements
	    WHERE ($1::text[] IS NULL OR community_id = ANY($1)) AND started_at >= $2 AND started_at < $3
	    ORDER BY community_id, child_id, started_at DESC, id DESC) latest GROUP BY 1	 UNION ALL
	 SELECT community_id, 'returns_to_family', '', count(DISTINCT child_id), count(DISTINCT child_id) FROM placements
	  WHERE ($1::text[] IS NULL OR community_id = ANY($1)) AND end_reason = 'RETURNED_TO_FAMILY' AND ended_at >= $2 AND ended_at < $3 GROUP BY 1`,
	`SELECT sp.community_id, 'services_started', coalesce(st.code, st.name_uk), count(*), count(*)
	   FROM service_provisions sp JOIN service_types st ON st.id = sp.service_type_id
	  WHERE ($1::text[] IS NULL OR sp.community_id = ANY($1)) AND sp.started_at >= $2 AND sp.started_at < $3 GROUP BY 1, 3`,
	// Supervision: the sessions held, and the share of the specialists
	// (as cases_per_specialist counts them) supervised at least once in the
	// period. Counts only: the region reads no session.
	`SELECT community_id, 'supervision_sessions', '', count(*), count(*) FROM supervision_sessions
	  WHERE ($1::text[] IS NULL OR community_id = ANY($1)) AND held_on >= $2::date AND held_on < $3::date GROUP BY 1
	 UNION ALL
	 SELECT m.community_id, 'supervision_coverage', '',
	        count(DISTINCT m.user_id) FILTER (WHERE EXISTS (SELECT 1 FROM supervision_sessions s
	          WHERE s.community_id = m.community_id AND s.held_on >= $2::date AND s.held_on < $3::date
	            AND s.supervisee_ids @> to_jsonb(m.user_id::text))),
	        count(DISTINCT m.user_id) FROM memberships m
	  WHERE ($1::text[] IS NULL OR m.community_id = ANY($1)) AND m.role IN ('CHILDREN_SERVICE', 'PROVIDER_MANAGER', 'PROVIDER_SPECIALIST') GROUP BY 1`,
	// Capacity (issue 15): the staffing schedules at the period's end, and
	// the training and certificates of the staff in the period. A
	// position's community is its organisation's; a training or
	// certificate counts where its holder's position is.
	capacityQuery,
	`SELECT community_id, 'vouchers_issued', '', count(*), count(*) FROM vouchers
	  WHERE ($1::text[] IS NULL OR community_id = ANY($1)) AND issued_at >= $2 AND issued_at < $3 AND status <> 'CANCELLED' GROUP BY 1
	 UNION ALL
	 SELECT community_id, 'vouchers_redeemed', '', count(*), count(*) FROM vouchers
	  WHERE ($1::text[] IS NULL OR community_id = ANY($1)) AND redeemed_at >= $2 AND redeemed_at < $3 GROUP BY 1`,
}

// capacityQuery counts positions, vacancies, training and certificates.
// A position is in the schedule unless closed before the period's end; it
// is held when its holder (a user or a named person) started before the
// end and had not left by it.
const capacityQuery = `WITH pos AS (
	   SELECT id, community_id, kind, (holder_id IS NOT NULL OR holder_name IS NOT NULL)
	          AND (started_on IS NULL OR started_on < $3) AND (ended_on IS NULL OR ended_on >= $3) AS held
	     FROM staff_positions WHERE ($1::text[] IS NULL OR community_id = ANY($1)) AND (closed_on IS NULL OR closed_on >= $3))
	 SELECT community_id, v.k, '', v.n, v.b FROM (
	   SELECT community_id, count(*) AS n, count(*) FILTER (WHERE NOT held) AS vacant
	     FROM pos GROUP BY 1) g,
	   LATERAL (VALUES ('staff_positions', g.n, g.n), ('vacancies', g.vacant, g.vacant), ('vacancy_share', g.vacant, g.n)) v(k, n, b)
	 UNION ALL
	 SELECT p.community_id, 'specialists_trained', '', count(DISTINCT e.position_id), count(DISTINCT e.position_id)
	   FROM training_enrolments e JOIN staff_positions p ON p.id = e.position_id
	  WHERE ($1::text[] IS NULL OR p.community_id = ANY($1)) AND e.completed_on >= $2 AND e.completed_on < $3 GROUP BY 1
	 UNION ALL
	 SELECT p.community_id, v.k, '', v.n, v.n FROM (
	   SELECT p.community_id, count(*) AS n, count(*) FILTER (WHERE c.kind = 'STATE_STANDARD') AS state
	     FROM certificates c JOIN staff_positions p ON p.id = c.position_id
	    WHERE ($1::text[] IS NULL OR p.community_id = ANY($1)) AND c.issued_on >= $2 AND c.issued_on < $3 GROUP BY 1) p,
	   LATERAL (VALUES ('certificates_issued', p.n), ('certificates_state_standard', p.state)) v(k, n)`

// compute returns the figures of each community for the period, running
// its queries side by side on the pool. everywhere says the communities
// are all the country's: the queries then skip the per-row check of a
// 1,470-long list (a NULL $1).
func compute(ctx context.Context, db *sql.DB, communities []pulid.ID, p Period, everywhere bool) (map[pulid.ID]Figures, error) {
	ids := make([]string, len(communities))
	out := make(map[pulid.ID]Figures, len(communities))
	for i, c := range communities {
		ids[i] = string(c)
		out[c] = Figures{}
	}
	scope := pq.Array(ids)
	if everywhere {
		scope = pq.Array([]string(nil))
	}
	// With a list, drop the "whole country" alternative, which would keep
	// the planner from using the (community_id, date) indexes.
	narrow := func(q string) string {
		if everywhere {
			return q
		}
		return strings.ReplaceAll(q, "$1::text[] IS NULL OR ", "")
	}
	results := make([][]row, len(queries))
	g, gctx := errgroup.WithContext(ctx)
	for i, query := range queries {
		g.Go(func() (err error) {
			results[i], err = scan(gctx, db, narrow(query), scope, p.From, p.To)
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	for _, rs := range results {
		for _, r := range rs {
			if f, ok := out[r.community]; ok {
				f[r.key] = r.figure
			}
		}
	}
	for _, f := range out {
		staffed(f)
		derive(f)
	}
	return out, nil
}

type row struct {
	community pulid.ID
	key       Key
	figure    Figure
}

func scan(ctx context.Context, db *sql.DB, query string, args ...any) ([]row, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("indicators: %w", err)
	}
	defer rows.Close()
	var out []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.community, &r.key.Indicator, &r.key.Part, &r.figure.Num, &r.figure.Base); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// staffedOpen counts a community's open cases only where specialists work
// in Turbota, so that a region's caseload is not the cases of communities
// without staff here divided among the staff of others.
var staffedOpen = Key{"open_cases_staffed", ""}

// staffed records a community's open cases as staffed or not; once per
// community, before communities are added up.
func staffed(f Figures) {
	if f[Key{"specialists", ""}].Num > 0 {
		f[staffedOpen] = f[Key{"open_cases", ""}]
	}
}

// derive computes the figures made of others; call it again after adding
// communities up, since ratios do not add.
func derive(f Figures) {
	open, staff := f[staffedOpen], f[Key{"specialists", ""}]
	f[Key{"cases_per_specialist", ""}] = Figure{Num: open.Num, Base: int(staff.Num)}
}

// Total adds communities' figures up into one scope.
func Total(per map[pulid.ID]Figures) Figures {
	t := Figures{}
	for _, f := range per {
		t.Add(f)
	}
	derive(t)
	return t
}

// Value is a figure as the indicator reads: a share or ratio divides.
func Value(d Definition, f Figure) float64 {
	switch d.Unit {
	case Share, Ratio:
		if f.Base == 0 {
			return 0
		}
		return f.Num / float64(f.Base)
	}
	return f.Num
}

// SuppressionBase is the count whose smallness would identify: the
// figure itself for counts, the denominator of a share, the open cases of
// a caseload ratio.
func SuppressionBase(d Definition, f Figure) int {
	switch d.Unit {
	case Share:
		return f.Base
	case Ratio:
		return int(f.Num)
	}
	return int(f.Num)
}

// Queries are the statements the counted figures come from, for the test
// that every table they read keeps the kept figures current.
func Queries() []string { return slices.Clone(queries) }
