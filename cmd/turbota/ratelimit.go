package main

import (
	"context"

	"github.com/rs/zerolog"

	"github.com/turbota/turbota/internal/platform/ratelimit"
)

// openLimiter builds the rate limiter on its own small pool, apart from
// the request pool; nil when rate limits are switched off. close ends the
// pool once the server has drained.
func openLimiter(ctx context.Context, cfg ratelimit.Config, dsn string, log zerolog.Logger) (lim *ratelimit.Limiter, close func(), err error) {
	if !cfg.Enabled {
		log.Warn().Msg("rate limits are off")
		return nil, func() {}, nil
	}
	if err := cfg.Validate(); err != nil {
		return nil, nil, err
	}
	db, err := ratelimit.OpenPool(dsn, cfg.PoolSize)
	if err != nil {
		return nil, nil, err
	}
	return ratelimit.New(ctx, db, cfg, log), func() { _ = db.Close() }, nil
}
