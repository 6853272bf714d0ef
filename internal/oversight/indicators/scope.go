package indicators

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"slices"
	"strings"
	"sync"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/community"
	"github.com/turbota/turbota/ent/district"
	"github.com/turbota/turbota/ent/region"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/tenant"
)

// Scope narrows the communities a report covers; empty covers all the
// viewer may see indicators of.
type Scope struct {
	Community, District, Region *pulid.ID
}

// owner is the row of the suppression pattern the scope's total is: the
// community, district or region it names, or the whole audience.
func (s Scope) owner() pulid.ID {
	for _, id := range []*pulid.ID{s.Community, s.District, s.Region} {
		if id != nil {
			return *id
		}
	}
	return ""
}

// Audience is what a viewer may see of a scope.
type Audience struct {
	Communities []*ent.Community
	// RecordAccess holds the communities whose cases the viewer may read:
	// their figures are not suppressed.
	RecordAccess map[pulid.ID]bool
	// Everywhere: the communities are every community of the country.
	Everywhere bool
}

// All reports whether the viewer has record access everywhere in scope.
func (a Audience) All() bool {
	for _, c := range a.Communities {
		if !a.RecordAccess[c.ID] {
			return false
		}
	}
	return len(a.Communities) > 0
}

// IDs are the communities' IDs.
func (a Audience) IDs() []pulid.ID {
	ids := make([]pulid.ID, len(a.Communities))
	for i, c := range a.Communities {
		ids[i] = c.ID
	}
	return ids
}

// AudienceOf finds the communities of the scope the viewer may see
// indicators of (none: an empty report, as for a scope that does not exist).
func AudienceOf(ctx context.Context, c *ent.Client, s Scope) (Audience, error) {
	z, v := authz.FromContext(ctx), tenant.FromContext(ctx)
	if z == nil || v == nil {
		return Audience{}, authz.ErrForbidden
	}
	allowed := z.Communities(v, "indicator", authz.ActRead)
	q := c.Community.Query().Where(community.IDIn(allowed...)) // sorted by SortByName
	if s.Community != nil {
		q.Where(community.ID(*s.Community))
	}
	if s.District != nil {
		q.Where(community.DistrictID(*s.District))
	}
	if s.Region != nil {
		q.Where(community.RegionID(*s.Region))
	}
	cs, err := q.All(ctx)
	if err != nil {
		return Audience{}, err
	}
	SortByName(cs)
	inScope := make(map[pulid.ID]bool, len(cs))
	for _, c := range cs {
		inScope[c.ID] = true
	}
	records := map[pulid.ID]bool{}
	for _, id := range z.Communities(v.WithoutLent(), "case_file", authz.ActRead) {
		if inScope[id] {
			records[id] = true
		}
	}
	a := Audience{Communities: cs, RecordAccess: records}
	if s == (Scope{}) {
		total, err := c.Community.Query().Count(ctx)
		if err != nil {
			return Audience{}, err
		}
		a.Everywhere = total == len(cs)
	}
	return a, nil
}

// Report is a period's indicators over an audience.
type Report struct {
	Period      Period
	Total       []Shown
	Communities []CommunityReport

	audience Audience
	per      map[pulid.ID]Figures
	patterns *Patterns
}

// CommunityReport is one community's part of a report.
type CommunityReport struct {
	Community    *ent.Community
	RecordAccess bool
	figures      Figures
	hide         func(Key) bool
}

// Cells are the community's figures as the viewer may see them, built
// when asked: the national view of 1,470 communities shows their regions'
// totals, not each community's fifty cells.
func (c CommunityReport) Cells() []Shown { return Show(c.figures, c.RecordAccess, c.hide) }

// BuildReport computes the report of a scope and period for the viewer of
// ctx: the audience in the request's transaction c, the figures on db.
func BuildReport(ctx context.Context, c *ent.Client, db *sql.DB, s Scope, p Period) (Report, error) {
	a, err := AudienceOf(ctx, c, s)
	if err != nil {
		return Report{}, err
	}
	per, total, err := ComputeTotal(ctx, db, a.IDs(), p, a.Everywhere)
	if err != nil {
		return Report{}, err
	}
	ps, err := patternsFor(ctx, c, db, s, a)
	if err != nil {
		return Report{}, err
	}
	hide, err := ps.Hider(p, s.owner())
	if err != nil {
		return Report{}, err
	}
	r := Report{Period: p, Total: Show(total, a.All(), hide), audience: a, per: per, patterns: ps}
	for _, cm := range a.Communities {
		hide, _ := ps.Hider(p, cm.ID) // the year is computed: no error
		r.Communities = append(r.Communities, CommunityReport{Community: cm, RecordAccess: a.RecordAccess[cm.ID], figures: per[cm.ID], hide: hide})
	}
	return r, nil
}

