// Package server wires HTTP: the middleware chain, /graphql, the SPA,
// health, readiness and metrics, and graceful shutdown.
package server

import (
	"context"
	"database/sql"
	"errors"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/99designs/gqlgen/graphql/playground"
	"github.com/klauspost/compress/gzhttp"
	"github.com/rs/zerolog"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/internal/audit"
	"github.com/turbota/turbota/internal/auth"
	"github.com/turbota/turbota/internal/oauth"
	"github.com/turbota/turbota/internal/platform/ratelimit"
	"github.com/turbota/turbota/internal/server/proxy"
	"github.com/turbota/turbota/tenant"
	"github.com/turbota/turbota/web"
)

// Config of the HTTP side.
type Config struct {
	Addr          string
	Introspection bool // schema introspection over /graphql
	GraphiQL      bool // the GraphiQL page at /graphiql
	MaxBodyBytes  int64
	Limits        Limits
	// RequestTimeout is the deadline of every request; Transaction bounds
	// what its transaction waits for in PostgreSQL, and is shorter.
	RequestTimeout time.Duration
	Transaction    tenant.Limits
	// Aggregates is the pool of regional and national figures, which read
	// across communities outside a viewer's transaction; Health is the
	// readiness probe's own. Neither is the request pool, so a request never
	// holds two connections of one pool and a busy pool is not "down".
	Aggregates, Health *sql.DB
	// Alive reports whether what the process depends on to live (the
	// embedded PostgreSQL it owns) is still there; nil when nothing is.
	Alive func() error
	// DrainDelay is how long /readyz says 503 before the listener closes at
	// shutdown, so load balancers stop sending new requests first.
	DrainDelay  time.Duration
	UploadSlots int                // uploads stored at once (0: DefaultUploadSlots)
	UploadWait  time.Duration      // an upload's longest wait for a slot (0: DefaultUploadWait)
	RateLimiter *ratelimit.Limiter // nil: no rate limits
	// MetricsToken is the bearer token /metrics asks for; empty: no
	// /metrics at all.
	MetricsToken string
	// TrustedProxies are the peers whose X-Forwarded-For and
	// X-Forwarded-Proto are believed (none by default).
	TrustedProxies proxy.Trusted
	// PublicURL is where users reach the app; its host is an origin of
	// our own pages besides the request's Host.
	PublicURL string
	// OAuthTokenTTL is the lifetime of API clients' OAuth2 access tokens
	// (0: oauth.DefaultTokenTTL).
	OAuthTokenTTL time.Duration
	// AccessLog appends the access lines of read-only operations after
	// they commit (audit.Writer); nil: each writes its own with its commit.
	AccessLog *audit.Writer
}

// Server serves the product.
type Server struct {
	cfg    Config
	db     *sql.DB
	client *ent.Client
	auth   *auth.Service
	authz  *authz.Authorizer
	log    zerolog.Logger
	health health
	oauth  *oauth.Server
	// publicHost is the host of cfg.PublicURL.
	publicHost string
}

// New assembles a server.
func New(cfg Config, db *sql.DB, client *ent.Client, a *auth.Service, z *authz.Authorizer, log zerolog.Logger) *Server {
	if cfg.MaxBodyBytes == 0 {
		cfg.MaxBodyBytes = 1 << 20
	}
	if cfg.Limits == (Limits{}) {
		cfg.Limits = DefaultLimits()
	}
	if cfg.RequestTimeout == 0 {
		cfg.RequestTimeout = 30 * time.Second
	}
	// Tests and tools may share one pool; the server command never does.
	if cfg.Aggregates == nil {
		cfg.Aggregates = db
	}
	if cfg.Health == nil {
		cfg.Health = db
	}
	if cfg.Transaction == (tenant.Limits{}) {
		cfg.Transaction = tenant.DefaultLimits()
	}
	srv := &Server{cfg: cfg, db: db, client: client, auth: a, authz: z, log: log}
	if u, err := url.Parse(cfg.PublicURL); err == nil {
		srv.publicHost = u.Host
	}
	srv.oauth = oauth.New(client, cfg.OAuthTokenTTL, cfg.PublicURL+"/oauth/token", clientAddr)
	return srv
}

// Handler is the whole HTTP handler, middleware included.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	api := s.authenticate(s.rateLimit(s.newGraphQL()))
	mux.Handle("/graphql", s.refuseCrossSite(api))
	mux.Handle("GET /documents/{id}", s.authenticateWith(s.rateLimit(http.HandlerFunc(s.download)), true))
	mux.Handle("GET /documents/{kind}/{id}", s.authenticateWith(s.rateLimit(http.HandlerFunc(s.officialDocument)), true))
	mux.Handle("GET /exports/{file}", s.authenticateWith(s.rateLimit(http.HandlerFunc(s.exportTable)), true))
	mux.Handle("POST /oauth/token", s.rateLimit(http.HandlerFunc(s.oauth.Token)))
	mux.Handle("POST /oauth/revoke", s.rateLimit(http.HandlerFunc(s.oauth.Revoke)))
	mux.Handle("POST /oauth/introspect", s.rateLimit(http.HandlerFunc(s.oauth.Introspect)))
	mux.HandleFunc("/oauth/", notFound)
	mux.HandleFunc("/documents/", notFound) // not the app's pages: a coded answer
	mux.HandleFunc("/exports/", notFound)
	if s.cfg.GraphiQL {
		mux.Handle("GET /graphiql", playground.Handler("Турбота GraphQL", "/graphql"))
	}
	mux.HandleFunc("GET /healthz", s.alive)
	mux.HandleFunc("GET /readyz", s.ready)
	mux.Handle("GET /metrics", metricsGuard(s.cfg.MetricsToken, metricsHandler(s.db)))
	mux.Handle("GET /debug/pprof/{profile...}", metricsGuard(s.cfg.MetricsToken, profiles()))
	// Static files only: compressing API answers next to secrets invites BREACH.
	mux.Handle("/", gzhttp.GzipHandler(web.Handler(firstPaint(api))))
	return s.middleware(s.refuseKnown(s.guardInput(mux)))
}

// clientAddr is a request's client address as the middleware found it past
// the proxies it trusts.
func clientAddr(r *http.Request) string {
	client, ok := proxy.FromContext(r.Context())
	if !ok {
		client = proxy.Trusted{}.Resolve(r)
	}
	return client.Addr
}

// ListenAndServe serves until ctx ends, then drains requests for up to
// 15 seconds.
func (s *Server) ListenAndServe(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.log.Info().Msg("shutting down")
	s.drain()
	time.Sleep(s.cfg.DrainDelay)
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 15*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	// The access lines of the last reads answered.
	if s.cfg.AccessLog != nil {
		return s.cfg.AccessLog.Close(shutdownCtx)
	}
	return nil
}
