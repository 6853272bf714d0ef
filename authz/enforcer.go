// Package authz decides what a role may do in a community: the casbin model
// and default policy (embedded files), the enforcer fed from PostgreSQL, the
// region → community hierarchy, and the ent privacy rules that ask it.
package authz

import (
	"context"
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/casbin/casbin/v2"
	"github.com/casbin/casbin/v2/model"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/tenant"
)

//go:embed model.conf
var modelText string

// Actions on objects.
const (
	ActRead   = "read"
	ActCreate = "create"
	ActUpdate = "update"
	ActDelete = "delete"
)

// Actions are every action the policy speaks of.
var Actions = []string{ActRead, ActCreate, ActUpdate, ActDelete}

// Authorizer answers Enforce questions from a casbin enforcer whose policy
// lives in PostgreSQL. It is safe for concurrent use; Reload swaps in a fresh
// enforcer so a request never sees a half-loaded policy.
type Authorizer struct {
	client *ent.Client

	mu       sync.RWMutex
	enforcer *casbin.Enforcer
	regionOf map[string]string // community ID → region ID
	// tuned are the communities with rules of their own, where a role may
	// answer otherwise than in the rest of its region.
	tuned map[string]bool
	// custom maps each live custom role to its community.
	custom map[string]pulid.ID

	generation atomic.Uint64 // bumped on every reload; keys the caches
	cache      sync.Map      // cacheKey → []pulid.ID
	sights     sync.Map      // sightKey → *tenant.Sight
	// decisions remembers Allowed's answers: casbin evaluates its matcher
	// against every policy line on each call, and a request asks the same
	// questions again and again (each record's privacy rule, each field).
	decisions     sync.Map // decisionKey → bool
	decisionCount atomic.Int64
}

// maxDecisions bounds the decision cache: past it, it starts afresh.
const maxDecisions = 100_000

type decisionKey struct {
	gen                      uint64
	sub, community, obj, act string
}

type cacheKey struct {
	gen           uint64
	sub, obj, act string
}

// New loads the policy and returns a ready Authorizer.
func New(ctx context.Context, client *ent.Client) (*Authorizer, error) {
	a := &Authorizer{client: client}
	if err := a.Reload(ctx); err != nil {
		return nil, err
	}
	return a, nil
}

// Reload rebuilds the enforcer from the database. Called at start, after a
// local policy change, and when another replica announces one.
func (a *Authorizer) Reload(ctx context.Context) error {
	regionOf, err := loadRegionOf(ctx, a.client)
	if err != nil {
		return err
	}
	m, err := model.NewModelFromString(modelText)
	if err != nil {
		return fmt.Errorf("parse casbin model: %w", err)
	}
	e, err := casbin.NewEnforcer(m, &adapter{client: a.client})
	if err != nil {
		return fmt.Errorf("load casbin policy: %w", err)
	}
	e.AddNamedDomainMatchingFunc("g", "domainMatch", domainMatch(regionOf))
	if err := e.BuildRoleLinks(); err != nil {
		return fmt.Errorf("build casbin role links: %w", err)
	}
	rules, err := e.GetPolicy()
	if err != nil {
		return fmt.Errorf("read casbin policy: %w", err)
	}
	tuned, custom := map[string]bool{}, map[string]pulid.ID{}
	for _, p := range rules {
		if len(p) > 1 && p[1] != "*" {
			tuned[p[1]] = true
		}
		if len(p) > 1 && IsCustom(p[0]) {
			custom[p[0]] = pulid.ID(p[1])
		}
	}
	a.mu.Lock()
	a.enforcer, a.regionOf, a.tuned, a.custom = e, regionOf, tuned, custom
	a.mu.Unlock()
	a.generation.Add(1)
	a.cache.Clear()
	a.sights.Clear()
	a.decisions.Clear()
	a.decisionCount.Store(0)
	return nil
}

// domainMatch lets a role granted in a region, or in the whole country, hold
// in every community below it. casbin calls it with the requested domain and
// the domain of a grant.
func domainMatch(regionOf map[string]string) func(requested, granted string) bool {
	return func(requested, granted string) bool {
		return requested == granted || granted == tenant.NationalDomain || regionOf[requested] == granted
	}
}

