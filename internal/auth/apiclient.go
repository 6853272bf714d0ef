package auth

import (
	"context"
	"fmt"
	"time"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/apiclient"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/auth/secret"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/tenant"
)

// Token lifetimes of API clients.
const (
	DefaultAPITokenTTL = 365 * 24 * time.Hour
	MaxAPITokenTTL     = 2 * 365 * 24 * time.Hour
)

// apiRoles are the roles a third-party application may hold: community work
// roles, never administration or oversight.
var apiRoles = map[apiclient.Role]bool{
	apiclient.RoleAPI_CLIENT: true, apiclient.RolePARTNER_REPORTER: true,
	apiclient.RoleCHILDREN_SERVICE: true, apiclient.RoleSOCIAL_PROTECTION: true,
	apiclient.RolePROVIDER_MANAGER: true, apiclient.RolePROVIDER_SPECIALIST: true,
	apiclient.RoleGUARDIANSHIP_BODY: true,
}

// NewAPIClient registers an application through the request's client (so
// both privacy walls and row-level security apply) and returns its token,
// which is shown once.
func NewAPIClient(ctx context.Context, client *ent.Client, community pulid.ID, name string,
	role apiclient.Role, expires *time.Time) (*ent.APIClient, string, error) {
	if role == "" {
		role = apiclient.RoleAPI_CLIENT
	}
	if !apiRoles[role] {
		return nil, "", &InputError{Field: "role", Err: fmt.Errorf("an API client cannot hold the role %s", role)}
	}
	now := clock.Now()
	exp := now.Add(DefaultAPITokenTTL)
	if expires != nil {
		if expires.Before(now) || expires.After(now.Add(MaxAPITokenTTL)) {
			return nil, "", &InputError{Field: "expiresAt", Err: fmt.Errorf("must be in the future and at most two years away")}
		}
		exp = *expires
	}
	token, hash, err := secret.NewToken(secret.APIPrefix)
	if err != nil {
		return nil, "", err
	}
	c := client.APIClient.Create().SetCommunityID(community).SetName(name).SetRole(role).
		SetTokenHash(hash).SetTokenPrefix(token[:len(secret.APIPrefix)+6]).SetExpiresAt(exp)
	if v := tenant.FromContext(ctx); v != nil && v.UserID != "" {
		c.SetCreatedByID(v.UserID)
	}
	ac, err := c.Save(ctx)
	return ac, token, err
}
