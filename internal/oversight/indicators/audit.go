package indicators

import "math"

// The audit of a suppression pattern. Hiding a second cell in every sum
// with one hidden cell is not enough where sums cross (communities ×
// months × districts): a hidden cell that links two otherwise separate
// groups of hidden cells is still fixed by the system of all the sums.
// So, as the Handbook's audit step does, the pattern is checked against
// that system: a hidden cell is determined when the sums, with the shown
// cells as constants, fix its value (it is in the row space of the sums
// restricted to the hidden cells), and then one more cell of a sum that
// holds it is hidden, until none is determined.

// auditLimit bounds the sums of a component the audit solves (elimination
// on a dense matrix, sparse updates). Larger components rely on the rule of
// two hidden cells per sum alone: measured, only the national view over
// sparse data makes them (three, of 3,590 to 45,797 sums, with 20 cases a
// community a year); a sparse solver would cover them too.
const auditLimit = 1500

// protectAll hides cells until no sum gives one away and the system of all
// the sums determines none.
func protectAll(nodes []cellNode, sums []sum) {
	for {
		secondary(nodes, sums)
		fixed := determined(nodes, sums)
		if len(fixed) == 0 {
			return
		}
		if !unfix(nodes, sums, fixed) {
			return // nothing left to hide: every other cell is shown to the viewer anyway
		}
	}
}

// unfix hides one more cell of a sum holding each fixed cell; where every
// such sum is hidden or zero already, it looks one sum further (the fixed
// cell's hidden neighbours), and so on.
func unfix(nodes []cellNode, sums []sum, fixed map[int]bool) bool {
	seen := map[int]bool{}
	for c := range fixed {
		seen[c] = true
	}
	for len(fixed) > 0 {
		more := false
		near := map[int]bool{}
		for _, s := range sums {
			if !holdsAny(s, fixed) {
				continue
			}
			if c := complement(nodes, s); c >= 0 {
				nodes[c].hidden, more = true, true
				for _, p := range append(s.parts, s.total) {
					delete(fixed, p)
				}
				continue
			}
			for _, p := range append(s.parts, s.total) {
				if nodes[p].hidden && !seen[p] {
					near[p], seen[p] = true, true
				}
			}
		}
		if more {
			return true
		}
		fixed = near
	}
	return false
}

func holdsAny(s sum, cells map[int]bool) bool {
	if cells[s.total] {
		return true
	}
	for _, p := range s.parts {
		if cells[p] {
			return true
		}
	}
	return false
}

// determined are the hidden cells the sums fix, found component by
// component of the hidden cells linked by sums.
func determined(nodes []cellNode, sums []sum) map[int]bool {
	parent := make([]int32, len(nodes))
	for i := range parent {
		parent[i] = int32(i)
	}
	var find func(int32) int32
	find = func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	first := func(s sum) int {
		if nodes[s.total].hidden {
			return s.total
		}
		for _, p := range s.parts {
			if nodes[p].hidden {
				return p
			}
		}
		return -1
	}
	var live []int
	for i, s := range sums {
		f := first(s)
		if f < 0 {
			continue
		}
		live = append(live, i)
		for _, p := range s.parts {
			if nodes[p].hidden {
				parent[find(int32(p))] = find(int32(f))
			}
		}
	}
	components := map[int32][]sum{}
	for _, i := range live {
		root := find(int32(first(sums[i])))
		components[root] = append(components[root], sums[i])
	}
	out := map[int]bool{}
	for _, rows := range components {
		if len(rows) > auditLimit {
			continue
		}
		for _, c := range fixedIn(nodes, rows) {
			out[c] = true
		}
	}
	return out
}

// fixedIn reduces one component's sums over its hidden cells to reduced
// row echelon form: a cell is fixed when its pivot row holds no other.
func fixedIn(nodes []cellNode, sums []sum) []int {
	const eps = 1e-9
	col := map[int]int{}
	var cells []int
	for _, s := range sums {
		for _, c := range append([]int{s.total}, s.parts...) {
			if _, ok := col[c]; nodes[c].hidden && !ok {
				col[c] = len(cells)
				cells = append(cells, c)
			}
		}
	}
	rows := make([][]float64, len(sums))
	for i, s := range sums {
		rows[i] = make([]float64, len(cells))
		if nodes[s.total].hidden {
			rows[i][col[s.total]]--
		}
		for _, p := range s.parts {
			if nodes[p].hidden {
				rows[i][col[p]]++
			}
		}
	}
	r := 0
	for c := 0; c < len(cells) && r < len(rows); c++ {
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
		k := rows[r][c]
		for j := range rows[r] {
			rows[r][j] /= k
		}
		// The sums are sparse: only the pivot row's non-zero columns change.
		var nz []int
		for j := c; j < len(rows[r]); j++ {
			if math.Abs(rows[r][j]) > eps {
				nz = append(nz, j)
			}
		}
		for i := range rows {
			if i != r && math.Abs(rows[i][c]) > eps {
				f := rows[i][c]
				for _, j := range nz {
					rows[i][j] -= f * rows[r][j]
				}
			}
		}
		r++
	}
	var out []int
	for i := 0; i < r; i++ {
		only := -1
		for j, v := range rows[i] {
			if math.Abs(v) > eps {
				if only >= 0 {
					only = -2
					break
				}
				only = j
			}
		}
		if only >= 0 {
			out = append(out, cells[only])
		}
	}
	return out
}
