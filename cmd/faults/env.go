package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Env is what a scenario works with: the suite's PostgreSQL cluster, a
// database of its own cloned from the demo template, the Turbota servers
// it starts (stopped for it afterwards), HTTP helpers and demo sign-ins.
type Env struct {
	Ctx      context.Context
	Name     string
	PG       *Postgres // nil for scenarios that bring their own database
	Bin      string    // the turbota binary
	Dir      string    // the scenario's scratch directory
	Password string    // of the demo users
	Tag      string    // unique per run, to mark what a scenario writes

	template string
	out      io.Writer
	mu       sync.Mutex
	db       string
	servers  []*Server
	pools    []*sql.DB
	figures  []string
}

// readyTimeout bounds a server's start on a prepared database; a busy
// 2-core machine takes a few seconds.
const readyTimeout = 90 * time.Second

// Logf prints a line of the scenario's output.
func (e *Env) Logf(format string, args ...any) {
	e.mu.Lock()
	defer e.mu.Unlock()
	fmt.Fprintf(e.out, "  %s\n", fmt.Sprintf(format, args...))
}

// Figure prints a measured figure and keeps it for the summary table.
func (e *Env) Figure(format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	e.Logf("%s", s)
	e.mu.Lock()
	e.figures = append(e.figures, s)
	e.mu.Unlock()
}

// Database is the scenario's own database, a copy of the demo template
// made on first use.
func (e *Env) Database() (string, error) {
	if e.PG == nil {
		return "", fmt.Errorf("scenario %s has no PostgreSQL of the suite", e.Name)
	}
	if e.db != "" {
		return e.db, nil
	}
	name := "f_" + strings.ReplaceAll(e.Name, "-", "_")
	start := time.Now()
	if err := e.PG.CreateDatabase(e.Ctx, name, e.template); err != nil {
		return "", fmt.Errorf("copy the demo database: %w", err)
	}
	e.Logf("database %s copied from the demo template in %s", name, msec(time.Since(start)))
	e.db = name
	return name, nil
}

// Serve starts `turbota serve` on the scenario's database with extra flags
// and waits until it is ready.
func (e *Env) Serve(name string, args ...string) (*Server, error) {
	db, err := e.Database()
	if err != nil {
		return nil, err
	}
	s, err := e.StartServer(name, args, []string{"TURBOTA_DATABASE_URL=" + e.PG.DSN(db)})
	if err != nil {
		return nil, err
	}
	start := time.Now()
	if err := s.WaitReady(e.Ctx, readyTimeout); err != nil {
		return nil, err
	}
	e.Logf("%s (pid %d) ready at %s in %s", name, s.PID(), s.Addr, msec(time.Since(start)))
	return s, nil
}

// StartServer starts `turbota serve` with the given flags and environment
// without waiting for it; it is stopped when the scenario ends.
func (e *Env) StartServer(name string, args, env []string) (*Server, error) {
	s, err := startServer(e.Bin, e.Dir, name, args, env)
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	e.servers = append(e.servers, s)
	e.mu.Unlock()
	return s, nil
}

// SQL is a superuser pool on the scenario's database, for checks.
func (e *Env) SQL() (*sql.DB, error) {
	db, err := e.Database()
	if err != nil {
		return nil, err
	}
	pool, err := e.PG.Open(db)
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	e.pools = append(e.pools, pool)
	e.mu.Unlock()
	return pool, nil
}

// Caller is an HTTP client of the server for up to conns parallel requests.
func (e *Env) Caller(s *Server, conns int) *Caller {
	return newCaller(s.URL, conns, 60*time.Second)
}

// SignIn signs the demo users in and returns their tokens in order.
func (e *Env) SignIn(s *Server, emails ...string) ([]string, error) {
	c := e.Caller(s, 1)
	tokens := make([]string, len(emails))
	for i, email := range emails {
		tok, err := c.SignIn(e.Ctx, email, e.Password)
		if err != nil {
			return nil, err
		}
		tokens[i] = tok
	}
	return tokens, nil
}

// ServerLogs is where the logs of the scenario's servers are, with the
// warnings and errors at their end, for a FAIL report.
func (e *Env) ServerLogs(n int) string {
	e.mu.Lock()
	servers := append([]*Server(nil), e.servers...)
	e.mu.Unlock()
	var b strings.Builder
	for _, s := range servers {
		fmt.Fprintf(&b, "    %s log %s (last warnings and errors):\n%s\n", s.Name, s.LogPath, s.LogTail(n))
	}
	return b.String()
}

// close stops what the scenario started.
func (e *Env) close() {
	var wg sync.WaitGroup
	for _, s := range e.servers {
		wg.Go(s.Stop)
	}
	wg.Wait()
	for _, p := range e.pools {
		_ = p.Close()
	}
}

// newEnv makes a scenario's environment under root.
func newEnv(ctx context.Context, sc Scenario, cfg *suite) (*Env, error) {
	dir := filepath.Join(cfg.dir, sc.Name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	e := &Env{Ctx: ctx, Name: sc.Name, Bin: cfg.bin, Dir: dir, Password: cfg.password, Tag: cfg.tag,
		template: templateDB, out: os.Stdout}
	if !sc.OwnDatabase {
		e.PG = cfg.pg
	}
	return e, nil
}

// checks collects the broken promises of a scenario, so that it reports
// all of them rather than the first.
type checks struct{ broken []string }

// Expect records a broken promise unless ok.
func (c *checks) Expect(ok bool, format string, args ...any) {
	if !ok {
		c.broken = append(c.broken, fmt.Sprintf(format, args...))
	}
}

// Err is nil when every promise held.
func (c *checks) Err() error {
	if len(c.broken) == 0 {
		return nil
	}
	return fmt.Errorf("%s", strings.Join(c.broken, "; "))
}

// pause waits d unless the run is cancelled.
func pause(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// CommunityOf is the community of a signed-in community user.
func (e *Env) CommunityOf(c *Caller, token string) (string, error) {
	a := c.Do(e.Ctx, token, `{ viewer { memberships { communityID } } }`, nil, nil)
	if id := a.Str("viewer", "memberships", 0, "communityID"); a.OK() && id != "" {
		return id, nil
	}
	return "", fmt.Errorf("the viewer's community: %s %s", a.Kind(), firstMessage(a))
}
