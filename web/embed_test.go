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
	res, _ := get(t, Handler(), "/")
	if res.StatusCode != http.StatusOK && res.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("status %d", res.StatusCode)
	}
}
