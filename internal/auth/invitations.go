package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/mail"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/invitation"
	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/ent/privacy"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/auth/secret"
	"github.com/turbota/turbota/tenant"
)

// InviteInput is who is invited where, with which role.
type InviteInput struct {
	Community      pulid.ID
	Email          string
	DisplayName    string
	Password       string // a new account's first password; unused for an existing one
	Role           membership.Role
	CustomRoleID   *pulid.ID // with the role CUSTOM
	OrganizationID *pulid.ID
}

// Invite asks the person behind an e-mail to work in a community. It
// answers the same, and takes as long, whether or not the e-mail has an
// account: accounts of other communities stay invisible. A new e-mail gets
// an account (with the password given) holding no role; every invitation
// waits for its person to accept it. Everything goes through the request's
// client, so an error anywhere leaves nothing behind. What role the viewer
// may give is the privacy rules' business (authz.FilterInvitationChanges).
func (s *Service) Invite(ctx context.Context, client *ent.Client, in InviteInput) (*ent.Invitation, error) {
	email := NormalizeEmail(in.Email)
	if _, err := mail.ParseAddress(email); err != nil || len(email) > 254 {
		return nil, &InputError{Field: "email", Err: fmt.Errorf("not a valid email address")}
	}
	if in.DisplayName == "" {
		return nil, &InputError{Field: "displayName", Err: fmt.Errorf("must not be empty")}
	}
	if err := secret.ValidatePassword(in.Password, email, in.DisplayName); err != nil {
		return nil, &InputError{Field: "password", Err: err}
	}
	// Hashed whether or not it is used, so that the time taken tells nothing.
	hash, err := secret.HashPassword(in.Password)
	if err != nil {
		return nil, err
	}
	v := tenant.FromContext(ctx)
	if v == nil {
		return nil, ErrUnauthenticated
	}
	create := client.Invitation.Create().SetCommunityID(in.Community).SetEmail(email).
		SetRole(invitation.Role(in.Role)).SetNillableCustomRoleID(in.CustomRoleID).
		SetNillableOrganizationID(in.OrganizationID).SetInvitedByID(v.UserID)
	// The invitation's own privacy policy answers first, before any account
	// is looked at: a refusal reads the same for every e-mail.
	if err := invitation.Policy.EvalMutation(ctx, create.Mutation()); err != nil && !errors.Is(err, privacy.Allow) {
		return nil, err
	}
	uid, err := accountFor(ctx, client, email, in.DisplayName, hash)
	if err != nil {
		return nil, err
	}
	return create.SetUserID(uid).Save(ctx)
}

// accountFor finds the account of an e-mail, or opens one. The account may
// be one the viewer may not see (another community's): the database's
// turbota_account_by_email finds it past row-level security, and what it
// finds never reaches the viewer.
func accountFor(ctx context.Context, client *ent.Client, email, name, hash string) (pulid.ID, error) {
	sys := tenant.SystemContext(ctx)
	var found sql.NullString
	rows, err := client.QueryContext(ctx, "SELECT turbota_account_by_email($1)", email)
	if err != nil {
		return "", fmt.Errorf("look up the invited account: %w", err)
	}
	for rows.Next() {
		err = rows.Scan(&found)
	}
	if cerr := rows.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", fmt.Errorf("look up the invited account: %w", err)
	}
	if found.Valid {
		return pulid.ID(found.String), nil
	}
	u, err := client.User.Create().SetEmail(email).SetDisplayName(name).Save(ctx)
	if err != nil {
		return "", err
	}
	// The request's role may add a credential, never read one.
	return u.ID, client.Credential.Create().SetUserID(u.ID).SetPasswordHash(hash).Exec(sys)
}

// Answer accepts or declines an invitation to the viewer: accepting grants
// its role (the one grant a person makes to themselves, which the privacy
// rules allow only against a pending invitation).
func Answer(ctx context.Context, client *ent.Client, id pulid.ID, accept bool) (*ent.Invitation, *ent.Membership, error) {
	v := tenant.FromContext(ctx)
	if v == nil {
		return nil, nil, ErrUnauthenticated
	}
	inv, err := client.Invitation.Query().Where(invitation.ID(id), invitation.UserID(v.UserID),
		invitation.StatusEQ(invitation.StatusPENDING)).Only(ctx)
	if err != nil {
		return nil, nil, err
	}
	if !accept {
		inv, err = inv.Update().SetStatus(invitation.StatusDECLINED).Save(ctx)
		return inv, nil, err
	}
	// The grant is allowed against the invitation accepted just before it
	// (authz.FilterMembershipChanges, and row-level security).
	if inv, err = inv.Update().SetStatus(invitation.StatusACCEPTED).Save(ctx); err != nil {
		return nil, nil, err
	}
	m, err := client.Membership.Create().SetUserID(v.UserID).SetCommunityID(inv.CommunityID).
		SetRole(membership.Role(inv.Role)).SetNillableCustomRoleID(inv.CustomRoleID).
		SetNillableOrganizationID(inv.OrganizationID).Save(ctx)
	if err != nil {
		return nil, nil, err
	}
	authz.MarkChanged(ctx)
	return inv, m, nil
}
