package workinggroups

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/lib/pq"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent/schema/pulid"
)

// Activity is one community's working-group activity over a period, as
// counts: what a region sees of the groups, never their records.
type Activity struct {
	CommunityID pulid.ID
	// Groups working at some time in the period.
	Groups int
	// Meetings held in the period.
	Meetings int
	// ActionsDue: items due in the period; ActionsDone those of them done
	// by their due day; ActionsOverdue those open past it, or done late.
	ActionsDue, ActionsDone, ActionsOverdue int
	// Documents adopted in the period.
	Documents int
}

// activitySQL counts each community's activity in [$2, $3). It runs on the
// server's own pool, as the indicators do: a region's counts over the
// communities authz allows (working_group_activity:read), never rows.
const activitySQL = `SELECT c.id,
  (SELECT count(*) FROM working_groups g WHERE g.community_id = c.id AND (g.established_on IS NULL OR g.established_on < $3)
     AND (g.ended_on IS NULL OR g.ended_on >= $2)),
  (SELECT count(*) FROM working_group_meetings m WHERE m.community_id = c.id AND m.held_on >= $2 AND m.held_on < $3),
  (SELECT count(*) FROM working_group_actions a WHERE a.community_id = c.id AND a.status <> 'CANCELLED' AND a.due_on >= $2 AND a.due_on < $3),
  (SELECT count(*) FROM working_group_actions a WHERE a.community_id = c.id AND a.status = 'DONE' AND a.due_on >= $2 AND a.due_on < $3
     AND a.done_on < a.due_on + interval '1 day'),
  (SELECT count(*) FROM working_group_actions a WHERE a.community_id = c.id AND a.status <> 'CANCELLED' AND a.due_on >= $2 AND a.due_on < $3
     AND a.due_on + interval '1 day' <= least($4, coalesce(a.done_on, $4))),
  (SELECT count(*) FROM working_group_documents d WHERE d.community_id = c.id AND d.adopted_on >= $2 AND d.adopted_on < $3)
FROM communities c WHERE c.id = ANY($1) ORDER BY c.id`

// ActivityOf counts the activity of the communities the viewer may see it
// of (all of those, or the one given) over [from, to]; today decides what
// is overdue. A community the viewer may not see is simply not listed.
func ActivityOf(ctx context.Context, db *sql.DB, community *pulid.ID, from, to, today time.Time) ([]*Activity, error) {
	scope, err := authz.GroupActivityScope(ctx)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, c := range scope {
		if community == nil || *community == c {
			ids = append(ids, string(c))
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := db.QueryContext(ctx, activitySQL, pq.Array(ids), from, to.AddDate(0, 0, 1), today)
	if err != nil {
		return nil, fmt.Errorf("count working group activity: %w", err)
	}
	defer rows.Close()
	var out []*Activity
	for rows.Next() {
		a := &Activity{}
		if err := rows.Scan(&a.CommunityID, &a.Groups, &a.Meetings, &a.ActionsDue, &a.ActionsDone, &a.ActionsOverdue, &a.Documents); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
