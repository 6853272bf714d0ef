package embeddedpg

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// removeStalePID deletes the lock file a crashed or killed server left
// behind, so the next start does not report a server that is long gone. A
// live pid is left alone: postgres then refuses, which is right if the
// cluster really is running.
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
	if err := syscall.Kill(pid, 0); errors.Is(err, syscall.ESRCH) {
		_ = os.Remove(path)
	}
}
