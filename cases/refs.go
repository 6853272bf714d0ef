package cases

import (
	"context"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/tenant"
)

// actFor: a provider's staff act for their own organisation only; a
// viewer whose sight of the community is not narrowed to an organisation's
// work (the community's own services) may name any provider, where the
// policy lets their role do the act at all. See authz.ActsFor.
func actFor(ctx context.Context, cm, org pulid.ID, field string) error {
	if !authz.ActsFor(tenant.FromContext(ctx), cm, org) {
		return &authz.Refusal{Reason: field + ": you may act only for an organisation you work in"}
	}
	return nil
}
