package main

import (
	"fmt"
	"go/format"
	"os"
	"strings"
)

// A change is one edit of the written executor. Each checks that the code
// it edits is there (and that nothing it relies on is), so that a gqlgen
// upgrade that writes something else stops the generation instead of
// leaving the executor half edited.
type change func(src string) (string, error)

// rewrite applies changes to the executor at path and formats it.
func rewrite(path string, changes ...change) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	src := string(b)
	for _, c := range changes {
		if src, err = c(src); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	out, err := format.Source([]byte(src))
	if err != nil {
		return err
	}
	return os.WriteFile(path, out, 0o644)
}

// replaceAll replaces every old by new, and fails when there is none.
func replaceAll(src, old, new string) (string, error) {
	if !strings.Contains(src, old) {
		return "", fmt.Errorf("%q not found: gqlgen writes its executor differently now", old)
	}
	return strings.ReplaceAll(src, old, new), nil
}