// BuildTrend computes one indicator's totals over n periods ending with p.
func BuildTrend(ctx context.Context, c *ent.Client, db *sql.DB, s Scope, key string, p Period, n int) ([]Period, []Shown, error) {
	d, ok := Find(key)
	if !ok {
		return nil, nil, ErrUnknownIndicator
	}
	a, err := AudienceOf(ctx, c, s)
	if err != nil {
		return nil, nil, err
	}
	periods, figures, err := Trend(ctx, db, a, p, n)
	if err != nil {
		return nil, nil, err
	}
	ps, err := patternsFor(ctx, c, db, s, a)
	if err != nil {
		return nil, nil, err
	}
	shown := Key{key, ""}
	if d.Breakdown != "" {
		shown.Part = wholePart // the trend shows the parts' whole
	}
	cells := make([]Shown, len(figures))
	for i, f := range figures {
		hide, err := ps.Hider(periods[i], s.owner())
		if err != nil {
			return nil, nil, err
		}
		fig := f[Key{key, ""}]
		for k, v := range f {
			if d.Breakdown != "" && k.Indicator == key { // the whole of a broken-down indicator
				fig = Figure{Num: fig.Num + v.Num, Base: fig.Base + v.Base}
			}
		}
		cells[i] = Shown{Definition: d, Cell: shownCell(d, fig, shown, a.All(), hide)}
	}
	return periods, cells, nil
}

// ErrUnknownIndicator answers a key that is not defined.
var ErrUnknownIndicator = errors.New("no such indicator")

// Group is a district's or region's part of a report.
type Group struct {
	ID   pulid.ID
	Name string
	// KatottgCode tells a region from a city of special status (Kyiv).
	KatottgCode  string
	RecordAccess bool
	Cells        []Shown
}

// Grouping says what to add communities up into.
type Grouping string

// The groupings.
const (
	ByDistrict Grouping = "DISTRICT"
	ByRegion   Grouping = "REGION"
)

// Groups adds the report's communities up by district or region, for the
// comparison of regions in the national view; a group is unsuppressed only
// where the viewer reads the cases of all its communities.
func (r Report) Groups(ctx context.Context, c *ent.Client, by Grouping) ([]Group, error) {
	figures, access := map[pulid.ID]Figures{}, map[pulid.ID]bool{}
	var order []pulid.ID
	for _, cm := range r.audience.Communities {
		key := cm.RegionID
		if by == ByDistrict {
			if cm.DistrictID == nil {
				continue // Kyiv has no district
			}
			key = *cm.DistrictID
		}
		if _, ok := figures[key]; !ok {
			figures[key], access[key] = Figures{}, true
			order = append(order, key)
		}
		figures[key].Add(r.per[cm.ID])
		access[key] = access[key] && r.audience.RecordAccess[cm.ID]
	}
	names, err := groupNames(ctx, c, by, order)
	if err != nil {
		return nil, err
	}
	out := make([]Group, 0, len(order))
	for _, id := range order {
		derive(figures[id])
		hide, err := r.patterns.Hider(r.Period, id)
		if err != nil {
			return nil, err
		}
		out = append(out, Group{ID: id, Name: names[id][0], KatottgCode: names[id][1], RecordAccess: access[id], Cells: Show(figures[id], access[id], hide)})
	}
	slices.SortFunc(out, func(a, b Group) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

func groupNames(ctx context.Context, c *ent.Client, by Grouping, ids []pulid.ID) (map[pulid.ID][2]string, error) {
	names := map[pulid.ID][2]string{}
	if by == ByDistrict {
		ds, err := c.District.Query().Where(district.IDIn(ids...)).All(ctx)
		for _, d := range ds {
			names[d.ID] = [2]string{d.Name, d.KatottgCode}
		}
		return names, err
	}
	rs, err := c.Region.Query().Where(region.IDIn(ids...)).All(ctx)
	for _, r := range rs {
		names[r.ID] = [2]string{r.Name, r.KatottgCode}
	}
	return names, err
}

// SortByName puts communities in Ukrainian alphabetical order (І after И,
// Є after Е), not the code points' order. A collator is not safe for
// concurrent use: each call has its own; each name's collation key is
// computed once per process (the national view sorts 1,470 names).
func SortByName(cs []*ent.Community) {
	var uk *collate.Collator
	key := func(name string) []byte {
		if k, ok := nameKeys.Load(name); ok {
			return k.([]byte)
		}
		if uk == nil {
			uk = collate.New(language.Ukrainian)
		}
		k := slices.Clone(uk.KeyFromString(&collate.Buffer{}, name))
		nameKeys.Store(name, k)
		return k
	}
	keys := make(map[*ent.Community][]byte, len(cs))
	for _, c := range cs {
		keys[c] = key(c.Name)
	}
	slices.SortStableFunc(cs, func(a, b *ent.Community) int { return bytes.Compare(keys[a], keys[b]) })
}

// nameKeys holds communities' names' Ukrainian collation keys.
var nameKeys sync.Map
