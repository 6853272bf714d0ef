package main

import (
	"crypto/tls"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/turbota/turbota/internal/notify"
	"github.com/turbota/turbota/internal/oauth"
	"github.com/turbota/turbota/internal/platform/ratelimit"
	"github.com/turbota/turbota/internal/server"
	"github.com/turbota/turbota/internal/server/proxy"
)

// config is every setting, from flags with TURBOTA_* environment defaults.
type config struct {
	Addr          string
	DataDir       string
	DatabaseURL   string
	Demo          bool
	DemoPassword  string
	Introspection bool
	GraphiQL      bool
	LogFormat     string
	LogLevel      string
	SecretKey     string
	// AuditKeyFile holds the seed of the key that signs audit checkpoints.
	AuditKeyFile string
	PublicURL    string
	SMTP         notify.SMTP
	Pools        pools
	Timeouts     timeouts
	// StartupWait is how long serve waits for the database at start.
	StartupWait time.Duration
	// DrainDelay is how long /readyz fails before the listener closes at
	// shutdown.
	DrainDelay time.Duration
	RateLimit  ratelimit.Config
	// MetricsToken is the bearer token of /metrics and /debug/pprof;
	// empty: neither is served.
	MetricsToken string
	// MemoryBudget is the resident memory, in MiB, the server keeps within
	// (server.TuneGC).
	MemoryBudget int
	// OAuthTokenTTL is the lifetime of API clients' OAuth2 access tokens.
	OAuthTokenTTL time.Duration
	// TrustedProxies lists the reverse proxies whose forwarding headers are
	// believed; Proxies is the list parsed by validate.
	TrustedProxies string
	Proxies        proxy.Trusted
	// TLSCert and TLSKey are PEM files Turbota serves https with; TLS is
	// them loaded by validate (nil: plain http).
	TLSCert, TLSKey string
	TLS             *tls.Config
}

// minMetricsToken is the shortest metrics token accepted: the scraper's
// credential must not be guessable.
const minMetricsToken = 24

// pools sizes the connection pools. Each is bounded and keeps as many idle
// connections as it may open, so a busy server reuses connections instead
// of opening one per request; no request ever holds two of one pool.
type pools struct {
	Requests   int // one per GraphQL operation or download
	Auth       int // sign-in and token checks
	Aggregates int // regional and national figures
	Jobs       int // reminders, e-mail, clean-up
}

// timeouts bound every request and every transaction.
type timeouts struct {
	Request           time.Duration // the whole HTTP request
	Statement         time.Duration // statement_timeout
	Lock              time.Duration // lock_timeout
	IdleInTransaction time.Duration // idle_in_transaction_session_timeout
	RateLimit         ratelimit.Config
}

func env(name, def string) string {
	if v, ok := os.LookupEnv(name); ok {
		return v
	}
	return def
}

func envInt(name string, def int) int {
	n, err := strconv.Atoi(env(name, strconv.Itoa(def)))
	if err != nil {
		return def
	}
	return n
}

func envDuration(name string, def time.Duration) time.Duration {
	d, err := time.ParseDuration(env(name, def.String()))
	if err != nil {
		return def
	}
	return d
}

func envBool(name string, def bool) bool {
	b, err := strconv.ParseBool(env(name, strconv.FormatBool(def)))
	if err != nil {
		return def
	}
	return b
}

// bindCommon adds the settings every database-using command needs.
func (c *config) bindCommon(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&c.DataDir, "data-dir", env("TURBOTA_DATA_DIR", ".turbota"), "directory for the embedded database and the secret key (TURBOTA_DATA_DIR)")
	f.StringVar(&c.DatabaseURL, "database-url", env("TURBOTA_DATABASE_URL", ""), "PostgreSQL URL; empty starts an embedded database in the data dir (TURBOTA_DATABASE_URL)")
	f.StringVar(&c.LogFormat, "log-format", env("TURBOTA_LOG_FORMAT", "json"), "json or console (TURBOTA_LOG_FORMAT)")
	f.StringVar(&c.LogLevel, "log-level", env("TURBOTA_LOG_LEVEL", "info"), "debug, info, warn or error (TURBOTA_LOG_LEVEL)")
	f.IntVar(&c.Pools.Requests, "pool-requests", envInt("TURBOTA_POOL_REQUESTS", 32), "database connections for requests (TURBOTA_POOL_REQUESTS)")
	f.IntVar(&c.Pools.Auth, "pool-auth", envInt("TURBOTA_POOL_AUTH", 8), "database connections for sign-in and token checks (TURBOTA_POOL_AUTH)")
	f.IntVar(&c.Pools.Aggregates, "pool-aggregates", envInt("TURBOTA_POOL_AGGREGATES", 4), "database connections for regional and national figures (TURBOTA_POOL_AGGREGATES)")
	f.IntVar(&c.Pools.Jobs, "pool-jobs", envInt("TURBOTA_POOL_JOBS", 2), "database connections for background jobs (TURBOTA_POOL_JOBS)")
	f.DurationVar(&c.StartupWait, "startup-wait", envDuration("TURBOTA_STARTUP_WAIT", 2*time.Minute), "how long to wait for the database at start (TURBOTA_STARTUP_WAIT)")
}

