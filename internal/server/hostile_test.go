package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/server"
)

// probe is one request as an attacker would send it.
type probe struct {
	method, path string
	contentType  string
	body         []byte
	token        string
}

// answer is what came back: the status and the errors' codes and fields.
type answer struct {
	status int
	body   []byte
	errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	}
	decodeErr error
}

func (a answer) code() string {
	if len(a.errors) == 0 {
		return ""
	}
	c, _ := a.errors[0].Extensions["code"].(string)
	return c
}

func (a answer) field() string {
	if len(a.errors) == 0 {
		return ""
	}
	f, _ := a.errors[0].Extensions["field"].(string)
	return f
}

// hangGuard bounds one hostile request. It is no performance assertion:
// every request here is answered in milliseconds, and the guard only
// turns a request that never ends (as the paging and fragment cases did)
// into a failure instead of a test run that hangs.
const hangGuard = 60 * time.Second

// send makes the request; a request that does not end within hangGuard
// fails the test.
func (e *env) send(t testing.TB, p probe) answer {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), hangGuard)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, p.method, e.url+p.path, bytes.NewReader(p.body))
	if err != nil {
		t.Fatal(err)
	}
	if p.contentType != "" {
		req.Header.Set("Content-Type", p.contentType)
	}
	if p.token != "" {
		req.Header.Set("Authorization", "Bearer "+p.token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %.60q: %v", p.method, p.path, err)
	}
	defer resp.Body.Close()
	a := answer{status: resp.StatusCode}
	a.body, err = io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %.60q: reading the answer: %v", p.method, p.path, err)
	}
	a.decodeErr = json.Unmarshal(a.body, &a)
	return a
}

