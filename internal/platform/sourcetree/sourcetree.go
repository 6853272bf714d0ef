// Package sourcetree walks the module's own Go files for the guard tests
// that hold the codebase to its rules wherever new code is added: the time
// comes from the clock (clock), the privacy policies are passed only by the
// named bypass (tenant), and decisions are taken only in the policies (authz).
package sourcetree

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// File is one Go file of the module.
type File struct {
	Rel  string // slash-separated, from the module root
	Path string
	// Test is a _test.go file; Generated is code a generator wrote (ent
	// outside its schema, gqlgen's executor and models, genqlient's client).
	Test, Generated bool
}

// Walk calls visit with every Go file of the module, outside hidden
// folders, node_modules and testdata, and fails the test when it finds
// fewer than a hundred (a walk rooted in the wrong place).
func Walk(t testing.TB, visit func(File)) {
	t.Helper()
	root := moduleRoot(t)
	n := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if name := d.Name(); rel != "." && (strings.HasPrefix(name, ".") || name == "node_modules" || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(rel, ".go") {
			return nil
		}
		n++
		visit(File{Rel: rel, Path: path, Test: strings.HasSuffix(rel, "_test.go"), Generated: generated(rel)})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 100 {
		t.Fatalf("only %d Go files under %s: is the walk rooted at the module?", n, root)
	}
}

// generated: ent's code but its schema and the generator's configuration,
// gqlgen's executor and models, genqlient's client.
func generated(rel string) bool {
	return strings.HasPrefix(rel, "ent/") && !strings.HasPrefix(rel, "ent/schema/") && rel != "ent/entc.go" ||
		strings.HasPrefix(rel, "graph/generated/") || rel == "graph/model/models_gen.go" ||
		strings.HasSuffix(rel, "/generated.go")
}

// moduleRoot is the folder of go.mod, above the test's package folder.
func moduleRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = parent
	}
}
