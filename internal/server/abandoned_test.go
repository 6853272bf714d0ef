package server_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/server"
)

// A client that goes away while its mutation waits (here behind a row
// lock) leaves nothing written, and the server says so at info: the
// rolled-back transaction is not an internal error.
func TestAbandonedRequestIsNotAnInternalError(t *testing.T) {
	e := newEnv(t, server.Config{})
	token := e.login(demo.VinnytsiaChildrenServiceEmail)
	family := fx[own].Family
	lock, err := e.db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Rollback() //nolint:errcheck
	if _, err := lock.Exec(`SELECT 1 FROM families WHERE id = $1 FOR UPDATE`, family); err != nil {
		t.Fatal(err)
	}
	body, _ := json.Marshal(map[string]any{"query": `mutation AbandonedRename($id: ID!) { updateFamily(id: $id, input: {name: "Abandoned"}) { id } }`,
		"variables": map[string]any{"id": family}, "operationName": "AbandonedRename"})
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, e.url+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("the mutation answered %d while its row was locked", resp.StatusCode)
	}
	_ = lock.Rollback()
	lines := requestLines(t, "AbandonedRename")
	var wentAway bool
	for _, l := range lines {
		if l["level"] == "error" {
			t.Errorf("logged at error: %v", l)
		}
		wentAway = wentAway || strings.Contains(l["message"].(string), "went away")
	}
	if !wentAway {
		t.Errorf("the log does not say the client went away: %v", lines)
	}
	var name string
	if err := e.db.QueryRow(`SELECT name FROM families WHERE id = $1`, family).Scan(&name); err != nil || name == "Abandoned" {
		t.Errorf("the abandoned rename was written: %q %v", name, err)
	}
}

// requestLines waits for the request log line of the operation and returns
// every line logged under its request ID.
func requestLines(t *testing.T, operation string) []map[string]any {
	t.Helper()
	deadline := clock.Now().Add(15 * time.Second)
	for clock.Now().Before(deadline) {
		var id string
		var all []map[string]any
		s := bufio.NewScanner(strings.NewReader(logs.String()))
		s.Buffer(make([]byte, 1<<20), 1<<20)
		for s.Scan() {
			var l map[string]any
			if json.Unmarshal(s.Bytes(), &l) == nil {
				all = append(all, l)
				if l["operation"] == operation && l["message"] == "request" {
					id, _ = l["request_id"].(string)
				}
			}
		}
		if id != "" {
			var out []map[string]any
			for _, l := range all {
				if l["request_id"] == id {
					out = append(out, l)
				}
			}
			return out
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("no request line for %s", operation)
	return nil
}
