package embeddedpg

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestRemoveStalePID(t *testing.T) {
	// A live process that calls itself postgres, like a running postmaster.
	sleep, err := exec.LookPath("sleep")
	if err != nil {
		t.Skip("no sleep binary")
	}
	fake := filepath.Join(t.TempDir(), "postgres")
	if err := os.Symlink(sleep, fake); err != nil {
		t.Fatal(err)
	}
	server := exec.Command(fake, "60")
	if err := server.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = server.Process.Kill(); _ = server.Wait() }()

	dead := exec.Command(sleep, "0")
	if err := dead.Run(); err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		name string
		pid  int
		kept bool
	}{
		{"live postgres", server.Process.Pid, true},
		{"dead process", dead.ProcessState.Pid(), false},
		// After a restart the old pid may name another program entirely.
		{"live other program", os.Getpid(), false},
	} {
		dir := t.TempDir()
		pidFile := filepath.Join(dir, "postmaster.pid")
		if err := os.WriteFile(pidFile, []byte(strconv.Itoa(tc.pid)+"\n"+dir+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		removeStalePID(dir)
		if _, err := os.Stat(pidFile); (err == nil) != tc.kept {
			t.Errorf("%s: lock file kept = %v, want %v", tc.name, err == nil, tc.kept)
		}
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
