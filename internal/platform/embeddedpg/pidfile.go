package embeddedpg

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// removeStalePID deletes the lock file a crashed or killed server left
// behind. postgres itself only ignores it when the pid is dead, but after a
// container or machine restart pids start over and the old pid often names
// some other program, which would make postgres refuse to start. A pid that
// is alive and is a postgres is left alone: postgres then refuses, which is
// right if the cluster really is running.
func removeStalePID(pgdata string) {
	path := filepath.Join(pgdata, "postmaster.pid")
	b, err := os.ReadFile(path)
	if err != nil {
		return
	}
	var pid int
	if _, err := fmt.Sscan(strings.SplitN(string(b), "\n", 2)[0], &pid); err != nil || pid <= 0 {
		return
	}
	if !alive(pid) || !isPostgres(pid) {
		_ = os.Remove(path)
	}
}

// alive: EPERM means the process exists but belongs to someone else.
func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return !errors.Is(err, syscall.ESRCH)
}

// isPostgres reads the process name; without /proc (not Linux) it cannot
// tell and says yes, so a live server's lock file is never removed.
func isPostgres(pid int) bool {
	comm, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "comm"))
	if err != nil {
		return true
	}
	name := strings.TrimSpace(string(comm))
	return strings.HasPrefix(name, "postgres") || strings.HasPrefix(name, "postmaster")
}
