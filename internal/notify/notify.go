// Package notify tells people what needs them: it writes in-app
// notifications (one per user, never twice for the same reminder) and
// delivers them by e-mail where an SMTP server is configured. Notifications
// name the case and what happened, never the family.
package notify

import (
	"context"
	"slices"

	"entgo.io/ent/dialect/sql"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/ent/notification"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/tenant"
)

// Note is what a notification says.
type Note struct {
	Community pulid.ID
	Kind      notification.Kind
	Case      *pulid.ID
	Subject   *pulid.ID
	// Detail is a code or a short label (a deadline's kind, a status), never a name.
	Detail string
	// Dedupe makes a reminder once-only per user; empty for events.
	Dedupe string
}

// Send writes the note for each user (skipping the one who caused it, who
// knows). Notifications are written by the system on behalf of whoever
// acted, past the privacy rules but within the community's row security.
func Send(ctx context.Context, c *ent.Client, n Note, users []pulid.ID, except *pulid.ID) error {
	slices.Sort(users)
	users = slices.Compact(users)
	var creates []*ent.NotificationCreate
	for _, u := range users {
		if except != nil && u == *except {
			continue
		}
		cr := c.Notification.Create().SetCommunityID(n.Community).SetUserID(u).SetKind(n.Kind).
			SetNillableCaseID(n.Case).SetNillableSubjectID(n.Subject).SetDetail(n.Detail)
		if n.Dedupe != "" {
			cr.SetDedupeKey(n.Dedupe)
		}
		creates = append(creates, cr)
	}
	if len(creates) == 0 {
		return nil
	}
	return c.Notification.CreateBulk(creates...).OnConflict(sql.DoNothing()).
		Exec(tenant.Bypass(ctx, "deliver notifications to others: messages to people other than the viewer"))
}

// Members lists the users holding one of the roles in a community,
// narrowed to an organisation when one is given.
func Members(ctx context.Context, c *ent.Client, community pulid.ID, org *pulid.ID, roles ...membership.Role) ([]pulid.ID, error) {
	q := c.Membership.Query().Where(membership.CommunityID(community))
	if len(roles) > 0 {
		q.Where(membership.RoleIn(roles...))
	}
	if org != nil {
		q.Where(membership.OrganizationID(*org))
	}
	ms, err := q.All(tenant.Bypass(ctx, "find the recipients of a notification: others' memberships, nothing shown"))
	ids := make([]pulid.ID, len(ms))
	for i, m := range ms {
		ids[i] = m.UserID
	}
	return ids, err
}

// MarkRead marks the user's notifications read: those listed, or all.
func MarkRead(ctx context.Context, c *ent.Client, user pulid.ID, ids []pulid.ID) (int, error) {
	u := c.Notification.Update().Where(notification.UserID(user), notification.ReadAtIsNil())
	if ids != nil {
		u.Where(notification.IDIn(ids...))
	}
	return u.SetReadAt(clock.Now()).Save(ctx)
}

// Unread counts the user's unread notifications.
func Unread(ctx context.Context, c *ent.Client, user pulid.ID) (int, error) {
	return c.Notification.Query().Where(notification.UserID(user), notification.ReadAtIsNil()).Count(ctx)
}
