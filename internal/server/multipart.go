package server

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
)

const (
	// maxUploads caps the files of one request: the API takes one
	// document per upload, and a form sends a few at most.
	maxUploads = 10
	// maxMapBytes bounds the multipart map: ten short paths.
	maxMapBytes = 16 << 10
)

// checkUploadMap reads the first two parts of a GraphQL multipart request
// (the operation and the map of files onto its variables) and refuses a
// map the transport cannot follow safely: a path into variables that do
// not exist (the transport panics), a path that is not a null variable,
// one variable given two files, too many files. The parts read are put
// back in front of the body for the transport, which reads them again;
// the files themselves are not read here.
func (s *Server) checkUploadMap(r *http.Request, boundary string) *edgeError {
	if boundary == "" {
		return badRequest("body", "The multipart request names no boundary.")
	}
	var seen bytes.Buffer
	mr := multipart.NewReader(io.TeeReader(r.Body, &seen), boundary)
	ops, err := readPart(mr, "operations", s.cfg.MaxBodyBytes)
	if err != nil {
		return err
	}
	files, err := readPart(mr, "map", maxMapBytes)
	if err != nil {
		return err
	}
	if err := checkMap(ops, files); err != nil {
		return err
	}
	r.Body = readCloser{io.MultiReader(bytes.NewReader(seen.Bytes()), r.Body), r.Body}
	return nil
}

type readCloser struct {
	io.Reader
	io.Closer
}

// readPart reads the next part, which must be the form field name, up to
// limit bytes.
func readPart(mr *multipart.Reader, name string, limit int64) ([]byte, *edgeError) {
	part, err := mr.NextPart()
	if err != nil {
		if ie := maxBytes(err); ie != nil {
			return nil, ie
		}
		return nil, badRequest(name, "The multipart request must start with the parts operations and map.")
	}
	if part.FormName() != name {
		return nil, badRequest(name, "The multipart request must start with the parts operations and map.")
	}
	data, err := io.ReadAll(io.LimitReader(part, limit+1))
	switch {
	case err != nil:
		if ie := maxBytes(err); ie != nil {
			return nil, ie
		}
		return nil, badRequest(name, "The part "+name+" could not be read.")
	case int64(len(data)) > limit:
		return nil, &edgeError{status: http.StatusRequestEntityTooLarge, field: name, msg: "The part " + name + " is too large."}
	}
	return data, nil
}

func maxBytes(err error) *edgeError {
	if ie := bodyError(err); ie.status == http.StatusRequestEntityTooLarge {
		return ie
	}
	return nil
}

// checkMap checks each path of the map against the operation's
// variables, as the transport will follow it.
func checkMap(ops, files []byte) *edgeError {
	var op struct {
		Variables map[string]any `json:"variables"`
	}
	dec := json.NewDecoder(bytes.NewReader(ops))
	dec.UseNumber()
	if err := dec.Decode(&op); err != nil {
		return badRequest("operations", "The part operations must be one GraphQL request as a JSON object.")
	}
	var paths map[string][]string
	if err := json.Unmarshal(files, &paths); err != nil {
		return badRequest("map", "The part map must be a JSON object of file names to lists of variable paths.")
	}
	return checkPaths(op.Variables, paths)
}

// checkPaths: every file goes to at least one variable, no variable gets
// two files, each path leads to a null, and there are not too many.
func checkPaths(vars map[string]any, paths map[string][]string) *edgeError {
	if len(paths) == 0 {
		// Operations without files go as JSON; a form's multipart body
		// would otherwise carry any operation, the sign-in included.
		return badRequest("map", "A multipart request must send a file; send other operations as application/json.")
	}
	tooMany := badRequest("map", "At most "+strconv.Itoa(maxUploads)+" files can be sent at once.")
	if len(paths) > maxUploads {
		return tooMany
	}
	taken := map[string]bool{}
	for _, list := range paths {
		if len(list) == 0 {
			return badRequest("map", "Each file of the map must go to a variable.")
		}
		for _, p := range list {
			switch {
			case taken[p]:
				return badRequest("map", "Only one file can go to the variable "+safePath(p)+".")
			case !uploadTarget(vars, p):
				return badRequest("map", "The map names "+safePath(p)+", which is not a null variable of the operation.")
			}
			taken[p] = true
		}
	}
	if len(taken) > maxUploads {
		return tooMany
	}
	return nil
}

// uploadTarget reports whether path ("variables.a.0.b") leads through
// the variables to a null, the way graphql.RawParams.AddUpload goes:
// numbers index lists, other names key objects.
func uploadTarget(vars map[string]any, path string) bool {
	rest, ok := strings.CutPrefix(path, "variables.")
	if !ok || vars == nil {
		return false
	}
	var at any = vars
	parts := strings.Split(rest, ".")
	for i, p := range parts {
		var next any
		if idx, err := strconv.Atoi(p); err == nil {
			list, ok := at.([]any)
			if !ok || idx < 0 || idx >= len(list) {
				return false
			}
			next = list[idx]
		} else {
			obj, ok := at.(map[string]any)
			if !ok || obj == nil {
				return false
			}
			if next, ok = obj[p]; !ok {
				return false
			}
		}
		if i == len(parts)-1 {
			return next == nil
		}
		at = next
	}
	return false
}

// safePath quotes a path of the map for a message, shortened; quoting
// escapes whatever could not be shown.
func safePath(p string) string {
	if len(p) > 80 {
		p = p[:80]
	}
	return strconv.QuoteToASCII(p)
}
