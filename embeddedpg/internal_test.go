package embeddedpg

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestRemoveStalePIDKeepsLiveOne(t *testing.T) {
	dir := t.TempDir()
	pidFile := filepath.Join(dir, "postmaster.pid")
	if err := os.WriteFile(pidFile, []byte(strconv.Itoa(os.Getpid())+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	removeStalePID(dir)
	if _, err := os.Stat(pidFile); err != nil {
		t.Fatalf("lock file of a live process was removed: %v", err)
	}
}

func TestUnreachableDataDirIsNamed(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("the server only changes user when run as root")
	}
	acct, err := serverAccount()
	if err != nil {
		t.Fatal(err)
	}
	closed := t.TempDir() // 0700, owned by root
	if err := os.Chmod(closed, 0o700); err != nil {
		t.Fatal(err)
	}
	err = acct.canReach(filepath.Join(closed, "data"))
	if err == nil || !strings.Contains(err.Error(), closed) {
		t.Fatalf("want an error naming %s, got %v", closed, err)
	}
}
