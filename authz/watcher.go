package authz

import (
	"context"
	"time"

	"github.com/lib/pq"
	"github.com/rs/zerolog"
)

// Channel is the PostgreSQL notification channel the migrations' triggers
// signal on whenever rules, grants, API clients, users or communities change.
const Channel = "turbota_policy"

// resyncEvery reloads even without notifications, in case one was missed
// while the listener reconnected.
const resyncEvery = 5 * time.Minute

// Watch keeps the policy current on this replica until ctx ends. lib/pq's
// listener reconnects by itself (unlike casbin's PostgreSQL watcher, which
// stops at its first error); after a reconnect we reload, since
// notifications sent meanwhile are lost.
func (a *Authorizer) Watch(ctx context.Context, dsn string, log zerolog.Logger) error {
	l := pq.NewListener(dsn, time.Second, time.Minute, func(ev pq.ListenerEventType, err error) {
		if err != nil {
			log.Warn().Str("error", err.Error()).Msg("policy listener")
		}
	})
	defer l.Close()
	if err := l.Listen(Channel); err != nil {
		return err
	}
	tick := time.NewTicker(resyncEvery)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-l.Notify: // a change, or nil after a reconnect
		case <-tick.C:
		}
		a.debounce(ctx, l.Notify)
		if err := a.Reload(ctx); err != nil && ctx.Err() == nil {
			log.Error().Str("error", err.Error()).Msg("policy reload failed")
		}
	}
}

// debounce folds a burst of notifications (a bulk import) into one reload.
func (a *Authorizer) debounce(ctx context.Context, ch <-chan *pq.Notification) {
	t := time.NewTimer(100 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-ch:
		case <-t.C:
			return
		case <-ctx.Done():
			return
		}
	}
}
