package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/rs/zerolog"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/internal/audit"
	"github.com/turbota/turbota/internal/auth"
	"github.com/turbota/turbota/internal/server/proxy"
	"github.com/turbota/turbota/internal/workflow"
	"github.com/turbota/turbota/tenant"
)

// reqInfo collects what the access log line says about a request. Only
// identifiers: never names, emails, tokens or variables.
type reqInfo struct {
	id        string
	operation string
	opType    string
	viewer    string
	scope     int
	community string // the viewer's one community, when there is one
	errCodes  []string
	// status replaces the 200 of a GraphQL answer whose errors say the
	// request could not be served (database down, out of time); retryAfter
	// goes with it, in seconds.
	status, retryAfter int
	// idempotencyKey is the request's Idempotency-Key, if it sent one;
	// replayed marks an answer given again for it.
	idempotencyKey []string
	replayed       bool
}

// fail marks the request as not served, for the status line of its answer.
func (ri *reqInfo) fail(status, retryAfter int) {
	if ri != nil && ri.status == 0 {
		ri.status, ri.retryAfter = status, retryAfter
	}
}

type reqInfoKey struct{}

func info(ctx context.Context) *reqInfo {
	ri, _ := ctx.Value(reqInfoKey{}).(*reqInfo)
	return ri
}

func setOperation(ctx context.Context, oc *graphql.OperationContext) {
	ri := info(ctx)
	if ri == nil || oc == nil {
		return
	}
	ri.operation = oc.OperationName
	if oc.Operation != nil {
		ri.opType = string(oc.Operation.Operation)
	}
}

func newRequestID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// statusWriter remembers the status code for the log, and gives a GraphQL
// answer that could not be served the status its errors call for.
type statusWriter struct {
	http.ResponseWriter
	ri      *reqInfo
	status  int
	written bool
}

func (w *statusWriter) WriteHeader(code int) {
	if w.written {
		return
	}
	w.written = true
	if w.ri.replayed {
		w.Header().Set(replayedHeader, "true")
	}
	if code == http.StatusOK && w.ri.status != 0 {
		code = w.ri.status
		if w.ri.retryAfter > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(w.ri.retryAfter))
		}
	}
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if !w.written {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

// Flush lets streamed answers (downloads) reach the client as they go.
func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		if !w.written {
			w.WriteHeader(http.StatusOK)
		}
		f.Flush()
	}
}

// Unwrap gives http.ResponseController the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// middleware: request ID, logger, recovery, body limit, security headers
// and one log line per request.
func (s *Server) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ri := &reqInfo{id: newRequestID(), idempotencyKey: r.Header.Values(IdempotencyHeader)}
		log := s.log.With().Str("request_id", ri.id).Logger()
		ctx := log.WithContext(context.WithValue(r.Context(), reqInfoKey{}, ri))
		ctx = audit.WithRequestID(ctx, ri.id)
		// Who the client is, past the proxies we trust: rate limits, the
		// sign-in throttle, sessions and cookies all ask this.
		client := s.cfg.TrustedProxies.Resolve(r)
		ctx = proxy.NewContext(ctx, client)
		// Every request has a deadline; the database's own timeouts are
		// shorter, so a request that runs out is still answered.
		ctx, cancel := context.WithTimeout(ctx, s.cfg.RequestTimeout)
		defer cancel()
		sw := &statusWriter{ResponseWriter: w, ri: ri, status: http.StatusOK}
		h := sw.Header()
		h.Set("X-Request-ID", ri.id)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		if client.HTTPS {
			// Reached over https: the browser keeps to it from now on.
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		limit := s.bodyLimit(r)
		if r.ContentLength > limit {
			writeError(sw, http.StatusRequestEntityTooLarge, CodeBadUserInput, "request body too large")
			s.logRequest(log, r, sw.status, ri, time.Since(start))
			return
		}
		r.Body = http.MaxBytesReader(sw, r.Body, limit)
		defer func() {
			if p := recover(); p != nil {
				log.Error().Interface("panic", p).Msg("handler panic")
				if !sw.written {
					writeError(sw, http.StatusInternalServerError, CodeInternal, "internal error")
				}
			}
			s.logRequest(log, r, sw.status, ri, time.Since(start))
		}()
		next.ServeHTTP(sw, r.WithContext(ctx))
	})
}

