package auth

import (
	"context"
	"errors"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/auditevent"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/session"
	"github.com/turbota/turbota/ent/user"
	"github.com/turbota/turbota/internal/audit"
	"github.com/turbota/turbota/internal/auth/secret"
	"github.com/turbota/turbota/internal/notify"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/tenant"
)

// A person's own account: the password they change and the sessions they
// hold. Each is the signed-in person's alone (the viewer's user and
// session), never an API client's, and is done as the system, as sign-in
// is: credentials and sessions are no role's records.

// ErrWrongPassword is a current password that does not match: the change
// is refused as bad input on that field.
var ErrWrongPassword = errors.New("the current password is not right")

// ChangePassword replaces the viewer's password after checking the current
// one, and ends their other sessions (the one asking stays signed in).
// Wrong current passwords count as failed sign-ins of this session's
// browser, so a stolen session cannot guess its way to the password.
func (s *Service) ChangePassword(ctx context.Context, v *tenant.Viewer, current, next string) error {
	if v == nil || v.UserID == "" || v.SessionID == "" {
		return ErrUnauthenticated
	}
	sys := tenant.SystemContext(ctx)
	tx, err := s.client.Tx(sys)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // after Commit this is a no-op
	guesses := "chpw:" + digest(string(v.SessionID))
	if err := lockAccount(sys, tx, guesses); err != nil {
		return err
	}
	if err := s.checkDeviceDelay(sys, tx, guesses); err != nil {
		return err
	}
	u, err := tx.User.Query().Where(user.ID(v.UserID)).WithCredential().Only(sys)
	if err != nil {
		return err
	}
	if u.Edges.Credential == nil {
		return &InputError{Field: "currentPassword", Err: ErrWrongPassword}
	}
	if ok, err := secret.CheckPassword(current, u.Edges.Credential.PasswordHash); err != nil || !ok {
		if err := s.recordFailure(sys, tx, guesses); err != nil {
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
		return &InputError{Field: "currentPassword", Err: ErrWrongPassword}
	}
	if err := secret.ValidatePassword(next, u.Email, u.DisplayName); err != nil {
		return &InputError{Field: "newPassword", Err: err}
	}
	// This session stays: the one who proved the current password.
	if err := s.replacePassword(sys, tx, u, next, v.SessionID); err != nil {
		return err
	}
	if err := s.clearFailures(sys, tx, guesses); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	// Other replicas notice revoked sessions when they next check them;
	// this one forgets them now.
	s.sessions.forgetUser(v.UserID)
	s.tell(ctx, u, notify.PasswordChanged)
	return nil
}

// Sessions are the viewer's sessions still open, the most recently used
// first.
func (s *Service) Sessions(ctx context.Context, v *tenant.Viewer) ([]*ent.Session, error) {
	if v == nil || v.UserID == "" {
		return nil, ErrUnauthenticated
	}
	return s.client.Session.Query().
		Where(session.UserID(v.UserID), session.RevokedAtIsNil(), session.ExpiresAtGT(clock.Now())).
		Order(ent.Desc(session.FieldLastSeenAt)).All(tenant.SystemContext(ctx))
}

// RevokeSession ends one of the viewer's sessions (a browser left signed
// in elsewhere). Another user's session is answered as one that does not
// exist.
func (s *Service) RevokeSession(ctx context.Context, v *tenant.Viewer, id pulid.ID) error {
	if v == nil || v.UserID == "" {
		return ErrUnauthenticated
	}
	sys := tenant.SystemContext(ctx)
	n, err := s.client.Session.Update().Where(session.ID(id), session.UserID(v.UserID), session.RevokedAtIsNil()).
		SetRevokedAt(clock.Now()).Save(sys)
	if err != nil {
		return err
	}
	if n == 0 {
		return tenant.ErrNotVisible
	}
	s.sessions.forgetUser(v.UserID)
	return audit.Write(sys, s.client, audit.Event{Action: auditevent.ActionLOGOUT, EntityType: ent.TypeUser,
		EntityID: string(v.UserID), ActorUser: v.UserID})
}
