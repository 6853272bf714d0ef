package auth

import (
	"context"
	"fmt"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/auditevent"
	"github.com/turbota/turbota/ent/credential"
	"github.com/turbota/turbota/ent/session"
	"github.com/turbota/turbota/internal/audit"
	"github.com/turbota/turbota/internal/auth/secret"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/tenant"
)

// recoveryCodes is how many one-time recovery codes an enrolment yields.
const recoveryCodes = 10

// BeginTOTPEnrollment creates a new (unconfirmed) TOTP secret for the viewer.
func (s *Service) BeginTOTPEnrollment(ctx context.Context, v *tenant.Viewer) (secretText, url string, err error) {
	if v == nil || v.UserID == "" {
		return "", "", ErrUnauthenticated
	}
	ctx = tenant.SystemContext(ctx)
	u, err := s.client.User.Get(ctx, v.UserID)
	if err != nil {
		return "", "", err
	}
	if u.TotpEnabled {
		return "", "", ErrTOTPAlreadyEnabled
	}
	secretText, url, err = secret.NewTOTPKey(s.cfg.Issuer, u.Email)
	if err != nil {
		return "", "", err
	}
	sealed, err := s.sealer.Seal([]byte(secretText))
	if err != nil {
		return "", "", err
	}
	_, err = s.client.Credential.Update().Where(credential.UserID(u.ID)).
		SetTotpSecret(sealed).SetTotpConfirmed(false).Save(ctx)
	return secretText, url, err
}

// ConfirmTOTPEnrollment turns TOTP on once the user proves their app works,
// lifts the enrolment-only restriction of their sessions, and returns fresh
// recovery codes (shown once).
func (s *Service) ConfirmTOTPEnrollment(ctx context.Context, v *tenant.Viewer, code string) ([]string, error) {
	if v == nil || v.UserID == "" {
		return nil, ErrUnauthenticated
	}
	ctx = tenant.SystemContext(ctx)
	tx, err := s.client.Tx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback() //nolint:errcheck
	cred, err := tx.Credential.Query().Where(credential.UserID(v.UserID)).Only(ctx)
	if err != nil {
		return nil, err
	}
	if cred.TotpSecret == "" || cred.TotpConfirmed {
		return nil, ErrTOTPNotPending
	}
	key, err := s.sealer.Open(cred.TotpSecret)
	if err != nil {
		return nil, fmt.Errorf("open TOTP secret: %w", err)
	}
	ok, step := secret.ValidateTOTP(code, string(key), clock.Now())
	if !ok {
		return nil, ErrTOTPInvalid
	}
	plain, hashes, err := secret.NewRecoveryCodes(recoveryCodes)
	if err != nil {
		return nil, err
	}
	if err := s.enableTOTP(ctx, tx, cred, step, hashes); err != nil {
		return nil, err
	}
	return plain, tx.Commit()
}

func (s *Service) enableTOTP(ctx context.Context, tx *ent.Tx, cred *ent.Credential, step int64, hashes []string) error {
	if err := tx.Credential.UpdateOne(cred).SetTotpConfirmed(true).SetTotpLastStep(step).
		SetRecoveryCodes(hashes).Exec(ctx); err != nil {
		return err
	}
	if err := tx.User.UpdateOneID(cred.UserID).SetTotpEnabled(true).SetTotpEnrollmentDue(false).Exec(ctx); err != nil {
		return err
	}
	if _, err := tx.Session.Update().Where(session.UserID(cred.UserID)).
		SetTotpPendingEnrollment(false).Save(ctx); err != nil {
		return err
	}
	return audit.Write(ctx, tx.Client(), audit.Event{Action: auditevent.ActionTOTP_ENROLLED,
		EntityType: ent.TypeUser, EntityID: string(cred.UserID), ActorUser: cred.UserID})
}
