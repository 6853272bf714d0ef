package indicators

import (
	"cmp"
	"maps"
	"slices"

	"github.com/turbota/turbota/ent/schema/pulid"
)

// Complementary (secondary) suppression. Hiding the counts of 1 to 4 is
// not enough where a viewer also sees what they add up to: a region of 69
// whose other eleven communities show 6 each gives the twelfth's 3. So,
// following the cell-suppression method of the Eurostat Handbook on
// Statistical Disclosure Control (Hundepool et al., chapter 4 "Magnitude
// tabular data", section on secondary cell suppression, and chapter 5 for
// frequency tables; https://sdctools.github.io/HandbookSDC/): every sum a
// viewer can read off the screens (the communities of a district, region
// or of the viewer's whole audience; the quarters and months of a year;
// the sources of the reports received; the parts of a broken-down
// indicator, whose trend shows their whole) that has exactly one hidden
// figure gets a second one hidden, the smallest figure of the sum that is
// not zero (the least information lost), or its total; and again until no
// sum changes, since hiding in one sum can expose another. A sum whose
// hidden figures are all ones (two hidden cells making 2) gets one more
// too, because each is then known to be 1. Secondary cells show the same
// marker as the primary ones, so that nobody can tell them apart and bound
// the primary by knowing the secondary is 5 or more.
//
// The pattern is computed over the viewer's whole audience and the whole
// year of a period, whatever the scope asked for, so that every screen and
// export of the year hides the same cells and two of them together give
// away nothing that each does not.

// wholePart names the whole of a broken-down indicator: what its trend shows.
const wholePart = "\x00whole"

// bases are the counts a share or ratio is made of: where one is hidden,
// the share is too, or it (with the counts shown) would give the hidden
// count back (family-based share × placements).
var bases = map[string][]string{
	"safety_on_time":       {"safety_assessments"},
	"needs_on_time":        {"needs_assessments"},
	"family_based_share":   {"placements_family", "placements_institution"},
	"cases_per_specialist": {"open_cases"},
	"vacancy_share":        {"staff_positions", "vacancies"},
}

// notOverTime are counts whose year is not the sum of its quarters: cases
// open at the end of the period, and children (each counted once a period).
var notOverTime = map[string]bool{"open_cases": true, "children_registered": true, "children_removed": true,
	"staff_positions": true, "vacancies": true, "specialists_trained": true,
	"placements_by_form": true, "placements_family": true, "placements_institution": true, "returns_to_family": true}

// yearPeriods is how many periods a year's pattern covers: the year, four
// quarters, twelve months.
const yearPeriods = 17

// Pattern is where suppression falls in one viewer's year.
type Pattern struct {
	year   int
	owners map[pulid.ID]int // "" is the audience's total
	keys   map[Key]int
	hidden []bool // by cell index
}

type cellNode struct {
	value         float64
	hidden, known bool
}

// owner is one row of figures a viewer may be shown: a community, a
// district, a region, or the whole audience.
type owner struct {
	id      pulid.ID
	members []int // community indexes
	known   bool  // the viewer reads the records of every member
}

// Protect computes the pattern of a year from each period's figures per
// community (per[i] for the year, its quarters and its months, in the
// order of yearPeriods).
func Protect(year int, a Audience, per [yearPeriods]map[pulid.ID]Figures) *Pattern {
	owners, keys := ownersOf(a), countKeys(per)
	pt := &Pattern{year: year, owners: map[pulid.ID]int{}, keys: map[Key]int{}}
	for o, ow := range owners {
		pt.owners[ow.id] = o
	}
	for i, k := range keys {
		pt.keys[k] = i
	}
	idx := func(p, o, k int) int { return (p*len(owners)+o)*len(keys) + k }
	// Each row's cells add up its communities' figures in place (a map of
	// figures a row took a fifth of the memory of a national pattern).
	nodes := make([]cellNode, yearPeriods*len(owners)*len(keys))
	for p := range yearPeriods {
		for o, ow := range owners {
			for _, m := range ow.members {
				for key, v := range per[p][a.Communities[m].ID] {
					if k, ok := pt.keys[key]; ok {
						nodes[idx(p, o, k)].value += v.Num
					}
					if k, ok := pt.keys[Key{key.Indicator, wholePart}]; ok && key.Part != wholePart {
						nodes[idx(p, o, k)].value += v.Num
					}
				}
			}
		}
	}
	for i := range nodes {
		known, v := owners[(i/len(keys))%len(owners)].known, nodes[i].value
		nodes[i].known, nodes[i].hidden = known, !known && v >= 1 && v < Threshold
	}
	protectAll(nodes, sumsOf(a, owners, keys, idx))
	pt.hidden = make([]bool, len(nodes))
	for i, n := range nodes {
		pt.hidden[i] = n.hidden
	}
	return pt
}

