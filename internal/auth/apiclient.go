package auth

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/turbota/turbota/authz"
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
	// MaxSecretOverlap is the longest an old client secret may keep
	// working after a rotation.
	MaxSecretOverlap = 30 * 24 * time.Hour
)

// apiRoles are the roles a third-party application may hold: community work
// roles, never administration or oversight.
var apiRoles = map[apiclient.Role]bool{
	apiclient.RoleAPI_CLIENT: true, apiclient.RolePARTNER_REPORTER: true,
	apiclient.RoleCHILDREN_SERVICE: true, apiclient.RoleSOCIAL_PROTECTION: true,
	apiclient.RolePROVIDER_MANAGER: true, apiclient.RolePROVIDER_SPECIALIST: true,
	apiclient.RoleGUARDIANSHIP_BODY: true,
}

// APIClientInput is what an administrator sets on an API client.
type APIClientInput struct {
	Name string
	Role apiclient.Role
	// Expires is when the client stops working (DefaultAPITokenTTL away
	// when nil).
	Expires *time.Time
	// Scopes narrow its OAuth2 tokens (object:action of its role); none:
	// every permission of the role.
	Scopes []string
	// AllowedRanges are the CIDR ranges it may call from; none: anywhere.
	AllowedRanges []string
}

// NewAPIClient registers an application through the request's client (so
// both privacy walls and row-level security apply) and returns its
// long-lived bearer token and its OAuth2 client secret, which are shown once.
func NewAPIClient(ctx context.Context, client *ent.Client, community pulid.ID, in APIClientInput) (ac *ent.APIClient, token, clientSecret string, err error) {
	if in.Role == "" {
		in.Role = apiclient.RoleAPI_CLIENT
	}
	if !apiRoles[in.Role] {
		return nil, "", "", &InputError{Field: "role", Err: fmt.Errorf("an API client cannot hold the role %s", in.Role)}
	}
	now := clock.Now()
	exp := now.Add(DefaultAPITokenTTL)
	if in.Expires != nil {
		if in.Expires.Before(now) || in.Expires.After(now.Add(MaxAPITokenTTL)) {
			return nil, "", "", &InputError{Field: "expiresAt", Err: fmt.Errorf("must be in the future and at most two years away")}
		}
		exp = *in.Expires
	}
	scopes, err := clientScopes(ctx, in.Role, community, in.Scopes)
	if err != nil {
		return nil, "", "", err
	}
	ranges, err := normalRanges(in.AllowedRanges)
	if err != nil {
		return nil, "", "", err
	}
	token, hash, err := secret.NewToken(secret.APIPrefix)
	if err != nil {
		return nil, "", "", err
	}
	clientSecret, secretHash, err := secret.NewToken(secret.ClientSecretPrefix)
	if err != nil {
		return nil, "", "", err
	}
	c := client.APIClient.Create().SetCommunityID(community).SetName(in.Name).SetRole(in.Role).
		SetTokenHash(hash).SetTokenPrefix(token[:len(secret.APIPrefix)+6]).SetExpiresAt(exp).
		SetSecretHash(secretHash).SetScopes(scopes).SetAllowedRanges(ranges)
	if v := tenant.FromContext(ctx); v != nil && v.UserID != "" {
		c.SetCreatedByID(v.UserID)
	}
	ac, err = c.Save(ctx)
	return ac, token, clientSecret, err
}

// clientScopes checks the scopes asked for a client against what its role
// holds in the community: a client can never be given more than its role.
// None asked: all of the role's.
func clientScopes(ctx context.Context, role apiclient.Role, community pulid.ID, asked []string) ([]string, error) {
	held, ok := authz.ScopesOfRole(ctx, string(role), community)
	switch {
	case !ok && len(asked) == 0:
		return nil, nil // the server's own work (fixtures): the whole role
	case !ok:
		return nil, fmt.Errorf("no authorizer to check the scopes against")
	case len(asked) == 0:
		return held, nil
	}
	out := make([]string, 0, len(asked))
	for _, s := range asked {
		if !slices.Contains(held, s) {
			return nil, &InputError{Field: "scopes", Err: fmt.Errorf("the role %s does not hold %q", role, s)}
		}
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return out, nil
}

// UpdateAPIClient changes the scopes and address ranges of a client (those
// given) through the request's client.
func UpdateAPIClient(ctx context.Context, client *ent.Client, id pulid.ID, scopes, ranges []string) (*ent.APIClient, error) {
	c, err := client.APIClient.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	u := c.Update()
	if scopes != nil {
		s, err := clientScopes(ctx, c.Role, c.CommunityID, scopes)
		if err != nil {
			return nil, err
		}
		u.SetScopes(s)
	}
	if ranges != nil {
		r, err := normalRanges(ranges)
		if err != nil {
			return nil, err
		}
		u.SetAllowedRanges(r)
	}
	return u.Save(ctx)
}

// RotateAPIClientSecret gives a client a new secret, shown once; the old
// one keeps working until oldValidUntil (at once when nil), so the
// application can be redeployed without a gap.
func RotateAPIClientSecret(ctx context.Context, client *ent.Client, id pulid.ID, oldValidUntil *time.Time) (*ent.APIClient, string, error) {
	c, err := client.APIClient.Get(ctx, id)
	if err != nil {
		return nil, "", err
	}
	now := clock.Now()
	until := now
	if oldValidUntil != nil {
		if oldValidUntil.Before(now) || oldValidUntil.After(now.Add(MaxSecretOverlap)) {
			return nil, "", &InputError{Field: "oldSecretValidUntil", Err: fmt.Errorf("must be in the future and at most 30 days away")}
		}
		until = *oldValidUntil
	}
	clientSecret, hash, err := secret.NewToken(secret.ClientSecretPrefix)
	if err != nil {
		return nil, "", err
	}
	u := c.Update().SetSecretHash(hash).SetSecretRotatedAt(now).SetPreviousSecretUntil(until)
	if len(c.SecretHash) > 0 {
		u.SetPreviousSecretHash(c.SecretHash)
	}
	c, err = u.Save(ctx)
	return c, clientSecret, err
}
