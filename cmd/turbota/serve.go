package main

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"

	"github.com/rs/zerolog"
	"github.com/spf13/cobra"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/internal/audit"
	"github.com/turbota/turbota/internal/auth"
	"github.com/turbota/turbota/internal/auth/secret"
	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/server"
	"github.com/turbota/turbota/tenant"
)

func serveCmd() *cobra.Command {
	cfg := &config{}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the API and the web app (starts an embedded PostgreSQL unless --database-url is set)",
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := cfg.validate(); err != nil {
				return err
			}
			return serve(cmd.Context(), cfg)
		},
	}
	cfg.bindServe(cmd)
	cfg.bindAuditKey(cmd)
	return cmd
}

func serve(ctx context.Context, cfg *config) error {
	log := newLogger(cfg)
	if limit := server.TuneGC(int64(cfg.MemoryBudget) << 20); limit > 0 {
		log.Info().Int("budget_mib", cfg.MemoryBudget).Int64("soft_limit_mib", limit>>20).Msg("memory")
	}
	d, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer d.Close()
	key, err := sealingKey(cfg)
	if err != nil {
		return err
	}
	sealer, err := secret.NewSealer(key)
	if err != nil {
		return err
	}
	checkpointKey, err := auditKey(cfg)
	if err != nil {
		return err
	}
	// Policy reloads run after a request's commit and from the watcher:
	// small reads, on the sign-in pool rather than the requests'.
	z, err := authz.New(ctx, d.Auth)
	if err != nil {
		return err
	}
	go func() {
		if err := z.Watch(ctx, d.DSN, log); err != nil {
			log.Error().Str("error", err.Error()).Msg("policy watcher stopped")
		}
	}()
	var logins []demo.Login
	if cfg.Demo {
		if logins, err = loadDemo(ctx, d, cfg.DemoPassword, z); err != nil {
			return err
		}
	}
	ln, err := listen(cfg)
	if err != nil {
		return err
	}
	lim, closeLimiter, err := openLimiter(ctx, cfg.RateLimit, d.DSN, log)
	if err != nil {
		return err
	}
	defer closeLimiter()
	sc := serverConfig(cfg, d)
	sc.RateLimiter = lim
	sc.AccessLog = audit.NewWriter(d.AccessLogDB, log, accessLogQueue)
	mailer, err := newMailer(cfg, log)
	if err != nil {
		return err
	}
	base := publicBase(cfg, ln.Addr().String())
	accounts := auth.New(d.Auth, sealer, auth.DefaultConfig())
	accounts.UseMailer(mailer, base)
	srv := server.New(sc, d.DB, d.Client, accounts, z, log)
	startJobs(ctx, d.Jobs, mailer, base, log)
	startCheckpoints(tenant.SystemContext(ctx), d, checkpointKey, log)
	printWelcome(scheme(cfg)+"://"+ln.Addr().String(), logins, demoPassword(cfg.DemoPassword))
	log.Info().Str("addr", ln.Addr().String()).Str("trusted_proxies", cfg.Proxies.String()).
		Bool("metrics", cfg.MetricsToken != "").Msg("listening")
	return serveUntilDone(ctx, srv, ln, d, log)
}

// serveUntilDone serves until ctx ends or, in the embedded mode, until the
// PostgreSQL the server owns dies and cannot be restarted: then it stops
// and returns the error, so the process exits non-zero and its own
// supervisor restarts both.
func serveUntilDone(ctx context.Context, srv *server.Server, ln net.Listener, d *database, log zerolog.Logger) error {
	if d.cluster == nil {
		return srv.ListenAndServe(ctx, ln)
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	go func() {
		if err := d.cluster.Supervise(ctx, 5); err != nil {
			log.Error().Str("error", err.Error()).Msg("embedded PostgreSQL lost")
			cancel(err)
		}
	}()
	if err := srv.ListenAndServe(ctx, ln); err != nil {
		return err
	}
	if cause := context.Cause(ctx); cause != nil && !errors.Is(cause, context.Canceled) {
		return cause
	}
	return nil
}

// listen opens the listener, serving https when a certificate is set.
func listen(cfg *config) (net.Listener, error) {
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	if cfg.TLS != nil {
		ln = tls.NewListener(ln, cfg.TLS)
	}
	return ln, nil
}

func scheme(cfg *config) string {
	if cfg.TLS != nil {
		return "https"
	}
	return "http"
}

// accessLogQueue is how many records' reads may wait for the access log
// (audit.Writer) before reads are refused: some seconds of a busy server's
// reads while PostgreSQL is away.
const accessLogQueue = 100_000

// serverConfig is the HTTP side's share of the settings.
func serverConfig(cfg *config, d *database) server.Config {
	sc := server.Config{Addr: cfg.Addr, Introspection: cfg.Introspection, GraphiQL: cfg.GraphiQL,
		RequestTimeout: cfg.Timeouts.Request, Aggregates: d.Aggregates, Health: d.Health, DrainDelay: cfg.DrainDelay,
		OAuthTokenTTL: cfg.OAuthTokenTTL,
		MetricsToken:  cfg.MetricsToken, TrustedProxies: cfg.Proxies, PublicURL: cfg.PublicURL,
		Transaction: tenant.Limits{Statement: cfg.Timeouts.Statement, Lock: cfg.Timeouts.Lock,
			IdleInTransaction: cfg.Timeouts.IdleInTransaction}}
	if d.cluster != nil {
		sc.Alive = d.cluster.Alive
	}
	return sc
}

// sealingKey is the configured key, or one kept in the data dir.
func sealingKey(cfg *config) ([]byte, error) {
	if cfg.SecretKey != "" {
		return secret.KeyFromHex(cfg.SecretKey)
	}
	if cfg.DataDir == "" {
		return nil, fmt.Errorf("set TURBOTA_SECRET_KEY when no data dir is used")
	}
	if err := os.MkdirAll(cfg.DataDir, 0o755); err != nil {
		return nil, err
	}
	return secret.LoadOrCreateKey(filepath.Join(cfg.DataDir, "secret.key"))
}

func printWelcome(addr string, logins []demo.Login, password string) {
	fmt.Printf("\n  Турбота is running at %s\n", addr)
	if len(logins) == 0 {
		fmt.Println()
		return
	}
	fmt.Printf("\n  Demo logins (password %q):\n", password)
	for _, l := range logins {
		fmt.Printf("    %s\n", l)
	}
	fmt.Println()
}
