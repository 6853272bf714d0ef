package server_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/oversight/indicators"
	"github.com/turbota/turbota/internal/oversight/indicators/indicatorstest"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/server"
)

const shownReport = `query($p: PeriodInput!) { indicators(period: $p) {
	total { key part value suppressed display }
	communities { community { id name districtID regionID } cells { key part value suppressed display } }
	districts: groups(by: DISTRICT) { id cells { key part value suppressed } }
	regions: groups(by: REGION) { id cells { key part value suppressed } } } }`

const shownTrend = `query($k: String!, $p: PeriodInput!, $n: Int) { indicatorTrend(key: $k, period: $p, periods: $n) { cell { value suppressed } } }`

// seen is everything one viewer was shown, as the arithmetic viewer reads it.
type seen struct {
	cells map[string]indicatorstest.Cell
	sums  []indicatorstest.Sum
}

func cellName(period, owner, key, part string) string {
	return period + "|" + owner + "|" + key + "|" + part
}

// periodNames are a year's periods: the year, its quarters, its months.
func periodNames() []string {
	out := []string{"Y"}
	for q := 1; q <= 4; q++ {
		out = append(out, fmt.Sprintf("Q%d", q))
	}
	for m := 1; m <= 12; m++ {
		out = append(out, fmt.Sprintf("M%d", m))
	}
	return out
}

func periodInput(name string, year int) map[string]any {
	var n int
	fmt.Sscanf(name[1:], "%d", &n)
	kind := map[byte]string{'Y': "YEAR", 'Q': "QUARTER", 'M': "MONTH"}[name[0]]
	return map[string]any{"kind": kind, "year": year, "number": max(n, 1)}
}

// additiveOverTime: a year's count is its quarters' counts added up (not
// the cases open at the end, nor distinct children).
func additiveOverTime(key string) bool {
	d, _ := indicators.Find(key)
	switch key {
	case "open_cases", "children_registered", "children_removed", "placements_by_form", "placements_family", "placements_institution", "returns_to_family":
		return false
	}
	return d.Unit == indicators.Count
}

// look shows a viewer every report and trend of a year, and writes down
// what a viewer knows adds up: communities into districts, regions and the
// total; sources into reports received; parts into the trend's whole;
// months and quarters into quarters and the year. It checks that the
// indicators export shows what the screen does.
func look(t *testing.T, e *env, token string, year int) seen {
	t.Helper()
	s := seen{cells: map[string]indicatorstest.Cell{}}
	keys := map[[2]string]bool{} // count keys and parts seen anywhere
	owners := map[string]bool{"total": true}
	add := func(name string, c map[string]any) {
		key, _ := c["key"].(string)
		if d, _ := indicators.Find(key); d.Unit != indicators.Count {
			return
		}
		v, _ := c["value"].(float64)
		s.cells[name] = indicatorstest.Cell{Value: v, Hidden: c["suppressed"] == true}
	}
	part := func(c map[string]any) string { p, _ := c["part"].(string); return p }
	for _, p := range periodNames() {
		r := e.do(token, shownReport, map[string]any{"p": periodInput(p, year)})
		if len(r.Errors) > 0 {
			t.Fatalf("%s: %v", p, r.Errors)
		}
		rep := r.Data["indicators"].(map[string]any)
		byDistrict, byRegion := map[string][]string{}, map[string][]string{}
		var communities, regions []string
		screen := map[string]string{}
		for _, c := range rep["total"].([]any) {
			c := c.(map[string]any)
			add(cellName(p, "total", c["key"].(string), part(c)), c)
			keys[[2]string{c["key"].(string), part(c)}] = true
		}
		for _, cm := range rep["communities"].([]any) {
			cm := cm.(map[string]any)
			info := cm["community"].(map[string]any)
			id := info["id"].(string)
			owners[id] = true
			communities = append(communities, id)
			if d, ok := info["districtID"].(string); ok {
				byDistrict[d] = append(byDistrict[d], id)
			}
			byRegion[info["regionID"].(string)] = append(byRegion[info["regionID"].(string)], id)
			for _, c := range cm["cells"].([]any) {
				c := c.(map[string]any)
				add(cellName(p, id, c["key"].(string), part(c)), c)
				screen[info["name"].(string)+"|"+c["key"].(string)+"|"+part(c)] = c["display"].(string)
			}
		}
		for _, group := range []string{"districts", "regions"} {
			for _, g := range rep[group].([]any) {
				g := g.(map[string]any)
				owners[g["id"].(string)] = true
				if group == "regions" {
					regions = append(regions, g["id"].(string))
				}
				for _, c := range g["cells"].([]any) {
					c := c.(map[string]any)
					add(cellName(p, g["id"].(string), c["key"].(string), part(c)), c)
				}
			}
		}
		for k := range keys {
			name := func(owner string) string { return cellName(p, owner, k[0], k[1]) }
			sum := func(total string, members []string) {
				sm := indicatorstest.Sum{Total: name(total)}
				for _, m := range members {
					sm.Parts = append(sm.Parts, name(m))
				}
				s.sums = append(s.sums, sm)
			}
			sum("total", communities)
			sum("total", regions)
			for d, ms := range byDistrict {
				sum(d, ms)
			}
			for rg, ms := range byRegion {
				sum(rg, ms)
			}
		}
		compareExport(t, e, token, year, p, screen)
	}
	// Parts: a report has one source.
	for _, p := range periodNames() {
		for o := range owners {
			sm := indicatorstest.Sum{Total: cellName(p, o, "reports_received", "")}
			for k := range keys {
				if k[0] == "reports_by_source" {
					sm.Parts = append(sm.Parts, cellName(p, o, k[0], k[1]))
				}
			}
			s.sums = append(s.sums, sm)
		}
	}
	// The trend of a broken-down indicator is the sum of its parts.
	for _, d := range indicators.Definitions {
		if d.Breakdown == "" {
			continue
		}
		for _, tr := range []struct {
			last string
			n    int
		}{{"M12", 12}, {"Q4", 4}, {"Y", 1}} {
			r := e.do(token, shownTrend, map[string]any{"k": d.Key, "p": periodInput(tr.last, year), "n": tr.n})
			if len(r.Errors) > 0 {
				t.Fatalf("trend %s: %v", d.Key, r.Errors)
			}
			for i, pt := range r.Data["indicatorTrend"].([]any) {
				p := tr.last[:1] + fmt.Sprint(i+1)
				if tr.last == "Y" {
					p = "Y"
				}
				c := pt.(map[string]any)["cell"].(map[string]any)
				c["key"] = d.Key
				add(cellName(p, "total", d.Key, "*"), c)
				sm := indicatorstest.Sum{Total: cellName(p, "total", d.Key, "*")}
				for k := range keys {
					if k[0] == d.Key {
						sm.Parts = append(sm.Parts, cellName(p, "total", k[0], k[1]))
					}
				}
				s.sums = append(s.sums, sm)
			}
		}
	}
	// Periods: a year is its quarters and its months, a quarter its months.
	for o := range owners {
		for k := range keys {
			if !additiveOverTime(k[0]) {
				continue
			}
			for _, part := range []string{k[1], "*"} {
				n := func(p string) string { return cellName(p, o, k[0], part) }
				year := indicatorstest.Sum{Total: n("Y")}
				months := indicatorstest.Sum{Total: n("Y")}
				for q := 1; q <= 4; q++ {
					year.Parts = append(year.Parts, n(fmt.Sprintf("Q%d", q)))
					quarter := indicatorstest.Sum{Total: n(fmt.Sprintf("Q%d", q))}
					for m := 3*q - 2; m <= 3*q; m++ {
						quarter.Parts = append(quarter.Parts, n(fmt.Sprintf("M%d", m)))
						months.Parts = append(months.Parts, n(fmt.Sprintf("M%d", m)))
					}
					s.sums = append(s.sums, quarter)
				}
				s.sums = append(s.sums, year, months)
			}
		}
	}
	return s
}

