package indicators

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/oversight/indicators/indicatorstest"
)

// region is an audience of one region of n communities in two districts.
func oneRegion(n int) Audience {
	var a Audience
	reg := pulid.ID("RG1")
	districts := []pulid.ID{"DS1", "DS2"}
	for i := range n {
		a.Communities = append(a.Communities, &ent.Community{ID: pulid.ID(fmt.Sprintf("CM%02d", i)), RegionID: reg, DistrictID: &districts[i%2]})
	}
	a.RecordAccess = map[pulid.ID]bool{}
	return a
}

// year fills a year's periods from monthly figures: quarters and the year
// are their months added up, as the database counts them.
func year(a Audience, month func(c, m int) Figures) [yearPeriods]map[pulid.ID]Figures {
	var per [yearPeriods]map[pulid.ID]Figures
	for p := range per {
		per[p] = map[pulid.ID]Figures{}
		for _, c := range a.Communities {
			per[p][c.ID] = Figures{}
		}
	}
	for i, c := range a.Communities {
		for m := 1; m <= 12; m++ {
			f := month(i, m)
			per[4+m][c.ID].Add(f)
			per[1+(m-1)/3][c.ID].Add(f)
			per[0][c.ID].Add(f)
		}
	}
	return per
}

// shown is what a viewer sees of a pattern, and the sums they know: the
// communities of each district, of the region and of the whole; the
// quarters and months of the year; the sources of the reports received.
func shown(a Audience, pt *Pattern, per [yearPeriods]map[pulid.ID]Figures, keys []Key) (map[string]indicatorstest.Cell, []indicatorstest.Sum) {
	cells := map[string]indicatorstest.Cell{}
	name := func(p int, o pulid.ID, k Key) string { return fmt.Sprintf("%d|%s|%s|%s", p, o, k.Indicator, k.Part) }
	var sums []indicatorstest.Sum
	for p := range yearPeriods {
		groups := map[pulid.ID]Figures{"": {}}
		members := map[pulid.ID][]string{}
		for _, c := range a.Communities {
			f := per[p][c.ID]
			for _, g := range []pulid.ID{"", c.RegionID, *c.DistrictID} {
				if groups[g] == nil {
					groups[g] = Figures{}
				}
				groups[g].Add(f)
			}
			for _, k := range keys {
				cells[name(p, c.ID, k)] = indicatorstest.Cell{Value: f[k].Num, Hidden: pt.at(p, c.ID, k)}
				for _, g := range []pulid.ID{"", c.RegionID, *c.DistrictID} {
					members[g+"|"+pulid.ID(k.Indicator+k.Part)] = append(members[g+"|"+pulid.ID(k.Indicator+k.Part)], name(p, c.ID, k))
				}
			}
		}
		for g, f := range groups {
			for _, k := range keys {
				cells[name(p, g, k)] = indicatorstest.Cell{Value: f[k].Num, Hidden: pt.at(p, g, k)}
				sums = append(sums, indicatorstest.Sum{Total: name(p, g, k), Parts: members[g+"|"+pulid.ID(k.Indicator+k.Part)]})
			}
			var sources []string
			for _, k := range keys {
				if k.Indicator == "reports_by_source" {
					sources = append(sources, name(p, g, k))
				}
			}
			sums = append(sums, indicatorstest.Sum{Total: name(p, g, Key{"reports_received", ""}), Parts: sources})
		}
	}
	for o := range pt.owners {
		for _, k := range keys {
			y := indicatorstest.Sum{Total: name(0, o, k)}
			for q := 1; q <= 4; q++ {
				y.Parts = append(y.Parts, name(q, o, k))
				qs := indicatorstest.Sum{Total: name(q, o, k)}
				for m := 3*q - 2; m <= 3*q; m++ {
					qs.Parts = append(qs.Parts, name(4+m, o, k))
				}
				sums = append(sums, qs)
			}
			sums = append(sums, y)
		}
	}
	return cells, sums
}

var testKeys = []Key{{"reports_received", ""}, {"reports_by_source", "SCHOOL"}, {"reports_by_source", "POLICE"}, {"vouchers_issued", ""}}