func (a *answer) UnmarshalJSON(b []byte) error {
	var v struct {
		Errors []struct {
			Message    string         `json:"message"`
			Extensions map[string]any `json:"extensions"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	a.errors = v.Errors
	return nil
}

// gqlPost is a GraphQL request as JSON.
func gqlPost(token, query string, vars map[string]any) probe {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	return probe{method: http.MethodPost, path: "/graphql", contentType: "application/json", body: body, token: token}
}

// gqlGet is a GraphQL query in the URL, as persisted queries are sent.
func gqlGet(token, rawQuery string) probe {
	return probe{method: http.MethodGet, path: "/graphql?" + rawQuery, token: token}
}

// filePart is one file of a multipart request.
type filePart struct{ key, name string }

// multipartProbe builds a GraphQL multipart request from its raw parts.
func multipartProbe(token, operations, fileMap string, files ...filePart) probe {
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	_ = w.WriteField("operations", operations)
	_ = w.WriteField("map", fileMap)
	for _, f := range files {
		h := make(map[string][]string)
		h["Content-Disposition"] = []string{fmt.Sprintf(`form-data; name="%s"; filename="%s"`, f.key, f.name)}
		h["Content-Type"] = []string{"image/png"}
		pw, _ := w.CreatePart(h)
		_, _ = pw.Write(pngBytes)
	}
	_ = w.Close()
	return probe{method: http.MethodPost, path: "/graphql", contentType: w.FormDataContentType(), body: body.Bytes(), token: token}
}

// formProbe is a multipart request of plain fields, in the order given.
func formProbe(token string, fields ...[2]string) probe {
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for _, f := range fields {
		_ = w.WriteField(f[0], f[1])
	}
	_ = w.Close()
	return probe{method: http.MethodPost, path: "/graphql", contentType: w.FormDataContentType(), body: body.Bytes(), token: token}
}

// fragmentBomb is a document of n fragments each spreading the next one
// twice: 2^n fields once expanded, a couple of kilobytes written down.
func fragmentBomb(n int) string {
	var b strings.Builder
	b.WriteString("query { ...F0 }\n")
	for i := range n {
		fmt.Fprintf(&b, "fragment F%d on Query { ...F%d ...F%d }\n", i, i+1, i+1)
	}
	fmt.Fprintf(&b, "fragment F%d on Query { viewer { user { id } } }\n", n)
	return b.String()
}

// nestedBomb doubles through fields as well: each fragment selects its
// family's members' families twice, under two names.
func nestedBomb(n int) string {
	var b strings.Builder
	b.WriteString("query { families { edges { node { ...F0 } } } }\n")
	for i := range n {
		fmt.Fprintf(&b, "fragment F%d on Family { id members { edges { node { family { ...F%d } } } } m: members { edges { node { family { ...F%d } } } } }\n", i, i+1, i+1)
	}
	fmt.Fprintf(&b, "fragment F%d on Family { id }\n", n)
	return b.String()
}

// hostileCase is one malformed request and the answer it must get.
type hostileCase struct {
	name   string
	probe  probe
	status int    // 0: any status below 500
	code   string // the first error's extensions.code
	field  string // the first error's extensions.field, when one is named
}

// hostileCases are the malformed inputs that hung, burnt or crashed the
// server, or reached PostgreSQL and came back as internal errors.
func hostileCases(token string) []hostileCase {
	c := fx[own]
	upload := `mutation($id: ID!, $file: Upload!) { uploadDocument(input: {caseID: $id, kind: SCAN, title: "T", file: $file}) { id } }`
	ops := func(vars string) string { return `{"query":` + quoteJSON(upload) + `,"variables":` + vars + `}` }
	withFile := `{"id":"` + string(c.Case) + `","file":null}`
	family := `mutation($input: CreateFamilyInput!) { createFamily(input: $input) { id } }`
	bad := server.CodeBadUserInput
	return []hostileCase{
		{"first and last", gqlPost(token, `{ notifications(first: 1, last: 1) { totalCount } }`, nil), 0, bad, "last"},
		{"first and last nested", gqlPost(token, `{ families(first: 1) { edges { node { members(first: 1, last: 1) { totalCount } } } } }`, nil), 0, bad, "last"},
		{"first and last in variables", gqlPost(token, `query($f: Int, $l: Int) { cases(first: $f, last: $l) { totalCount } }`,
			map[string]any{"f": 2, "l": 3}), 0, bad, "last"},
		{"negative first", gqlPost(token, `{ families(first: -1) { totalCount } }`, nil), 0, bad, "first"},
		{"huge last", gqlPost(token, `{ families(last: 2147483647) { totalCount } }`, nil), 0, bad, "last"},
		{"fragment bomb of 40", gqlPost(token, fragmentBomb(40), nil), 0, bad, ""},
		{"fragment bomb of 40, anonymous", gqlPost("", fragmentBomb(40), nil), 0, bad, ""},
		{"nested fragment bomb of 40", gqlPost(token, nestedBomb(40), nil), 0, bad, ""},
		{"2,100 copies of one field", gqlPost(token, "{ "+strings.Repeat("viewer { user { id } } ", 2100)+"}", nil), 0, bad, ""},
		{"1,600 conflicting copies", gqlPost(token, conflictingCopies(1600), nil), 0, bad, ""},
		{"10 by 10 by 10 copies merged", gqlPost(token, "{ "+strings.Repeat("viewer { "+strings.Repeat("user { "+strings.Repeat("id ", 10)+"} ", 10)+"} ", 10)+"}", nil), 0, bad, ""},
		{"fragment cycle", gqlPost(token, "query { ...A }\nfragment A on Query { ...B }\nfragment B on Query { ...A }", nil), 0, bad, ""},
		{"NUL in the login e-mail", gqlPost("", loginMutation, map[string]any{"e": "ssd@vinnytsia.demo.turbota.ua\x00", "p": "x"}), 0, bad, "variables.e"},
		{"NUL in the password", gqlPost("", loginMutation, map[string]any{"e": demo.VinnytsiaChildrenServiceEmail, "p": "a\x00b"}), 0, bad, "variables.p"},
		{"NUL in a login literal", gqlPost("", `mutation { login(input: {email: "a\u0000@b.ua", password: "x"}) { token } }`, nil), 0, bad, "login.input.email"},
		{"NUL in a nested input", gqlPost(token, family, map[string]any{"input": map[string]any{"communityID": c.Community, "name": "Коваль\x00"}}), 0, bad, "variables.input.name"},
		{"NUL in a literal input", gqlPost(token, `mutation($c: ID!) { createFamily(input: {communityID: $c, name: "A\u0000B"}) { id } }`,
			map[string]any{"c": c.Community}), 0, bad, "createFamily.input.name"},
		{"NUL in an ID", gqlPost(token, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": "\x00"}), 0, bad, "variables.id"},
		{"NUL in a list", gqlPost(token, `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, map[string]any{"ids": []string{string(c.Family), "x\x00"}}), 0, bad, "variables.ids.1"},
		{"NUL in a filter", gqlPost(token, `{ families(where: {nameContains: "\u0000"}) { totalCount } }`, nil), 0, bad, "families.where.nameContains"},
		{"NUL in a search", gqlPost(token, `query($c: ID!) { searchPersons(communityID: $c, text: "\u0000") { id } }`, map[string]any{"c": c.Community}), 0, bad, "searchPersons.text"},
		{"filter nested 2,000 deep", gqlPost(token, `query($w: FamilyWhereInput) { families(where: $w) { totalCount } }`, map[string]any{"w": nestedNot(2000)}),
			0, bad, "variables.w" + strings.Repeat(".not", 20)},
		{"70,000 IDs", gqlPost(token, `query($ids: [ID!]) { cases(where: {idIn: $ids}) { totalCount } }`, map[string]any{"ids": manyIDs(70000)}), 0, bad, "variables.ids.10000"},
		{"lone surrogate in a literal", gqlPost(token, `{ families(where: {nameContains: "\uD800"}) { totalCount } }`, nil), 0, "", ""},
		{"invalid UTF-8 in a JSON body", probe{method: http.MethodPost, path: "/graphql", contentType: "application/json", token: token,
			body: []byte(`{"query":"mutation($c: ID!) { createFamily(input: {communityID: $c, name: \"` + "\xff\xfe" + `\"}) { id } }","variables":{"c":"` + string(c.Community) + `"}}`)},
			http.StatusBadRequest, bad, "body"},
		{"invalid UTF-8 in a GET literal", gqlGet(token, "query="+url.QueryEscape(`{ families(where: {nameContains: "`+"\xff"+`"}) { totalCount } }`)), http.StatusBadRequest, bad, "query"},
		{"NUL in a GET literal", gqlGet(token, "query="+url.QueryEscape(`{ families(where: {nameContains: "\u0000"}) { totalCount } }`)), 0, bad, "families.where.nameContains"},
		{"raw NUL in a GET query", gqlGet(token, "query=%7B%00%7D"), http.StatusBadRequest, bad, "query"},
		{"malformed GET query string", gqlGet(token, "query=%zz"), http.StatusBadRequest, bad, "query"},
		{"mutation over GET", gqlGet(token, "query="+url.QueryEscape(`mutation { logout }`)), 0, bad, ""},
		{"unsupported method", probe{method: http.MethodPut, path: "/graphql", token: token}, 0, bad, ""},
		{"file into absent variables", multipartProbe("", `{"query":"mutation { logout }"}`, `{"0":["variables.file"]}`, filePart{"0", "a.png"}),
			http.StatusBadRequest, bad, "map"},
		{"file into absent variables, signed in", multipartProbe(token, ops(`null`), `{"0":["variables.file"]}`, filePart{"0", "a.png"}),
			http.StatusBadRequest, bad, "map"},
		{"file into a missing variable", multipartProbe(token, ops(withFile), `{"0":["variables.nope"]}`, filePart{"0", "a.png"}), http.StatusBadRequest, bad, "map"},
		{"file through a null", multipartProbe(token, ops(withFile), `{"0":["variables.file.x"]}`, filePart{"0", "a.png"}), http.StatusBadRequest, bad, "map"},
		{"file into a string", multipartProbe(token, ops(withFile), `{"0":["variables.id"]}`, filePart{"0", "a.png"}), http.StatusBadRequest, bad, "map"},
		{"file into a list out of range", multipartProbe(token, ops(`{"id":"x","file":[null]}`), `{"0":["variables.file.5"]}`, filePart{"0", "a.png"}),
			http.StatusBadRequest, bad, "map"},
		{"file at a negative index", multipartProbe(token, ops(`{"id":"x","file":[null]}`), `{"0":["variables.file.-1"]}`, filePart{"0", "a.png"}),
			http.StatusBadRequest, bad, "map"},
		{"file indexing an object", multipartProbe(token, ops(`{"id":"x","file":{"0":null}}`), `{"0":["variables.file.0"]}`, filePart{"0", "a.png"}),
			http.StatusBadRequest, bad, "map"},
		{"file outside variables", multipartProbe(token, ops(withFile), `{"0":["query"]}`, filePart{"0", "a.png"}), http.StatusBadRequest, bad, "map"},
		{"two files onto one variable", multipartProbe(token, ops(withFile), `{"0":["variables.file"],"1":["variables.file"]}`,
			filePart{"0", "a.png"}, filePart{"1", "b.png"}), http.StatusBadRequest, bad, "map"},
		{"one file onto one variable twice", multipartProbe(token, ops(withFile), `{"0":["variables.file","variables.file"]}`, filePart{"0", "a.png"}),
			http.StatusBadRequest, bad, "map"},
		{"a hundred files onto one variable", multipartProbe(token, ops(withFile), hundredFiles(), manyFiles(100)...), http.StatusBadRequest, bad, "map"},
		{"file with no path", multipartProbe(token, ops(withFile), `{"0":[]}`, filePart{"0", "a.png"}), http.StatusBadRequest, bad, "map"},
		{"map not an object", multipartProbe(token, ops(withFile), `["variables.file"]`, filePart{"0", "a.png"}), http.StatusBadRequest, bad, "map"},
		{"batched operations", multipartProbe(token, `[`+ops(withFile)+`]`, `{"0":["variables.file"]}`, filePart{"0", "a.png"}), http.StatusBadRequest, bad, "operations"},
		{"file not in the map", multipartProbe(token, ops(withFile), `{"0":["variables.file"]}`, filePart{"0", "a.png"}, filePart{"9", "b.png"}), 0, bad, ""},
		{"mapped file missing", multipartProbe(token, ops(withFile), `{"0":["variables.file"]}`), 0, bad, ""},
		{"invalid UTF-8 in a file name", multipartProbe(token, ops(withFile), `{"0":["variables.file"]}`, filePart{"0", "\xff\xfe.png"}), 0, bad, "variables.file"},
		{"NUL in a variable of an upload", multipartProbe(token, ops(`{"id":"`+string(c.Case)+`\u0000","file":null}`), `{"0":["variables.file"]}`, filePart{"0", "a.png"}),
			0, bad, "variables.id"},
		{"map before operations", formProbe(token, [2]string{"map", `{"0":["variables.file"]}`}, [2]string{"operations", ops(withFile)}),
			http.StatusBadRequest, bad, "operations"},
		{"no map", formProbe(token, [2]string{"operations", ops(withFile)}), http.StatusBadRequest, bad, "map"},
		{"empty form", formProbe(token), http.StatusBadRequest, bad, "operations"},
		{"no boundary", probe{method: http.MethodPost, path: "/graphql", contentType: "multipart/form-data", body: []byte("x"), token: token},
			http.StatusBadRequest, bad, "body"},
		{"invalid UTF-8 in a document path", probe{method: http.MethodGet, path: "/documents/%FF%FE", token: token}, http.StatusBadRequest, bad, "path"},
		{"NUL in a document path", probe{method: http.MethodGet, path: "/documents/DC%00", token: token}, http.StatusBadRequest, bad, "path"},
		{"malformed document ID", probe{method: http.MethodGet, path: "/documents/not-an-id", token: token}, http.StatusNotFound, server.CodeNotFound, ""},
		{"invalid UTF-8 in an export name", probe{method: http.MethodGet, path: "/exports/%FF.csv", token: token}, http.StatusBadRequest, bad, "path"},
		{"NUL in an export parameter", probe{method: http.MethodGet, path: "/exports/cases.csv?communityID=CM%00", token: token}, http.StatusBadRequest, bad, "communityID"},
		{"invalid UTF-8 in an export parameter", probe{method: http.MethodGet, path: "/exports/trend.csv?key=%FF&year=2026&period=YEAR", token: token},
			http.StatusBadRequest, bad, "key"},
		{"malformed export query", probe{method: http.MethodGet, path: "/exports/cases.csv?communityID=%zz", token: token}, http.StatusBadRequest, bad, "query"},
		{"bad token bytes", probe{method: http.MethodPost, path: "/graphql", contentType: "application/json", token: "\xff\xfe",
			body: []byte(`{"query":"{ viewer { user { id } } }"}`)}, http.StatusUnauthorized, server.CodeUnauthenticated, ""},
	}
}

