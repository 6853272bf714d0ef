package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

const indexHTML = `<!doctype html><html lang="uk"><head><title>Турбота</title></head><body><div id="root"></div></body></html>`

func builtApp() fstest.MapFS {
	return fstest.MapFS{
		"index.html":              {Data: []byte(indexHTML)},
		"assets/index-Ab12Cd.js":  {Data: []byte("console.log('turbota')")},
		"assets/index-Ef34Gh.css": {Data: []byte("body{margin:0}")},
		"favicon.svg":             {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)},
	}
}

func get(t *testing.T, h http.Handler, target string) (*http.Response, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	res := rec.Result()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(body)
}

func TestHashedAssetsAreImmutable(t *testing.T) {
	h := newHandler(builtApp())
	for target, wantType := range map[string]string{
		"/assets/index-Ab12Cd.js":  "text/javascript",
		"/assets/index-Ef34Gh.css": "text/css",
	} {
		res, body := get(t, h, target)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", target, res.StatusCode)
		}
		if got := res.Header.Get("Cache-Control"); got != "public, max-age=31536000, immutable" {
			t.Errorf("%s: Cache-Control %q", target, got)
		}
		if got := res.Header.Get("Content-Type"); !strings.HasPrefix(got, wantType) {
			t.Errorf("%s: Content-Type %q, want %s", target, got, wantType)
		}
		if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options %q", target, got)
		}
		if body == "" || strings.Contains(body, "<!doctype") {
			t.Errorf("%s: served %q", target, body)
		}
	}
}

func TestMissingAssetIsNotFoundNotIndex(t *testing.T) {
	res, body := get(t, newHandler(builtApp()), "/assets/index-gone.js")
	if res.StatusCode != http.StatusNotFound {
		t.Fatalf("status %d", res.StatusCode)
	}
	if strings.Contains(body, "root") {
		t.Errorf("a missing asset must not answer with index.html: %q", body)
	}
	if got := res.Header.Get("Cache-Control"); strings.Contains(got, "immutable") {
		t.Errorf("a 404 must not be cached for a year: %q", got)
	}
}

func TestIndexAndClientRoutesRevalidate(t *testing.T) {
	h := newHandler(builtApp())
	for _, target := range []string{"/", "/login", "/security/totp", "/communities/CM123?tab=roles"} {
		res, body := get(t, h, target)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", target, res.StatusCode)
		}
		if body != indexHTML {
			t.Errorf("%s: body %q, want index.html", target, body)
		}
		if got := res.Header.Get("Cache-Control"); got != "no-cache" {
			t.Errorf("%s: Cache-Control %q", target, got)
		}
		if got := res.Header.Get("Content-Type"); !strings.HasPrefix(got, "text/html") {
			t.Errorf("%s: Content-Type %q", target, got)
		}
		if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options %q", target, got)
		}
	}
}

func TestTraversalIsRefused(t *testing.T) {
	res, body := get(t, newHandler(builtApp()), "/../../etc/passwd")
	if res.StatusCode != http.StatusBadRequest && body != indexHTML {
		t.Fatalf("status %d body %q", res.StatusCode, body)
	}
}

func TestOtherFilesAreServedWithTheirType(t *testing.T) {
	res, body := get(t, newHandler(builtApp()), "/favicon.svg")
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "<svg") {
		t.Fatalf("status %d body %q", res.StatusCode, body)
	}
	if got := res.Header.Get("Content-Type"); !strings.HasPrefix(got, "image/svg+xml") {
		t.Errorf("Content-Type %q", got)
	}
	if got := res.Header.Get("Cache-Control"); got != "no-cache" {
		t.Errorf("Cache-Control %q", got)
	}
}

