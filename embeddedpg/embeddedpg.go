// Package embeddedpg runs a private PostgreSQL cluster as a child process:
// the server's embedded default and the test harness's throwaway database.
// It uses the machine's own PostgreSQL binaries and listens only on a Unix
// socket, so it never meets a system server on port 5432.
package embeddedpg

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	_ "github.com/lib/pq" // the driver the readiness probe uses
	"github.com/rs/zerolog"
)

// Options configure a cluster.
type Options struct {
	DataDir   string // the cluster lives in DataDir/pgdata, its log in DataDir/postgres.log
	BinDir    string // PostgreSQL binaries; found automatically when empty
	Superuser string // default "turbota"
	Log       zerolog.Logger
	// Ephemeral trades durability for speed, for tests.
	Ephemeral bool
}

// Cluster is a running PostgreSQL.
type Cluster struct {
	opts    Options
	sockDir string
	cmd     *exec.Cmd
	done    chan error
	owner   *account
}

const port = 5432 // only names the socket file: there is no TCP listener

// Start initialises the cluster if needed and starts it.
func Start(ctx context.Context, opts Options) (*Cluster, error) {
	if opts.Superuser == "" {
		opts.Superuser = "turbota"
	}
	bin, err := findBinDir(opts.BinDir)
	if err != nil {
		return nil, err
	}
	opts.BinDir = bin
	owner, err := serverAccount()
	if err != nil {
		return nil, err
	}
	c := &Cluster{opts: opts, owner: owner}
	if err := c.prepareDirs(); err != nil {
		return nil, err
	}
	if err := c.initdb(ctx); err != nil {
		return nil, err
	}
	if err := c.start(ctx); err != nil {
		return nil, err
	}
	return c, nil
}

func (c *Cluster) pgdata() string  { return filepath.Join(c.opts.DataDir, "pgdata") }
func (c *Cluster) logPath() string { return filepath.Join(c.opts.DataDir, "postgres.log") }

// DSN is a lib/pq connection string for a database of the cluster.
func (c *Cluster) DSN(dbname string) string {
	return fmt.Sprintf("host=%s port=%d user=%s dbname=%s sslmode=disable", c.sockDir, port, c.opts.Superuser, dbname)
}

// URL is the same as a URL, as Atlas tooling wants it.
func (c *Cluster) URL(dbname string) string {
	return fmt.Sprintf("postgres://%s@/%s?host=%s&port=%d&sslmode=disable", c.opts.Superuser, dbname, c.sockDir, port)
}

func (c *Cluster) prepareDirs() error {
	if err := os.MkdirAll(c.opts.DataDir, 0o755); err != nil {
		return fmt.Errorf("create data dir: %w", err)
	}
	if err := c.owner.canReach(c.opts.DataDir); err != nil {
		return err
	}
	sock, err := os.MkdirTemp("", "tpg")
	if err != nil {
		return err
	}
	c.sockDir = sock
	for _, dir := range []string{c.opts.DataDir, sock} {
		if err := c.owner.chown(dir); err != nil {
			return err
		}
	}
	return nil
}

func (c *Cluster) initdb(ctx context.Context) error {
	if _, err := os.Stat(filepath.Join(c.pgdata(), "PG_VERSION")); err == nil {
		return nil
	}
	start := time.Now()
	args := []string{"-D", c.pgdata(), "-A", "trust", "-U", c.opts.Superuser, "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"}
	if c.opts.Ephemeral {
		args = append(args, "--no-sync")
	}
	out, err := c.command(ctx, "initdb", args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("initdb: %w: %s", err, strings.TrimSpace(string(out)))
	}
	c.opts.Log.Info().Dur("took", time.Since(start)).Msg("initialised embedded PostgreSQL")
	return nil
}

func (c *Cluster) start(ctx context.Context) error {
	removeStalePID(c.pgdata())
	logFile, err := os.OpenFile(c.logPath(), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	defer logFile.Close()
	if err := c.owner.chown(c.logPath()); err != nil {
		return err
	}
	cmd := c.command(context.WithoutCancel(ctx), "postgres", c.serverArgs()...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	// Die with us, and keep a terminal's Ctrl-C for us to handle: we stop
	// the server cleanly ourselves.
	cmd.SysProcAttr.Pdeathsig = syscall.SIGINT
	cmd.SysProcAttr.Setpgid = true
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start postgres: %w", err)
	}
	c.cmd, c.done = cmd, make(chan error, 1)
	go func() { c.done <- cmd.Wait() }()
	return c.waitReady(ctx)
}

func (c *Cluster) serverArgs() []string {
	args := []string{"-D", c.pgdata(), "-k", c.sockDir, "-p", fmt.Sprint(port),
		"-c", "listen_addresses=", "-c", "max_connections=200", "-c", "unix_socket_permissions=0770"}
	if c.opts.Ephemeral {
		args = append(args, "-c", "fsync=off", "-c", "synchronous_commit=off",
			"-c", "full_page_writes=off", "-c", "shared_buffers=32MB")
	}
	return args
}

// waitReady polls until the server accepts connections.
func (c *Cluster) waitReady(ctx context.Context) error {
	deadline := time.Now().Add(30 * time.Second)
	for {
		db, err := sql.Open("postgres", c.DSN("postgres"))
		if err == nil {
			err = db.PingContext(ctx)
			db.Close()
		}
		if err == nil {
			return nil
		}
		select {
		case werr := <-c.done:
			return fmt.Errorf("postgres exited (%v): %s", werr, c.logTail())
		case <-ctx.Done():
			_ = c.Stop()
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			_ = c.Stop()
			return fmt.Errorf("postgres did not accept connections within 30s: %s", c.logTail())
		}
	}
}

func (c *Cluster) logTail() string {
	b, _ := os.ReadFile(c.logPath())
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) > 15 {
		lines = lines[len(lines)-15:]
	}
	return strings.Join(lines, "\n")
}

// Stop shuts the server down (fast mode: sessions end, data is safe).
func (c *Cluster) Stop() error {
	defer os.RemoveAll(c.sockDir)
	if c.cmd == nil || c.cmd.Process == nil {
		return nil
	}
	_ = c.cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-c.done:
	case <-time.After(30 * time.Second):
		_ = c.cmd.Process.Kill()
		<-c.done
	}
	c.cmd = nil
	return nil
}

// removeStalePID deletes the lock file a crashed server left behind.
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
