package server

import (
	"net/http"
	"strconv"

	"github.com/turbota/turbota/auth"
	"github.com/turbota/turbota/ratelimit"
	"github.com/turbota/turbota/tenant"
)

// rateLimit charges the request to its viewer (user or API client) and
// the viewer's community, or, without a viewer, to its client address. It
// sits right after authentication and before any handler: a flood of
// anonymous sign-ins is turned away before a password is hashed or a
// transaction opened. Answers carry the RateLimit headers; a refusal is 429
// with Retry-After and RATE_LIMITED.
func (s *Server) rateLimit(next http.Handler) http.Handler {
	if s.cfg.RateLimiter == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		d := s.cfg.RateLimiter.Allow(r.Context(), subjectOf(r))
		d.SetHeaders(w.Header())
		if d.Allowed {
			next.ServeHTTP(w, r)
			return
		}
		if ri := info(r.Context()); ri != nil {
			ri.errCodes = append(ri.errCodes, CodeRateLimited)
		}
		retry := strconv.Itoa(d.RetryAfterSeconds())
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = w.Write([]byte(`{"errors":[{"message":"Too many requests: try again in ` + retry + ` s.",` +
			`"extensions":{"code":"` + CodeRateLimited + `","retryAfterSeconds":` + retry + `}}]}`))
	})
}

// subjectOf is who the request is charged to.
func subjectOf(r *http.Request) ratelimit.Subject {
	v := tenant.FromContext(r.Context())
	if v == nil {
		return ratelimit.Subject{Address: auth.RemoteAddr(r.Context())}
	}
	s := ratelimit.Subject{UserID: string(v.UserID), APIClientID: string(v.APIClientID)}
	if c := v.ReadCommunities(); len(c) == 1 {
		s.Community = string(c[0])
	}
	return s
}
