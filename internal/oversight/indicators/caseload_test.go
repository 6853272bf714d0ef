package indicators

import (
	"testing"

	"github.com/turbota/turbota/ent/schema/pulid"
)

// A region's caseload counts the cases of communities with specialists in
// Turbota only; a community without them has no caseload, not zero.
func TestCaseloadOverStaffedCommunities(t *testing.T) {
	community := func(open, specialists float64) Figures {
		f := Figures{Key{"open_cases", ""}: {Num: open, Base: int(open)},
			Key{"specialists", ""}: {Num: specialists, Base: int(specialists)}}
		staffed(f)
		derive(f)
		return f
	}
	per := map[pulid.ID]Figures{"CMSTAFFED": community(10, 2), "CMNOSTAFF": community(30, 0)}
	d, _ := Find("cases_per_specialist")
	for _, c := range []struct {
		name string
		f    Figures
		want string
	}{
		{"with specialists", per["CMSTAFFED"], "5"},
		{"without specialists", per["CMNOSTAFF"], NoShare},
		{"the region", Total(per), "5"},
	} {
		if got := CellOf(d, c.f[Key{"cases_per_specialist", ""}], true).Display; got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
	if got := CellOf(d, Figure{}, false).Display; got != NoShare {
		t.Errorf("a community without figures: %q", got)
	}
}
