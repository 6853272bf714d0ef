package workflow

import (
	"context"
	"fmt"
	"slices"

	"entgo.io/ent/dialect/sql"
	"github.com/lib/pq"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/caseaccess"
	"github.com/turbota/turbota/ent/casefile"
	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/ent/notification"
	"github.com/turbota/turbota/ent/predicate"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/notify"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/tenant"
)

// ReminderBatch is how many open cases one transaction of the reminder job
// reads: the country has hundreds of thousands, and a query may carry at
// most 65,535 parameters, so the job pages through them.
const ReminderBatch = 500

// RemindDeadlines tells the people answering for each deadline and task
// (plan action, plan review, scheduled visit) that is due soon or overdue,
// once per case, deadline or task, and state: the case manager, or else
// the service whose step it is (for a plan action, the organisation
// responsible for it). It returns how many notifications it
// created. ctx is a system context; c is the job's own client (its pool),
// never a request's transaction.
func RemindDeadlines(ctx context.Context, c *ent.Client) (int, error) {
	return RemindDeadlinesInBatches(ctx, c, ReminderBatch)
}

// RemindDeadlinesInBatches is RemindDeadlines reading open cases batch at a
// time, in the order of their IDs (keyset paging), each batch in its own
// short transaction: a fixed number of statements and parameters per batch
// whatever the number of cases.
func RemindDeadlinesInBatches(ctx context.Context, c *ent.Client, batch int) (int, error) {
	if batch <= 0 {
		return 0, fmt.Errorf("reminder batch of %d cases", batch)
	}
	cals := NewCalendars(c)
	sent, after := 0, pulid.ID("")
	for {
		n, last, err := remindBatch(ctx, c, cals, after, batch)
		sent += n
		if err != nil || last == "" {
			return sent, err
		}
		after = last
	}
}

// remindBatch reminds of the deadlines of the batch open cases after the
// given ID and returns the last case's ID ("" when there were none).
func remindBatch(ctx context.Context, c *ent.Client, cals *Calendars, after pulid.ID, batch int) (int, pulid.ID, error) {
	tx, err := c.Tx(ctx)
	if err != nil {
		return 0, "", err
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	tc := tx.Client()
	open, err := withClock(owingCases(tc).Where(casefile.IDGT(after)).Order(casefile.ByID()).Limit(batch)).All(ctx)
	if err != nil || len(open) == 0 {
		return 0, "", err
	}
	notes, err := reminders(ctx, tc, cals, open)
	if err != nil {
		return 0, "", err
	}
	sent := 0
	for _, n := range notes {
		if err := notify.Send(ctx, tc, n.note, n.users, nil); err != nil {
			return 0, "", err
		}
		sent += len(n.users)
	}
	return sent, open[len(open)-1].ID, tx.Commit()
}

// reminder is one deadline's notification and the users not yet told.
type reminder struct {
	note  notify.Note
	users []pulid.ID
}

// reminders are the notifications the deadlines and tasks of the cases
// call for, left out where their users already have them.
func reminders(ctx context.Context, c *ent.Client, cals *Calendars, open []*ent.CaseFile) ([]reminder, error) {
	communities := make([]pulid.ID, len(open))
	for i, cf := range open {
		communities[i] = cf.CommunityID
	}
	if err := cals.Preload(ctx, communities); err != nil {
		return nil, err
	}
	ds, err := dueOf(ctx, cals, open, []procedure.DueStatus{procedure.StatusDueSoon, procedure.StatusOverdue})
	if err != nil {
		return nil, err
	}
	who, err := loadAnswering(ctx, c, open)
	if err != nil {
		return nil, err
	}
	out := deadlineReminders(ds, who)
	tasks, err := taskReminders(ctx, c, cals, open, who)
	if err != nil {
		return nil, err
	}
	out = append(out, tasks...)
	if len(out) == 0 {
		return nil, nil
	}
	keys := make([]string, len(out))
	for i := range out {
		keys[i] = out[i].note.Dedupe
	}
	told, err := alreadyTold(ctx, c, keys)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].users = slices.DeleteFunc(out[i].users, func(u pulid.ID) bool { return told[[2]string{string(u), keys[i]}] })
	}
	return out, nil
}

// deadlineReminders are the notifications of deadlines due soon or
// overdue, once per case, deadline and state.
func deadlineReminders(ds []Deadline, who *answeringSet) []reminder {
	out := make([]reminder, len(ds))
	for i, d := range ds {
		kind := notification.KindDEADLINE_NEAR
		if d.Status == procedure.StatusOverdue {
			kind = notification.KindDEADLINE_PASSED
		}
		key := fmt.Sprintf("deadline:%s:%s:%s", d.Case.ID, d.Kind, d.Status)
		out[i] = reminder{users: who.of(d), note: notify.Note{Community: d.Case.CommunityID, Kind: kind, Case: &d.Case.ID,
			Detail: string(d.Kind), Dedupe: key}}
	}
	return out
}

