package tenant

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/platform/clock"
)

// Sight is what the row-level security policies must know of the viewer
// beyond their communities to mirror the ent privacy rules: the record-level
// rules (need-to-know, violence cases, a partner's own reports) and the
// object types the policy lets them read. Package authz computes it once per
// request from the viewer's grants and the casbin policy (authz.See); both
// walls then decide from the same facts.
type Sight struct {
	// Narrowed are the communities where need-to-know narrows the viewer
	// (provider staff, an overseer's emergency access), Orgs the
	// organisations of those grants, Emergency whether a live emergency
	// access may open a case.
	Narrowed  []pulid.ID
	Orgs      []pulid.ID
	Emergency bool
	// Reporting are the communities where the viewer only reports.
	Reporting []pulid.ID
	// NoViolence are the read communities without violence_case:read.
	NoViolence []pulid.ID
	// GroupNarrowed are the communities where the viewer reads working
	// groups only through a place in one (their own groups only), and
	// GroupWrites those where they change them only as a group's secretary.
	GroupNarrowed []pulid.ID
	GroupWrites   []pulid.ID
	// Readable maps a policy object to the communities where the viewer
	// may read it, for the objects where that is not the whole read set.
	Readable map[string][]pulid.ID
}

// SetSight records the viewer's sight for the request's transaction.
func (v *Viewer) SetSight(s *Sight) { v.sight = s }

// Sight is the viewer's sight, or nil before it is computed.
func (v *Viewer) Sight() *Sight { return v.sight }

// errNoSight refuses a viewer's transaction whose sight nobody computed:
// the database would otherwise know less of them than the privacy rules.
var errNoSight = errors.New("tenant: the viewer's sight was not computed (authz.See)")

// Settings read by the need-to-know policies.
const sightSQL = `SELECT set_config('turbota.narrowed', $1, true), set_config('turbota.orgs', $2, true),
	set_config('turbota.emergency', $3, true), set_config('turbota.reporting', $4, true),
	set_config('turbota.no_violence', $5, true), set_config('turbota.readable', $6, true),
	set_config('turbota.now', $7, true), set_config('turbota.group_narrowed', $8, true),
	set_config('turbota.group_writes', $9, true)`

// sightArgs are the values of the nine sight settings, in order.
func sightArgs(s *Sight) ([]any, error) {
	if s == nil {
		s = &Sight{}
	}
	readable, err := encodeReadable(s.Readable)
	if err != nil {
		return nil, err
	}
	emergency := "off"
	if s.Emergency {
		emergency = "on"
	}
	return []any{join(s.Narrowed), join(s.Orgs), emergency, join(s.Reporting), join(s.NoViolence),
		readable, clock.Now().UTC().Format(time.RFC3339Nano), join(s.GroupNarrowed), join(s.GroupWrites)}, nil
}

// ApplySight hands PostgreSQL the viewer's sight again within the request's
// transaction, after something in the request changed it (an emergency
// access lends a role).
func ApplySight(ctx context.Context, c *ent.Client, v *Viewer) error {
	args, err := sightArgs(v.Sight())
	if err != nil {
		return err
	}
	if _, err := c.ExecContext(ctx, sightSQL, args...); err != nil {
		return fmt.Errorf("set the viewer's sight: %w", err)
	}
	return nil
}

// objectName is what a policy object may be called, so that its name
// cannot break the setting's format.
var objectName = regexp.MustCompile(`^[a-z_]+$`)

// encodeReadable writes Readable as turbota_readable parses it:
// ";case_file=CM…,CM…;report=;" (an object with no community is listed
// with none). The format is plain text rather than JSON so that the SQL
// function is a single expression PostgreSQL inlines into the policy;
// decoding JSON took a subquery, and the function was planned again each
// time a query called it.
func encodeReadable(r map[string][]pulid.ID) (string, error) {
	var b strings.Builder
	for _, obj := range slices.Sorted(maps.Keys(r)) {
		if !objectName.MatchString(obj) {
			return "", fmt.Errorf("readable communities: object name %q", obj)
		}
		b.WriteString(";" + obj + "=" + join(r[obj]))
	}
	if b.Len() > 0 {
		b.WriteString(";")
	}
	return b.String(), nil
}