func (s *Server) logRequest(log zerolog.Logger, r *http.Request, status int, ri *reqInfo, d time.Duration) {
	if r.URL.Path == "/healthz" || r.URL.Path == "/metrics" {
		return
	}
	outcome := "ok"
	if len(ri.errCodes) > 0 {
		outcome = strings.Join(ri.errCodes, ",")
	}
	observeRequest(ri.opType, outcome, d)
	ev := log.Info()
	if status >= 500 {
		ev = log.Error()
	}
	ev.Str("method", r.Method).Str("path", r.URL.Path).Int("status", status).
		Str("operation", ri.operation).Str("operation_type", ri.opType).
		Str("viewer", ri.viewer).Str("community", ri.community).Int("communities", ri.scope).
		Str("outcome", outcome).Dur("duration", d).Msg("request")
}

// authenticate turns the request's credentials into a viewer. A browser
// session must come with the CSRF header; a session that is unknown or has
// expired leaves the request anonymous, so the API answers UNAUTHENTICATED
// where a viewer is needed and the SPA can ask to sign in again.
func (s *Server) authenticate(next http.Handler) http.Handler {
	return s.authenticateWith(next, false)
}

// bodyLimit: a document upload may carry a file; everything else is small.
func (s *Server) bodyLimit(r *http.Request) int64 {
	if r.URL.Path == "/graphql" && strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		return workflow.MaxDocumentSize + 1<<20
	}
	return s.cfg.MaxBodyBytes
}

// authenticateWith may exempt safe reads (document downloads, which a
// browser starts from a plain link) from the CSRF header: they change
// nothing, and the session cookie is SameSite.
func (s *Server) authenticateWith(next http.Handler, safeRead bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		client, ok := proxy.FromContext(r.Context())
		if !ok { // not through the middleware: the peer as it is
			client = proxy.Trusted{}.Resolve(r)
		}
		ctx := auth.WithHTTP(r.Context(), w, r, client.Addr, client.HTTPS)
		ctx = authz.NewContext(ctx, s.authz)
		token, fromCookie := auth.Credentials(r)
		if token != "" {
			caller, err := s.auth.Authenticate(ctx, token)
			switch {
			case errors.Is(err, auth.ErrAddressNotAllowed):
				writeReason(w, http.StatusForbidden, CodeForbidden, ReasonAddressNotAllowed, "the API client may not call from this address")
				return
			case err != nil && !errors.Is(err, auth.ErrUnauthenticated):
				// The token could not be checked: say why, never "signed out".
				s.writeFault(w, r, err)
				return
			case err != nil && !fromCookie:
				writeError(w, http.StatusUnauthorized, CodeUnauthenticated, "invalid or expired token")
				return
			case err != nil:
				// An expired browser session: go on anonymous.
			case fromCookie && r.Method != http.MethodOptions && !safeRead && !auth.CSRFValid(r, caller):
				writeError(w, http.StatusForbidden, CodeForbidden, "missing or wrong CSRF token")
				return
			default:
				ctx = tenant.NewContext(ctx, caller.Viewer)
				if ri := info(ctx); ri != nil {
					ri.viewer = caller.Viewer.Subject()
					ri.scope = len(caller.Viewer.ReadCommunities())
					if ri.scope == 1 {
						ri.community = string(caller.Viewer.ReadCommunities()[0])
					}
				}
			}
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// writeReason is writeError with a reason that refines the code.
func writeReason(w http.ResponseWriter, status int, code, reason, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(`{"errors":[{"message":"` + msg + `","extensions":{"code":"` + code + `","reason":"` + reason + `"}}]}`))
}

func writeError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(`{"errors":[{"message":"` + msg + `","extensions":{"code":"` + code + `"}}]}`))
}
