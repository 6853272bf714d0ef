package indicatorstest

import "testing"

// The example: a region of 69 whose other eleven communities show
// 6 each gives the twelfth's hidden 3; with a second hidden cell, nothing.
func TestDeriveFindsWhatTotalsGiveAway(t *testing.T) {
	cells := map[string]Cell{"region": {Value: 69}, "c0": {Value: 3, Hidden: true}}
	sum := Sum{Total: "region"}
	for i := range 12 {
		name := "c" + string(rune('0'+i))
		if i > 0 {
			cells[name] = Cell{Value: 6}
		}
		sum.Parts = append(sum.Parts, name)
	}
	if got := Derive(cells, []Sum{sum}); len(got) != 1 || got["c0"] != 3 {
		t.Fatalf("derived %v, want c0 = 3", got)
	}
	cells["c1"] = Cell{Value: 6, Hidden: true}
	if got := Derive(cells, []Sum{sum}); len(got) != 0 {
		t.Fatalf("derived %v from two hidden cells of one sum", got)
	}
	// Across two sums: the year gives quarter 1's a+b, the region's
	// quarter-1 total gives a+c, the district's … a system, not one sum.
	cells = map[string]Cell{"a": {Value: 2, Hidden: true}, "b": {Value: 7, Hidden: true}, "c": {Value: 8, Hidden: true},
		"ab": {Value: 9}, "ac": {Value: 10}, "bc": {Value: 15}}
	got := Derive(cells, []Sum{{"ab", []string{"a", "b"}}, {"ac", []string{"a", "c"}}, {"bc", []string{"b", "c"}}})
	if len(got) != 3 || got["a"] != 2 || got["b"] != 7 || got["c"] != 8 {
		t.Fatalf("derived %v, want all three", got)
	}
}
