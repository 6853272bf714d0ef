// Package web embeds the built single-page app and serves it.
package web

import (
	"bytes"
	"embed"
	"encoding/json"
	"html"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
)

//go:embed dist
var dist embed.FS

// Handler serves the SPA built into dist/app; prefill (may be nil) answers
// the case page's query for its first paint.
func Handler(prefill Prefill) http.Handler {
	sub, _ := fs.Sub(dist, "dist/app")
	s := newHandler(sub)
	s.prefill = prefill
	return s
}

const csp = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"

// preloadFile lists, per route of the app, the chunks and styles of its page
// (written by vite.config.ts). index.html names them for the route asked for,
// so a browser fetches the page's code alongside the app's, not after it.
const preloadFile = "preload.json"

type route struct {
	Path    string   `json:"path"`
	Scripts []string `json:"scripts"`
	Styles  []string `json:"styles"`
	segs    []string
	html    []byte
}

type site struct {
	files   fs.FS
	index   []byte
	routes  []route
	boot    boot
	prefill Prefill
}

// newHandler serves hashed assets as immutable, and index.html (also for
// client-side routes) as always revalidated; compressed copies made at build
// time (name.br, name.gz) go to browsers that accept them.
func newHandler(files fs.FS) *site {
	s := &site{files: files, boot: loadBoot(files)}
	if index, err := fs.ReadFile(files, "index.html"); err == nil {
		s.index = index
		s.routes = loadRoutes(files, index)
	}
	return s
}

// loadRoutes reads the preload list and renders index.html for each route.
// Without the list (an older build) every route gets the plain index.html.
func loadRoutes(files fs.FS, index []byte) []route {
	data, err := fs.ReadFile(files, preloadFile)
	if err != nil {
		return nil
	}
	var routes []route
	if json.Unmarshal(data, &routes) != nil {
		return nil
	}
	head := bytes.Index(index, []byte("</head>"))
	if head < 0 {
		return nil
	}
	for i := range routes {
		r := &routes[i]
		r.segs = strings.Split(strings.Trim(r.Path, "/"), "/")
		var links strings.Builder
		for _, src := range r.Scripts {
			links.WriteString(`<link rel="modulepreload" crossorigin href="` + html.EscapeString(src) + "\">\n    ")
		}
		for _, href := range r.Styles {
			links.WriteString(`<link rel="stylesheet" crossorigin href="` + html.EscapeString(href) + "\">\n    ")
		}
		page := make([]byte, 0, len(index)+links.Len())
		page = append(page, index[:head]...)
		page = append(page, links.String()...)
		r.html = append(page, index[head:]...)
	}
	return routes
}

// match finds the route of a path as React Router would: static segments
// before parameters, parameters before a trailing splat.
func (s *site) match(p string) []byte {
	segs := strings.Split(strings.Trim(p, "/"), "/")
	best, score := s.index, 0
	for _, r := range s.routes {
		if n := matchScore(r.segs, segs); n > score {
			best, score = r.html, n
		}
	}
	return best
}

func matchScore(pattern, segs []string) int {
	score := 1
	for i, p := range pattern {
		switch {
		case p == "*":
			return score
		case i >= len(segs):
			return 0
		case strings.HasPrefix(p, ":"):
			if segs[i] == "" {
				return 0
			}
			score += 2
		case p == segs[i]:
			score += 3
		default:
			return 0
		}
	}
	if len(segs) != len(pattern) {
		return 0
	}
	return score
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", csp)
	if s.index == nil {
		h.Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("The web app is not built: run `make web`.\n"))
		return
	}
	p := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
	// The compressed copies are served in place of their originals, never by their own names.
	if strings.HasSuffix(p, ".br") || strings.HasSuffix(p, ".gz") {
		http.NotFound(w, r)
		return
	}
	if strings.HasPrefix(p, "assets/") {
		if s.serveFile(w, r, p, "public, max-age=31536000, immutable") {
			return
		}
		http.NotFound(w, r)
		return
	}
	if p != "" && p != "index.html" && p != preloadFile && p != bootFile {
		if st, err := fs.Stat(s.files, p); err == nil && !st.IsDir() && s.serveFile(w, r, p, "no-cache") {
			return
		}
	}
	// A client-side route: index.html, with the page's chunks named for a route the app has.
	page := s.match("/" + p)
	if m := caseRoute.FindStringSubmatch(p); m != nil {
		if painted := s.firstPaint(r, page, m[1]); painted != nil {
			// The viewer's own data: never stored, never shared.
			h.Set("Cache-Control", "private, no-store")
			http.ServeContent(w, r, "index.html", time.Time{}, bytes.NewReader(painted))
			return
		}
	}
	h.Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, "index.html", time.Time{}, bytes.NewReader(page))
}

// serveFile writes a file of the build, or its Brotli or gzip copy when the
// browser takes that encoding and the copy exists. It reports false when
// there is no such file.
func (s *site) serveFile(w http.ResponseWriter, r *http.Request, name, cacheControl string) bool {
	h := w.Header()
	addVary(h)
	for _, enc := range []struct{ name, ext string }{{"br", ".br"}, {"gzip", ".gz"}} {
		if !accepts(r.Header.Get("Accept-Encoding"), enc.name) {
			continue
		}
		f, err := s.files.Open(name + enc.ext)
		if err != nil {
			continue
		}
		defer f.Close()
		rs, ok := f.(io.ReadSeeker)
		if !ok {
			continue
		}
		if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
			h.Set("Content-Type", ct)
		}
		h.Set("Content-Encoding", enc.name)
		h.Set("Cache-Control", cacheControl)
		http.ServeContent(w, r, name, time.Time{}, rs)
		return true
	}
	f, err := s.files.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	st, err := f.Stat()
	rs, ok := f.(io.ReadSeeker)
	if err != nil || st.IsDir() || !ok {
		return false
	}
	h.Set("Cache-Control", cacheControl)
	http.ServeContent(w, r, name, time.Time{}, rs)
	return true
}

// addVary says that the answer depends on Accept-Encoding, once (a
// compressing middleware may have said so already).
func addVary(h http.Header) {
	for _, v := range h.Values("Vary") {
		for _, f := range strings.Split(v, ",") {
			if strings.EqualFold(strings.TrimSpace(f), "Accept-Encoding") {
				return
			}
		}
	}
	h.Add("Vary", "Accept-Encoding")
}

// accepts reports whether an Accept-Encoding header takes an encoding
// (named, or by "*"), with a quality above zero.
func accepts(header, encoding string) bool {
	star := false
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if k, v, ok := strings.Cut(strings.TrimSpace(params), "="); ok && strings.TrimSpace(k) == "q" {
			if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
				q = f
			}
		}
		switch strings.ToLower(strings.TrimSpace(name)) {
		case encoding:
			return q > 0
		case "*":
			star = q > 0
		}
	}
	return star
}
