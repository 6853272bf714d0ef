package embeddedpg_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/turbota/turbota/internal/platform/embeddedpg"
)

// TestStartStopRestartKeepsData also covers the way back from a crash: an
// initdb killed half-way and a lock file naming a pid that is now some
// other program (pids start over after a container restart).
func TestStartStopRestartKeepsData(t *testing.T) {
	t.Parallel()
	opts := options(t)
	scratch := filepath.Join(opts.DataDir, "pgdata.initdb")
	if err := os.MkdirAll(scratch, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(scratch, "PG_VERSION"), []byte("15\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cl := start(t, opts)
	if got := queryInt(t, cl.DSN("postgres"), "SELECT 1"); got != 1 {
		t.Fatalf("select 1 = %d", got)
	}
	execSQL(t, cl.DSN("postgres"), "CREATE TABLE kept (x int); INSERT INTO kept VALUES (42)")
	stop(t, cl)

	pgdata := filepath.Join(opts.DataDir, "pgdata")
	// Some other program of the server's user now has the old pid. (One of
	// another user's would not count: postgres ignores pids it may not signal.)
	other := exec.Command("sleep", "60")
	other.SysProcAttr = &syscall.SysProcAttr{Credential: ownerOf(t, pgdata)}
	if err := other.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = other.Process.Kill(); _ = other.Wait() }()
	stale := strconv.Itoa(other.Process.Pid) + "\n" + pgdata + "\n"
	writeAs(t, ownerOf(t, pgdata), filepath.Join(pgdata, "postmaster.pid"), stale)
	cl = start(t, opts)
	defer stop(t, cl)
	if got := queryInt(t, cl.DSN("postgres"), "SELECT x FROM kept"); got != 42 {
		t.Fatalf("after restart kept.x = %d, want 42", got)
	}
}

// TestServerDiesWithParent kills a process that started a cluster, as a
// crash or kill -9 would, and expects the server to go away with it.
func TestServerDiesWithParent(t *testing.T) {
	t.Parallel()
	opts := options(t)
	helper := exec.Command(os.Args[0], "-test.run=^TestHelperStartsCluster$")
	helper.Env = append(os.Environ(), helperEnv+"="+opts.DataDir)
	out, err := helper.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := helper.Start(); err != nil {
		t.Fatal(err)
	}
	var pid int
	var sockDir string
	_, err = fmt.Fscanln(out, &pid, &sockDir)
	_ = helper.Process.Kill() // SIGKILL: no chance to call Stop
	_ = helper.Wait()
	if err != nil {
		t.Fatalf("helper did not start a cluster: %v", err)
	}
	// Stop never ran: tidy up what it would have, once the server is gone.
	defer os.Remove(sockDir)

	deadline := time.Now().Add(15 * time.Second)
	for running(pid) {
		if time.Now().After(deadline) {
			_ = syscall.Kill(pid, syscall.SIGKILL)
			t.Fatalf("postmaster %d outlived its parent", pid)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

const helperEnv = "EMBEDDEDPG_TEST_HELPER_DATA_DIR"

// TestHelperStartsCluster is TestServerDiesWithParent's child: it starts a
// cluster, prints the postmaster's pid and waits to be killed.
func TestHelperStartsCluster(t *testing.T) {
	dir := os.Getenv(helperEnv)
	if dir == "" {
		t.Skip("helper process for TestServerDiesWithParent")
	}
	start(t, embeddedpg.Options{DataDir: dir, Ephemeral: true, Log: zerolog.Nop()})
	b, err := os.ReadFile(filepath.Join(dir, "pgdata", "postmaster.pid"))
	if err != nil {
		t.Fatal(err)
	}
	// postmaster.pid: pid, data dir, start time, port, socket dir, ...
	lines := strings.Split(string(b), "\n")
	fmt.Println(lines[0], lines[4])
	time.Sleep(time.Minute)
}

// running treats a zombie as gone: after its parent dies the postmaster is
// re-parented, and a container's init may never reap it.
func running(pid int) bool {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return syscall.Kill(pid, 0) == nil
	}
	_, rest, _ := strings.Cut(string(stat), ") ")
	return !strings.HasPrefix(rest, "Z")
}

// ownerOf is who owns dir, the server's user, when we are root and it may
// differ from us; nil (ourselves) otherwise.
func ownerOf(t *testing.T, dir string) *syscall.Credential {
	t.Helper()
	if os.Geteuid() != 0 {
		return nil
	}
	st, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	sys := st.Sys().(*syscall.Stat_t)
	return &syscall.Credential{Uid: sys.Uid, Gid: sys.Gid}
}

// writeAs writes a file owned by who, as the server would have left it.
func writeAs(t *testing.T, who *syscall.Credential, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	if who == nil {
		return
	}
	if err := os.Lchown(path, int(who.Uid), int(who.Gid)); err != nil {
		t.Fatal(err)
	}
}

func options(t *testing.T) embeddedpg.Options {
	dir, err := os.MkdirTemp("/tmp", "turbota-epg-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	// As root the server runs as postgres, which must be able to enter it.
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return embeddedpg.Options{DataDir: filepath.Join(dir, "data"), Ephemeral: true, Log: zerolog.Nop()}
}

func start(t *testing.T, opts embeddedpg.Options) *embeddedpg.Cluster {
	t.Helper()
	cl, err := embeddedpg.Start(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return cl
}

func stop(t *testing.T, cl *embeddedpg.Cluster) {
	t.Helper()
	if err := cl.Stop(); err != nil {
		t.Fatal(err)
	}
}

func execSQL(t *testing.T, dsn, q string) {
	t.Helper()
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(q); err != nil {
		t.Fatal(err)
	}
}

func queryInt(t *testing.T, dsn, q string) int {
	t.Helper()
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(q).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