// countKeys are the figures of count indicators that any community has in
// any period, with the whole of each broken-down one (as its trend shows
// it), in a stable order.
func countKeys(per [yearPeriods]map[pulid.ID]Figures) []Key {
	set := map[Key]bool{}
	for p := range yearPeriods {
		for _, f := range per[p] {
			for k := range f {
				if d, ok := Find(k.Indicator); ok && d.Unit == Count {
					set[k] = true
					if d.Breakdown != "" {
						set[Key{k.Indicator, wholePart}] = true
					}
				}
			}
		}
	}
	return slices.SortedFunc(maps.Keys(set), func(a, b Key) int {
		return cmp.Or(cmp.Compare(a.Indicator, b.Indicator), cmp.Compare(a.Part, b.Part))
	})
}

// ownersOf lists the rows of an audience: its communities, their districts
// and regions, and the whole, each with the communities it adds up.
func ownersOf(a Audience) []owner {
	var out []owner
	groups := map[pulid.ID]int{}
	group := func(id pulid.ID, m int) {
		g, ok := groups[id]
		if !ok {
			g = len(out)
			groups[id] = g
			out = append(out, owner{id: id, known: true})
		}
		out[g].members = append(out[g].members, m)
		out[g].known = out[g].known && a.RecordAccess[a.Communities[m].ID]
	}
	total := owner{id: "", known: len(a.Communities) > 0}
	for m, c := range a.Communities {
		out = append(out, owner{id: c.ID, members: []int{m}, known: a.RecordAccess[c.ID]})
		total.members = append(total.members, m)
		total.known = total.known && a.RecordAccess[c.ID]
	}
	for m, c := range a.Communities {
		if c.DistrictID != nil {
			group(*c.DistrictID, m)
		}
		group(c.RegionID, m)
	}
	return append(out, total)
}

// sumsOf lists every sum a viewer can read off the screens of the year.
func sumsOf(a Audience, owners []owner, keys []Key, idx func(p, o, k int) int) *sumSet {
	out := &sumSet{}
	ownerOf := map[pulid.ID]int{}
	for o, ow := range owners {
		ownerOf[ow.id] = o
	}
	// The rows each row adds up: a group its communities, a region its
	// districts (and communities without one), the total its regions.
	var adds [][2][]int // [row], [members]
	regionParts := map[int][]int{}
	seenDistrict := map[int]bool{}
	var regions []int
	for m, c := range a.Communities {
		r := ownerOf[c.RegionID]
		if _, ok := regionParts[r]; !ok {
			regions = append(regions, r)
			regionParts[r] = nil
		}
		part := m
		if c.DistrictID != nil {
			part = ownerOf[*c.DistrictID]
		}
		if !seenDistrict[part] {
			seenDistrict[part] = true
			regionParts[r] = append(regionParts[r], part)
		}
	}
	for o, ow := range owners {
		if len(ow.members) > 1 || ow.id == "" || ownerOf[ow.id] != ow.members[0] {
			adds = append(adds, [2][]int{{o}, ow.members})
		}
	}
	for _, r := range regions {
		adds = append(adds, [2][]int{{r}, regionParts[r]})
	}
	adds = append(adds, [2][]int{{ownerOf[""]}, regions})
	keyOf := map[Key]int{}
	for k, key := range keys {
		keyOf[key] = k
	}
	for p := range yearPeriods {
		for k := range keys {
			for _, ad := range adds {
				out.begin(idx(p, ad[0][0], k))
				for _, m := range ad[1] {
					out.part(idx(p, m, k))
				}
			}
		}
		for o := range owners {
			partSums(out, keys, keyOf, func(k int) int { return idx(p, o, k) })
		}
	}
	var year, months [12]int
	for o := range owners {
		for k, key := range keys {
			if notOverTime[key.Indicator] {
				continue
			}
			at := func(p int) int { return idx(p, o, k) }
			for q := 1; q <= 4; q++ {
				year[q-1] = at(q)
				for m := 3*q - 2; m <= 3*q; m++ {
					months[m-1] = at(4 + m)
				}
				out.add(at(q), months[3*q-3:3*q]...)
			}
			out.add(at(0), year[:4]...)
			out.add(at(0), months[:]...)
		}
	}
	return out
}

