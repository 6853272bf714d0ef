package pqconn_test

import (
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/turbota/turbota/internal/platform/pqconn"
)

// listTable holds keys 1…10 as text, integers and characters of a fixed
// width (bpchar, as Turbota's IDs are), and one row whose key is NULL.
func listTable(t *testing.T, db *sql.DB) {
	t.Helper()
	if _, err := db.Exec(`CREATE TABLE keys (id char(3), n bigint, label text);
		INSERT INTO keys SELECT lpad(g::text, 3, '0'), g, 'k' || g FROM generate_series(1, 10) g;
		INSERT INTO keys VALUES (NULL, NULL, 'none')`); err != nil {
		t.Fatal(err)
	}
}

func labels(t *testing.T, db *sql.DB, query string, args ...any) []string {
	t.Helper()
	rows, err := db.Query(query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// inList is ent's way of writing a list: one parameter per key.
func inList(from, n int) string {
	ps := make([]string, n)
	for i := range ps {
		ps[i] = fmt.Sprintf("$%d", from+i)
	}
	return "(" + strings.Join(ps, ", ") + ")"
}

// A list of keys answers as it would unchanged, whatever its length, its
// type and its neighbours, and every length runs one prepared statement.
func TestListsOfKeysAnswerAsWritten(t *testing.T) {
	db := one(t, pqconn.Cached)
	listTable(t, db)
	for _, tc := range []struct {
		name, query string
		args        []any
		want        string
	}{
		{"bpchar keys", `SELECT label FROM keys WHERE id IN ` + inList(1, 3), []any{"001", "003", "009"}, "k1 k3 k9"},
		{"one key", `SELECT label FROM keys WHERE id IN ` + inList(1, 1), []any{"002"}, "k2"},
		{"integers, around other parameters", `SELECT label FROM keys WHERE n > $1 AND n IN ` + inList(2, 3) + ` AND label <> $5`,
			[]any{int64(2), int64(3), int64(4), int64(9), "k4"}, "k3 k9"},
		{"NOT IN", `SELECT label FROM keys WHERE n NOT IN ` + inList(1, 8), []any{int64(1), int64(2), int64(3), int64(4), int64(5), int64(6), int64(7), int64(8)}, "k10 k9"},
		{"two lists", `SELECT label FROM keys WHERE id IN ` + inList(1, 2) + ` OR n IN ` + inList(3, 2), []any{"001", "002", int64(5), int64(6)}, "k1 k2 k5 k6"},
		{"a quoted lookalike is text", `SELECT label || ' IN ($1, $2)' FROM keys WHERE id IN ` + inList(1, 2), []any{"001", "002"}, "k1 IN ($1, $2) k2 IN ($1, $2)"},
		{"a parameter used twice keeps its list", `SELECT label FROM keys WHERE id IN ` + inList(1, 2) + ` AND id <> $2`, []any{"001", "002"}, "k1"},
		{"mixed types keep their list", `SELECT label FROM keys WHERE label IN ` + inList(1, 2), []any{"k1", int64(2)}, "k1"},
		{"a NULL keeps its list", `SELECT label FROM keys WHERE id IN ` + inList(1, 2), []any{"001", nil}, "k1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := strings.Join(labels(t, db, tc.query, tc.args...), " "); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}

	// Pages of 1 to 40 keys: one statement, reused.
	for n := 1; n <= 40; n++ {
		args := make([]any, n)
		for i := range args {
			args[i] = int64(i%10 + 1)
		}
		if got := labels(t, db, `SELECT label AS page FROM keys WHERE n IN `+inList(1, n), args...); len(got) != min(n, 10) {
			t.Fatalf("%d keys: %d rows", n, len(got))
		}
	}
	var statements int
	if err := db.QueryRow(`SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%AS page%'`).Scan(&statements); err != nil {
		t.Fatal(err)
	}
	if statements != 1 {
		t.Errorf("pages of 1 to 40 keys prepared %d statements, want 1", statements)
	}
}