func TestNotBuiltAnswers503(t *testing.T) {
	h := newHandler(fstest.MapFS{})
	for _, target := range []string{"/", "/login", "/assets/index-Ab12Cd.js"} {
		res, body := get(t, h, target)
		if res.StatusCode != http.StatusServiceUnavailable {
			t.Fatalf("%s: status %d", target, res.StatusCode)
		}
		if !strings.Contains(body, "not built") || !strings.Contains(body, "make web") {
			t.Errorf("%s: body %q", target, body)
		}
		if got := res.Header.Get("Content-Type"); !strings.HasPrefix(got, "text/plain") {
			t.Errorf("%s: Content-Type %q", target, got)
		}
		if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options %q", target, got)
		}
	}
}

// The embedded build works whether or not `make web` ran before `go build`.
func TestEmbeddedHandlerAnswers(t *testing.T) {
	res, _ := get(t, Handler(nil), "/")
	if res.StatusCode != http.StatusOK && res.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("status %d", res.StatusCode)
	}
}

func withRequest(t *testing.T, h http.Handler, req *http.Request) (*http.Response, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(body)
}

// A build with compressed copies and the preload list that vite.config.ts writes.
func builtAppWithExtras() fstest.MapFS {
	app := builtApp()
	app["assets/index-Ab12Cd.js.br"] = &fstest.MapFile{Data: []byte("BROTLI")}
	app["assets/index-Ab12Cd.js.gz"] = &fstest.MapFile{Data: []byte("GZIP")}
	app["assets/index-Ef34Gh.css.gz"] = &fstest.MapFile{Data: []byte("GZIP-CSS")}
	app["preload.json"] = &fstest.MapFile{Data: []byte(`[
		{"path": "/cases", "scripts": ["/assets/CasesPage-1.js"], "styles": []},
		{"path": "/cases/:id/*", "scripts": ["/assets/CasePage-2.js", "/assets/dates-3.js"], "styles": ["/assets/dates-4.css"]},
		{"path": "/reports/new", "scripts": ["/assets/ReportPage-5.js"], "styles": []},
		{"path": "/reports", "scripts": ["/assets/ReportsPage-6.js"], "styles": []},
		{"path": "/admin/*", "scripts": ["/assets/AdminPage-7.js"], "styles": []}
	]`)}
	return app
}

func TestCompressedCopiesGoToBrowsersThatTakeThem(t *testing.T) {
	h := newHandler(builtAppWithExtras())
	for _, tc := range []struct{ target, accept, encoding, body, contentType string }{
		{"/assets/index-Ab12Cd.js", "gzip, deflate, br, zstd", "br", "BROTLI", "text/javascript"},
		{"/assets/index-Ab12Cd.js", "gzip", "gzip", "GZIP", "text/javascript"},
		{"/assets/index-Ab12Cd.js", "br;q=0, gzip;q=0.8", "gzip", "GZIP", "text/javascript"},
		{"/assets/index-Ab12Cd.js", "", "", "console.log('turbota')", "text/javascript"},
		{"/assets/index-Ab12Cd.js", "identity", "", "console.log('turbota')", "text/javascript"},
		{"/assets/index-Ef34Gh.css", "br, gzip", "gzip", "GZIP-CSS", "text/css"},
	} {
		req := httptest.NewRequest(http.MethodGet, tc.target, nil)
		if tc.accept != "" {
			req.Header.Set("Accept-Encoding", tc.accept)
		}
		res, body := withRequest(t, h, req)
		if res.StatusCode != http.StatusOK || body != tc.body {
			t.Errorf("%s (%q): status %d body %q, want %q", tc.target, tc.accept, res.StatusCode, body, tc.body)
		}
		if got := res.Header.Get("Content-Encoding"); got != tc.encoding {
			t.Errorf("%s (%q): Content-Encoding %q, want %q", tc.target, tc.accept, got, tc.encoding)
		}
		if got := res.Header.Get("Content-Type"); !strings.HasPrefix(got, tc.contentType) {
			t.Errorf("%s (%q): Content-Type %q", tc.target, tc.accept, got)
		}
		if got := res.Header.Values("Vary"); len(got) != 1 || got[0] != "Accept-Encoding" {
			t.Errorf("%s (%q): Vary %q", tc.target, tc.accept, got)
		}
		if got := res.Header.Get("Cache-Control"); got != "public, max-age=31536000, immutable" {
			t.Errorf("%s (%q): Cache-Control %q", tc.target, tc.accept, got)
		}
	}
}