// conflictingCopies is n copies of one field with different arguments,
// each pair of them a conflict for the validator to report.
func conflictingCopies(n int) string {
	var b strings.Builder
	b.WriteString("{ ")
	for i := range n {
		fmt.Fprintf(&b, "families(first: %d) { totalCount } ", i%500)
	}
	return b.String() + "}"
}

// nestedNot is a filter of n nested nots.
func nestedNot(n int) map[string]any {
	w := map[string]any{}
	for range n {
		w = map[string]any{"not": w}
	}
	return w
}

func manyIDs(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = "a"
	}
	return ids
}

func hundredFiles() string {
	keys := make([]string, 100)
	for i := range keys {
		keys[i] = fmt.Sprintf(`"%d":["variables.file"]`, i)
	}
	return "{" + strings.Join(keys, ",") + "}"
}

func manyFiles(n int) []filePart {
	files := make([]filePart, n)
	for i := range files {
		files[i] = filePart{fmt.Sprint(i), "scan.png"}
	}
	return files
}

func quoteJSON(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestHostileInputsGetCodedAnswersAndWriteNothing: each malformed request
// is answered, below 500, with its stable code (and the field at fault),
// and nothing is written. The server still serves afterwards.
func TestHostileInputsGetCodedAnswersAndWriteNothing(t *testing.T) {
	e := newEnv(t, server.Config{})
	token := e.login(demo.VinnytsiaChildrenServiceEmail)
	before := e.written(t)
	for _, tc := range hostileCases(token) {
		t.Run(tc.name, func(t *testing.T) {
			a := e.send(t, tc.probe)
			if a.status >= 500 || (tc.status != 0 && a.status != tc.status) {
				t.Errorf("status %d, want %d: %s", a.status, tc.status, a.body)
			}
			if a.decodeErr != nil {
				t.Fatalf("answer is not JSON (%v): %.200s", a.decodeErr, a.body)
			}
			if tc.code == "" {
				if c := a.code(); c == server.CodeInternal {
					t.Errorf("code %s: %s", c, a.body)
				}
				return
			}
			if a.code() != tc.code || (tc.field != "" && a.field() != tc.field) {
				t.Errorf("code %q field %q, want %q %q: %s", a.code(), a.field(), tc.code, tc.field, a.body)
			}
			for _, err := range a.errors {
				if _, ok := err.Extensions["code"].(string); !ok {
					t.Errorf("an error without a code: %s", a.body)
				}
			}
		})
	}
	if after := e.written(t); after != before {
		t.Errorf("hostile input wrote something: %v → %v", before, after)
	}
	// The same shapes, well formed, still go through.
	upload := `mutation($id: ID!, $file: Upload!) { uploadDocument(input: {caseID: $id, kind: SCAN, title: "T", file: $file}) { id } }`
	ops := `{"query":` + quoteJSON(upload) + `,"variables":{"id":"` + string(fx[own].Case) + `","file":null}}`
	if a := e.send(t, multipartProbe(token, ops, `{"0":["variables.file"]}`, filePart{"0", "скан.png"})); a.status != http.StatusOK || len(a.errors) > 0 {
		t.Errorf("a well-formed upload: %d %s", a.status, a.body)
	}
	if a := e.send(t, gqlPost(token, `{ notifications(last: 1) { totalCount } }`, nil)); len(a.errors) > 0 {
		t.Errorf("after the hostile inputs: %s", a.body)
	}
}

// written counts the rows that a request which got through would add.
func (e *env) written(t testing.TB) string {
	t.Helper()
	var n [7]int
	if err := e.db.QueryRow(`SELECT (SELECT count(*) FROM persons), (SELECT count(*) FROM families), (SELECT count(*) FROM reports),
		(SELECT count(*) FROM documents), (SELECT count(*) FROM case_files), (SELECT count(*) FROM sessions),
		(SELECT count(*) FROM login_attempts)`).Scan(&n[0], &n[1], &n[2], &n[3], &n[4], &n[5], &n[6]); err != nil {
		t.Fatal(err)
	}
	return fmt.Sprint(n)
}