// The issue's region: eleven communities of 6 and one of 3 in January,
// 69 in all. Before: the 3 is the total less the others; now nothing is.
func TestComplementarySuppressionOfTheIssuesRegion(t *testing.T) {
	a := oneRegion(12)
	per := year(a, func(c, m int) Figures {
		if m != 1 {
			return Figures{}
		}
		n := 6.0
		if c == 0 {
			n = 3
		}
		return Figures{{"reports_received", ""}: {n, int(n)}, {"reports_by_source", "SCHOOL"}: {n, int(n)}}
	})
	pt := Protect(2026, a, per)
	cells, sums := shown(a, pt, per, testKeys)
	if !cells["5|CM00|reports_received|"].Hidden {
		t.Fatal("the 3 is shown")
	}
	if got := indicatorstest.Derive(cells, sums); len(got) > 0 {
		t.Errorf("worked out: %v", got)
	}
	hidden := 0
	for _, c := range cells {
		if c.Hidden {
			hidden++
		}
	}
	// Primary only, the 3 would be worked out (the test sees it).
	primary := map[string]indicatorstest.Cell{}
	for n, c := range cells {
		primary[n] = indicatorstest.Cell{Value: c.Value, Hidden: c.Hidden && c.Value < Threshold}
	}
	if got := indicatorstest.Derive(primary, sums); got["5|CM00|reports_received|"] != 3 {
		t.Errorf("primary suppression alone: worked out %v, want the 3", got)
	}
	t.Logf("%d cells hidden in all", hidden)
	// A secondary cell reads as the small ones do: "<5", no value.
	secondaries := 0
	for i, c := range a.Communities {
		cells := Show(per[5][c.ID], false, func(k Key) bool { return pt.at(5, c.ID, k) })
		for _, s := range cells {
			if s.Definition.Key == "reports_received" && i > 0 && s.Cell.Suppressed {
				secondaries++
				if s.Cell.Display != "<5" || s.Cell.Value != nil {
					t.Errorf("a secondary cell of %s shows %+v", c.ID, s.Cell)
				}
			}
		}
	}
	if secondaries == 0 {
		t.Error("no community of 6 is hidden with the 3")
	}
}

// Over synthetic years of small and middling counts, a viewer with record
// access to some communities or none works out nothing hidden.
func TestComplementarySuppressionOfSyntheticYears(t *testing.T) {
	for seed := range 40 {
		r := rand.New(rand.NewPCG(uint64(seed), 7))
		a := oneRegion(3 + r.IntN(10))
		if seed%3 == 1 {
			a.RecordAccess[a.Communities[0].ID] = true
		}
		per := year(a, func(c, m int) Figures {
			f := Figures{}
			small := func() float64 { return float64(max(0, r.IntN(9)-3)) }
			school, police := small(), small()
			f[Key{"reports_received", ""}] = Figure{school + police, int(school + police)}
			f[Key{"reports_by_source", "SCHOOL"}] = Figure{school, int(school)}
			f[Key{"reports_by_source", "POLICE"}] = Figure{police, int(police)}
			v := small()
			f[Key{"vouchers_issued", ""}] = Figure{v, int(v)}
			return f
		})
		pt := Protect(2026, a, per)
		cells, sums := shown(a, pt, per, testKeys)
		if got := notOwn(a, per, indicatorstest.Derive(cells, sums)); len(got) > 0 {
			names := indicatorstest.Names(got)
			t.Errorf("seed %d: worked out %d cells, e.g. %s = %v", seed, len(got), names[0], got[names[0]])
		}
	}
}

// notOwn drops what a viewer works out of a district or region made only
// of the communities whose records they read (and zeros): theirs to know.
func notOwn(a Audience, per [yearPeriods]map[pulid.ID]Figures, got map[string]float64) map[string]float64 {
	out := map[string]float64{}
	for name, v := range got {
		var p int
		parts := strings.Split(name, "|")
		fmt.Sscanf(parts[0], "%d", &p)
		owner, k := pulid.ID(parts[1]), Key{parts[2], parts[3]}
		others := 0.0
		for _, c := range a.Communities {
			in := owner == "" || c.ID == owner || c.RegionID == owner || (c.DistrictID != nil && *c.DistrictID == owner)
			if in && !a.RecordAccess[c.ID] {
				others += per[p][c.ID][k].Num
			}
		}
		if others > 0 {
			out[name] = v
		}
	}
	return out
}
