package auth

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/rs/zerolog"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/apiclient"
	"github.com/turbota/turbota/ent/auditevent"
	"github.com/turbota/turbota/ent/credential"
	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/ent/passwordreset"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/schema/schematype"
	"github.com/turbota/turbota/internal/audit"
	"github.com/turbota/turbota/internal/notify"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/tenant"
)

// An administrator's changes to someone else's account: disable and
// enable it, reset its second factor, send it a password reset link. Each
// is one change of the user's row through the client given: a request's,
// where the User policy decides whose accounts the viewer runs
// (authz.FilterUserChanges, row-level security the same), or the owner's
// for the operator's command line. What follows from the change (sessions
// and tokens ended, the second factor's secret dropped, the e-mail) is the
// sign-in code's own work on its own pool, done once the change has
// committed.

// AccountAction names the account and why the administrator acts.
type AccountAction struct {
	User   pulid.ID
	Reason string
}

// maxReason bounds the reason kept in the audit log.
const maxReason = 500

func (in AccountAction) reason() (string, error) {
	r := strings.TrimSpace(in.Reason)
	switch {
	case r == "":
		return "", Invalid("reason", "State the reason; it is kept in the audit log.")
	case len([]rune(r)) > maxReason:
		return "", Invalid("reason", "The reason is at most 500 characters.")
	}
	return r, nil
}

// DisableAccount stops an account: its holder cannot sign in (told only
// that the e-mail or password is wrong), and its sessions and the API
// tokens it created end at once.
func (s *Service) DisableAccount(ctx context.Context, c *ent.Client, in AccountAction) (*ent.User, error) {
	return s.administer(ctx, c, in, "disabled", func(u *ent.UserUpdateOne) { u.SetDisabled(true) },
		func(ctx context.Context, u *ent.User) {
			s.endAccess(ctx, u.ID)
			s.tell(ctx, u, notify.AccountDisabled)
		})
}

// EnableAccount lets an account sign in again. Sessions from before it was
// disabled stay ended.
func (s *Service) EnableAccount(ctx context.Context, c *ent.Client, in AccountAction) (*ent.User, error) {
	return s.administer(ctx, c, in, "disabled", func(u *ent.UserUpdateOne) { u.SetDisabled(false) },
		func(ctx context.Context, u *ent.User) { s.endAccess(ctx, u.ID) })
}

// ResetSecondFactor drops an account's second factor (a lost phone with
// no recovery codes left): its sessions end, and at the next sign-in, with
// the password alone, the holder may do nothing but enrol again.
func (s *Service) ResetSecondFactor(ctx context.Context, c *ent.Client, in AccountAction) (*ent.User, error) {
	return s.administer(ctx, c, in, "totpEnabled",
		func(u *ent.UserUpdateOne) { u.SetTotpEnabled(false).SetTotpEnrollmentDue(true) },
		func(ctx context.Context, u *ent.User) {
			sys := tenant.SystemContext(ctx)
			if _, err := s.client.Credential.Update().Where(credential.UserID(u.ID)).ClearTotpSecret().
				SetTotpConfirmed(false).ClearRecoveryCodes().Save(sys); err != nil {
				zerolog.Ctx(ctx).Error().Str("error", err.Error()).Msg("drop a reset second factor")
			}
			s.endAccess(ctx, u.ID)
			s.tell(ctx, u, notify.FactorReset)
		})
}

// SendResetLink e-mails the account a password reset link; the
// administrator never sees the link or the password.
func (s *Service) SendResetLink(ctx context.Context, c *ent.Client, in AccountAction) (*ent.User, error) {
	var by pulid.ID
	if v := tenant.FromContext(ctx); v != nil {
		by = v.UserID
	}
	return s.administer(ctx, c, in, "passwordResetSentAt",
		func(u *ent.UserUpdateOne) { u.SetPasswordResetSentAt(clock.Now()) },
		func(ctx context.Context, u *ent.User) {
			if err := s.issueReset(ctx, u, by); err != nil {
				zerolog.Ctx(ctx).Error().Str("error", err.Error()).Msg("issue a password reset link")
			}
		})
}

// administer makes the change, writes the audit line with the reason and
// leaves then for after the commit.
func (s *Service) administer(ctx context.Context, c *ent.Client, in AccountAction, field string,
	change func(*ent.UserUpdateOne), then func(context.Context, *ent.User)) (*ent.User, error) {
	reason, err := in.reason()
	if err != nil {
		return nil, err
	}
	up := c.User.UpdateOneID(in.User)
	change(up)
	u, err := up.Save(ctx)
	if err != nil {
		return nil, err
	}
	if err := s.auditReason(ctx, c, u, field, reason); err != nil {
		return nil, err
	}
	afterCommit(ctx, func(ctx context.Context) { then(ctx, u) })
	return u, nil
}

// auditReason writes why the account was changed, in the log of the
// community it works for (where its administrators and auditors read it).
func (s *Service) auditReason(ctx context.Context, c *ent.Client, u *ent.User, field, reason string) error {
	ev := audit.Event{Action: auditevent.ActionUPDATE, EntityType: ent.TypeUser, EntityID: string(u.ID),
		Fields: []string{field, "reason"}}
	if m, err := c.Membership.Query().Where(membership.UserID(u.ID), membership.CommunityIDNotNil()).
		Order(ent.Asc(membership.FieldID)).First(ctx); err == nil && m.CommunityID != nil {
		ev.Community = *m.CommunityID
	}
	value, err := json.Marshal(reason)
	if err != nil {
		return err
	}
	ev.Changes = []schematype.FieldChange{{Field: "reason", New: value}}
	return audit.Write(ctx, c, ev)
}

// endAccess ends every session of the account, its unused password reset
// links and the API tokens it created, whose secret its holder saw.
func (s *Service) endAccess(ctx context.Context, id pulid.ID) {
	log := zerolog.Ctx(ctx)
	if err := s.RevokeSessions(ctx, id); err != nil {
		log.Error().Str("error", err.Error()).Msg("end the sessions of an account")
	}
	sys := tenant.SystemContext(ctx)
	if err := s.client.PasswordReset.Update().Where(passwordreset.UserID(id), passwordreset.UsedAtIsNil()).
		SetUsedAt(clock.Now()).Exec(sys); err != nil {
		log.Error().Str("error", err.Error()).Msg("end the reset links of an account")
	}
	if _, err := s.client.APIClient.Update().Where(apiclient.CreatedByID(id), apiclient.RevokedAtIsNil()).
		SetRevokedAt(clock.Now()).Save(sys); err != nil {
		log.Error().Str("error", err.Error()).Msg("revoke the API tokens of an account")
	}
}
