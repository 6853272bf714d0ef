// Package embeddedpg runs a private PostgreSQL cluster as a child process:
// the server's embedded default and the test harness's throwaway database.
// It uses the machine's own PostgreSQL binaries and listens only on a Unix
// socket, so it never meets a system server on port 5432.
package embeddedpg

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"

	_ "github.com/lib/pq" // the driver the readiness probe uses
	"github.com/rs/zerolog"
)

// Options configure a cluster.
type Options struct {
	DataDir   string // the cluster lives in DataDir/pgdata, its log in DataDir/postgres.log
	BinDir    string // PostgreSQL binaries; else TURBOTA_PG_BIN, PATH, the newest /usr/lib/postgresql/*/bin
	Superuser string // default "turbota"
	Log       zerolog.Logger
	// Ephemeral trades durability for speed, for tests.
	Ephemeral bool
}

// Cluster is a running PostgreSQL.
type Cluster struct {
	opts    Options
	sockDir string
	owner   *account

	mu       sync.Mutex
	cmd      *exec.Cmd
	done     chan error    // the server's exit status, once
	exited   chan struct{} // closed when the server process has ended
	stopping bool          // Stop was called: an exit is expected
}

// port only names the socket file: there is no TCP listener.
const port = 5432

// Start initialises the cluster if needed and starts it, returning once it
// accepts connections.
func Start(ctx context.Context, opts Options) (*Cluster, error) {
	if opts.DataDir == "" {
		return nil, fmt.Errorf("embeddedpg: no data dir")
	}
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
		c.removeSockDir()
		return nil, err
	}
	if err := c.initdb(ctx); err != nil {
		c.removeSockDir()
		return nil, err
	}
	if err := c.start(ctx); err != nil {
		_ = c.Stop()
		return nil, err
	}
	return c, nil
}

func (c *Cluster) pgdata() string  { return filepath.Join(c.opts.DataDir, "pgdata") }
func (c *Cluster) logPath() string { return filepath.Join(c.opts.DataDir, "postgres.log") }

// DSN is a lib/pq connection string for a database of the cluster.
func (c *Cluster) DSN(dbname string) string {
	return fmt.Sprintf("host=%s port=%d user=%s dbname=%s sslmode=disable",
		dsnValue(c.sockDir), port, dsnValue(c.opts.Superuser), dsnValue(dbname))
}

// URL is the DSN as a URL, as Atlas tooling wants it.
func (c *Cluster) URL(dbname string) string {
	return fmt.Sprintf("postgres://%s@/%s?host=%s&port=%d&sslmode=disable", c.opts.Superuser, dbname, c.sockDir, port)
}

// dsnValue quotes only when needed, so ordinary DSNs stay readable in logs.
func dsnValue(v string) string {
	if v != "" && !strings.ContainsAny(v, ` '\`) {
		return v
	}
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(v) + "'"
}

func (c *Cluster) prepareDirs() error {
	if err := os.MkdirAll(c.opts.DataDir, 0o755); err != nil {
		return fmt.Errorf("create data dir: %w", err)
	}
	if err := c.owner.canReach(c.opts.DataDir); err != nil {
		return err
	}
	sock, err := os.MkdirTemp(socketParent(), "tpg")
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

// socketParent keeps the socket path under the kernel's ~107-byte limit and
// free of characters a URL or DSN would need escaped: a long or odd TMPDIR
// (macOS, some CI runners) gives way to /tmp.
func socketParent() string {
	t := os.TempDir()
	if len(t) > 60 || strings.ContainsAny(t, " '\\?&#%") {
		return "/tmp"
	}
	return t
}

func (c *Cluster) removeSockDir() {
	if c.sockDir != "" {
		_ = os.RemoveAll(c.sockDir)
	}
}
