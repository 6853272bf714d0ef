package server

import (
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/turbota/turbota/internal/auth"
)

// refuseCrossSite keeps other sites' pages from making a browser send us
// operations, the sign-in above all (login CSRF: a hostile page signs the
// visitor in to the attacker's account, and what the visitor then enters
// lands there). A page of another site can only send "simple" requests
// without asking first: a form's multipart, urlencoded or text/plain body
// and no custom header. So a POST to the API must be JSON, which a
// browser sends cross-site only after a CORS preflight that we never
// answer; a multipart upload must carry the CSRF header (the web app sends
// it with its session) or a bearer token (scripts), neither of which a
// form can add. Where the browser says where the request comes from
// (Sec-Fetch-Site, Origin), another site is refused outright.
func (s *Server) refuseCrossSite(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			next.ServeHTTP(w, r) // GET carries queries only; gqlgen refuses mutations
			return
		}
		if !s.sameOrigin(r) {
			refuseCode(w, r, http.StatusForbidden, CodeForbidden, "Requests from other sites are not accepted.")
			return
		}
		media, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		switch {
		case media == "application/json":
		case media == "multipart/form-data" && (r.Header.Get(auth.CSRFHeader) != "" || bearer(r)):
		case media == "multipart/form-data":
			refuseCode(w, r, http.StatusForbidden, CodeForbidden, "An upload must carry the "+auth.CSRFHeader+" header or a bearer token.")
			return
		default:
			refuseCode(w, r, http.StatusUnsupportedMediaType, CodeBadUserInput,
				"Send GraphQL operations as application/json (uploads as multipart/form-data).")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// sameOrigin: a browser's own word that the request comes from our pages,
// or no word at all (scripts and older browsers, for which the content
// type and header rules above stand).
func (s *Server) sameOrigin(r *http.Request) bool {
	switch r.Header.Get("Sec-Fetch-Site") {
	case "", "same-origin", "none":
	default: // cross-site, and same-site: a sibling host is another site to us
		return false
	}
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" { // "null": a sandboxed or opaque page
		return false
	}
	return strings.EqualFold(u.Host, r.Host) || (s.publicHost != "" && strings.EqualFold(u.Host, s.publicHost))
}

func bearer(r *http.Request) bool {
	return strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ")
}

// refuseCode answers a refusal at the edge with its code, and says so in
// the request's log line.
func refuseCode(w http.ResponseWriter, r *http.Request, status int, code, msg string) {
	if ri := info(r.Context()); ri != nil {
		ri.errCodes = append(ri.errCodes, code)
	}
	writeError(w, status, code, msg)
}
