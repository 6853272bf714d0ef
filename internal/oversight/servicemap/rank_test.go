package servicemap

import (
	"slices"
	"testing"
)

// Hidden counts sort by name after the shown ones: the order must not say
// that one hidden need (4 families) is larger than another (1).
func TestRankHidesTheOrderOfHiddenCounts(t *testing.T) {
	n := func(service string, families int, hidden bool) UnmetNeed {
		u := UnmetNeed{Service: service, Suppressed: hidden}
		if !hidden {
			u.Families = &families
		}
		return u
	}
	needs := []UnmetNeed{n("Я", 4, true), n("Б", 5, false), n("А", 1, true), n("В", 9, false)}
	rank(needs)
	var got []string
	for _, u := range needs {
		got = append(got, u.Service)
	}
	if want := []string{"В", "Б", "А", "Я"}; !slices.Equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
}
