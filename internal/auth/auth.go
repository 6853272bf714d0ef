// Package auth signs people in and finds out who calls: password and TOTP
// sign-in with throttling, browser sessions and API client tokens (only
// their hashes stored), and the viewer each request runs as. It works as the
// database owner, outside row-level security, because it must find a
// session before anyone is known; it touches only accounts and sessions.
package auth

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/internal/auth/secret"
	"github.com/turbota/turbota/internal/notify"
)

// Config tunes sessions and throttling.
type Config struct {
	IdleTimeout     time.Duration // a session unused this long ends
	AbsoluteTimeout time.Duration // a session ends this long after sign-in, used or not
	// Failed sign-ins allowed per account and per client address within Window.
	MaxFailuresPerAccount int
	MaxFailuresPerAddress int
	Window                time.Duration
	Issuer                string // shown in authenticator apps
	// MaxConcurrentHashes bounds the password checks running at once
	// (argon2id takes 19 MiB and a core for tens of milliseconds each);
	// a sign-in that waits longer than HashWait for its turn is told to
	// retry, so a flood of sign-ins costs neither memory nor connections.
	MaxConcurrentHashes int
	HashWait            time.Duration
}

// DefaultConfig holds the production defaults.
func DefaultConfig() Config {
	return Config{
		IdleTimeout:           30 * time.Minute,
		AbsoluteTimeout:       12 * time.Hour,
		MaxFailuresPerAccount: 5,
		MaxFailuresPerAddress: 50,
		Window:                15 * time.Minute,
		Issuer:                "Турбота",
		MaxConcurrentHashes:   max(runtime.NumCPU(), 2),
		HashWait:              10 * time.Second,
	}
}

// Service implements sign-in and authentication over the owner client.
type Service struct {
	client *ent.Client
	sealer *secret.Sealer
	cfg    Config
	hashes chan struct{} // a slot per password check that may run
	// sessions are the callers this server has looked up (sessioncache.go).
	sessions *sessionCache
	// Security e-mails (mail.go): none when mailer is nil.
	mailer  notify.Mailer
	baseURL string
	mails   sync.WaitGroup
}

// New returns a Service. The sealer protects TOTP secrets at rest.
func New(client *ent.Client, sealer *secret.Sealer, cfg Config) *Service {
	if cfg.MaxConcurrentHashes < 1 {
		cfg.MaxConcurrentHashes = 1
	}
	if cfg.HashWait <= 0 {
		cfg.HashWait = DefaultConfig().HashWait
	}
	return &Service{client: client, sealer: sealer, cfg: cfg, hashes: make(chan struct{}, cfg.MaxConcurrentHashes),
		sessions: newSessionCache()}
}

// Errors of sign-in and authentication; the API maps them to codes.
var (
	ErrInvalidCredentials = errors.New("wrong email or password")
	ErrTOTPRequired       = errors.New("a second-factor code is required")
	ErrTOTPInvalid        = errors.New("the second-factor code is wrong")
	ErrUnauthenticated    = errors.New("not signed in or the session has expired")
	ErrTOTPNotPending     = errors.New("no TOTP enrolment is in progress")
	ErrTOTPAlreadyEnabled = errors.New("TOTP is already enabled")
)

// RateLimitedError turns a sign-in away for a while: the throttle, after
// too many failed sign-ins (Failures), or the password checks all busy.
type RateLimitedError struct {
	RetryAfter time.Duration
	Failures   bool
}

func (e *RateLimitedError) Error() string {
	if e.Failures {
		return fmt.Sprintf("too many failed sign-ins; try again in %s", e.RetryAfter.Round(time.Second))
	}
	return fmt.Sprintf("too many sign-ins at once; try again in %s", e.RetryAfter.Round(time.Second))
}

// Client is the owner client the service works through.
func (s *Service) Client() *ent.Client { return s.client }