// Allowed reports whether the viewer may do act on obj in the community.
// Answers are kept until the policy reloads (the generation in the key).
func (a *Authorizer) Allowed(v *tenant.Viewer, community pulid.ID, obj, act string) bool {
	if v == nil {
		return false
	}
	key := decisionKey{a.generation.Load(), v.Subject() + lentKey(v) + scopeKey(v), string(community), obj, act}
	if ok, hit := a.decisions.Load(key); hit {
		return ok.(bool)
	}
	ok := a.enforce(v, community, obj, act)
	if a.decisionCount.Add(1) > maxDecisions {
		a.decisions.Clear()
		a.decisionCount.Store(0)
	}
	a.decisions.Store(key, ok)
	return ok
}

// enforce asks casbin: the viewer's own grants, then those lent to them
// in that community.
func (a *Authorizer) enforce(v *tenant.Viewer, community pulid.ID, obj, act string) bool {
	if !scopeAllows(v, obj, act) {
		return false
	}
	if a.ownAllowed(v, community, obj, act) {
		return true
	}
	a.mu.RLock()
	e := a.enforcer
	a.mu.RUnlock()
	for _, g := range v.Lent() {
		if ok, err := e.Enforce(g.Role, string(community), obj, act); g.CommunityID == community && err == nil && ok {
			return true
		}
	}
	return false
}

// RoleAllows reports whether a role, held in the community, may do act on
// obj there: to find who should be asked, not who is asking.
func (a *Authorizer) RoleAllows(role string, community pulid.ID, obj, act string) bool {
	a.mu.RLock()
	e := a.enforcer
	a.mu.RUnlock()
	ok, err := e.Enforce(role, string(community), obj, act)
	return err == nil && ok
}

// Communities returns the communities of the viewer's read set (for reads)
// or write set (for changes) where the policy allows act on obj. Cached per
// policy generation: a national analyst covers every community.
func (a *Authorizer) Communities(v *tenant.Viewer, obj, act string) []pulid.ID {
	if v == nil {
		return nil
	}
	key := cacheKey{a.generation.Load(), v.Subject() + lentKey(v) + scopeKey(v), obj, act}
	if ids, ok := a.cache.Load(key); ok {
		return ids.([]pulid.ID)
	}
	scope := v.WriteCommunities()
	if act == ActRead {
		scope = v.ReadCommunities()
	}
	ids := make([]pulid.ID, 0, len(scope))
	answers := map[string]bool{} // per class of communities that answer alike
	for _, c := range scope {
		class := a.classOf(v, c)
		ok, known := answers[class]
		if !known {
			ok = a.Allowed(v, c, obj, act)
			answers[class] = ok
		}
		if ok {
			ids = append(ids, c)
		}
	}
	a.cache.Store(key, ids)
	return ids
}

// classOf names the communities where the policy must answer the viewer
// alike: those of one region where neither the viewer holds a grant of its
// own nor the community tuned its rules. A national analyst's questions
// are then asked once per region, not once per community of the country.
func (a *Authorizer) classOf(v *tenant.Viewer, c pulid.ID) string {
	a.mu.RLock()
	tuned, region := a.tuned[string(c)], a.regionOf[string(c)]
	a.mu.RUnlock()
	if tuned || region == "" {
		return "c:" + string(c)
	}
	for _, g := range v.Grants {
		if g.CommunityID == c {
			return "c:" + string(c)
		}
	}
	return "r:" + region
}

// lentKey tells apart, in the cache, a viewer's answers with and without
// the grants lent to them.
func lentKey(v *tenant.Viewer) string {
	var b strings.Builder
	for _, g := range v.Lent() {
		b.WriteString("|" + g.Role + "@" + string(g.CommunityID))
	}
	return b.String()
}

// RegionOf returns the region of a community.
func (a *Authorizer) RegionOf(community pulid.ID) pulid.ID {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return pulid.ID(a.regionOf[string(community)])
}

// Permissions lists "object:action" pairs the viewer holds in the community.
func (a *Authorizer) Permissions(v *tenant.Viewer, community pulid.ID) []string {
	var out []string
	for _, obj := range Objects {
		for _, act := range Actions {
			if a.Allowed(v, community, obj, act) {
				out = append(out, obj+":"+act)
			}
		}
	}
	return out
}

type authorizerKey struct{}

// NewContext returns a context carrying the authorizer for the privacy rules.
func NewContext(ctx context.Context, a *Authorizer) context.Context {
	return context.WithValue(ctx, authorizerKey{}, a)
}

// FromContext returns the authorizer of the context, or nil.
func FromContext(ctx context.Context) *Authorizer {
	a, _ := ctx.Value(authorizerKey{}).(*Authorizer)
	return a
}
