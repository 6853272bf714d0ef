package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"strings"
	"testing"

	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/server"
)

// The fuzz targets below send whatever they are given to one entry point
// of a real server on a real database, signed in, and check that the
// answer is an answer: no panic, nothing at or above 500, every error with
// a stable code, and an end (hangGuard). Their seed corpora, the hostile
// inputs that once hung, crashed or reached PostgreSQL, live in
// testdata/fuzz and run with the suite; go test -fuzz=FuzzGraphQLBody
// ./server/ explores further.

// stableCodes are the codes a malformed request may get; INTERNAL is a bug.
var stableCodes = map[string]bool{
	server.CodeUnauthenticated: true, server.CodeForbidden: true, server.CodeNotFound: true,
	server.CodeBadUserInput: true, server.CodeConflict: true, server.CodeRateLimited: true,
	"TIMEOUT": true, "UNAVAILABLE": true,
}

// noRedirects sees redirects (the router cleaning a path) as answers.
var noRedirects = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// fuzzEnv is one server for all the inputs of a fuzz target, with the
// token of a user who may reach the code under test.
func fuzzEnv(f *testing.F, email string) (*env, string) {
	f.Helper()
	e := newEnv(f, server.Config{})
	return e, e.login(email)
}

// sendRaw sends a request built by the target and checks the answer.
func (e *env) sendRaw(t *testing.T, req *http.Request, token string, wantJSON bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(req.Context(), hangGuard)
	defer cancel()
	req = req.WithContext(ctx)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := noRedirects.Do(req)
	if err != nil {
		t.Fatalf("no answer: %v", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading the answer: %v", err)
	}
	checkAnswer(t, resp.StatusCode, body, wantJSON || resp.StatusCode >= 400)
}

// checkAnswer: below 500, and a JSON answer whose errors all carry a
// stable code.
func checkAnswer(t *testing.T, status int, body []byte, wantJSON bool) {
	t.Helper()
	if status >= 500 {
		t.Fatalf("status %d: %.300s", status, body)
	}
	if !wantJSON || (status >= 300 && status < 400) {
		return
	}
	var a struct {
		Errors []struct {
			Extensions map[string]any `json:"extensions"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(body, &a); err != nil {
		t.Fatalf("status %d, the answer is not JSON (%v): %.300s", status, err, body)
	}
	for _, e := range a.Errors {
		if c, _ := e.Extensions["code"].(string); !stableCodes[c] {
			t.Fatalf("status %d, error code %q: %.300s", status, c, body)
		}
	}
}

// escapeAll percent-encodes every byte but letters and digits, so that
// the server decodes exactly the bytes given.
func escapeAll(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9') {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// escapeQuery keeps a query string as given (malformed escapes
// included) but encodes what could not travel in a request line.
func escapeQuery(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || c == '#' {
			fmt.Fprintf(&b, "%%%02X", c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// FuzzGraphQLBody: any body POSTed to /graphql as JSON.
func FuzzGraphQLBody(f *testing.F) {
	e, token := fuzzEnv(f, demo.VinnytsiaChildrenServiceEmail)
	c := fx[own]
	for _, vars := range []map[string]any{
		{"input": map[string]any{"communityID": c.Community, "name": "Коваль\x00"}},
		{"input": map[string]any{"communityID": c.Community, "name": strings.Repeat("Ї", 5000)}},
	} {
		body, _ := json.Marshal(map[string]any{"query": `mutation($input: CreateFamilyInput!) { createFamily(input: $input) { id } }`, "variables": vars})
		f.Add(body)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		req, err := http.NewRequest(http.MethodPost, e.url+"/graphql", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		e.sendRaw(t, req, token, true)
	})
}

// FuzzMultipartMap: a GraphQL multipart request with any operations, map
// and file name; one file, under the key "0".
func FuzzMultipartMap(f *testing.F) {
	e, token := fuzzEnv(f, demo.VinnytsiaChildrenServiceEmail)
	upload := `mutation($id: ID!, $file: Upload!) { uploadDocument(input: {caseID: $id, kind: SCAN, title: "T", file: $file}) { id } }`
	ops := `{"query":` + quoteJSON(upload) + `,"variables":{"id":"` + string(fx[own].Case) + `","file":null}}`
	f.Add(ops, `{"0":["variables.file"]}`, "скан.png")
	f.Add(ops, `{"0":["variables.file","variables.file"]}`, "a.png")
	f.Add(ops, `{"0":["variables.file"]}`, "\xff\xfe.png")
	f.Fuzz(func(t *testing.T, operations, fileMap, fileName string) {
		var body bytes.Buffer
		w := multipart.NewWriter(&body)
		_ = w.WriteField("operations", operations)
		_ = w.WriteField("map", fileMap)
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", `form-data; name="0"; filename="`+strings.NewReplacer(`"`, `\"`, "\r", "", "\n", "").Replace(fileName)+`"`)
		h.Set("Content-Type", "image/png")
		pw, _ := w.CreatePart(h)
		_, _ = pw.Write(pngBytes)
		_ = w.Close()
		req, err := http.NewRequest(http.MethodPost, e.url+"/graphql", &body)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", w.FormDataContentType())
		e.sendRaw(t, req, token, true)
	})
}

// FuzzDocumentPath: any ID in /documents/{id}.
func FuzzDocumentPath(f *testing.F) {
	e, token := fuzzEnv(f, demo.VinnytsiaChildrenServiceEmail)
	f.Add(string(fx[own].Document))
	f.Add(string(fx[otherRegion].Document))
	f.Fuzz(func(t *testing.T, id string) {
		req, err := http.NewRequest(http.MethodGet, e.url+"/documents/"+escapeAll(id), nil)
		if err != nil {
			t.Skip("not a URL the client can send")
		}
		e.sendRaw(t, req, token, false)
	})
}

// FuzzExportQuery: any table name and query string under /exports/, as
// the regional supervisor, who may export the regional tables.
func FuzzExportQuery(f *testing.F) {
	e, token := fuzzEnv(f, demo.RegionalSupervisorEmail)
	f.Add("cases.csv", "communityID="+string(fx[own].Community))
	f.Add("servicemap.xlsx", "communityID="+string(fx[own].Community))
	f.Fuzz(func(t *testing.T, file, query string) {
		req, err := http.NewRequest(http.MethodGet, e.url+"/exports/"+escapeAll(file)+"?"+escapeQuery(query), nil)
		if err != nil {
			t.Skip("not a URL the client can send")
		}
		e.sendRaw(t, req, token, false)
	})
}
