package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"
)

// guardInput refuses malformed requests to the API, the document
// downloads and the exports before anything reads them: text the
// database cannot store in the path, the query string or a JSON body, and
// multipart uploads whose map the GraphQL transport would choke on. It
// also gives the transport's own refusals, which carry no code, the code
// BAD_USER_INPUT.
func (s *Server) guardInput(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if p != "/graphql" && !strings.HasPrefix(p, "/documents/") && !strings.HasPrefix(p, "/exports/") {
			next.ServeHTTP(w, r)
			return
		}
		if err := s.checkRequest(r); err != nil {
			refuse(w, r, err)
			return
		}
		if p != "/graphql" {
			next.ServeHTTP(w, r)
			return
		}
		cw := &codedErrors{ResponseWriter: w}
		next.ServeHTTP(cw, r)
		cw.flush()
	})
}

// checkRequest looks at the URL of a guarded request and, for the API,
// at the body as far as it must.
func (s *Server) checkRequest(r *http.Request) *edgeError {
	if field, why := badURL(r.URL); why != "" {
		return badRequest(field, "The value of "+field+" "+why+".")
	}
	if r.URL.Path != "/graphql" || r.Method != http.MethodPost {
		return nil
	}
	media, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch media {
	case "application/json":
		return checkJSONBody(r)
	case "multipart/form-data":
		return s.checkUploadMap(r, params["boundary"])
	}
	return nil
}

// edgeError is a request refused at the edge.
type edgeError struct {
	status int
	field  string
	msg    string
}

func badRequest(field, msg string) *edgeError {
	return &edgeError{status: http.StatusBadRequest, field: field, msg: msg}
}

// badURL checks the path and every name and value of the query string.
func badURL(u *url.URL) (string, string) {
	if why := badText(u.Path); why != "" {
		return "path", why
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return "query", "is not a well-formed query string"
	}
	for _, name := range sortedKeys(q) {
		if why := badText(name); why != "" {
			return "query", "has a parameter name that " + why
		}
		for _, v := range q[name] {
			if why := badText(v); why != "" {
				return name, why
			}
		}
	}
	return "", ""
}

// checkJSONBody refuses a body that is not UTF-8: the JSON decoder would
// quietly turn such bytes into U+FFFD and the text would be stored
// changed. NUL characters, which JSON can only carry escaped, are left
// to the operation's text check, which can name the variable.
func checkJSONBody(r *http.Request) *edgeError {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return bodyError(err)
	}
	if !utf8.Valid(body) {
		return badRequest("body", "The request body is not valid UTF-8.")
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	return nil
}

func bodyError(err error) *edgeError {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return &edgeError{status: http.StatusRequestEntityTooLarge, field: "body", msg: "The request body is too large."}
	}
	return badRequest("body", "The request body could not be read.")
}

// notFound answers a path under /documents/ or /exports/ that names no
// document or table (or a method they do not serve) as the API would.
func notFound(w http.ResponseWriter, _ *http.Request) {
	writeError(w, http.StatusNotFound, CodeNotFound, "not found")
}

// refuse answers BAD_USER_INPUT, and says so in the request's log line.
func refuse(w http.ResponseWriter, r *http.Request, e *edgeError) {
	if ri := info(r.Context()); ri != nil {
		ri.errCodes = append(ri.errCodes, CodeBadUserInput)
	}
	writeInputError(w, e.status, e.field, e.msg)
}

// writeInputError answers BAD_USER_INPUT with the field at fault.
func writeInputError(w http.ResponseWriter, status int, field, msg string) {
	ext := map[string]any{"code": CodeBadUserInput}
	if field != "" {
		ext["field"] = field
	}
	body, _ := json.Marshal(map[string]any{"errors": []map[string]any{{"message": msg, "extensions": ext}}})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// codedErrors holds back an error answer of the GraphQL handler (status
// 400 and up, always small) to give a code to the errors the transports
// write without one ("transport not supported", "second part must be
// map", …): every error the API answers carries a stable code.
type codedErrors struct {
	http.ResponseWriter
	status int
	held   bytes.Buffer
}

// maxHeld bounds what is held back; an error answer is a few hundred bytes.
const maxHeld = 64 << 10

func (c *codedErrors) WriteHeader(status int) {
	if status >= http.StatusBadRequest && c.status == 0 {
		c.status = status
		return
	}
	c.ResponseWriter.WriteHeader(status)
}

func (c *codedErrors) Write(b []byte) (int, error) {
	if c.status == 0 {
		return c.ResponseWriter.Write(b)
	}
	if c.held.Len()+len(b) > maxHeld {
		return 0, errors.New("error answer too large")
	}
	return c.held.Write(b)
}

func (c *codedErrors) Unwrap() http.ResponseWriter { return c.ResponseWriter }

func (c *codedErrors) flush() {
	if c.status == 0 {
		return
	}
	body := withCodes(c.held.Bytes(), c.status)
	h := c.Header()
	h.Del("Content-Length")
	h.Set("Content-Type", "application/json")
	c.ResponseWriter.WriteHeader(c.status)
	_, _ = c.ResponseWriter.Write(body)
}

// withCodes gives every error of a GraphQL answer without a code one: an
// internal error for a server fault (5xx), BAD_USER_INPUT otherwise. An
// answer that is not JSON becomes one error.
func withCodes(body []byte, status int) []byte {
	code := CodeBadUserInput
	if status >= http.StatusInternalServerError {
		code = CodeInternal
	}
	var resp map[string]any
	if json.Unmarshal(body, &resp) != nil {
		resp = map[string]any{"errors": []any{map[string]any{"message": strings.TrimSpace(string(body))}}}
	}
	errs, _ := resp["errors"].([]any)
	if len(errs) == 0 {
		errs = []any{map[string]any{"message": http.StatusText(status)}}
	}
	for _, e := range errs {
		m, ok := e.(map[string]any)
		if !ok {
			continue
		}
		ext, _ := m["extensions"].(map[string]any)
		if ext == nil {
			ext = map[string]any{}
			m["extensions"] = ext
		}
		if _, ok := ext["code"].(string); !ok {
			ext["code"] = code
		}
	}
	resp["errors"] = errs
	out, err := json.Marshal(resp)
	if err != nil {
		return body
	}
	return out
}
