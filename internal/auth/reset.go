package auth

import (
	"context"
	"errors"
	"net/mail"
	"time"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/auditevent"
	"github.com/turbota/turbota/ent/credential"
	"github.com/turbota/turbota/ent/passwordreset"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/session"
	"github.com/turbota/turbota/ent/user"
	"github.com/turbota/turbota/internal/audit"
	"github.com/turbota/turbota/internal/auth/secret"
	"github.com/turbota/turbota/internal/notify"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/tenant"
)

// Password reset by an e-mailed link. Anyone may ask for a link to an
// address, from the sign-in page; the answer is the same whether or not an
// account has it (the e-mail goes out after the answer, so neither its
// words nor its time tell). A link holds a token of 256 bits, works once,
// for ResetValidFor, and only its hash is stored; asking again or using it
// ends the earlier links. Setting the new password ends every session.
// Asking is throttled per address asked for and per client address, so
// nobody floods a colleague's mailbox.

// ResetValidFor is how long a reset link works.
const ResetValidFor = 30 * time.Minute

// How many links may be asked for within the throttle's window: per
// e-mail address and per client address.
const (
	resetsPerAccount = 3
	resetsPerAddress = 20
)

// ErrResetLinkInvalid is a link that is unknown, used, superseded or past
// its time, or whose account is disabled: all alike to the one holding it.
var ErrResetLinkInvalid = errors.New("this link to set a new password is not valid any more; ask for a new one")

