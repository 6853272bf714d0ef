//go:build ignore

// Command genseeds writes the seed corpora of the server's fuzz targets
// (server/fuzz_test.go): the hostile inputs that once hung, crashed or
// reached PostgreSQL. Run from the repository root:
//
//	go run ./server/testdata/fuzz/genseeds.go
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

func bomb(n int) string {
	var b strings.Builder
	b.WriteString("query { ...F0 }\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "fragment F%d on Query { ...F%d ...F%d }\n", i, i+1, i+1)
	}
	fmt.Fprintf(&b, "fragment F%d on Query { viewer { user { id } } }\n", n)
	return b.String()
}

func nested(n int) string {
	var b strings.Builder
	b.WriteString("query { families { edges { node { ...F0 } } } }\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "fragment F%d on Family { id members { edges { node { family { ...F%d } } } } m: members { edges { node { family { ...F%d } } } } }\n", i, i+1, i+1)
	}
	fmt.Fprintf(&b, "fragment F%d on Family { id }\n", n)
	return b.String()
}

func gql(query string, vars map[string]any) string {
	m := map[string]any{"query": query}
	if vars != nil {
		m["variables"] = vars
	}
	b, _ := json.Marshal(m)
	return string(b)
}

const login = `mutation($e: String!, $p: String!) { login(input: {email: $e, password: $p}) { token } }`

func write(target, name string, args ...any) {
	dir := filepath.Join("server/testdata/fuzz", target)
	_ = os.MkdirAll(dir, 0o755)
	var b strings.Builder
	b.WriteString("go test fuzz v1\n")
	for _, a := range args {
		switch v := a.(type) {
		case []byte:
			fmt.Fprintf(&b, "[]byte(%s)\n", strconv.Quote(string(v)))
		case string:
			fmt.Fprintf(&b, "string(%s)\n", strconv.Quote(v))
		}
	}
	if err := os.WriteFile(filepath.Join(dir, name), []byte(b.String()), 0o644); err != nil {
		panic(err)
	}
}

