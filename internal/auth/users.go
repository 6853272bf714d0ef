package auth

import (
	"context"
	"errors"
	"fmt"
	"net/mail"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/internal/auth/secret"
	"github.com/turbota/turbota/tenant"
)

// InputError is a problem with one input field.
type InputError struct {
	Field string
	Err   error
}

func (e *InputError) Error() string { return e.Field + ": " + e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

// Invalid is the answer to a bad field of an input: BAD_USER_INPUT naming it.
func Invalid(field, msg string) error { return &InputError{Field: field, Err: errors.New(msg)} }

// CreateUser makes an account with a password. Accounts hold no role until
// granted one. Credentials are written as owner: no request can touch them.
func (s *Service) CreateUser(ctx context.Context, email, displayName, password string) (*ent.User, error) {
	email = NormalizeEmail(email)
	if _, err := mail.ParseAddress(email); err != nil {
		return nil, &InputError{Field: "email", Err: fmt.Errorf("not a valid email address")}
	}
	if displayName == "" {
		return nil, &InputError{Field: "displayName", Err: fmt.Errorf("must not be empty")}
	}
	if err := secret.ValidatePassword(password, email, displayName); err != nil {
		return nil, &InputError{Field: "password", Err: err}
	}
	hash, err := secret.HashPassword(password)
	if err != nil {
		return nil, err
	}
	return CreateUserWithHash(ctx, s.client, email, displayName, hash)
}

// CreateUserWithHash stores an account whose password is already hashed
// (demo data hashes one password for many accounts).
func CreateUserWithHash(ctx context.Context, client *ent.Client, email, displayName, hash string) (*ent.User, error) {
	sys := tenant.SystemContext(ctx)
	tx, err := client.Tx(sys)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback() //nolint:errcheck
	u, err := tx.User.Create().SetEmail(NormalizeEmail(email)).SetDisplayName(displayName).Save(withViewer(ctx, sys))
	if ent.IsConstraintError(err) {
		return nil, &InputError{Field: "email", Err: fmt.Errorf("an account with this email exists")}
	}
	if err != nil {
		return nil, err
	}
	if err := tx.Credential.Create().SetUserID(u.ID).SetPasswordHash(hash).Exec(sys); err != nil {
		return nil, err
	}
	return u, tx.Commit()
}

// withViewer keeps the caller's viewer (for the audit trail) in a system context.
func withViewer(from, sys context.Context) context.Context {
	if v := tenant.FromContext(from); v != nil {
		return tenant.NewContext(sys, v)
	}
	return sys
}
