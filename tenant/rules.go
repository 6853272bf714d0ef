package tenant

import (
	"context"
	"errors"
	"fmt"

	"entgo.io/ent/dialect/sql"
	"github.com/lib/pq"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/intercept"
	"github.com/turbota/turbota/ent/privacy"
	"github.com/turbota/turbota/ent/schema/pulid"
)

// These rules are the second wall: whatever the policy says, a viewer's
// queries see only rows of the communities their grants cover, and their
// changes touch only rows of communities they may write in.

// DenyIfNoViewer refuses any operation without a viewer (system work has
// already been allowed by its decision context).
func DenyIfNoViewer() privacy.QueryMutationRule {
	return privacy.ContextQueryMutationRule(func(ctx context.Context) error {
		if FromContext(ctx) == nil {
			return privacy.Denyf("tenant: no viewer")
		}
		return privacy.Skip
	})
}

// FilterReadCommunities limits a tenant-owned query to the read set.
func FilterReadCommunities() privacy.QueryRule {
	return privacy.QueryRuleFunc(func(ctx context.Context, q ent.Query) error {
		v := FromContext(ctx)
		if v == nil {
			return privacy.Denyf("tenant: no viewer")
		}
		iq, err := intercept.NewQuery(q)
		if err != nil {
			return privacy.Denyf("tenant: %v", err)
		}
		iq.WhereP(InCommunities(v.ReadCommunities()))
		return privacy.Skip
	})
}

// FilterWriteCommunities limits a tenant-owned change to the write set; a
// create must name a community of the write set.
func FilterWriteCommunities() privacy.MutationRule {
	return privacy.MutationRuleFunc(func(ctx context.Context, m ent.Mutation) error {
		v := FromContext(ctx)
		if v == nil {
			return privacy.Denyf("tenant: no viewer")
		}
		if m.Op().Is(ent.OpCreate) {
			c, _ := m.Field("community_id")
			if id, _ := c.(pulid.ID); !v.CanWrite(id) {
				return denyNotVisible()
			}
			return privacy.Skip
		}
		wm, ok := m.(interface{ WhereP(...func(*sql.Selector)) })
		if !ok {
			return privacy.Denyf("tenant: %s cannot be filtered", m.Type())
		}
		wm.WhereP(InCommunities(v.WriteCommunities()))
		return privacy.Skip
	})
}

// InCommunities keeps the rows of the given communities; false when empty.
//
// Row-level security checks the same set as community_id = ANY of the
// viewer's setting, the condition the planner uses on the community index
// and estimates as an unknown set. Written as community_id IN ('CM…'), this
// filter multiplied that estimate by its own: 170 people expected of a
// community's 25,019, and a page's children were joined by hashing the
// whole community (21 ms) instead of 97 key lookups. As array_position(…)
// IS NOT NULL it filters the same rows and the planner counts it as
// keeping nearly all, so the policy's estimate stands alone.
func InCommunities(ids []pulid.ID) func(*sql.Selector) {
	vals := make([]string, len(ids))
	for i, id := range ids {
		vals[i] = string(id)
	}
	return func(s *sql.Selector) {
		if len(vals) == 0 {
			s.Where(sql.False())
			return
		}
		s.Where(sql.P(func(b *sql.Builder) {
			b.WriteString("array_position(")
			b.Arg(pq.Array(vals))
			b.WriteString("::bpchar[], " + s.C("community_id") + ") IS NOT NULL")
		}))
	}
}

// ErrNotVisible answers a change aimed at a community outside the viewer's
// reach exactly as one aimed at a community that does not exist.
var ErrNotVisible = errors.New("not found")

// denyNotVisible is the privacy decision for such a change.
func denyNotVisible() error { return fmt.Errorf("%w: %w", ErrNotVisible, privacy.Deny) }
