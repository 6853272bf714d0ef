package auth

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/turbota/turbota/internal/auth/secret"
)

// Cookie names: the session is HttpOnly; the CSRF token is readable by the
// SPA, which echoes it in the X-CSRF-Token header (double submit).
const (
	SessionCookie = "turbota_session"
	CSRFCookie    = "turbota_csrf"
	// DeviceCookie marks a browser where an account signed in before
	// (see throttle.go): it outlives sessions, and a sign-in from it is
	// throttled on its own, not with strangers' failures.
	DeviceCookie = "turbota_device"
	CSRFHeader   = "X-CSRF-Token"
)

type httpKey struct{}

type httpState struct {
	w          http.ResponseWriter
	secure     bool
	remoteAddr string
	device     string // the request's DeviceCookie
}

// WithHTTP lets resolvers set cookies on the response and know the client:
// its address and whether its own connection was https (then cookies are
// Secure), as the server found them past the proxies it trusts.
func WithHTTP(ctx context.Context, w http.ResponseWriter, r *http.Request, remoteAddr string, https bool) context.Context {
	st := &httpState{w: w, secure: https, remoteAddr: remoteAddr}
	if c, err := r.Cookie(DeviceCookie); err == nil {
		st.device = c.Value
	}
	return context.WithValue(ctx, httpKey{}, st)
}

// Device is the request's device mark ("" if none).
func Device(ctx context.Context) string {
	if s, ok := ctx.Value(httpKey{}).(*httpState); ok {
		return s.device
	}
	return ""
}

// deviceCookieLife is how long a browser stays known without signing in.
const deviceCookieLife = 400 * 24 * time.Hour

// SetDeviceCookie marks the browser as one where the account signed in.
func SetDeviceCookie(ctx context.Context, mark string) {
	s, ok := ctx.Value(httpKey{}).(*httpState)
	if !ok || mark == "" {
		return
	}
	http.SetCookie(s.w, &http.Cookie{Name: DeviceCookie, Value: mark, Path: "/graphql", MaxAge: int(deviceCookieLife.Seconds()),
		HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteStrictMode})
}

// RemoteAddr is the client address of the request.
func RemoteAddr(ctx context.Context) string {
	if s, ok := ctx.Value(httpKey{}).(*httpState); ok {
		return s.remoteAddr
	}
	return ""
}

// SetSessionCookies hands a browser its new session.
func SetSessionCookies(ctx context.Context, sess *Session) {
	s, ok := ctx.Value(httpKey{}).(*httpState)
	if !ok {
		return
	}
	http.SetCookie(s.w, &http.Cookie{Name: SessionCookie, Value: sess.Token, Path: "/", Expires: sess.ExpiresAt,
		HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteStrictMode})
	http.SetCookie(s.w, &http.Cookie{Name: CSRFCookie, Value: sess.CSRF, Path: "/", Expires: sess.ExpiresAt,
		Secure: s.secure, SameSite: http.SameSiteStrictMode})
}

// ClearSessionCookies removes the session from the browser.
func ClearSessionCookies(ctx context.Context) {
	s, ok := ctx.Value(httpKey{}).(*httpState)
	if !ok {
		return
	}
	for _, name := range []string{SessionCookie, CSRFCookie} {
		http.SetCookie(s.w, &http.Cookie{Name: name, Value: "", Path: "/", Expires: time.Unix(0, 0), MaxAge: -1,
			HttpOnly: name == SessionCookie, Secure: s.secure, SameSite: http.SameSiteStrictMode})
	}
}

// Credentials reads the token of a request: a bearer token (API clients,
// scripts) or the session cookie (browsers). fromCookie tells the caller to
// demand the CSRF header.
func Credentials(r *http.Request) (token string, fromCookie bool) {
	if h := r.Header.Get("Authorization"); strings.HasPrefix(h, "Bearer ") {
		return strings.TrimSpace(strings.TrimPrefix(h, "Bearer ")), false
	}
	if c, err := r.Cookie(SessionCookie); err == nil {
		return c.Value, true
	}
	return "", false
}

// CSRFValid reports whether a cookie-authenticated request proves it comes
// from our own pages.
func CSRFValid(r *http.Request, c *Caller) bool {
	return c != nil && secret.EqualCSRF(r.Header.Get(CSRFHeader), c.CSRF)
}
