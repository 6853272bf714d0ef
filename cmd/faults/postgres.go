package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"github.com/lib/pq"
	"github.com/rs/zerolog"

	"github.com/turbota/turbota/internal/platform/embeddedpg"
)

// Postgres is the suite's own PostgreSQL cluster, which it stops, starts
// and kills independently of the Turbota servers that use it.
//
// embeddedpg gives every start a fresh socket directory, but a server must
// find the database again after a restart at the address it was given.
// So servers connect through a stable directory of ours holding a symlink
// to the running cluster's socket: while the cluster is down the link
// dangles and a connection fails at once, as with a stopped server.
type Postgres struct {
	dir  string // the cluster's data dir (embeddedpg.Options.DataDir)
	sock string // the stable socket directory

	mu sync.Mutex
	cl *embeddedpg.Cluster
}

const (
	pgPort      = 5432
	pgSuperuser = "turbota"
	pgSocket    = ".s.PGSQL.5432"
)

// newPostgres prepares (but does not start) a cluster under dir.
func newPostgres(dir string) (*Postgres, error) {
	p := &Postgres{dir: filepath.Join(dir, "pg"), sock: filepath.Join(dir, "sock")}
	if err := os.MkdirAll(p.sock, 0o755); err != nil {
		return nil, err
	}
	return p, nil
}

// DSN is the lib/pq address of a database, stable across restarts.
func (p *Postgres) DSN(db string) string {
	return fmt.Sprintf("host=%s port=%d user=%s dbname=%s sslmode=disable", p.sock, pgPort, pgSuperuser, db)
}

// Start starts the cluster (initialising it the first time) and returns
// once it accepts connections.
func (p *Postgres) Start(ctx context.Context) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cl != nil {
		return errors.New("postgres: already running")
	}
	// Not ephemeral: the kill -9 scenario needs commits to be durable the
	// way they are in production (synchronous_commit on).
	cl, err := embeddedpg.Start(ctx, embeddedpg.Options{DataDir: p.dir, Superuser: pgSuperuser, Log: zerolog.Nop()})
	if err != nil {
		return err
	}
	if err := p.link(cl); err != nil {
		_ = cl.Stop()
		return err
	}
	p.cl = cl
	return nil
}

// link points the stable socket at the cluster's, atomically.
func (p *Postgres) link(cl *embeddedpg.Cluster) error {
	host := dsnField(cl.DSN("postgres"), "host")
	if host == "" {
		return errors.New("postgres: no socket directory in the cluster's DSN")
	}
	tmp := filepath.Join(p.sock, pgSocket+".new")
	_ = os.Remove(tmp)
	if err := os.Symlink(filepath.Join(host, pgSocket), tmp); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(p.sock, pgSocket))
}

func (p *Postgres) unlink() { _ = os.Remove(filepath.Join(p.sock, pgSocket)) }

// dsnField reads one unquoted key=value field of a DSN.
func dsnField(dsn, key string) string {
	for _, f := range strings.Fields(dsn) {
		if v, ok := strings.CutPrefix(f, key+"="); ok {
			return v
		}
	}
	return ""
}

// Stop shuts the cluster down in fast mode: sessions end, committed data
// stays.
func (p *Postgres) Stop() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cl == nil {
		return nil
	}
	p.unlink()
	err := p.cl.Stop()
	p.cl = nil
	return err
}

// Kill sends SIGKILL to the postmaster and every backend at once (they
// share its process group), as a crash or the OOM killer would, and reaps
// them.
func (p *Postgres) Kill() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cl == nil {
		return errors.New("postgres: not running")
	}
	pid, err := postmasterPID(filepath.Join(p.dir, "pgdata"))
	if err != nil {
		return err
	}
	p.unlink()
	if err := syscall.Kill(-pid, syscall.SIGKILL); err != nil {
		return fmt.Errorf("kill -9 postgres %d: %w", pid, err)
	}
	// The process is gone: Stop only reaps it and removes its socket dir.
	err = p.cl.Stop()
	p.cl = nil
	return err
}

// postmasterPID reads the first line of postmaster.pid.
func postmasterPID(pgdata string) (int, error) {
	b, err := os.ReadFile(filepath.Join(pgdata, "postmaster.pid"))
	if err != nil {
		return 0, fmt.Errorf("postmaster pid: %w", err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(b), "\n", 2)[0]))
	if err != nil || pid <= 0 {
		return 0, fmt.Errorf("postmaster pid: bad postmaster.pid")
	}
	return pid, nil
}

// Open is a superuser pool on a database of the cluster; the superuser
// bypasses row-level security, so checks see every community's rows.
func (p *Postgres) Open(db string) (*sql.DB, error) {
	pool, err := sql.Open("postgres", p.DSN(db))
	if err != nil {
		return nil, err
	}
	pool.SetMaxOpenConns(4)
	return pool, nil
}

// Exec runs statements on a database of the cluster.
func (p *Postgres) Exec(ctx context.Context, db, query string, args ...any) error {
	pool, err := p.Open(db)
	if err != nil {
		return err
	}
	defer pool.Close()
	_, err = pool.ExecContext(ctx, query, args...)
	return err
}

// CreateDatabase makes an empty database, or a copy of template.
func (p *Postgres) CreateDatabase(ctx context.Context, name, template string) error {
	q := "CREATE DATABASE " + pq.QuoteIdentifier(name)
	if template == "" {
		return p.Exec(ctx, "postgres", q)
	}
	q += " TEMPLATE " + pq.QuoteIdentifier(template)
	// FILE_COPY (PostgreSQL 15+): a checkpoint and a file copy, much faster
	// than WAL-logging every block of the template; older servers copy
	// files anyway and do not know the option.
	if err := p.Exec(ctx, "postgres", q+" STRATEGY = FILE_COPY"); err == nil || !isSyntaxError(err) {
		return err
	}
	return p.Exec(ctx, "postgres", q)
}

func isSyntaxError(err error) bool {
	var pqErr *pq.Error
	return errors.As(err, &pqErr) && (pqErr.Code == "42601" || pqErr.Code == "42704")
}

// Running says whether the cluster is up (as far as its process goes).
func (p *Postgres) Running() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.cl != nil && p.cl.Alive() == nil
}
