package authz

import (
	"context"
	"fmt"
	"strings"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/tenant"
)

// SightOf computes what row-level security must know of the viewer, from
// the same functions the privacy rules narrow queries with (knowerOf,
// reportingOnly, restricted, Communities), so the two walls agree.
func (a *Authorizer) SightOf(v *tenant.Viewer) *tenant.Sight {
	s := &tenant.Sight{Reporting: reportingOnly(v), NoViolence: a.noViolence(v)}
	s.GroupNarrowed, s.GroupWrites = a.groupSight(v)
	if k := knowerOf(v); k != nil {
		s.Narrowed, s.Orgs, s.Emergency = k.communities, k.orgs, k.emergency
	}
	read := v.ReadCommunities()
	for _, obj := range Objects {
		if ids := a.Communities(v, obj, ActRead); len(ids) != len(read) {
			if s.Readable == nil {
				s.Readable = map[string][]pulid.ID{}
			}
			s.Readable[obj] = ids
		}
	}
	return s
}

// See computes the viewer's sight and keeps it on the viewer, for the
// request's transaction (tenant.BeginWith). Every request needs it and it
// asks the policy once per kind of record, so a viewer's sight is kept
// until the policy reloads: the same grants see the same. A sight is never
// changed once made (Resee makes a new one).
func (a *Authorizer) See(v *tenant.Viewer) {
	if v == nil {
		return
	}
	key := sightKey{a.generation.Load(), grantsKey(v)}
	if s, ok := a.sights.Load(key); ok {
		v.SetSight(s.(*tenant.Sight))
		return
	}
	s := a.SightOf(v)
	a.sights.Store(key, s)
	v.SetSight(s)
}

type sightKey struct {
	generation uint64
	grants     string
}

// grantsKey is everything of a viewer that its sight depends on: who it is,
// every grant it holds, lent ones included, and the scopes of its token.
func grantsKey(v *tenant.Viewer) string {
	var b strings.Builder
	b.WriteString(v.Subject() + scopeKey(v))
	for _, g := range v.Grants {
		fmt.Fprintf(&b, "|%s@%s/%s/%s/%t", g.Role, g.CommunityID, g.RegionID, g.OrganizationID, g.Lent)
	}
	return b.String()
}

// Resee recomputes the sight of the viewer of ctx after their grants
// changed within the request (an emergency access lent a role) and hands
// it to the request's transaction.
func Resee(ctx context.Context, c *ent.Client) error {
	a, v := FromContext(ctx), tenant.FromContext(ctx)
	if a == nil || v == nil {
		return nil
	}
	a.See(v)
	return tenant.ApplySight(ctx, c, v)
}

// noViolence lists the read communities without violence_case:read.
func (a *Authorizer) noViolence(v *tenant.Viewer) []pulid.ID {
	allowed := a.Communities(v, ObjViolence, ActRead)
	var out []pulid.ID
	for _, c := range v.ReadCommunities() {
		if !contains(allowed, c) {
			out = append(out, c)
		}
	}
	return out
}
