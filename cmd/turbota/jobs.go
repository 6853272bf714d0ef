package main

import (
	"context"
	"time"

	"github.com/rs/zerolog"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/internal/notify"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/server"
	"github.com/turbota/turbota/internal/workflow"
	"github.com/turbota/turbota/tenant"
)

// Background work of the server, on its own pool: deadline reminders every
// ten minutes, e-mail delivery of notifications every minute, and expired
// Idempotency-Keys forgotten every hour. Each run must end within its
// interval.
const (
	reminderEvery = 10 * time.Minute
	mailEvery     = time.Minute
	forgetEvery   = time.Hour
)

// newMailer is the configured mail server, or the log where none is.
func newMailer(cfg *config, log zerolog.Logger) (notify.Mailer, error) {
	if cfg.SMTP.Host == "" {
		return notify.LogMailer{Log: &log}, nil
	}
	return notify.NewSMTP(cfg.SMTP)
}

// publicBase is the address links in e-mails point to.
func publicBase(cfg *config, addr string) string {
	if cfg.PublicURL != "" {
		return cfg.PublicURL
	}
	return scheme(cfg) + "://" + addr
}

func startJobs(ctx context.Context, client *ent.Client, mailer notify.Mailer, base string, log zerolog.Logger) {
	sys := tenant.SystemContext(ctx)
	go every(sys, reminderEvery, func(ctx context.Context) {
		if n, err := workflow.RemindDeadlines(ctx, client); err != nil {
			log.Error().Str("error", err.Error()).Msg("deadline reminders")
		} else if n > 0 {
			log.Info().Int("notifications", n).Msg("deadline reminders")
		}
	})
	go every(sys, mailEvery, func(ctx context.Context) {
		if _, err := notify.Deliver(ctx, client, mailer, base); err != nil {
			log.Error().Str("error", err.Error()).Msg("e-mail notifications")
		}
	})
	go every(sys, forgetEvery, func(ctx context.Context) {
		if _, err := server.ForgetIdempotencyKeys(ctx, client, clock.Now()); err != nil {
			log.Error().Str("error", err.Error()).Msg("forget idempotency keys")
		}
	})
}

// every runs job now and then at each tick until ctx ends; a run gets the
// interval as its deadline, so a stuck run cannot pile up behind itself.
func every(ctx context.Context, d time.Duration, job func(context.Context)) {
	t := time.NewTicker(d)
	defer t.Stop()
	for {
		run, cancel := context.WithTimeout(ctx, d)
		job(run)
		cancel()
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