// compareExport: the indicators export of a period shows each community's
// figures as the screen does.
func compareExport(t *testing.T, e *env, token string, year int, p string, screen map[string]string) {
	t.Helper()
	in := periodInput(p, year)
	q := url.Values{"period": {strings.ToLower(in["kind"].(string))}, "year": {fmt.Sprint(year)}, "number": {fmt.Sprint(in["number"])}, "lang": {"en"}}
	rows := xlsxRows(t, e, token, "indicators", q)
	header := rows[0]
	for _, row := range rows[1 : len(rows)-1] {
		for j := 2; j < len(row) && j < len(header); j++ {
			key, part := exportColumn(header[j])
			want, ok := screen[row[0]+"|"+key+"|"+part]
			if ok && want != row[j] {
				t.Errorf("%s %s %s: export %q, screen %q", p, row[0], header[j], row[j], want)
			}
		}
	}
}

// exportColumn finds the indicator of an English column heading.
func exportColumn(h string) (key, part string) {
	name, part, _ := strings.Cut(h, ": ")
	for _, d := range indicators.Definitions {
		if d.Name.EN == name {
			return d.Key, part
		}
	}
	return "", ""
}

// TestNoHiddenFigureCanBeWorkedOut: a regional supervisor and a national
// analyst look at every report, grouping and trend of the year, and the
// export; adding and subtracting what they see works out no hidden figure.
func TestNoHiddenFigureCanBeWorkedOut(t *testing.T) {
	e := newEnv(t, server.Config{})
	year := clock.Now().Year()
	for _, who := range []string{demo.RegionalSupervisorEmail, demo.NationalAnalystEmail} {
		s := look(t, e, e.login(who), year)
		hidden := 0
		for _, c := range s.cells {
			if c.Hidden {
				hidden++
			}
		}
		if hidden == 0 {
			t.Fatalf("%s: nothing is hidden; the test shows nothing", who)
		}
		t.Logf("%s: %d figures hidden, %d sums known", who, hidden, len(s.sums))
		if got := indicatorstest.Derive(s.cells, s.sums); len(got) > 0 {
			names := indicatorstest.Names(got)
			t.Errorf("%s works out %d of %d hidden figures, e.g. %s = %v", who, len(got), hidden, names[0], got[names[0]])
			for _, n := range names[:min(len(names), 10)] {
				t.Logf("  %s = %v", n, got[n])
			}
		}
	}
}
