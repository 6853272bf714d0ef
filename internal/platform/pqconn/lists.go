package pqconn

import (
	"database/sql/driver"
	"strconv"
	"strings"

	"github.com/lib/pq"
)

// Lists of keys: ent writes "col IN ($1, $2, …, $n)", one parameter per
// key of a page (the families of 50 cases, their assessments). Prepared,
// such a statement has a different text for every page size, and
// PostgreSQL's generic plan of it builds the array of $1…$n anew for every
// row it filters: 1.45 ms to find a page's families among a community's
// 306, which a plan made for the values finds in 0.2. collapseLists sends
// each such list as one array parameter instead, "col = ANY($k)" (NOT IN:
// "<> ALL"), which means the same for every value, NULL included: one
// statement for every page size, and an array the plan reads once (0.22
// ms). PostgreSQL gives $k the array type of the column it is compared
// with.
//
// A list is left as it is when one of its parameters is also used
// elsewhere, or its values are not all of one type that has an array
// (strings, integers, floats, booleans, bytes; not NULL).
func collapseLists(query string, args []driver.NamedValue) (string, []driver.NamedValue) {
	if !strings.Contains(query, "IN ($") {
		return query, args
	}
	toks, uses := scanParameters(query)
	vals := make([]driver.Value, len(args)+1)
	for _, a := range args {
		if a.Ordinal < 1 || a.Ordinal > len(args) {
			return query, args
		}
		vals[a.Ordinal] = a.Value
	}
	collapsed := false
	for n := range uses {
		if n >= len(vals) { // PostgreSQL will say the parameter has no value
			return query, args
		}
	}
	for i := range toks {
		if t := &toks[i]; len(t.list) > 0 {
			t.array = arrayOf(t.list, vals, uses)
			collapsed = collapsed || t.array != nil
		}
	}
	if !collapsed {
		return query, args
	}
	return renumber(query, toks, vals)
}

// token is a parameter ($n) or a list of them (IN ($a, …)) in a query.
type token struct {
	start, end int   // the text it replaces
	n          int   // a parameter's number
	list       []int // a list's parameters
	not        bool  // NOT IN
	array      driver.Value
}

// scanParameters finds the parameters and lists of parameters outside
// quotes and comments, and counts the uses of each parameter.
func scanParameters(query string) ([]token, map[int]int) {
	var toks []token
	uses := map[int]int{}
	for i := 0; i < len(query); {
		if skip := quotedLen(query[i:]); skip > 0 {
			i += skip
			continue
		}
		if t, ok := listAt(query, i); ok {
			toks = append(toks, t)
			for _, n := range t.list {
				uses[n]++
			}
			i = t.end
			continue
		}
		if n, digits := parameterAt(query[i:]); digits > 0 && n > 0 && (i == 0 || !identChar(query[i-1])) {
			toks = append(toks, token{start: i, end: i + 1 + digits, n: n})
			uses[n]++
			i += 1 + digits
			continue
		}
		i++
	}
	return toks, uses
}

// listAt reads " IN ($a, $b, …)" (or " NOT IN (…)") starting at query[i].
func listAt(query string, i int) (token, bool) {
	const in = " IN ("
	if !strings.HasPrefix(query[i:], in) {
		return token{}, false
	}
	t := token{start: i}
	if strings.HasSuffix(query[:i], " NOT") {
		t.start, t.not = i-len(" NOT"), true
	}
	j := i + len(in)
	for {
		n, digits := parameterAt(query[j:])
		if digits == 0 || n < 1 {
			return token{}, false
		}
		t.list = append(t.list, n)
		j += 1 + digits
		switch {
		case strings.HasPrefix(query[j:], ", "):
			j += 2
		case strings.HasPrefix(query[j:], ")"):
			t.end = j + 1
			return t, true
		default:
			return token{}, false
		}
	}
}

// arrayOf is the list's values as one array value, or nil when the list
// stays as it is.
func arrayOf(list []int, vals []driver.Value, uses map[int]int) driver.Value {
	for _, n := range list {
		if n >= len(vals) || uses[n] != 1 {
			return nil
		}
	}
	var arr interface{ Value() (driver.Value, error) }
	switch vals[list[0]].(type) {
	case string:
		arr = pq.StringArray(sameType[string](list, vals))
	case int64:
		arr = pq.Int64Array(sameType[int64](list, vals))
	case float64:
		arr = pq.Float64Array(sameType[float64](list, vals))
	case bool:
		arr = pq.BoolArray(sameType[bool](list, vals))
	case []byte:
		arr = pq.ByteaArray(sameType[[]byte](list, vals))
	default:
		return nil
	}
	v, err := arr.Value()
	if err != nil || v == nil {
		return nil
	}
	return v
}

// sameType is the list's values as Ts; nil if one is not a T.
func sameType[T any](list []int, vals []driver.Value) []T {
	out := make([]T, len(list))
	for i, n := range list {
		v, ok := vals[n].(T)
		if !ok {
			return nil
		}
		out[i] = v
	}
	return out
}

// renumber writes the query with its collapsed lists, numbering the
// parameters in the order they first appear.
func renumber(query string, toks []token, vals []driver.Value) (string, []driver.NamedValue) {
	var b strings.Builder
	b.Grow(len(query))
	var out []driver.NamedValue
	number := map[int]int{}
	param := func(v driver.Value) int {
		out = append(out, driver.NamedValue{Ordinal: len(out) + 1, Value: v})
		return len(out)
	}
	at := 0
	for _, t := range toks {
		b.WriteString(query[at:t.start])
		at = t.end
		switch {
		case t.array != nil:
			op := " = ANY($"
			if t.not {
				op = " <> ALL($"
			}
			b.WriteString(op + strconv.Itoa(param(t.array)) + ")")
		case len(t.list) > 0: // kept as it was
			writeList(&b, query[t.start:t.end], t, number, vals, param)
		default:
			if _, ok := number[t.n]; !ok {
				number[t.n] = param(vals[t.n])
			}
			b.WriteString("$" + strconv.Itoa(number[t.n]))
		}
	}
	b.WriteString(query[at:])
	return b.String(), out
}

// writeList writes a list that stays a list, with its parameters
// renumbered.
func writeList(b *strings.Builder, text string, t token, number map[int]int, vals []driver.Value, param func(driver.Value) int) {
	head, _, _ := strings.Cut(text, "($")
	b.WriteString(head + "(")
	for i, n := range t.list {
		if i > 0 {
			b.WriteString(", ")
		}
		if _, ok := number[n]; !ok {
			number[n] = param(vals[n])
		}
		b.WriteString("$" + strconv.Itoa(number[n]))
	}
	b.WriteString(")")
}
