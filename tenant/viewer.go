// Package tenant knows who is calling and for which communities: the viewer
// in the context, the per-request transaction that hands PostgreSQL's
// row-level security the viewer's communities, and the ent privacy rules
// that filter every tenant-owned query by community.
package tenant

import (
	"context"
	"slices"
	"time"

	"github.com/turbota/turbota/ent/schema/pulid"
)

// Role names, as stored in memberships and used as casbin roles.
const (
	RoleCommunityAdmin     = "COMMUNITY_ADMIN"
	RoleSocialProtection   = "SOCIAL_PROTECTION"
	RoleChildrenService    = "CHILDREN_SERVICE"
	RoleProviderManager    = "PROVIDER_MANAGER"
	RoleProviderSpecialist = "PROVIDER_SPECIALIST"
	RoleGuardianshipBody   = "GUARDIANSHIP_BODY"
	RolePartnerReporter    = "PARTNER_REPORTER"
	RoleRegionalSupervisor = "REGIONAL_SUPERVISOR"
	RoleNationalAnalyst    = "NATIONAL_ANALYST"
	RoleAuditor            = "AUDITOR"
	RoleAPIClient          = "API_CLIENT"
	// RoleEmergencyReader is never held as a membership: an overseer's
	// emergency access lends it, in one community, for a few hours.
	RoleEmergencyReader = "EMERGENCY_READER"
	// RoleGroupMember and RoleGroupSecretary are never held as memberships
	// either: a place in a working group lends them in its community, and
	// the group rules (authz/group_rules.go) narrow them to that group.
	RoleGroupMember    = "GROUP_MEMBER"
	RoleGroupSecretary = "GROUP_SECRETARY"
)

// NationalDomain is the casbin domain of country-wide grants.
const NationalDomain = "national"

// readOnlyRoles never write, whatever the policy says: oversight roles look
// at many communities but act in none.
var readOnlyRoles = map[string]bool{
	RoleRegionalSupervisor: true,
	RoleNationalAnalyst:    true,
	RoleAuditor:            true,
	RoleEmergencyReader:    true,
}

// Grant is one role held by the viewer in one domain.
type Grant struct {
	Role        string
	CommunityID pulid.ID // set for community roles
	RegionID    pulid.ID // set for regional roles
	// National grants have neither.
	// OrganizationID is the organisation the role is held in, where the
	// grant names one: a provider's staff see what their organisation works on.
	OrganizationID pulid.ID
	// Lent is set for a grant that no membership holds: the casbin policy
	// knows the role but not that the viewer has it (an emergency access).
	Lent bool
}

// Domain is the casbin domain of the grant.
func (g Grant) Domain() string {
	switch {
	case g.CommunityID != "":
		return string(g.CommunityID)
	case g.RegionID != "":
		return string(g.RegionID)
	default:
		return NationalDomain
	}
}

// Viewer is the caller of a request.
type Viewer struct {
	UserID      pulid.ID
	APIClientID pulid.ID
	SessionID   pulid.ID
	Grants      []Grant
	// Scopes, when not nil, narrow an API client's role to these
	// object:action permissions: those of its OAuth2 access token.
	Scopes []string
	// EnrollmentOnly is set while a community demands TOTP that the user has
	// not set up: the session may do nothing but enrol.
	EnrollmentOnly bool
	// Check, when set, is verified by the request's transaction before it
	// reads anything: the viewer came from a server's cache of sessions,
	// and the session may have changed since (see BeginWith).
	Check *SessionCheck

	read, write []pulid.ID
	sight       *Sight
}

// SessionCheck is what a request's transaction asks PostgreSQL of a viewer
// taken from a cache: that the session of TokenHash still has Stamp, where
// a session unused for Idle has gone idle.
type SessionCheck struct {
	TokenHash []byte
	Stamp     string
	Idle      time.Duration
}

// Clone is a copy of the viewer that shares nothing it may change (its
// grants: an emergency access lends one within a request).
func (v *Viewer) Clone() *Viewer {
	c := *v
	c.Grants = slices.Clone(v.Grants)
	return &c
}

// Subject is the casbin subject of the viewer.
func (v *Viewer) Subject() string {
	if v.APIClientID != "" {
		return "api:" + string(v.APIClientID)
	}
	return "user:" + string(v.UserID)
}

// SetCommunities records the communities the viewer's grants cover, resolved
// by the caller (regional grants cover every community of the region).
func (v *Viewer) SetCommunities(read, write []pulid.ID) {
	v.read = sortedUnique(read)
	v.write = sortedUnique(write)
}

// ReadCommunities are the communities whose data the viewer may see at all.
func (v *Viewer) ReadCommunities() []pulid.ID { return v.read }

// WriteCommunities are the communities whose data the viewer may change at all.
func (v *Viewer) WriteCommunities() []pulid.ID { return v.write }

// CanRead reports whether the community is in the viewer's read set.
func (v *Viewer) CanRead(id pulid.ID) bool {
	_, ok := slices.BinarySearch(v.read, id)
	return ok
}

// CanWrite reports whether the community is in the viewer's write set.
func (v *Viewer) CanWrite(id pulid.ID) bool {
	_, ok := slices.BinarySearch(v.write, id)
	return ok
}

// Lend gives the viewer a role in a community for as long as the viewer
// lasts (one request), unless they hold it lent already.
func (v *Viewer) Lend(role string, community pulid.ID) {
	for _, g := range v.Lent() {
		if g.Role == role && g.CommunityID == community {
			return
		}
	}
	v.Grants = append(v.Grants, Grant{Role: role, CommunityID: community, Lent: true})
}

// Lent lists the grants the viewer holds for a while, outside memberships.
func (v *Viewer) Lent() []Grant {
	var out []Grant
	for _, g := range v.Grants {
		if g.Lent {
			out = append(out, g)
		}
	}
	return out
}

// WithoutLent is the viewer as their memberships alone make them: what an
// emergency access opens is one case, not a community's figures.
func (v *Viewer) WithoutLent() *Viewer {
	c := *v
	c.Grants = slices.DeleteFunc(slices.Clone(v.Grants), func(g Grant) bool { return g.Lent })
	return &c
}

// Writes reports whether a grant's role may ever write.
func Writes(role string) bool { return !readOnlyRoles[role] }

func sortedUnique(ids []pulid.ID) []pulid.ID {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

type viewerKey struct{}

// NewContext returns a context carrying the viewer.
func NewContext(ctx context.Context, v *Viewer) context.Context {
	return context.WithValue(ctx, viewerKey{}, v)
}

// FromContext returns the viewer of the context, or nil.
func FromContext(ctx context.Context) *Viewer {
	v, _ := ctx.Value(viewerKey{}).(*Viewer)
	return v
}

// OrganizationIn is the organisation of the viewer's grant in a community,
// or "" when no grant there names one.
func (v *Viewer) OrganizationIn(community pulid.ID) pulid.ID {
	for _, g := range v.Grants {
		if g.CommunityID == community && g.OrganizationID != "" {
			return g.OrganizationID
		}
	}
	return ""
}

// InOrganization reports whether one of the viewer's grants is held in the
// organisation.
func (v *Viewer) InOrganization(org pulid.ID) bool {
	for _, g := range v.Grants {
		if g.OrganizationID == org && org != "" {
			return true
		}
	}
	return false
}

// ActingUser is the person acting in ctx, for the records they sign; nil
// for an application (API client) or the server itself.
func ActingUser(ctx context.Context) *pulid.ID {
	if v := FromContext(ctx); v != nil && v.UserID != "" {
		id := v.UserID
		return &id
	}
	return nil
}
