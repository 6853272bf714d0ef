package server

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/turbota/turbota/internal/platform/migration"
)

// health is what /healthz and /readyz know besides the database.
type health struct {
	mu        sync.Mutex
	migrated  bool // once every migration is applied, they stay applied
	draining  bool // a graceful shutdown has begun
	checkedAt time.Time
}

// migrationsRecheck bounds how often a ready server looks for migrations
// another replica may have added.
const migrationsRecheck = time.Minute

// alive answers 200 while the process can serve; in the embedded mode it
// fails when the PostgreSQL the server owns is gone.
func (s *Server) alive(w http.ResponseWriter, _ *http.Request) {
	if s.cfg.Alive != nil {
		if err := s.cfg.Alive(); err != nil {
			http.Error(w, "database process down", http.StatusServiceUnavailable)
			return
		}
	}
	_, _ = w.Write([]byte("ok\n"))
}

// ready answers 200 when the database answers and no migration is pending,
// and 503 from the start of a graceful shutdown, so load balancers stop
// sending new requests. It pings over its own connection: a request pool
// that is merely busy is not a database that is down.
func (s *Server) ready(w http.ResponseWriter, r *http.Request) {
	if s.isDraining() {
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.cfg.Health.PingContext(ctx); err != nil {
		http.Error(w, "database unreachable", http.StatusServiceUnavailable)
		return
	}
	if !s.migrationsApplied(ctx) {
		http.Error(w, "migrations pending", http.StatusServiceUnavailable)
		return
	}
	_, _ = w.Write([]byte("ready\n"))
}

func (s *Server) migrationsApplied(ctx context.Context) bool {
	s.health.mu.Lock()
	fresh := s.health.migrated && time.Since(s.health.checkedAt) < migrationsRecheck
	s.health.mu.Unlock()
	if fresh {
		return true
	}
	pending, err := migration.Pending(ctx, s.cfg.Health)
	ok := err == nil && len(pending) == 0
	s.health.mu.Lock()
	s.health.migrated, s.health.checkedAt = ok, time.Now()
	s.health.mu.Unlock()
	return ok
}

func (s *Server) isDraining() bool {
	s.health.mu.Lock()
	defer s.health.mu.Unlock()
	return s.health.draining
}

func (s *Server) drain() {
	s.health.mu.Lock()
	s.health.draining = true
	s.health.mu.Unlock()
}
