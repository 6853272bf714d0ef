// Package emergency is "breaking the glass": a regional supervisor, who
// sees a community's cases only de-identified, opens one named case for a
// stated reason and a few hours. The community is told at once, the access
// is on its list of emergency accesses, and every read made under it goes
// into the community's access log like any other.
package emergency

import (
	"context"
	"crypto/md5"
	stdsql "database/sql"
	"encoding/hex"
	"errors"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/emergencyaccess"
	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/ent/notification"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/auth"
	"github.com/turbota/turbota/internal/notify"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/tenant"
)

// Window is how long an emergency access lasts.
const Window = 3 * time.Hour

// MinReason is the shortest reason accepted, in characters: a reason is a
// sentence someone can later check, not "urgent".
const MinReason = 20

// Object is the policy object of emergency accesses.
const Object = authz.ObjEmergencyAccess

// Reference is how a de-identified case list names a case: enough to open
// it by, while the ID itself (which carries its creation time) stays hidden.
func Reference(caseID pulid.ID) string {
	sum := md5.Sum([]byte(caseID))
	return hex.EncodeToString(sum[:])[:12]
}

// ReferenceSQL computes Reference in SQL for the column given.
func ReferenceSQL(col string) string { return "substr(md5(" + col + "), 1, 12)" }

var referenceRE = regexp.MustCompile(`^[0-9a-f]{12}$`)

// Open grants the viewer of ctx emergency access to the case of the
// community that the reference names. An access already open for the same
// case is returned as it is.
func Open(ctx context.Context, c *ent.Client, community pulid.ID, reference, reason string) (*ent.EmergencyAccess, error) {
	v := tenant.FromContext(ctx)
	if v == nil {
		return nil, tenant.ErrNotVisible
	}
	// The policy (authz.BreakTheGlass) first: whether this viewer may break
	// the glass in this community at all.
	if err := authz.Ask(ctx, emergencyaccess.Policy, c.EmergencyAccess.Create().SetCommunityID(community).
		SetUserID(v.UserID).Mutation()); err != nil {
		return nil, err
	}
	reference, reason = strings.ToLower(strings.TrimSpace(reference)), strings.TrimSpace(reason)
	if !referenceRE.MatchString(reference) {
		return nil, &auth.InputError{Field: "reference", Err: errors.New("a case reference is 12 hexadecimal characters, as the de-identified list shows it")}
	}
	if utf8.RuneCountInString(reason) < MinReason {
		return nil, &auth.InputError{Field: "reason", Err: errors.New("state the reason in at least 20 characters")}
	}
	// The overseer may not read the community's cases: the case is found
	// by its reference alone (row-level security hides the rest of it).
	caseID, err := caseByReference(ctx, c, community, reference)
	if err != nil {
		return nil, err
	}
	live, err := c.EmergencyAccess.Query().Where(emergencyaccess.CaseID(caseID), emergencyaccess.UserID(v.UserID),
		emergencyaccess.EndedAtIsNil(), emergencyaccess.ExpiresAtGT(clock.Now())).First(ctx)
	if err == nil {
		v.Lend(tenant.RoleEmergencyReader, community)
		return live, authz.Resee(ctx, c)
	}
	if !ent.IsNotFound(err) {
		return nil, err
	}
	ea, err := c.EmergencyAccess.Create().SetCommunityID(community).SetCaseID(caseID).SetUserID(v.UserID).
		SetReason(reason).SetExpiresAt(clock.Now().Add(Window)).Save(ctx)
	if err != nil {
		return nil, err
	}
	v.Lend(tenant.RoleEmergencyReader, community) // the case opens within this request too
	if err := authz.Resee(ctx, c); err != nil {
		return nil, err
	}
	cf, err := c.CaseFile.Get(ctx, caseID)
	if err != nil {
		return nil, err
	}
	return ea, tell(ctx, c, cf, ea)
}

// tell notifies the community's children's service, its administrators and
// the case manager.
func tell(ctx context.Context, c *ent.Client, cf *ent.CaseFile, ea *ent.EmergencyAccess) error {
	users, err := notify.Members(ctx, c, cf.CommunityID, nil, membership.RoleCHILDREN_SERVICE, membership.RoleCOMMUNITY_ADMIN)
	if err != nil {
		return err
	}
	if cf.ManagerID != nil {
		users = append(users, *cf.ManagerID)
	}
	return notify.Send(ctx, c, notify.Note{Community: cf.CommunityID, Kind: notification.KindEMERGENCY_ACCESS,
		Case: &cf.ID, Subject: &ea.ID, Detail: ea.ExpiresAt.UTC().Format(time.RFC3339)}, users, nil)
}

// End closes an emergency access before it expires: its holder may, and so
// may the community's administrators. An access already over is returned
// as it is.
func End(ctx context.Context, c *ent.Client, id pulid.ID) (*ent.EmergencyAccess, error) {
	ea, err := c.EmergencyAccess.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	end := ea.Update().SetEndedAt(clock.Now())
	if err := authz.Ask(ctx, emergencyaccess.Policy, end.Mutation()); err != nil {
		return nil, err
	}
	if !Active(ea) {
		return ea, nil
	}
	return end.Save(ctx)
}

// Active reports whether the access still opens its case.
func Active(ea *ent.EmergencyAccess) bool {
	return ea.EndedAt == nil && ea.ExpiresAt.After(clock.Now())
}

// caseByReference finds the case of the community that the de-identified
// reference names (turbota_case_by_reference, the one fact of a case the
// overseer may learn before their access opens it).
func caseByReference(ctx context.Context, c *ent.Client, community pulid.ID, reference string) (pulid.ID, error) {
	rows, err := c.QueryContext(ctx, `SELECT turbota_case_by_reference($1, $2)`, string(community), reference)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var id stdsql.NullString
	if rows.Next() {
		if err := rows.Scan(&id); err != nil {
			return "", err
		}
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	if !id.Valid {
		return "", tenant.ErrNotVisible
	}
	return pulid.ID(id.String), nil
}
