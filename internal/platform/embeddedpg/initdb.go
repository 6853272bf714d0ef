package embeddedpg

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// initdb creates the cluster on first start; an existing one is reused.
func (c *Cluster) initdb(ctx context.Context) error {
	if _, err := os.Stat(filepath.Join(c.pgdata(), "PG_VERSION")); err == nil {
		return nil
	}
	start := time.Now()
	// C.UTF-8 sorts bytewise like C but knows characters; libcs without it
	// (older glibc, musl builds) get plain C, which is just as deterministic.
	err := c.runInitdb(ctx, "C.UTF-8")
	if err != nil && strings.Contains(err.Error(), "locale") {
		c.opts.Log.Warn().Err(err).Msg("initdb: C.UTF-8 locale unavailable, using C")
		err = c.runInitdb(ctx, "C")
	}
	if err != nil {
		return err
	}
	if err := os.Rename(c.scratchPGData(), c.pgdata()); err != nil {
		return fmt.Errorf("initdb: %w (move the directory away if it is not a cluster you need)", err)
	}
	c.opts.Log.Info().Dur("took", time.Since(start)).Str("dir", c.pgdata()).Msg("initialised embedded PostgreSQL")
	return nil
}

func (c *Cluster) runInitdb(ctx context.Context, locale string) error {
	// A fresh directory each try: a failed or killed initdb leaves a
	// half-made one that initdb itself would refuse ("exists but is not
	// empty"). It becomes pgdata only when complete, so an interrupted first
	// start never blocks the next one.
	if err := os.RemoveAll(c.scratchPGData()); err != nil {
		return err
	}
	// No --no-instructions: it only exists from PostgreSQL 14, and the
	// output is not shown anyway.
	args := []string{"-D", c.scratchPGData(), "-A", "trust", "-U", c.opts.Superuser, "-E", "UTF8", "--locale=" + locale}
	if c.opts.Ephemeral {
		args = append(args, "-N") // --no-sync; the short form also works before PostgreSQL 10
	}
	out, err := c.command(ctx, "initdb", args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("initdb: %w: %s", err, strings.TrimSpace(string(out)))
	}
	return nil
}

func (c *Cluster) scratchPGData() string { return c.pgdata() + ".initdb" }
