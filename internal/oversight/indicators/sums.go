package indicators

// sumSet holds the sums of a pattern in flat arrays: the national pattern
// has some 700,000 sums of 6 million cells, and a slice of its own for
// each sum (and for the sums holding each cell) took most of the memory a
// cold national view needed, over 2 GB allocated for one year's pattern.
// Sum i adds up parts[end[i-1]:end[i]] into total[i]; cells are indexes
// into the pattern's nodes.
type sumSet struct {
	total, end, parts []int32
}

// sum is one sum of a sumSet, read in place.
type sum struct {
	total int32
	parts []int32
}

// add appends a sum of cells into total.
func (s *sumSet) add(total int, parts ...int) {
	s.begin(total)
	for _, p := range parts {
		s.part(p)
	}
}

// begin starts a sum into total; part adds a cell to the last one begun.
func (s *sumSet) begin(total int) {
	s.total = append(s.total, int32(total))
	s.end = append(s.end, int32(len(s.parts)))
}

func (s *sumSet) part(c int) {
	s.parts = append(s.parts, int32(c))
	s.end[len(s.end)-1]++
}

func (s *sumSet) len() int { return len(s.total) }

func (s *sumSet) at(i int) sum {
	start := int32(0)
	if i > 0 {
		start = s.end[i-1]
	}
	return sum{total: s.total[i], parts: s.parts[start:s.end[i]:s.end[i]]}
}

// holders lists, for each cell, the sums that hold it (as total or part),
// flat like the sums: cell c's are sums[start[c]:start[c+1]].
type holders struct {
	start, sums []int32
}

func holdersOf(cells int, s *sumSet) holders {
	h := holders{start: make([]int32, cells+1)}
	count := func(c int32) { h.start[c+1]++ }
	for i := range s.len() {
		each(s.at(i), count)
	}
	for c := range cells {
		h.start[c+1] += h.start[c]
	}
	h.sums = make([]int32, h.start[cells])
	next := append([]int32(nil), h.start[:cells]...)
	for i := range s.len() {
		each(s.at(i), func(c int32) {
			h.sums[next[c]] = int32(i)
			next[c]++
		})
	}
	return h
}

func (h holders) of(c int32) []int32 { return h.sums[h.start[c]:h.start[c+1]] }

// each calls f with a sum's total and each of its parts.
func each(s sum, f func(int32)) {
	f(s.total)
	for _, p := range s.parts {
		f(p)
	}
}
