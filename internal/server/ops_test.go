package server_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/server"
)

const testMetricsToken = "metrics-token-for-the-scraper-0123456789"

// get fetches a path with the given headers.
func get(t *testing.T, url string, header http.Header) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func TestHealthReadinessAndMetrics(t *testing.T) {
	e := newEnv(t, server.Config{MetricsToken: testMetricsToken})
	e.do("", `{ viewer { user { id } } }`, nil)
	bearer := http.Header{"Authorization": {"Bearer " + testMetricsToken}}
	for path, want := range map[string]string{"/healthz": "ok", "/readyz": "ready", "/metrics": "turbota_request_duration_seconds"} {
		if status, body := get(t, e.url+path, bearer); status != http.StatusOK || !strings.Contains(body, want) {
			t.Errorf("%s: %d %.200s", path, status, body)
		}
	}
	// Health and readiness reveal nothing: they need no credential.
	for _, path := range []string{"/healthz", "/readyz"} {
		if status, _ := get(t, e.url+path, nil); status != http.StatusOK {
			t.Errorf("%s without a token: %d", path, status)
		}
	}
	// The operator reads the runtime's profiles with the same token; the
	// command line (the process's flags) and traces are not served.
	for path, want := range map[string]int{"/debug/pprof/heap": http.StatusOK, "/debug/pprof/goroutine": http.StatusOK,
		"/debug/pprof/cmdline": http.StatusNotFound, "/debug/pprof/": http.StatusNotFound, "/debug/pprof/nothing": http.StatusNotFound} {
		if status, _ := get(t, e.url+path, bearer); status != want {
			t.Errorf("%s: %d, want %d", path, status, want)
		}
	}
}

// /metrics names operations, pools and the runtime, and /debug/pprof the
// server's code: only the scraper with
// its own token reads it, and a user's session token is not that.
func TestMetricsNeedTheirToken(t *testing.T) {
	e := newEnv(t, server.Config{MetricsToken: testMetricsToken})
	session := e.login(demo.VinnytsiaChildrenServiceEmail)
	for name, h := range map[string]http.Header{
		"none":           nil,
		"wrong token":    {"Authorization": {"Bearer " + testMetricsToken + "x"}},
		"prefix":         {"Authorization": {"Bearer " + testMetricsToken[:10]}},
		"user session":   {"Authorization": {"Bearer " + session}},
		"not a bearer":   {"Authorization": {"Basic " + testMetricsToken}},
		"session cookie": {"Cookie": {"turbota_session=" + session}},
	} {
		for _, path := range []string{"/metrics", "/debug/pprof/heap"} {
			status, body := get(t, e.url+path, h)
			if status != http.StatusUnauthorized || strings.Contains(body, "go_goroutines") {
				t.Errorf("%s, %s: %d %.200s", path, name, status, body)
			}
		}
	}
}

// Without a configured token there is no /metrics at all.
func TestMetricsOffWithoutToken(t *testing.T) {
	e := newEnv(t, server.Config{})
	for _, h := range []http.Header{nil, {"Authorization": {"Bearer "}}, {"Authorization": {"Bearer x"}}} {
		for _, path := range []string{"/metrics", "/debug/pprof/heap"} {
			if status, body := get(t, e.url+path, h); status != http.StatusNotFound || strings.Contains(body, "go_goroutines") {
				t.Errorf("%s without a configured token: %d %.200s", path, status, body)
			}
		}
	}
}