func TestVaryIsNotRepeated(t *testing.T) {
	h := newHandler(builtAppWithExtras())
	rec := httptest.NewRecorder()
	rec.Header().Add("Vary", "Accept-Encoding") // as a compressing middleware does
	req := httptest.NewRequest(http.MethodGet, "/assets/index-Ab12Cd.js", nil)
	req.Header.Set("Accept-Encoding", "br")
	h.ServeHTTP(rec, req)
	if got := rec.Result().Header.Values("Vary"); len(got) != 1 {
		t.Errorf("Vary %q", got)
	}
}

func TestCompressedCopiesAreNotServedByName(t *testing.T) {
	h := newHandler(builtAppWithExtras())
	for _, target := range []string{"/assets/index-Ab12Cd.js.br", "/assets/index-Ab12Cd.js.gz"} {
		if res, _ := get(t, h, target); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d", target, res.StatusCode)
		}
	}
}

func TestIndexNamesTheChunksOfTheRoutesPage(t *testing.T) {
	h := newHandler(builtAppWithExtras())
	for _, tc := range []struct {
		target string
		want   []string
		not    []string
	}{
		{"/cases/CS01ABC", []string{`<link rel="modulepreload" crossorigin href="/assets/CasePage-2.js">`, `href="/assets/dates-3.js"`, `<link rel="stylesheet" crossorigin href="/assets/dates-4.css">`}, []string{"CasesPage"}},
		{"/cases/CS01ABC/plan", []string{"CasePage-2.js"}, []string{"CasesPage"}},
		{"/cases", []string{"CasesPage-1.js"}, []string{"CasePage-2"}},
		{"/cases/", []string{"CasesPage-1.js"}, []string{"CasePage-2"}},
		{"/reports/new", []string{"ReportPage-5.js"}, []string{"ReportsPage"}},
		{"/reports", []string{"ReportsPage-6.js"}, []string{"ReportPage-5"}},
		{"/admin", []string{"AdminPage-7.js"}, nil},
		{"/admin/organizations", []string{"AdminPage-7.js"}, nil},
		{"/login", nil, []string{"modulepreload"}},
		{"/nowhere/at/all", nil, []string{"modulepreload"}},
	} {
		res, body := get(t, h, tc.target)
		if res.StatusCode != http.StatusOK || !strings.Contains(body, `<div id="root">`) {
			t.Fatalf("%s: status %d body %q", tc.target, res.StatusCode, body)
		}
		if !strings.Contains(body, "</head>") || strings.Index(body, "modulepreload") > strings.Index(body, "</head>") {
			t.Errorf("%s: links outside the head: %q", tc.target, body)
		}
		for _, w := range tc.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: no %q in %q", tc.target, w, body)
			}
		}
		for _, n := range tc.not {
			if strings.Contains(body, n) {
				t.Errorf("%s: %q in %q", tc.target, n, body)
			}
		}
		if got := res.Header.Get("Cache-Control"); got != "no-cache" {
			t.Errorf("%s: Cache-Control %q", tc.target, got)
		}
	}
}

func TestBrokenPreloadListLeavesThePlainIndex(t *testing.T) {
	app := builtApp()
	app["preload.json"] = &fstest.MapFile{Data: []byte(`{not json`)}
	res, body := get(t, newHandler(app), "/cases/CS01ABC")
	if res.StatusCode != http.StatusOK || body != indexHTML {
		t.Fatalf("status %d body %q", res.StatusCode, body)
	}
}
