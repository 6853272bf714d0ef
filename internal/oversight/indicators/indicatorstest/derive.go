// Package indicatorstest is the viewer who does arithmetic: given what a
// table shows and which of its figures are sums of others, it works out
// every hidden figure that the shown ones determine. Tests of suppression
// use it to show that none is.
package indicatorstest

import (
	"math"
	"slices"
)

// Cell is one shown figure: its value, or hidden.
type Cell struct {
	Value  float64
	Hidden bool
}

// Sum says that Total is the sum of Parts, as a viewer knows from what the
// table means (a region is its communities, a year its quarters).
type Sum struct {
	Total string
	Parts []string
}

// Derive returns the hidden cells that the shown cells and the sums
// determine, with their values: every hidden cell whose value the linear
// system of the sums fixes (not only those left alone in one sum), found by
// Gaussian elimination. A name without a cell is a shown zero.
func Derive(cells map[string]Cell, sums []Sum) map[string]float64 {
	col := map[string]int{}
	var unknowns []string
	var rows [][]float64
	var rhs []float64
	for _, s := range sums {
		coef := map[string]float64{s.Total: -1}
		for _, p := range s.Parts {
			coef[p]++
		}
		row := map[int]float64{}
		c := 0.0
		for name, k := range coef {
			cell := cells[name]
			if !cell.Hidden {
				c -= k * cell.Value
				continue
			}
			if _, ok := col[name]; !ok {
				col[name] = len(unknowns)
				unknowns = append(unknowns, name)
			}
			row[col[name]] += k
		}
		if len(row) == 0 {
			continue
		}
		dense := make([]float64, 0, 1)
		for i, k := range row {
			for len(dense) <= i {
				dense = append(dense, 0)
			}
			dense[i] = k
		}
		rows, rhs = append(rows, dense), append(rhs, c)
	}
	for i := range rows {
		for len(rows[i]) < len(unknowns) {
			rows[i] = append(rows[i], 0)
		}
	}
	return solved(rows, rhs, unknowns)
}

// solved reduces the system to reduced row echelon form: an unknown is
// determined exactly when its pivot row has no other unknown in it.
func solved(rows [][]float64, rhs []float64, unknowns []string) map[string]float64 {
	const eps = 1e-9
	out := map[string]float64{}
	r := 0
	for c := 0; c < len(unknowns) && r < len(rows); c++ {
		p := -1
		for i := r; i < len(rows); i++ {
			if math.Abs(rows[i][c]) > eps && (p < 0 || math.Abs(rows[i][c]) > math.Abs(rows[p][c])) {
				p = i
			}
		}
		if p < 0 {
			continue
		}
		rows[r], rows[p] = rows[p], rows[r]
		rhs[r], rhs[p] = rhs[p], rhs[r]
		k := rows[r][c]
		for j := range rows[r] {
			rows[r][j] /= k
		}
		rhs[r] /= k
		for i := range rows {
			if i == r || math.Abs(rows[i][c]) <= eps {
				continue
			}
			f := rows[i][c]
			for j := range rows[i] {
				rows[i][j] -= f * rows[r][j]
			}
			rhs[i] -= f * rhs[r]
		}
		r++
	}
	for i := 0; i < r; i++ {
		var nz []int
		for j, v := range rows[i] {
			if math.Abs(v) > eps {
				nz = append(nz, j)
			}
		}
		if len(nz) == 1 {
			out[unknowns[nz[0]]] = math.Round(rhs[i]*1e6) / 1e6
		}
	}
	return out
}

// Names are the keys of a derivation, sorted, for messages.
func Names(d map[string]float64) []string {
	var out []string
	for k := range d {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
