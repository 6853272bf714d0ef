package embeddedpg

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// ErrDown says the cluster's server process is not running.
var ErrDown = errors.New("the embedded PostgreSQL is not running")

// Alive reports ErrDown once the server process has ended, whether it was
// stopped or died.
func (c *Cluster) Alive() error {
	c.mu.Lock()
	exited := c.exited
	c.mu.Unlock()
	if exited == nil {
		return ErrDown
	}
	select {
	case <-exited:
		return ErrDown
	default:
		return nil
	}
}

// Supervise keeps the server running until ctx ends: when the process dies
// (killed, crashed, out of memory) it starts it again, up to attempts times
// in a row, waiting a little longer each time. It returns an error when the
// server cannot be brought back, so the caller can exit non-zero and leave
// the restart to its own supervisor; it returns nil when ctx ends or Stop is
// called.
func (c *Cluster) Supervise(ctx context.Context, attempts int) error {
	for {
		c.mu.Lock()
		exited := c.exited
		c.mu.Unlock()
		select {
		case <-ctx.Done():
			return nil
		case <-exited:
		}
		if c.isStopping() {
			return nil
		}
		c.opts.Log.Error().Str("log", c.logPath()).Msg("embedded PostgreSQL exited; restarting it")
		if err := c.restart(ctx, attempts); err != nil {
			return err
		}
		c.opts.Log.Warn().Msg("embedded PostgreSQL restarted")
	}
}

func (c *Cluster) restart(ctx context.Context, attempts int) error {
	wait := 200 * time.Millisecond
	var err error
	for i := 0; i < attempts; i++ {
		if c.isStopping() || ctx.Err() != nil {
			return nil
		}
		if err = c.start(ctx); err == nil {
			return nil
		}
		c.opts.Log.Error().Str("error", err.Error()).Int("attempt", i+1).Msg("restart of the embedded PostgreSQL failed")
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(wait):
		}
		wait *= 2
	}
	return fmt.Errorf("the embedded PostgreSQL died and could not be restarted after %d attempts: %w", attempts, err)
}

func (c *Cluster) isStopping() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stopping
}
