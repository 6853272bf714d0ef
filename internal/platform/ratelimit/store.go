package ratelimit

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/turbota/turbota/internal/platform/pqconn"
)

// OpenPool opens the limiter's own small pool. It never shares the request
// pool: a lease must not wait behind requests, nor requests behind leases.
func OpenPool(dsn string, size int) (*sql.DB, error) {
	// One statement, by key: its plan is kept.
	db, err := pqconn.Open(dsn, pqconn.Cached)
	if err != nil {
		return nil, fmt.Errorf("open the rate limiter's pool: %w", err)
	}
	db.SetMaxOpenConns(size)
	db.SetMaxIdleConns(size)
	db.SetConnMaxIdleTime(5 * time.Minute)
	return db, nil
}

// store is the shared buckets in PostgreSQL (rate_limit_buckets).
type store struct{ db *sql.DB }

// take takes up to want whole tokens from the shared bucket of key.
func (s store) take(ctx context.Context, key string, l Limit, want int) (granted int, remaining float64, err error) {
	err = s.db.QueryRowContext(ctx, "SELECT granted, remaining FROM rate_limit_take($1, $2, $3, $4)",
		key, l.Rate, float64(l.Burst), want).Scan(&granted, &remaining)
	if err != nil {
		return 0, 0, fmt.Errorf("lease tokens: %w", err)
	}
	return granted, remaining, nil
}

// sweep deletes buckets that are full again: a missing row is a full
// bucket, so the table holds only the callers of the last minutes.
func (s store) sweep(ctx context.Context) (int64, error) {
	res, err := s.db.ExecContext(ctx, "DELETE FROM rate_limit_buckets WHERE full_at < clock_timestamp()")
	if err != nil {
		return 0, fmt.Errorf("sweep rate-limit buckets: %w", err)
	}
	return res.RowsAffected()
}
