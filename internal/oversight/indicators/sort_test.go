package indicators

import (
	"slices"
	"testing"

	"github.com/turbota/turbota/ent"
)

// TestSortByNameFollowsTheUkrainianAlphabet: Є after Е, І and Ї after И,
// Ґ after Г, whatever the order of the code points; twice, so that the
// second sort runs on the kept collation keys.
func TestSortByNameFollowsTheUkrainianAlphabet(t *testing.T) {
	want := []string{"Гадяцька", "Ґалаганівська", "Ерастівська", "Єланецька", "Ивангородська", "Іванівська", "Їжаківська", "Яготинська"}
	for range 2 {
		var cs []*ent.Community
		for _, i := range []int{7, 5, 3, 1, 6, 0, 4, 2} {
			cs = append(cs, &ent.Community{Name: want[i]})
		}
		SortByName(cs)
		got := make([]string, len(cs))
		for i, c := range cs {
			got[i] = c.Name
		}
		if !slices.Equal(got, want) {
			t.Fatalf("sorted %v, want %v", got, want)
		}
	}
}
