package server_test

import (
	"strings"
	"testing"

	"github.com/turbota/turbota/internal/demo"
)

// TestLogsHoldNoPersonalData runs last in the package (file order; no test
// here is parallel at the top level): by then every other test has run its
// requests, and none of the demo people's names, nor any staff name or email,
// may appear in what the servers logged.
func TestLogsHoldNoPersonalData(t *testing.T) {
	text := logs.String()
	if len(text) < 1000 {
		t.Fatalf("suspiciously little was logged (%d bytes): did the other tests run?", len(text))
	}
	check := append(append(demo.AllPersonNames(), demo.StaffNames()...), demo.Emails()...)
	for _, name := range check {
		if len([]rune(name)) < 3 {
			continue
		}
		if strings.Contains(text, name) {
			t.Errorf("the logs contain %q", name)
		}
	}
	for _, secret := range []string{"tbs_", "tba_", demo.DefaultPassword} {
		if strings.Contains(text, secret) {
			t.Errorf("the logs contain a credential (%q)", secret)
		}
	}
}
