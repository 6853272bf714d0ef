package indicators

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/schema/pulid"
)

// BenchmarkProtectNationally computes the national viewer's pattern of a
// year: the country's 1,469 communities in 27 regions of 5 districts,
// every count indicator with six parts where it breaks down, small monthly
// figures. The pattern is what a cold national view spends its memory on.
func BenchmarkProtectNationally(b *testing.B) {
	a := country(27, 5, 1469)
	r := rand.New(rand.NewPCG(1, 2))
	var keys []Key
	for _, d := range Definitions {
		if d.Unit != Count {
			continue
		}
		if d.Breakdown == "" {
			keys = append(keys, Key{d.Key, ""})
			continue
		}
		for p := range 6 {
			keys = append(keys, Key{d.Key, fmt.Sprint("P", p)})
		}
	}
	per := year(a, func(c, m int) Figures {
		f := Figures{}
		for _, k := range keys {
			if v := float64(max(0, r.IntN(12)-4)); v > 0 {
				f[k] = Figure{Num: v, Base: int(v)}
			}
		}
		return f
	})
	b.ReportAllocs()
	for b.Loop() {
		Protect(2026, a, per)
	}
}

// country is an audience of n communities spread over regions of
// districts each.
func country(regions, districts, n int) Audience {
	a := Audience{RecordAccess: map[pulid.ID]bool{}}
	for i := range n {
		reg := pulid.ID(fmt.Sprintf("RG%02d", i%regions))
		d := pulid.ID(fmt.Sprintf("%s-DS%d", reg, (i/regions)%districts))
		a.Communities = append(a.Communities, &ent.Community{ID: pulid.ID(fmt.Sprintf("CM%04d", i)), RegionID: reg, DistrictID: &d})
	}
	return a
}