func main() {
	bodies := map[string]string{
		"first_and_last":        gql(`{ notifications(first: 1, last: 1) { totalCount } }`, nil),
		"first_and_last_nested": gql(`{ families(first: 1) { edges { node { members(first: 1, last: 1) { totalCount } } } } }`, nil),
		"first_and_last_vars":   gql(`query($f: Int, $l: Int) { cases(first: $f, last: $l) { totalCount } }`, map[string]any{"f": 1, "l": 1}),
		"negative_first":        gql(`{ families(first: -1) { totalCount } }`, nil),
		"first_beyond_int32":    gql(`{ families(first: 99999999999999999999) { totalCount } }`, nil),
		"first_var_huge_float":  `{"query":"query($f: Int) { families(first: $f) { totalCount } }","variables":{"f":1e309}}`,
		"first_var_fraction":    `{"query":"query($f: Int) { families(first: $f) { totalCount } }","variables":{"f":1.5}}`,
		"fragment_bomb_40":      gql(bomb(40), nil),
		"fragment_bomb_64":      gql(bomb(64), nil),
		"nested_bomb_40":        gql(nested(40), nil),
		"copies_2100":           gql("{ "+strings.Repeat("viewer { user { id } } ", 2100)+"}", nil),
		"conflicting_1600": gql(func() string {
			var b strings.Builder
			b.WriteString("{ ")
			for i := 0; i < 1600; i++ {
				fmt.Fprintf(&b, "families(first: %d) { totalCount } ", i%500)
			}
			return b.String() + "}"
		}(), nil),
		"copies_10x10x10": gql("{ "+strings.Repeat("viewer { "+strings.Repeat("user { "+strings.Repeat("id ", 10)+"} ", 10)+"} ", 10)+"}", nil),
		"fragments_60": gql(func() string {
			var b strings.Builder
			b.WriteString("{ viewer { ")
			for i := 0; i < 60; i++ {
				fmt.Fprintf(&b, "...F%d ", i)
			}
			b.WriteString("} }\n")
			for i := 0; i < 60; i++ {
				fmt.Fprintf(&b, "fragment F%d on Viewer { t%d: totpEnrollmentRequired }\n", i, i)
			}
			return b.String()
		}(), nil),
		"fragment_cycle":      gql("query { ...A }\nfragment A on Query { ...B }\nfragment B on Query { ...A }", nil),
		"fragment_self":       gql("query { ...A }\nfragment A on Query { viewer { user { id } } ...A }", nil),
		"login_nul_email":     gql(login, map[string]any{"e": "ssd@vinnytsia.demo.turbota.ua\x00", "p": "x"}),
		"login_nul_literal":   gql(`mutation { login(input: {email: "a\u0000@b.ua", password: "x"}) { token } }`, nil),
		"login_aliases":       gql(`mutation { a: login(input: {email: "a@b.ua", password: "x"}) { token } b: login(input: {email: "a@b.ua", password: "x"}) { token } }`, nil),
		"nul_filter":          gql(`{ families(where: {nameContains: "\u0000"}) { totalCount } }`, nil),
		"nul_deep_variable":   gql(`query($w: FamilyWhereInput) { families(where: $w) { totalCount } }`, map[string]any{"w": map[string]any{"or": []any{map[string]any{"nameContains": "a"}, map[string]any{"and": []any{map[string]any{"nameContains": "\x00"}}}}}}),
		"nul_default":         gql(`query($s: String = "\u0000") { families(where: {nameContains: $s}) { totalCount } }`, nil),
		"nul_directive":       gql(`{ viewer @skip(if: false) { user @include(if: true) { id } } families(where: {nameContains: "a\u0000"}) @include(if: true) { totalCount } }`, nil),
		"nul_node_id":         gql(`query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": "\x00"}),
		"lone_surrogate":      gql(`{ families(where: {nameContains: "\uD800"}) { totalCount } }`, nil),
		"lone_surrogate_json": `{"query":"query($s: String) { families(where: {nameContains: $s}) { totalCount } }","variables":{"s":"\ud800"}}`,
		"invalid_utf8_body":   "{\"query\":\"{ families(where: {nameContains: \\\"\xff\xfe\\\"}) { totalCount } }\"}",
		"invalid_utf8_name":   "{\"query\":\"{ \xff }\"}",
		"nul_operation_name":  `{"query":"query A { __typename }","operationName":"A\u0000"}`,
		"nul_persisted_hash":  `{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"\u0000"}}}`,
		"persisted_unknown":   `{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"` + strings.Repeat("ab", 32) + `"}}}`,
		"batched":             `[{"query":"{ viewer { user { id } } }"}]`,
		"null":                `null`,
		"empty_object":        `{}`,
		"query_null":          `{"query":null}`,
		"query_number":        `{"query":123}`,
		"variables_list":      `{"query":"{ __typename }","variables":[]}`,
		"truncated":           `{"query":"{ viewer {`,
		"deep_braces":         gql(strings.Repeat("{ viewer ", 3000)+strings.Repeat("}", 3000), nil),
		"deep_list_literal":   gql(`{ nodes(ids: `+strings.Repeat("[", 7000)+strings.Repeat("]", 7000)+`) { id } }`, nil),
		"deep_json_variables": `{"query":"query($w: FamilyWhereInput) { families(where: $w) { totalCount } }","variables":{"w":` + strings.Repeat(`{"not":`, 2000) + `{}` + strings.Repeat(`}`, 2000) + `}}`,
		"id_in_12000":         `{"query":"query($ids: [ID!]) { cases(where: {idIn: $ids}) { totalCount } }","variables":{"ids":[` + strings.TrimSuffix(strings.Repeat(`"a",`, 12000), ",") + `]}}`,
		"or_2500_literal":     gql(`{ families(where: {or: [`+strings.Repeat(`{nameContains: "a"} `, 2500)+`]}) { totalCount } }`, nil),
		"deep_not_literal":    gql(`{ families(where: `+strings.Repeat(`{not: `, 3000)+`{}`+strings.Repeat(`}`, 3000)+`) { totalCount } }`, nil),
		"deep_list_variables": `{"query":"query($ids: [ID!]) { nodes(ids: $ids) { id } }","variables":{"ids":` + strings.Repeat(`[`, 5000) + strings.Repeat(`]`, 5000) + `}}`,
		"many_aliases": gql("{ "+strings.Repeat("a: __typename ", 1)+func() string {
			var b strings.Builder
			for i := 0; i < 500; i++ {
				fmt.Fprintf(&b, "a%d: viewer { user { id } } ", i)
			}
			return b.String()
		}()+"}", nil),
		"introspection_deep": gql(`{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } }`, nil),
		"mutation_unknown":   gql(`mutation { nope }`, nil),
		"string_in_int":      gql(`{ families(first: "1") { totalCount } }`, nil),
		"bad_cursor":         gql(`{ families(after: "\u0000garbage") { totalCount } }`, nil),
		"bad_time":           gql(`{ cases(where: {createdAtGT: "0000-13-45T99:99:99Z"}) { totalCount } }`, nil),
	}
	for name, body := range bodies {
		write("FuzzGraphQLBody", name, []byte(body))
	}

	upload := `mutation($id: ID!, $file: Upload!) { uploadDocument(input: {caseID: $id, kind: SCAN, title: "T", file: $file}) { id } }`
	ops := func(vars string) string { return `{"query":` + strconv.Quote(upload) + `,"variables":` + vars + `}` }
	withFile := `{"id":"CF01ARZ3NDEKTSV4RRFFQ69G5FAV","file":null}`
	maps := map[string][3]string{
		"absent_variables":  {`{"query":"mutation { logout }"}`, `{"0":["variables.file"]}`, "a.png"},
		"null_variables":    {ops(`null`), `{"0":["variables.file"]}`, "a.png"},
		"missing_variable":  {ops(withFile), `{"0":["variables.nope"]}`, "a.png"},
		"through_null":      {ops(withFile), `{"0":["variables.file.x"]}`, "a.png"},
		"into_string":       {ops(withFile), `{"0":["variables.id"]}`, "a.png"},
		"list_out_of_range": {ops(`{"id":"x","file":[null]}`), `{"0":["variables.file.5"]}`, "a.png"},
		"negative_index":    {ops(`{"id":"x","file":[null]}`), `{"0":["variables.file.-1"]}`, "a.png"},
		"index_into_object": {ops(`{"id":"x","file":{"0":null}}`), `{"0":["variables.file.0"]}`, "a.png"},
		"outside_variables": {ops(withFile), `{"0":["query"]}`, "a.png"},
		"variables_only":    {ops(withFile), `{"0":["variables"]}`, "a.png"},
		"two_files_one_var": {ops(withFile), `{"0":["variables.file"],"1":["variables.file"]}`, "a.png"},
		"same_path_twice":   {ops(withFile), `{"0":["variables.file","variables.file"]}`, "a.png"},
		"hundred_files": {ops(withFile), func() string {
			k := make([]string, 100)
			for i := range k {
				k[i] = fmt.Sprintf(`"%d":["variables.file"]`, i)
			}
			return "{" + strings.Join(k, ",") + "}"
		}(), "a.png"},
		"hundred_paths": {ops(`{"id":"x","file":[` + strings.TrimSuffix(strings.Repeat("null,", 100), ",") + `]}`), `{"0":[` + func() string {
			k := make([]string, 100)
			for i := range k {
				k[i] = fmt.Sprintf(`"variables.file.%d"`, i)
			}
			return strings.Join(k, ",")
		}() + `]}`, "a.png"},
		"no_paths":            {ops(withFile), `{"0":[]}`, "a.png"},
		"map_list":            {ops(withFile), `["variables.file"]`, "a.png"},
		"map_null":            {ops(withFile), `null`, "a.png"},
		"map_paths_not_list":  {ops(withFile), `{"0":"variables.file"}`, "a.png"},
		"batched_operations":  {`[` + ops(withFile) + `]`, `{"0":["variables.file"]}`, "a.png"},
		"operations_not_json": {`{`, `{"0":["variables.file"]}`, "a.png"},
		"file_not_in_map":     {ops(withFile), `{}`, "a.png"},
		"mapped_file_missing": {ops(withFile), `{"0":["variables.file"],"1":["variables.other"]}`, "a.png"},
		"invalid_utf8_name":   {ops(withFile), `{"0":["variables.file"]}`, "\xff\xfe.png"},
		"nul_name":            {ops(withFile), `{"0":["variables.file"]}`, "a\x00.png"},
		"nul_variable":        {ops(`{"id":"CF\u0000","file":null}`), `{"0":["variables.file"]}`, "a.png"},
		"file_into_query_var": {`{"query":"query($f: Upload) { __typename }","variables":{"f":null}}`, `{"0":["variables.f"]}`, "a.png"},
		"file_wrong_type":     {`{"query":"query($f: String) { families(where: {nameContains: $f}) { totalCount } }","variables":{"f":null}}`, `{"0":["variables.f"]}`, "a.png"},
		"long_path":           {ops(withFile), `{"0":["variables.` + strings.Repeat("a.", 5000) + `"]}`, "a.png"},
		"empty_segment":       {ops(`{"":null}`), `{"0":["variables."]}`, "a.png"},
	}
	for name, m := range maps {
		write("FuzzMultipartMap", name, m[0], m[1], m[2])
	}

	for name, id := range map[string]string{
		"invalid_utf8": "\xff\xfe", "nul": "DC\x00", "empty": "", "dotdot": "..", "percent": "%zz",
		"long": strings.Repeat("D", 10000), "unknown": "DO01ARZ3NDEKTSV4RRFFQ69G5FAV", "lower": "do01arz3ndektsv4rrffq69g5fav",
		"slash": "a/b", "ukrainian": "документ", "graphql": "../graphql", "quote": `'; SELECT 1; --`, "surrogate": "\xed\xa0\x80",
	} {
		write("FuzzDocumentPath", name, id)
	}

	for name, q := range map[string][2]string{
		"nul_param":          {"cases.csv", "communityID=CM%00"},
		"invalid_utf8_name":  {"\xff.csv", ""},
		"invalid_utf8_param": {"trend.xlsx", "key=%FF&year=2026&period=YEAR"},
		"huge_year":          {"indicators.csv", "year=99999999999999999999&period=MONTH&number=-5"},
		"negative_year":      {"indicators.csv", "year=-2026&period=YEAR"},
		"bad_quarter":        {"indicators.csv", "year=2026&period=QUARTER&number=999"},
		"bad_periods":        {"trend.csv", "key=placed&periods=-1&year=1&period=YEAR"},
		"malformed_escape":   {"cases.csv", "communityID=%zz"},
		"repeated_params":    {"servicemap.csv", "regionID=x&regionID=y"},
		"invalid_utf8_lang":  {"indicators.xlsx", "year=2026&period=YEAR&lang=%FF"},
		"long_id":            {"unmetneeds.csv", "districtID=" + strings.Repeat("D", 5000)},
		"no_table":           {"", ""},
		"no_format":          {"cases", "communityID=x"},
		"bad_format":         {"cases.pdf", "communityID=x"},
		"dotdot":             {"..", ""},
		"semicolons":         {"cases.csv", "communityID=a;b"},
		"nul_name":           {"cases\x00.csv", ""},
		"all_scopes":         {"minimalpackage.csv", "communityID=a&districtID=b&regionID=c"},
	} {
		write("FuzzExportQuery", name, q[0], q[1])
	}
}
