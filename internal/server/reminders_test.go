package server_test

import (
	"context"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/internal/server"
	"github.com/turbota/turbota/internal/synthetic"
	"github.com/turbota/turbota/internal/workflow"
	"github.com/turbota/turbota/tenant"
)

// TestDeadlineRemindersPageThroughCases runs the reminder job in batches of
// three cases and in one batch over the same data: the notifications (of
// deadlines and of tasks) are
// the same, and a second paged run sends none again.
func TestDeadlineRemindersPageThroughCases(t *testing.T) {
	e := newEnv(t, server.Config{})
	ctx := tenant.SystemContext(context.Background())
	managers := map[pulid.ID]pulid.ID{fx[own].Community: fx[own].MemberUser}
	if _, err := synthetic.Fill(ctx, e.db, []pulid.ID{fx[own].Community, fx[sameRegion].Community}, 25, synthetic.Setting{Managers: managers}); err != nil {
		t.Fatal(err)
	}
	told := func() []string {
		rows, err := e.db.Query(`SELECT user_id || ' ' || dedupe_key FROM notifications WHERE dedupe_key LIKE 'deadline:%' OR dedupe_key LIKE 'task:%' ORDER BY 1`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			out = append(out, s)
		}
		return out
	}
	paged, err := workflow.RemindDeadlinesInBatches(ctx, e.client, 3)
	if err != nil {
		t.Fatal(err)
	}
	byPages := told()
	if again, err := workflow.RemindDeadlinesInBatches(ctx, e.client, 3); err != nil || again != 0 {
		t.Errorf("a second run created %d notifications (%v)", again, err)
	}
	if _, err := e.db.Exec(`DELETE FROM notifications WHERE dedupe_key LIKE 'deadline:%' OR dedupe_key LIKE 'task:%'`); err != nil {
		t.Fatal(err)
	}
	whole, err := workflow.RemindDeadlinesInBatches(ctx, e.client, 100000)
	if err != nil {
		t.Fatal(err)
	}
	if paged == 0 || paged != whole || !slices.Equal(byPages, told()) {
		t.Errorf("paged run: %d notifications, one batch: %d (same ones: %v)", paged, whole, slices.Equal(byPages, told()))
	}
}

// TestDeadlineRemindersPastTheParameterLimit gives one community 66,000
// open cases, more than a query may carry parameters for: the job pages
// through them with no statement carrying more than a batch's worth.
func TestDeadlineRemindersPastTheParameterLimit(t *testing.T) {
	log := &statementLog{}
	e := newEnvWith(t, server.Config{}, log.wrap)
	var community pulid.ID
	if err := e.db.QueryRow(`SELECT id FROM communities c WHERE NOT EXISTS (SELECT 1 FROM memberships m WHERE m.community_id = c.id)
		ORDER BY katottg_code LIMIT 1`).Scan(&community); err != nil {
		t.Fatal(err)
	}
	rules, err := procedure.RuleSetAt(clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	const open = 66000
	if _, err := e.db.Exec(`INSERT INTO case_files (id, created_at, updated_at, status, opened_at, rule_set_version, safety_assessment_due, community_id)
		SELECT 'CS' || lpad(n::text, 26, '0'), now(), now(), 'REPORTED', now() - interval '3 days', $2, now() - interval '2 days', $1
		FROM generate_series(1, $3::int) n`, community, rules.Version, open); err != nil {
		t.Fatal(err)
	}
	log.reset()
	if _, err := workflow.RemindDeadlines(tenant.SystemContext(context.Background()), e.client); err != nil {
		t.Fatal(err)
	}
	lines := log.take()
	batches, most := 0, 0
	for _, l := range lines {
		if strings.Contains(l, `query=SELECT "case_files"`) {
			batches++
		}
		most = max(most, placeholders(l))
	}
	if batches < open/workflow.ReminderBatch || most > workflow.ReminderBatch+16 {
		t.Errorf("%d batches for %d open cases, at most %d parameters in a statement", batches, open, most)
	}
	t.Logf("%d open cases: %d batches, %d statements, at most %d parameters in one", open, batches, len(lines), most)
}

var placeholder = regexp.MustCompile(`\$(\d+)`)

// placeholders is the highest $n of a logged statement: its number of parameters.
func placeholders(line string) int {
	q, _, _ := strings.Cut(line, " args=")
	most := 0
	for _, m := range placeholder.FindAllStringSubmatch(q, -1) {
		n, _ := strconv.Atoi(m[1])
		most = max(most, n)
	}
	return most
}
