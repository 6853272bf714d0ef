package server

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/turbota/turbota/internal/auth"
	"github.com/turbota/turbota/internal/platform/ratelimit"
	"github.com/turbota/turbota/tenant"
)

// rateLimit charges the request to its viewer (user or API client) and
// the viewer's community, or, without a viewer, to its client address. It
// sits right after authentication and before any handler: a flood of
// anonymous sign-ins is turned away before a password is hashed or a
// transaction opened. A viewer's requests then run a few at a time
// (Limiter.Enter). Answers carry the RateLimit headers; a refusal is 429
// with Retry-After and RATE_LIMITED.
func (s *Server) rateLimit(next http.Handler) http.Handler {
	lim := s.cfg.RateLimiter
	if lim == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		subject, viewer := subjectOf(r)
		if viewer {
			token, _ := auth.Credentials(r)
			lim.Remember(token, subject)
		}
		d := lim.Allow(r.Context(), subject)
		if !d.Allowed {
			refuseRate(w, r, lim, d)
			return
		}
		release, ok := lim.Enter(r.Context(), subject)
		if !ok {
			refuseRate(w, r, lim, lim.Busy(subject))
			return
		}
		defer release()
		d.SetHeaders(w.Header())
		next.ServeHTTP(w, r)
	})
}

// refuseKnown turns a credential away before authentication while the
// limiter knows its caller to be out of tokens: a refused client that keeps
// asking costs no session lookup.
func (s *Server) refuseKnown(next http.Handler) http.Handler {
	lim := s.cfg.RateLimiter
	if lim == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if limitedPath(r.URL.Path) {
			token, _ := auth.Credentials(r)
			if d, ok := lim.RefuseKnown(token); ok {
				refuseRate(w, r, lim, d)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// limitedPath: the routes rateLimit guards (the SPA's static files are
// not limited).
func limitedPath(p string) bool {
	return p == "/graphql" || strings.HasPrefix(p, "/documents/") || strings.HasPrefix(p, "/exports/")
}

func refuseRate(w http.ResponseWriter, r *http.Request, lim *ratelimit.Limiter, d ratelimit.Decision) {
	if ri := info(r.Context()); ri != nil {
		ri.errCodes = append(ri.errCodes, CodeRateLimited)
	}
	d.RetryAfter -= lim.Hold(r.Context(), d)
	d.SetHeaders(w.Header())
	retry := strconv.Itoa(d.RetryAfterSeconds())
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusTooManyRequests)
	_, _ = w.Write([]byte(`{"errors":[{"message":"Too many requests: try again in ` + retry + ` s.",` +
		`"extensions":{"code":"` + CodeRateLimited + `","retryAfterSeconds":` + retry + `}}]}`))
}

// subjectOf is who the request is charged to, and whether that is a viewer.
func subjectOf(r *http.Request) (ratelimit.Subject, bool) {
	v := tenant.FromContext(r.Context())
	if v == nil || (v.UserID == "" && v.APIClientID == "") {
		return ratelimit.Subject{Address: auth.RemoteAddr(r.Context())}, false
	}
	s := ratelimit.Subject{UserID: string(v.UserID), APIClientID: string(v.APIClientID)}
	if c := v.ReadCommunities(); len(c) == 1 {
		s.Community = string(c[0])
	}
	return s, true
}
