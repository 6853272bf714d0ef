package pqconn

import (
	"database/sql/driver"
	"encoding/hex"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/lib/pq"
)

// Inline is query with its parameters ($1, $2, …) written in as SQL
// literals, so that it can travel in one message with other statements
// (PostgreSQL's simple protocol has no parameters). Every value is quoted
// by lib/pq's QuoteLiteral, so a value is never read as SQL; the literal
// takes the type the parameter would have (a cast in the query, or the
// context). Values are those database/sql accepts, converted as it
// converts them (driver.Valuer, pointers).
func Inline(query string, args ...any) (string, error) {
	vals := make([]driver.Value, len(args))
	for i, a := range args {
		v, err := driver.DefaultParameterConverter.ConvertValue(a)
		if err != nil {
			return "", fmt.Errorf("pqconn: parameter $%d: %w", i+1, err)
		}
		vals[i] = v
	}
	return inline(query, vals)
}

func inlineNamed(query string, args []driver.NamedValue) (string, error) {
	vals := make([]driver.Value, len(args))
	for _, a := range args {
		if a.Ordinal < 1 || a.Ordinal > len(args) || a.Name != "" {
			return "", fmt.Errorf("pqconn: only positional parameters can be inlined")
		}
		vals[a.Ordinal-1] = a.Value
	}
	return inline(query, vals)
}

// inline replaces each $n outside quotes and comments by its literal. It
// jumps from one character that may start a parameter, a quote or a
// comment to the next: a request's setup is inlined on every request.
func inline(query string, vals []driver.Value) (string, error) {
	var b strings.Builder
	b.Grow(len(query) + 32*len(vals))
	for i := 0; i < len(query); {
		next := i
		for next < len(query) && !special[query[next]] {
			next++
		}
		b.WriteString(query[i:next])
		if i = next; i == len(query) {
			break
		}
		if skip := quotedLen(query[i:]); skip > 0 {
			b.WriteString(query[i : i+skip])
			i += skip
			continue
		}
		if dollarQuote(query, i) {
			return "", fmt.Errorf("pqconn: a dollar-quoted string cannot be inlined")
		}
		n, digits := parameterAt(query[i:])
		if digits == 0 || i > 0 && identChar(query[i-1]) { // not a parameter, or $ within a name
			b.WriteByte(query[i])
			i++
			continue
		}
		if n < 1 || n > len(vals) {
			return "", fmt.Errorf("pqconn: parameter $%d has no value (%d given)", n, len(vals))
		}
		lit, err := literal(vals[n-1])
		if err != nil {
			return "", fmt.Errorf("pqconn: parameter $%d: %w", n, err)
		}
		b.WriteString(lit)
		i += 1 + digits
	}
	return b.String(), nil
}

// special are the characters that may start a parameter, a quote or a
// comment.
var special = [256]bool{'$': true, '\'': true, '"': true, '-': true, '/': true}

// parameterAt reads "$n" at the start of s: its number and how many
// digits it has (0: not a parameter).
func parameterAt(s string) (n, digits int) {
	if len(s) < 2 || s[0] != '$' {
		return 0, 0
	}
	for digits < len(s)-1 && s[1+digits] >= '0' && s[1+digits] <= '9' {
		digits++
	}
	if digits == 0 {
		return 0, 0
	}
	n, err := strconv.Atoi(s[1 : 1+digits])
	if err != nil {
		return -1, digits
	}
	return n, digits
}

// dollarQuote tells whether a dollar-quoted string starts at query[i]
// ($$ or $tag$, not within an identifier), whose body inline cannot skip.
func dollarQuote(query string, i int) bool {
	if query[i] != '$' || i+1 >= len(query) || (i > 0 && identChar(query[i-1])) {
		return false
	}
	c := query[i+1]
	return c == '$' || c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func identChar(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// quotedLen is the length of the quoted string, quoted identifier or
// comment s starts with (0: none), which inline copies as it is; an
// unterminated one runs to the end.
func quotedLen(s string) int {
	switch {
	case strings.HasPrefix(s, "--"):
		return untilAfter(s, 2, "\n")
	case strings.HasPrefix(s, "/*"):
		return untilAfter(s, 2, "*/")
	case strings.HasPrefix(s, "'"):
		return closingQuote(s, '\'')
	case strings.HasPrefix(s, `"`):
		return closingQuote(s, '"')
	}
	return 0
}

func untilAfter(s string, from int, end string) int {
	if i := strings.Index(s[from:], end); i >= 0 {
		return from + i + len(end)
	}
	return len(s)
}

// closingQuote is the length up to and with the quote closing s's first
// one; a doubled quote is part of the string. (Escape strings, where a
// backslash escapes, are what QuoteLiteral writes, never what a query
// holds before inlining.)
func closingQuote(s string, q byte) int {
	for i := 1; i < len(s); i++ {
		if s[i] != q {
			continue
		}
		if i+1 < len(s) && s[i+1] == q {
			i++
			continue
		}
		return i + 1
	}
	return len(s)
}

// literal is v as an SQL literal.
func literal(v driver.Value) (string, error) {
	switch x := v.(type) {
	case nil:
		return "NULL", nil
	case string:
		return pq.QuoteLiteral(x), nil
	case []byte:
		return pq.QuoteLiteral(`\x` + hex.EncodeToString(x)), nil
	case int64:
		return "(" + strconv.FormatInt(x, 10) + ")", nil
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return pq.QuoteLiteral(strconv.FormatFloat(x, 'g', -1, 64)), nil
		}
		return "(" + strconv.FormatFloat(x, 'g', -1, 64) + ")", nil
	case bool:
		return strconv.FormatBool(x), nil
	case time.Time:
		return pq.QuoteLiteral(string(pq.FormatTimestamp(x))), nil
	}
	return "", fmt.Errorf("no literal for a %T", v)
}
