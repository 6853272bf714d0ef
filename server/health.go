package server

import (
	"context"
	"net/http"
	"time"

	"github.com/turbota/turbota/migration"
)

// ready answers 200 when the database answers and no migration is pending.
func (s *Server) ready(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.db.PingContext(ctx); err != nil {
		http.Error(w, "database unreachable", http.StatusServiceUnavailable)
		return
	}
	pending, err := migration.Pending(ctx, s.db)
	if err != nil || len(pending) > 0 {
		http.Error(w, "migrations pending", http.StatusServiceUnavailable)
		return
	}
	_, _ = w.Write([]byte("ready\n"))
}