// alreadyTold are the (user, dedupe key) pairs of reminders sent before, in
// one query whatever the number of keys (one array parameter).
func alreadyTold(ctx context.Context, c *ent.Client, keys []string) (map[[2]string]bool, error) {
	anyKey := predicate.Notification(func(s *sql.Selector) {
		s.Where(sql.P(func(b *sql.Builder) {
			b.Ident(s.C(notification.FieldDedupeKey)).WriteString(" = ANY(").Arg(pq.Array(keys)).WriteString(")")
		}))
	})
	ns, err := c.Notification.Query().Where(anyKey).
		Select(notification.FieldUserID, notification.FieldDedupeKey).All(tenant.SystemContext(ctx))
	if err != nil {
		return nil, err
	}
	told := make(map[[2]string]bool, len(ns))
	for _, n := range ns {
		if n.DedupeKey != nil {
			told[[2]string{string(n.UserID), *n.DedupeKey}] = true
		}
	}
	return told, nil
}

// answeringSet holds what deciding who answers for a batch's deadlines
// needs, read in two queries: the members of the batch's communities in
// the roles that answer, and the organisations working on its cases.
type answeringSet struct {
	members  []*ent.Membership
	accesses map[pulid.ID][]pulid.ID // case → organisations with a live access
}

func loadAnswering(ctx context.Context, c *ent.Client, open []*ent.CaseFile) (*answeringSet, error) {
	ids, communities := make([]pulid.ID, len(open)), make([]pulid.ID, 0, len(open))
	seen := map[pulid.ID]bool{}
	for i, cf := range open {
		ids[i] = cf.ID
		if !seen[cf.CommunityID] {
			seen[cf.CommunityID] = true
			communities = append(communities, cf.CommunityID)
		}
	}
	allow := tenant.SystemContext(ctx) // the job is the server's own work
	ms, err := c.Membership.Query().Where(membership.CommunityIDIn(communities...), membership.RoleIn(membership.RoleCHILDREN_SERVICE,
		membership.RoleSOCIAL_PROTECTION, membership.RolePROVIDER_MANAGER, membership.RolePROVIDER_SPECIALIST)).All(allow)
	if err != nil {
		return nil, err
	}
	as, err := c.CaseAccess.Query().Where(caseaccess.CaseIDIn(ids...), caseaccess.RevokedAtIsNil(),
		caseaccess.OrganizationIDNotNil()).All(allow)
	if err != nil {
		return nil, err
	}
	set := &answeringSet{members: ms, accesses: map[pulid.ID][]pulid.ID{}}
	for _, a := range as {
		set.accesses[a.CaseID] = append(set.accesses[a.CaseID], *a.OrganizationID)
	}
	return set, nil
}

// of is who answers for a deadline: the case manager, else the providers
// working on the case for the needs assessment and the accompaniment (the
// children's service where none is), social protection for decisions, and
// the children's service for the rest.
func (s *answeringSet) of(d Deadline) []pulid.ID {
	cf := d.Case
	if cf.ManagerID != nil {
		return []pulid.ID{*cf.ManagerID}
	}
	switch d.Kind {
	case procedure.KindNeedsAssessment, procedure.KindNeedsAssessmentAct, procedure.KindAccompaniment:
		orgs := s.accesses[cf.ID]
		if len(orgs) == 0 {
			return s.holding(cf.CommunityID, nil, membership.RoleCHILDREN_SERVICE)
		}
		var users []pulid.ID
		for _, org := range orgs {
			users = append(users, s.holding(cf.CommunityID, &org, membership.RolePROVIDER_MANAGER, membership.RolePROVIDER_SPECIALIST)...)
		}
		return users
	case procedure.KindDecision, procedure.KindDecisionCrisis, procedure.KindDecisionNotice:
		return s.holding(cf.CommunityID, nil, membership.RoleSOCIAL_PROTECTION)
	}
	return s.holding(cf.CommunityID, nil, membership.RoleCHILDREN_SERVICE)
}

// holding lists the users holding one of the roles in a community, narrowed
// to an organisation when one is given (as notify.Members does).
func (s *answeringSet) holding(community pulid.ID, org *pulid.ID, roles ...membership.Role) []pulid.ID {
	var users []pulid.ID
	for _, m := range s.members {
		if m.CommunityID == nil || *m.CommunityID != community || !slices.Contains(roles, m.Role) {
			continue
		}
		if org != nil && (m.OrganizationID == nil || *m.OrganizationID != *org) {
			continue
		}
		users = append(users, m.UserID)
	}
	return users
}