// partSums are the sums of one row of one period across indicators: the
// parts of a broken-down indicator make its whole; a report has one source.
func partSums(out *sumSet, keys []Key, keyOf map[Key]int, at func(k int) int) {
	byIndicator := map[string][]int{}
	for k, key := range keys {
		if key.Part != "" && key.Part != wholePart {
			byIndicator[key.Indicator] = append(byIndicator[key.Indicator], at(k))
		}
	}
	for _, d := range Definitions {
		w, ok := keyOf[Key{d.Key, wholePart}]
		if d.Breakdown == "" || !ok {
			continue
		}
		out.add(at(w), byIndicator[d.Key]...)
	}
	if r, ok := keyOf[Key{"reports_received", ""}]; ok {
		out.add(at(r), byIndicator["reports_by_source"]...)
		if w, ok := keyOf[Key{"reports_by_source", wholePart}]; ok {
			out.add(at(r), at(w))
		}
	}
}

// secondary hides more cells until no sum gives a hidden one away: every
// sum is looked at once, and again whenever one of its cells is hidden.
func secondary(nodes []cellNode, sums *sumSet, holding holders) {
	queue := make([]int32, sums.len())
	queued := make([]bool, sums.len())
	for i := range queue {
		queue[i], queued[i] = int32(i), true
	}
	for len(queue) > 0 {
		i := queue[0]
		queue, queued[i] = queue[1:], false
		s := sums.at(int(i))
		if !exposed(nodes, s) {
			continue
		}
		c := complement(nodes, s)
		if c < 0 {
			continue
		}
		nodes[c].hidden = true
		for _, j := range holding.of(c) {
			if !queued[j] {
				queue, queued[j] = append(queue, j), true
			}
		}
		if !queued[i] {
			queue, queued[i] = append(queue, i), true
		}
	}
}

// exposed: the sum gives a hidden cell away, being its only hidden cell,
// or all its hidden parts being ones.
func exposed(nodes []cellNode, s sum) bool {
	hidden, value := 0, 0.0
	for _, p := range s.parts {
		if nodes[p].hidden {
			hidden++
			value += nodes[p].value
		}
	}
	if nodes[s.total].hidden {
		return hidden == 0
	}
	return hidden == 1 || (hidden > 1 && value == float64(hidden))
}

// complement is the cell to hide next in a sum: its smallest part that is
// shown, not zero and not the viewer's own to read; else its total; -1 if
// none can be.
func complement(nodes []cellNode, s sum) int32 {
	best := int32(-1)
	for _, p := range s.parts {
		n := nodes[p]
		if n.hidden || n.known || n.value <= 0 {
			continue
		}
		if best < 0 || n.value < nodes[best].value {
			best = p
		}
	}
	if t := nodes[s.total]; best < 0 && !t.hidden && !t.known && t.value > 0 {
		return s.total
	}
	return best
}