// bindMail adds the mail server and the public address links in e-mails
// point to: the server's, and the commands that send e-mail.
func (c *config) bindMail(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&c.PublicURL, "public-url", env("TURBOTA_PUBLIC_URL", ""), "address users reach the app at, for links in e-mails; default http://<addr> (TURBOTA_PUBLIC_URL)")
	f.StringVar(&c.SMTP.Host, "smtp-host", env("TURBOTA_SMTP_HOST", ""), "mail server for e-mail notifications; empty writes them to the log (TURBOTA_SMTP_HOST)")
	f.IntVar(&c.SMTP.Port, "smtp-port", envInt("TURBOTA_SMTP_PORT", 587), "mail server port (TURBOTA_SMTP_PORT)")
	f.StringVar(&c.SMTP.Username, "smtp-username", env("TURBOTA_SMTP_USERNAME", ""), "mail server user (TURBOTA_SMTP_USERNAME)")
	f.StringVar(&c.SMTP.Password, "smtp-password", env("TURBOTA_SMTP_PASSWORD", ""), "mail server password (TURBOTA_SMTP_PASSWORD)")
	f.StringVar(&c.SMTP.From, "smtp-from", env("TURBOTA_SMTP_FROM", "turbota@localhost"), "sender address of e-mails (TURBOTA_SMTP_FROM)")
}

// bindServe adds the server's settings.
func (c *config) bindServe(cmd *cobra.Command) {
	c.bindCommon(cmd)
	c.bindMail(cmd)
	f := cmd.Flags()
	f.StringVar(&c.Addr, "addr", env("TURBOTA_ADDR", "127.0.0.1:8080"), "listen address (TURBOTA_ADDR)")
	f.BoolVar(&c.Demo, "demo", envBool("TURBOTA_DEMO", false), "load the demo communities and users (TURBOTA_DEMO)")
	f.StringVar(&c.DemoPassword, "demo-password", env("TURBOTA_DEMO_PASSWORD", ""), "password of the demo users (TURBOTA_DEMO_PASSWORD)")
	f.BoolVar(&c.Introspection, "introspection", envBool("TURBOTA_INTROSPECTION", true), "allow GraphQL schema introspection (TURBOTA_INTROSPECTION)")
	f.BoolVar(&c.GraphiQL, "graphiql", envBool("TURBOTA_GRAPHIQL", false), "serve the GraphiQL page at /graphiql (TURBOTA_GRAPHIQL)")
	f.StringVar(&c.SecretKey, "secret-key", env("TURBOTA_SECRET_KEY", ""), "hex key (32 bytes) sealing TOTP secrets; default: <data-dir>/secret.key (TURBOTA_SECRET_KEY)")
	f.DurationVar(&c.Timeouts.Request, "request-timeout", envDuration("TURBOTA_REQUEST_TIMEOUT", 30*time.Second), "deadline of a whole request (TURBOTA_REQUEST_TIMEOUT)")
	f.DurationVar(&c.Timeouts.Statement, "statement-timeout", envDuration("TURBOTA_STATEMENT_TIMEOUT", 20*time.Second), "PostgreSQL statement_timeout of a request (TURBOTA_STATEMENT_TIMEOUT)")
	f.DurationVar(&c.Timeouts.Lock, "lock-timeout", envDuration("TURBOTA_LOCK_TIMEOUT", 5*time.Second), "PostgreSQL lock_timeout of a request (TURBOTA_LOCK_TIMEOUT)")
	f.DurationVar(&c.Timeouts.IdleInTransaction, "idle-in-transaction-timeout", envDuration("TURBOTA_IDLE_IN_TRANSACTION_TIMEOUT", 30*time.Second), "PostgreSQL idle_in_transaction_session_timeout of a request (TURBOTA_IDLE_IN_TRANSACTION_TIMEOUT)")
	f.DurationVar(&c.DrainDelay, "drain-delay", envDuration("TURBOTA_DRAIN_DELAY", 0), "at shutdown, how long /readyz fails before new connections are refused; set it above the load balancer's check interval (TURBOTA_DRAIN_DELAY)")
	f.StringVar(&c.MetricsToken, "metrics-token", env("TURBOTA_METRICS_TOKEN", ""), "bearer token the Prometheus scraper sends to /metrics, and an operator to /debug/pprof/<profile>; empty turns both off (TURBOTA_METRICS_TOKEN)")
	f.IntVar(&c.MemoryBudget, "memory-budget", envInt("TURBOTA_MEMORY_BUDGET", server.DefaultMemoryBudget>>20), "resident memory in MiB the server keeps within: the collector works harder near it; 0: no limit (TURBOTA_MEMORY_BUDGET; GOMEMLIMIT overrides)")
	f.DurationVar(&c.OAuthTokenTTL, "oauth-token-ttl", envDuration("TURBOTA_OAUTH_TOKEN_TTL", oauth.DefaultTokenTTL), "lifetime of the OAuth2 access tokens API clients get at /oauth/token (TURBOTA_OAUTH_TOKEN_TTL)")
	f.StringVar(&c.TLSCert, "tls-cert", env("TURBOTA_TLS_CERT", ""), "PEM certificate (chain) to serve https with, together with --tls-key; read at start (TURBOTA_TLS_CERT)")
	f.StringVar(&c.TLSKey, "tls-key", env("TURBOTA_TLS_KEY", ""), "PEM private key of --tls-cert (TURBOTA_TLS_KEY)")
	f.StringVar(&c.TrustedProxies, "trusted-proxies", env("TURBOTA_TRUSTED_PROXIES", ""), "comma-separated addresses or CIDR prefixes of reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed; default none (TURBOTA_TRUSTED_PROXIES)")
	c.RateLimit.Bind(f)
}

