package auth

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/tenant"
)

// sessionRow is what a request needs of its session, its user and their
// grants, read in one round trip: every signed-in request starts here.
type sessionRow struct {
	ID, UserID            pulid.ID
	CSRF                  string
	LastSeenAt, ExpiresAt time.Time
	Revoked, Enrollment   bool
	Disabled              bool
	Grants                []tenant.Grant
}

// sessionSQL reads the session with its stamp (see sessioncache.go) in the
// same snapshot, so the stamp is that of what was read.
const sessionSQL = `SELECT s.id, s.user_id, s.csrf_token, s.last_seen_at, s.expires_at, s.revoked_at IS NOT NULL,
	s.totp_pending_enrollment, u.disabled, CASE WHEN m.custom_role_id IS NULL THEN m.role::text ELSE m.custom_role_id::text END, m.community_id, m.region_id, m.organization_id,
	turbota_session_stamp(s.token_hash, $2, $3)
FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN memberships m ON m.user_id = s.user_id
WHERE s.token_hash = $1`

// lookupSession finds a session's row by its token's hash, with its user's
// grants and its stamp; ErrUnauthenticated when no session has the token.
func (s *Service) lookupSession(ctx context.Context, hash []byte) (*sessionRow, string, error) {
	rows, err := s.client.QueryContext(ctx, sessionSQL, hash, clock.Now(), s.cfg.IdleTimeout.Seconds())
	if err != nil {
		return nil, "", fmt.Errorf("look up session: %w", err)
	}
	defer rows.Close()
	var row *sessionRow
	var stamp string
	for rows.Next() {
		var r sessionRow
		var role, community, region, org sql.NullString
		if err := rows.Scan(&r.ID, &r.UserID, &r.CSRF, &r.LastSeenAt, &r.ExpiresAt, &r.Revoked, &r.Enrollment,
			&r.Disabled, &role, &community, &region, &org, &stamp); err != nil {
			return nil, "", fmt.Errorf("read session: %w", err)
		}
		if row == nil {
			row = &r
		}
		if role.Valid {
			row.Grants = append(row.Grants, tenant.Grant{Role: role.String, CommunityID: pulid.ID(community.String),
				RegionID: pulid.ID(region.String), OrganizationID: pulid.ID(org.String)})
		}
	}
	if err := rows.Err(); err != nil {
		return nil, "", fmt.Errorf("read session: %w", err)
	}
	if row == nil {
		return nil, "", ErrUnauthenticated
	}
	return row, stamp, nil
}
