package server_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/turbota/turbota/server"
)

func TestHealthReadinessAndMetrics(t *testing.T) {
	e := newEnv(t, server.Config{})
	e.do("", `{ viewer { user { id } } }`, nil)
	for path, want := range map[string]string{"/healthz": "ok", "/readyz": "ready", "/metrics": "turbota_request_duration_seconds"} {
		resp, err := http.Get(e.url + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), want) {
			t.Errorf("%s: %d %.200s", path, resp.StatusCode, body)
		}
	}
}
