package testdb

import (
	"os"
	"path/filepath"
	"time"
)

// A test binary that panics or is killed by go test's -timeout never runs
// Main's cleanup: its server dies with it (Pdeathsig) but its directories
// stay. Each run clears what earlier ones left: a data dir with no running
// postmaster (no postmaster.pid) and an empty socket dir, both old enough
// that no concurrent run can still be setting them up.
const sweepAge = 10 * time.Minute

func sweepLeftovers() {
	old := time.Now().Add(-sweepAge)
	dataDirs, _ := filepath.Glob("/tmp/turbota-test-*")
	for _, dir := range dataDirs {
		if olderThan(dir, old) && !exists(filepath.Join(dir, "pgdata", "postmaster.pid")) {
			_ = os.RemoveAll(dir)
		}
	}
	sockDirs, _ := filepath.Glob("/tmp/tpg*")
	for _, dir := range sockDirs {
		if olderThan(dir, old) {
			_ = os.Remove(dir) // only succeeds when empty, i.e. no live socket
		}
	}
}

func olderThan(path string, t time.Time) bool {
	st, err := os.Lstat(path)
	return err == nil && st.IsDir() && st.ModTime().Before(t)
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
