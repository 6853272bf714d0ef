package demo

import (
	"strings"
	"testing"
)

// A name of one community must not be part of any name of the other, nor of
// a staff member's or an organization's name, so tests can tell them apart.
func TestNamesAreDistinct(t *testing.T) {
	vin, pol := PersonNames(VinnytsiaCommunityCode), PersonNames(PoltavaCommunityCode)
	if len(vin) == 0 || len(pol) == 0 {
		t.Fatal("no names")
	}
	if PersonNames("UA00000000000000000") != nil {
		t.Error("names for an unknown community")
	}
	var others []string
	others = append(others, StaffNames()...)
	for _, c := range communities {
		for _, o := range c.orgs {
			others = append(others, o.name)
		}
		others = append(others, c.display)
	}
	for _, pair := range [][2][]string{{vin, pol}, {pol, vin}} {
		for _, a := range pair[0] {
			for _, b := range pair[1] {
				if strings.Contains(b, a) {
					t.Errorf("name %q of one community is part of %q of the other", a, b)
				}
			}
			for _, b := range others {
				if strings.Contains(b, a) {
					t.Errorf("person name %q is part of %q", a, b)
				}
			}
		}
	}
	if got, want := len(AllPersonNames()), len(vin)+len(pol); got != want {
		t.Errorf("AllPersonNames has %d names, want %d", got, want)
	}
	// The reports' texts name nobody.
	for _, c := range communities {
		for _, r := range planPeople(c.names).reports {
			for _, n := range AllPersonNames() {
				if strings.Contains(r.summary+r.contact, n) {
					t.Errorf("a report text holds the name %q", n)
				}
			}
		}
	}
}

func TestPlanIsStable(t *testing.T) {
	for _, c := range communities {
		a, b := planPeople(c.names), planPeople(c.names)
		if len(a.families) != 6 {
			t.Errorf("%s: %d families", c.code, len(a.families))
		}
		persons, children := 0, 0
		for i := range a.families {
			for j, m := range a.families[i].members {
				persons++
				if m.kind == "CHILD" {
					children++
					if age := birthBase().Year() - m.birth.Year(); age < 1 || age > 17 {
						t.Errorf("%s: a child aged %d", c.code, age)
					}
				}
				if m != b.families[i].members[j] {
					t.Fatalf("%s: the plan differs between runs", c.code)
				}
			}
		}
		if persons < 12 || persons > 20 || children == 0 {
			t.Errorf("%s: %d persons, %d children", c.code, persons, children)
		}
		if len(a.reports) != 6 {
			t.Errorf("%s: %d reports", c.code, len(a.reports))
		}
	}
}

func TestEmails(t *testing.T) {
	seen := map[string]bool{}
	for _, l := range Logins() {
		if seen[l.Email] || l.Email != strings.ToLower(l.Email) {
			t.Errorf("email %q repeated or not lower-case", l.Email)
		}
		seen[l.Email] = true
		if !strings.HasSuffix(l.Email, ".demo.turbota.ua") && l.Email != NationalAnalystEmail {
			t.Errorf("email %q outside the demo domain", l.Email)
		}
		if !strings.Contains(l.String(), l.Email) || !strings.Contains(l.String(), l.Role) {
			t.Errorf("String() = %q", l.String())
		}
	}
	if len(seen) != 18 {
		t.Errorf("%d accounts, want 18", len(seen))
	}
}
