package authz

import (
	"context"
	"fmt"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/tenant"
)

// loadRegionOf maps every community to its region, for regional grants.
func loadRegionOf(ctx context.Context, client *ent.Client) (map[string]string, error) {
	cs, err := client.Community.Query().Select("id", "region_id").All(tenant.SystemContext(ctx))
	if err != nil {
		return nil, fmt.Errorf("load communities: %w", err)
	}
	m := make(map[string]string, len(cs))
	for _, c := range cs {
		m[string(c.ID)] = string(c.RegionID)
	}
	return m, nil
}