// validate checks the settings with messages a person can act on.
func (c *config) validate() error {
	if c.DatabaseURL == "" && c.DataDir == "" {
		return fmt.Errorf("set --data-dir (TURBOTA_DATA_DIR) or --database-url (TURBOTA_DATABASE_URL)")
	}
	if c.LogFormat != "json" && c.LogFormat != "console" {
		return fmt.Errorf("--log-format must be json or console, not %q", c.LogFormat)
	}
	for name, n := range map[string]int{"--pool-requests": c.Pools.Requests, "--pool-auth": c.Pools.Auth,
		"--pool-aggregates": c.Pools.Aggregates, "--pool-jobs": c.Pools.Jobs} {
		if n < 1 {
			return fmt.Errorf("%s must be at least 1, not %d", name, n)
		}
	}
	if err := c.Timeouts.validate(); err != nil {
		return err
	}
	if err := c.validateEdge(); err != nil {
		return err
	}
	if c.DataDir != "" {
		abs, err := filepath.Abs(c.DataDir)
		if err != nil {
			return fmt.Errorf("data dir: %w", err)
		}
		c.DataDir = abs
	}
	return nil
}

// validateEdge checks the settings of what faces the network.
func (c *config) validateEdge() error {
	if c.OAuthTokenTTL < time.Minute || c.OAuthTokenTTL > 24*time.Hour {
		return fmt.Errorf("--oauth-token-ttl must be between 1m and 24h, not %s", c.OAuthTokenTTL)
	}
	if c.MetricsToken != "" && len(c.MetricsToken) < minMetricsToken {
		return fmt.Errorf("--metrics-token must be at least %d characters (a random one: openssl rand -hex 24)", minMetricsToken)
	}
	p, err := proxy.Parse(c.TrustedProxies)
	if err != nil {
		return fmt.Errorf("--trusted-proxies: %w", err)
	}
	c.Proxies = p
	return c.loadTLS()
}

// loadTLS reads the certificate and key, so a wrong file stops the start
// with a message rather than every handshake.
func (c *config) loadTLS() error {
	if (c.TLSCert == "") != (c.TLSKey == "") {
		return fmt.Errorf("set both --tls-cert and --tls-key, or neither")
	}
	if c.TLSCert == "" {
		return nil
	}
	cert, err := tls.LoadX509KeyPair(c.TLSCert, c.TLSKey)
	if err != nil {
		return fmt.Errorf("--tls-cert/--tls-key: %w", err)
	}
	c.TLS = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	return nil
}

// validate: the database gives up before the request does, so a request
// that runs out is answered (TIMEOUT) instead of cut off.
func (t timeouts) validate() error {
	if t.Request == 0 { // commands without a server have no request
		return nil
	}
	for name, d := range map[string]time.Duration{"--request-timeout": t.Request, "--statement-timeout": t.Statement,
		"--lock-timeout": t.Lock, "--idle-in-transaction-timeout": t.IdleInTransaction} {
		if d <= 0 {
			return fmt.Errorf("%s must be positive, not %s", name, d)
		}
	}
	if t.Statement >= t.Request || t.Lock >= t.Request {
		return fmt.Errorf("--statement-timeout (%s) and --lock-timeout (%s) must be shorter than --request-timeout (%s)",
			t.Statement, t.Lock, t.Request)
	}
	return nil
}
