package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"

	"github.com/turbota/turbota/internal/auth"
	"github.com/turbota/turbota/web"
)

// firstPaint answers the web app's start-up query inside the request for
// its page, through the API's own handler: the same session, CSRF check,
// permissions, need-to-know and access log as when the app asks itself
// (which it then does not).
func firstPaint(api http.Handler) web.Prefill {
	return func(r *http.Request, query string, variables map[string]any) []byte {
		csrf, err := r.Cookie(auth.CSRFCookie)
		if err != nil {
			return nil // signed out: the app goes to the sign-in page
		}
		body, err := json.Marshal(map[string]any{"query": query, "variables": variables})
		if err != nil {
			return nil
		}
		req, err := http.NewRequestWithContext(r.Context(), http.MethodPost, "/graphql", bytes.NewReader(body))
		if err != nil {
			return nil
		}
		req.RemoteAddr = r.RemoteAddr
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set(auth.CSRFHeader, csrf.Value)
		for _, c := range r.Cookies() {
			req.AddCookie(c)
		}
		rec := httptest.NewRecorder()
		api.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			return nil
		}
		return rec.Body.Bytes()
	}
}
