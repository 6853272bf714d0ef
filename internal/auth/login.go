package auth

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/auditevent"
	"github.com/turbota/turbota/ent/community"
	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/session"
	"github.com/turbota/turbota/ent/user"
	"github.com/turbota/turbota/internal/audit"
	"github.com/turbota/turbota/internal/auth/secret"
	"github.com/turbota/turbota/internal/notify"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/tenant"
)

// LoginInput is what a person types to sign in.
type LoginInput struct {
	Email, Password, TOTP string
	RemoteAddr            string
	Device                string // the browser's device mark, if it has one (throttle.go)
}

// Session is a new sign-in: the token is shown once, only its hash is kept.
type Session struct {
	ID             pulid.ID
	UserID         pulid.ID
	Token          string
	CSRF           string
	ExpiresAt      time.Time
	EnrollmentOnly bool
	Device         string // a new device mark for the browser ("" when it had a valid one)
}

// NormalizeEmail is how emails are stored and compared.
func NormalizeEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// Login checks the password (and second factor) and opens a session.
func (s *Service) Login(ctx context.Context, in LoginInput) (*Session, error) {
	ctx = tenant.SystemContext(ctx)
	release, err := s.hashSlot(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	email := NormalizeEmail(in.Email)
	acctKey, addrKey := throttleKeys(email, in.RemoteAddr)
	tx, err := s.client.Tx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback() //nolint:errcheck // after Commit this is a no-op
	if err := lockAccount(ctx, tx, acctKey); err != nil {
		return nil, fmt.Errorf("lock account: %w", err)
	}
	known, err := s.knownDevice(ctx, tx, email, in.Device)
	if err != nil {
		return nil, err
	}
	// A known device answers for its own failures only; strangers share
	// the account's and the address's counters.
	failKeys := []string{acctKey, addrKey}
	if known {
		failKeys = []string{deviceFailures(email, in.Device)}
		err = s.checkDeviceDelay(ctx, tx, failKeys[0])
	} else {
		err = s.checkThrottle(ctx, tx, map[string]int{acctKey: s.cfg.MaxFailuresPerAccount, addrKey: s.cfg.MaxFailuresPerAddress})
	}
	if err != nil {
		return nil, err
	}
	u, err := s.verify(ctx, tx, email, in)
	if err != nil {
		if errors.Is(err, ErrTOTPRequired) {
			// The password was right; asking for the code is no failure.
			return nil, err
		}
		return nil, s.fail(ctx, tx, u, err, failKeys...)
	}
	returning, err := tx.Session.Query().Where(session.UserID(u.ID)).Exist(ctx)
	if err != nil {
		return nil, err
	}
	sess, err := s.openSession(ctx, tx, u, in.RemoteAddr)
	if err != nil {
		return nil, err
	}
	for _, k := range failKeys[:1] { // the account's strangers, or the device's own
		if err := s.clearFailures(ctx, tx, k); err != nil {
			return nil, err
		}
	}
	if !known {
		if sess.Device, err = s.markDevice(ctx, tx, email); err != nil {
			return nil, err
		}
	}
	if err := audit.Write(ctx, tx.Client(), audit.Event{Action: auditevent.ActionLOGIN, EntityType: ent.TypeUser,
		EntityID: string(u.ID), ActorUser: u.ID}); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	if !known && returning {
		// A browser the account never signed in from; the first sign-in
		// of an account is no news to its holder.
		s.tell(ctx, u, notify.NewDevice)
	}
	return sess, nil
}

// errBusy turns a sign-in away while the password checks are all taken.
var errBusy = &RateLimitedError{RetryAfter: time.Second}

// hashSlot waits for a turn to check a password, before any connection is
// taken, for at most HashWait.
func (s *Service) hashSlot(ctx context.Context) (func(), error) {
	t := time.NewTimer(s.cfg.HashWait)
	defer t.Stop()
	select {
	case s.hashes <- struct{}{}:
		return func() { <-s.hashes }, nil
	case <-t.C:
		return nil, errBusy
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// fail counts the failure, logs it and commits, so that the count survives
// the error the caller returns.
func (s *Service) fail(ctx context.Context, tx *ent.Tx, u *ent.User, cause error, keys ...string) error {
	if err := s.recordFailure(ctx, tx, keys...); err != nil {
		return err
	}
	ev := audit.Event{Action: auditevent.ActionLOGIN_FAILED, EntityType: ent.TypeUser}
	if u != nil {
		ev.EntityID, ev.ActorUser = string(u.ID), u.ID
	}
	if err := audit.Write(ctx, tx.Client(), ev); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	return cause
}

// verify checks password and second factor. It spends the same time on an
// unknown account as on a known one, so timing tells nothing.
func (s *Service) verify(ctx context.Context, tx *ent.Tx, email string, in LoginInput) (*ent.User, error) {
	u, err := tx.User.Query().Where(user.Email(email)).WithCredential().Only(ctx)
	if ent.IsNotFound(err) {
		secret.DummyCheck()
		return nil, ErrInvalidCredentials
	}
	if err != nil {
		return nil, err
	}
	cred := u.Edges.Credential
	if cred == nil || u.Disabled {
		secret.DummyCheck()
		return u, ErrInvalidCredentials
	}
	ok, err := secret.CheckPassword(in.Password, cred.PasswordHash)
	if err != nil || !ok {
		return u, ErrInvalidCredentials
	}
	if u.TotpEnabled {
		if err := s.checkSecondFactor(ctx, tx, cred, in.TOTP); err != nil {
			return u, err
		}
	}
	return u, nil
}

// checkSecondFactor accepts a current TOTP code (never the same time step
// twice) or an unused recovery code, which it then spends.
func (s *Service) checkSecondFactor(ctx context.Context, tx *ent.Tx, cred *ent.Credential, code string) error {
	if strings.TrimSpace(code) == "" {
		return ErrTOTPRequired
	}
	key, err := s.sealer.Open(cred.TotpSecret)
	if err != nil {
		return fmt.Errorf("open TOTP secret: %w", err)
	}
	if ok, step := secret.ValidateTOTP(code, string(key), clock.Now()); ok && step > cred.TotpLastStep {
		return tx.Credential.UpdateOne(cred).SetTotpLastStep(step).Exec(ctx)
	}
	if i := secret.MatchRecoveryCode(code, cred.RecoveryCodes); i >= 0 {
		rest := append(append([]string{}, cred.RecoveryCodes[:i]...), cred.RecoveryCodes[i+1:]...)
		return tx.Credential.UpdateOne(cred).SetRecoveryCodes(rest).Exec(ctx)
	}
	return ErrTOTPInvalid
}

func (s *Service) openSession(ctx context.Context, tx *ent.Tx, u *ent.User, addr string) (*Session, error) {
	token, hash, err := secret.NewToken(secret.SessionPrefix)
	if err != nil {
		return nil, err
	}
	enrollOnly := u.TotpEnrollmentDue
	if !u.TotpEnabled && !enrollOnly {
		if enrollOnly, err = s.totpMandatory(ctx, tx, u.ID); err != nil {
			return nil, err
		}
	}
	csrf := secret.NewCSRFToken()
	expires := clock.Now().Add(s.cfg.AbsoluteTimeout)
	row, err := tx.Session.Create().SetUserID(u.ID).SetTokenHash(hash).SetCsrfToken(csrf).
		SetCreatedAt(clock.Now()).SetLastSeenAt(clock.Now()).SetExpiresAt(expires).
		SetTotpPendingEnrollment(enrollOnly).SetRemoteAddr(addr).Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("open session: %w", err)
	}
	return &Session{ID: row.ID, UserID: u.ID, Token: token, CSRF: csrf, ExpiresAt: expires, EnrollmentOnly: enrollOnly}, nil
}

// totpMandatory reports whether a community the user works in demands TOTP.
func (s *Service) totpMandatory(ctx context.Context, tx *ent.Tx, id pulid.ID) (bool, error) {
	return tx.Membership.Query().Where(
		membership.UserID(id),
		membership.HasCommunityWith(community.RequireTotp(true)),
	).Exist(ctx)
}
