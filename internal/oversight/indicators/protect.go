package indicators

import (
	"cmp"
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
}

// notOverTime are counts whose year is not the sum of its quarters: cases
// open at the end of the period, and children (each counted once a period).
var notOverTime = map[string]bool{"open_cases": true, "children_registered": true, "children_removed": true,
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

type sum struct {
	total int
	parts []int
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
	owners := ownersOf(a)
	figs := make([][]Figures, yearPeriods)
	keySet := map[Key]bool{}
	for p := range yearPeriods {
		figs[p] = make([]Figures, len(owners))
		for o, ow := range owners {
			f := Figures{}
			for _, m := range ow.members {
				f.Add(per[p][a.Communities[m].ID])
			}
			wholes(f)
			figs[p][o] = f
			for k := range f {
				if d, ok := Find(k.Indicator); ok && d.Unit == Count {
					keySet[k] = true
				}
			}
		}
	}
	keys := slices.SortedFunc(func(yield func(Key) bool) {
		for k := range keySet {
			if !yield(k) {
				return
			}
		}
	}, func(a, b Key) int { return cmp.Or(cmp.Compare(a.Indicator, b.Indicator), cmp.Compare(a.Part, b.Part)) })
	pt := &Pattern{year: year, owners: map[pulid.ID]int{}, keys: map[Key]int{}}
	for o, ow := range owners {
		pt.owners[ow.id] = o
	}
	for i, k := range keys {
		pt.keys[k] = i
	}
	idx := func(p, o, k int) int { return (p*len(owners)+o)*len(keys) + k }
	nodes := make([]cellNode, yearPeriods*len(owners)*len(keys))
	for p := range yearPeriods {
		for o, ow := range owners {
			for k, key := range keys {
				v := figs[p][o][key].Num
				nodes[idx(p, o, k)] = cellNode{value: v, known: ow.known, hidden: !ow.known && v >= 1 && v < Threshold}
			}
		}
	}
	protectAll(nodes, sumsOf(a, owners, keys, idx))
	pt.hidden = make([]bool, len(nodes))
	for i, n := range nodes {
		pt.hidden[i] = n.hidden
	}
	return pt
}

// wholes adds the whole of each broken-down indicator, as its trend shows it.
func wholes(f Figures) {
	for k, v := range f {
		if d, ok := Find(k.Indicator); ok && d.Breakdown != "" && k.Part != wholePart {
			w := f[Key{k.Indicator, wholePart}]
			f[Key{k.Indicator, wholePart}] = Figure{Num: w.Num + v.Num, Base: w.Base + v.Base}
		}
	}
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
func sumsOf(a Audience, owners []owner, keys []Key, idx func(p, o, k int) int) []sum {
	var out []sum
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
				s := sum{total: idx(p, ad[0][0], k)}
				for _, m := range ad[1] {
					s.parts = append(s.parts, idx(p, m, k))
				}
				out = append(out, s)
			}
		}
		for o := range owners {
			out = append(out, partSums(keys, keyOf, func(k int) int { return idx(p, o, k) })...)
		}
	}
	for o := range owners {
		for k, key := range keys {
			if notOverTime[key.Indicator] {
				continue
			}
			at := func(p int) int { return idx(p, o, k) }
			year, months := sum{total: at(0)}, sum{total: at(0)}
			for q := 1; q <= 4; q++ {
				year.parts = append(year.parts, at(q))
				quarter := sum{total: at(q)}
				for m := 3*q - 2; m <= 3*q; m++ {
					quarter.parts = append(quarter.parts, at(4+m))
					months.parts = append(months.parts, at(4+m))
				}
				out = append(out, quarter)
			}
			out = append(out, year, months)
		}
	}
	return out
}

// partSums are the sums of one row of one period across indicators: the
// parts of a broken-down indicator make its whole; a report has one source.
func partSums(keys []Key, keyOf map[Key]int, at func(k int) int) []sum {
	var out []sum
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
		out = append(out, sum{total: at(w), parts: byIndicator[d.Key]})
	}
	if r, ok := keyOf[Key{"reports_received", ""}]; ok {
		out = append(out, sum{total: at(r), parts: byIndicator["reports_by_source"]})
		if w, ok := keyOf[Key{"reports_by_source", wholePart}]; ok {
			out = append(out, sum{total: at(r), parts: []int{at(w)}})
		}
	}
	return out
}

// secondary hides more cells until no sum gives a hidden one away: every
// sum is looked at once, and again whenever one of its cells is hidden.
func secondary(nodes []cellNode, sums []sum) {
	holding := make([][]int32, len(nodes))
	queue := make([]int32, len(sums))
	queued := make([]bool, len(sums))
	for i, s := range sums {
		holding[s.total] = append(holding[s.total], int32(i))
		for _, p := range s.parts {
			holding[p] = append(holding[p], int32(i))
		}
		queue[i], queued[i] = int32(i), true
	}
	for len(queue) > 0 {
		i := queue[0]
		queue, queued[i] = queue[1:], false
		if !exposed(nodes, sums[i]) {
			continue
		}
		c := complement(nodes, sums[i])
		if c < 0 {
			continue
		}
		nodes[c].hidden = true
		for _, j := range holding[c] {
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
func complement(nodes []cellNode, s sum) int {
	best := -1
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
