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
func protectAll(nodes []cellNode, sums *sumSet) {
	holding := holdersOf(len(nodes), sums)
	parent := make([]int32, len(nodes))
	for {
		secondary(nodes, sums, holding)
		fixed := determined(nodes, sums, parent)
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
func unfix(nodes []cellNode, sums *sumSet, fixed map[int32]bool) bool {
	seen := map[int32]bool{}
	for c := range fixed {
		seen[c] = true
	}
	for len(fixed) > 0 {
		more := false
		near := map[int32]bool{}
		for i := range sums.len() {
			s := sums.at(i)
			if !holdsAny(s, fixed) {
				continue
			}
			if c := complement(nodes, s); c >= 0 {
				nodes[c].hidden, more = true, true
				each(s, func(p int32) { delete(fixed, p) })
				continue
			}
			each(s, func(p int32) {
				if nodes[p].hidden && !seen[p] {
					near[p], seen[p] = true, true
				}
			})
		}
		if more {
			return true
		}
		fixed = near
	}
	return false
}

func holdsAny(s sum, cells map[int32]bool) bool {
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
// component of the hidden cells linked by sums; parent is the union-find's
// room, one entry a cell, reused from call to call.
func determined(nodes []cellNode, sums *sumSet, parent []int32) map[int32]bool {
	for i := range parent {
		parent[i] = int32(i)
	}
	find := func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	first := func(s sum) int32 {
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
	var live []int32
	for i := range sums.len() {
		s := sums.at(i)
		f := first(s)
		if f < 0 {
			continue
		}
		live = append(live, int32(i))
		for _, p := range s.parts {
			if nodes[p].hidden {
				parent[find(p)] = find(f)
			}
		}
	}
	components := map[int32][]int32{}
	for _, i := range live {
		root := find(first(sums.at(int(i))))
		components[root] = append(components[root], i)
	}
	out := map[int32]bool{}
	var room []float64
	for _, rows := range components {
		if len(rows) > auditLimit {
			continue
		}
		var fixed []int32
		fixed, room = fixedIn(nodes, sums, rows, room)
		for _, c := range fixed {
			out[c] = true
		}
	}
	return out
}

// fixedIn reduces one component's sums over its hidden cells to reduced
// row echelon form: a cell is fixed when its pivot row holds no other.
// room is where the matrix is laid out; it is returned, grown if it had to
// be, for the next component.
func fixedIn(nodes []cellNode, set *sumSet, which []int32, room []float64) ([]int32, []float64) {
	const eps = 1e-9
	col := map[int32]int{}
	var cells []int32
	for _, i := range which {
		each(set.at(int(i)), func(c int32) {
			if _, ok := col[c]; nodes[c].hidden && !ok {
				col[c] = len(cells)
				cells = append(cells, c)
			}
		})
	}
	// One backing array for the whole matrix, the room of the last
	// component's when it is large enough.
	if need := len(which) * len(cells); cap(room) < need {
		room = make([]float64, need)
	} else {
		room = room[:need]
		clear(room)
	}
	rows := make([][]float64, len(which))
	for i, w := range which {
		s := set.at(int(w))
		rows[i] = room[i*len(cells) : (i+1)*len(cells) : (i+1)*len(cells)]
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
	var out []int32
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
	return out, room
}
