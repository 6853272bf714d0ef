package tenant_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// rawBypass is a decision handed to ent privacy by hand, which only
// tenant.Bypass may do: anywhere else it would be an unnamed way past the
// privacy policies.
var rawBypass = regexp.MustCompile(`privacy\.DecisionContext\(`)

// TestOnlyBypassPassesThePrivacyPolicies fails when written code (tests
// included; ent's generated code not) decides past the privacy policies
// other than through tenant.Bypass, which names its step.
func TestOnlyBypassPassesThePrivacyPolicies(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		generated := strings.HasPrefix(rel, "ent/") && !strings.HasPrefix(rel, "ent/schema/")
		if !strings.HasSuffix(rel, ".go") || generated || rel == "tenant/system.go" || rel == "tenant/bypass_guard_test.go" {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		checked++
		for i, line := range strings.Split(string(src), "\n") {
			if rawBypass.MatchString(line) {
				t.Errorf("%s:%d passes the privacy policies by hand; use tenant.Bypass(ctx, step), naming the step", rel, i+1)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 100 {
		t.Fatalf("only %d files checked: is the walk rooted at the module?", checked)
	}
}