// RequestPasswordReset e-mails a reset link to the address if an active
// account has it; it answers the same either way.
func (s *Service) RequestPasswordReset(ctx context.Context, email, remoteAddr string) error {
	email = NormalizeEmail(email)
	if _, err := mail.ParseAddress(email); err != nil {
		return Invalid("email", "not a valid email address")
	}
	sys := tenant.SystemContext(ctx)
	tx, err := s.client.Tx(sys)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // after Commit this is a no-op
	acct, addr := "reset:"+digest(email), "resetaddr:"+digest(remoteAddr)
	if err := lockAccount(sys, tx, acct); err != nil {
		return err
	}
	if err := s.checkThrottle(sys, tx, map[string]int{acct: resetsPerAccount, addr: resetsPerAddress}); err != nil {
		return err
	}
	if err := s.recordFailure(sys, tx, acct, addr); err != nil {
		return err
	}
	u, err := tx.User.Query().Where(user.Email(email), user.Disabled(false), user.HasCredential()).Only(sys)
	if err != nil && !ent.IsNotFound(err) {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	if u != nil {
		return s.issueReset(ctx, u, "")
	}
	return nil
}

// issueReset makes a new link for the account, ending its earlier ones,
// and e-mails it; by is the administrator who sent it, if one did.
func (s *Service) issueReset(ctx context.Context, u *ent.User, by pulid.ID) error {
	token, hash, err := secret.NewToken(secret.ResetPrefix)
	if err != nil {
		return err
	}
	sys := tenant.SystemContext(ctx)
	tx, err := s.client.Tx(sys)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // after Commit this is a no-op
	now := clock.Now()
	if err := tx.PasswordReset.Update().Where(passwordreset.UserID(u.ID), passwordreset.UsedAtIsNil()).
		SetUsedAt(now).Exec(sys); err != nil {
		return err
	}
	create := tx.PasswordReset.Create().SetUserID(u.ID).SetTokenHash(hash).SetCreatedAt(now).SetExpiresAt(now.Add(ResetValidFor))
	if by != "" {
		create.SetRequestedByID(by)
	}
	if err := create.Exec(sys); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	subject, body := notify.ResetMessage(s.baseURL, token, ResetValidFor)
	s.send(ctx, u.Email, "PASSWORD_RESET", subject, body)
	return nil
}

// ResetPassword sets a new password with a reset link's token, under the
// same policy as any password, and ends every session of the account. A
// refused password leaves the link usable; a wrong link counts against the
// client address as a failed sign-in does.
func (s *Service) ResetPassword(ctx context.Context, token, password, remoteAddr string) error {
	sys := tenant.SystemContext(ctx)
	release, err := s.hashSlot(sys)
	if err != nil {
		return err
	}
	defer release()
	tx, err := s.client.Tx(sys)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // after Commit this is a no-op
	failures := "resetfail:" + digest(remoteAddr)
	if err := s.checkThrottle(sys, tx, map[string]int{failures: s.cfg.MaxFailuresPerAddress}); err != nil {
		return err
	}
	pr, err := s.validReset(sys, tx, token)
	if errors.Is(err, ErrResetLinkInvalid) {
		if err := s.recordFailure(sys, tx, failures); err != nil {
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
		return &InputError{Field: "token", Err: err}
	}
	if err != nil {
		return err
	}
	u := pr.Edges.User
	if err := secret.ValidatePassword(password, u.Email, u.DisplayName); err != nil {
		return &InputError{Field: "newPassword", Err: err}
	}
	if err := s.replacePassword(sys, tx, u, password, ""); err != nil {
		return err
	}
	// The holder proved the mailbox is theirs: failed sign-ins counted
	// against the account are cleared.
	acct, _ := throttleKeys(u.Email, "")
	if err := s.clearFailures(sys, tx, acct); err != nil {
		return err
	}
	if err := tx.PasswordReset.Update().Where(passwordreset.UserID(u.ID), passwordreset.UsedAtIsNil()).
		SetUsedAt(clock.Now()).Exec(sys); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	s.sessions.forgetUser(u.ID)
	s.tell(ctx, u, notify.PasswordChanged)
	return nil
}

// validReset finds the unused, unexpired link of an active account that
// token opens, and spends it.
func (s *Service) validReset(ctx context.Context, tx *ent.Tx, token string) (*ent.PasswordReset, error) {
	if !secret.LooksLikeToken(token, secret.ResetPrefix) {
		return nil, ErrResetLinkInvalid
	}
	pr, err := tx.PasswordReset.Query().Where(passwordreset.TokenHash(secret.HashToken(token))).
		WithUser().Only(ctx)
	switch {
	case ent.IsNotFound(err):
		return nil, ErrResetLinkInvalid
	case err != nil:
		return nil, err
	case pr.UsedAt != nil, !clock.Now().Before(pr.ExpiresAt), pr.Edges.User == nil, pr.Edges.User.Disabled:
		return nil, ErrResetLinkInvalid
	}
	// Spent now: a second use at the same time waits for this transaction
	// and then finds it used (or usable again, if this one rolls back).
	err = tx.PasswordReset.UpdateOneID(pr.ID).Where(passwordreset.UsedAtIsNil()).SetUsedAt(clock.Now()).Exec(ctx)
	if ent.IsNotFound(err) {
		return nil, ErrResetLinkInvalid
	}
	return pr, err
}

// replacePassword stores the new password's hash and ends every session of
// the account but keep (empty: all of them), with an audit line.
func (s *Service) replacePassword(ctx context.Context, tx *ent.Tx, u *ent.User, password string, keep pulid.ID) error {
	hash, err := secret.HashPassword(password)
	if err != nil {
		return err
	}
	n, err := tx.Credential.Update().Where(credential.UserID(u.ID)).SetPasswordHash(hash).Save(ctx)
	if err != nil {
		return err
	}
	if n == 0 {
		if err := tx.Credential.Create().SetUserID(u.ID).SetPasswordHash(hash).Exec(ctx); err != nil {
			return err
		}
	}
	revoke := tx.Session.Update().Where(session.UserID(u.ID), session.RevokedAtIsNil())
	if keep != "" {
		revoke.Where(session.IDNEQ(keep))
	}
	if _, err := revoke.SetRevokedAt(clock.Now()).Save(ctx); err != nil {
		return err
	}
	return audit.Write(ctx, tx.Client(), audit.Event{Action: auditevent.ActionUPDATE, EntityType: ent.TypeUser,
		EntityID: string(u.ID), Fields: []string{"password"}, ActorUser: u.ID})
}
