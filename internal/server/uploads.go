package server

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/turbota/turbota/internal/workflow"
)

// Bounds of document uploads (GraphQL multipart requests).
const (
	// DefaultUploadSlots is how many uploads store their file at once. Each
	// holds a pooled connection and about 1 MiB while it writes its chunks,
	// and the disk, not the CPU, is what they share: more at once would
	// only make each slower.
	DefaultUploadSlots = 4
	// DefaultUploadWait is how long an upload waits for a slot before it is
	// refused. A 20 MB scan takes a slot for one to two seconds (measured on
	// a busy 2-core machine), so ten at once are all served within about
	// 15 s; a queue longer than this means the server is overloaded, and the
	// client is better told when to come back than left hanging.
	DefaultUploadWait = 30 * time.Second
	// uploadMaxMemory is what the multipart reader keeps in memory per
	// request; a larger file goes to a temporary file, removed when the
	// request ends.
	uploadMaxMemory = 256 << 10
	// uploadMaxFields bounds the parts before the first file (the
	// operations and the map), which gqlgen decodes in memory.
	uploadMaxFields = 1 << 20
	// uploadRetryAfter is when a refused upload should try again.
	uploadRetryAfter = 5 * time.Second
)

// uploadTransport is gqlgen's multipart transport with bounded memory: the
// file is spooled to a temporary file past uploadMaxMemory, and only a few
// operations with files run at once (see gatedExecutor).
type uploadTransport struct {
	transport.MultipartForm
	gate *uploadGate
}

// newUploadTransport builds the multipart transport; zero values choose
// the defaults.
func newUploadTransport(slots int, wait time.Duration) uploadTransport {
	if slots <= 0 {
		slots = DefaultUploadSlots
	}
	if wait <= 0 {
		wait = DefaultUploadWait
	}
	return uploadTransport{
		MultipartForm: transport.MultipartForm{MaxUploadSize: workflow.MaxDocumentSize + 1<<20, MaxMemory: uploadMaxMemory},
		gate:          &uploadGate{slots: make(chan struct{}, slots), wait: wait},
	}
}

// Do parses the request (spooling the file) and runs its operation once a
// slot is free. gqlgen keeps a body in memory when its length is under
// MaxMemory, and an unknown length (chunked encoding) is under anything: such
// a body is spooled like a large one.
func (t uploadTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	if r.ContentLength < 0 {
		r.ContentLength = t.MaxMemory
	}
	if _, params, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err == nil && params["boundary"] != "" {
		r.Body = &fieldsLimit{ReadCloser: r.Body, delim: []byte("\r\n--" + params["boundary"]), window: []byte("\r\n"),
			left: uploadMaxFields}
	}
	t.MultipartForm.Do(w, r, gatedExecutor{GraphExecutor: exec, gate: t.gate, w: w})
}

// fieldsLimit fails a multipart body whose first file does not begin within
// the first uploadMaxFields bytes: gqlgen reads the operations and the map
// into memory (only files go to temporary files), and the body limit is
// that of a file. It counts delimiters as the bytes pass: the first opens
// the operations, the second the map, the third the first file (or ends the
// body); from then on it lets everything through.
type fieldsLimit struct {
	io.ReadCloser
	delim  []byte
	window []byte // the last bytes seen, to find a delimiter split across reads
	seen   int
	left   int64
}

var errFieldsTooLarge = errors.New("the operations and map of a multipart request exceed 1 MiB")

// Read implements io.Reader.
func (f *fieldsLimit) Read(p []byte) (int, error) {
	if f.seen >= 3 {
		return f.ReadCloser.Read(p)
	}
	if f.left <= 0 {
		return 0, errFieldsTooLarge
	}
	n, err := f.ReadCloser.Read(p[:min(int64(len(p)), f.left)])
	f.left -= int64(n)
	f.window = append(f.window, p[:n]...)
	for f.seen < 3 {
		i := bytes.Index(f.window, f.delim)
		if i < 0 {
			break
		}
		f.seen++
		f.window = f.window[i+len(f.delim):]
	}
	if keep := len(f.delim) - 1; len(f.window) > keep {
		f.window = append(f.window[:0], f.window[len(f.window)-keep:]...)
	}
	return n, err
}

// uploadGate is a counting semaphore with a bounded wait.
type uploadGate struct {
	slots chan struct{}
	wait  time.Duration
}

// acquire takes a slot, waiting at most g.wait, and not past ctx.
func (g *uploadGate) acquire(ctx context.Context) bool {
	select {
	case g.slots <- struct{}{}:
		return true
	default:
	}
	timer := time.NewTimer(g.wait)
	defer timer.Stop()
	select {
	case g.slots <- struct{}{}:
		return true
	case <-timer.C:
		return false
	case <-ctx.Done():
		return false
	}
}

func (g *uploadGate) release() { <-g.slots }

// gatedExecutor runs an operation that came with files only in a slot of
// the gate, taken once the files are spooled (a slow client's upload holds
// no slot) and before the operation's transaction begins (a waiting upload
// holds no connection). An operation refused a slot is answered 503 with
// Retry-After and code RATE_LIMITED: the server's capacity, not the client's
// behaviour, refused it (hence not 429), and RATE_LIMITED with
// retryAfterSeconds is what clients already handle by waiting that long.
type gatedExecutor struct {
	graphql.GraphExecutor
	gate *uploadGate
	w    http.ResponseWriter
}

// DispatchOperation implements graphql.GraphExecutor.
func (g gatedExecutor) DispatchOperation(ctx context.Context, oc *graphql.OperationContext) (graphql.ResponseHandler, context.Context) {
	if !g.gate.acquire(ctx) {
		return g.refuse(ctx), ctx
	}
	var once sync.Once
	release := func() { once.Do(g.gate.release) }
	dispatched := false
	defer func() {
		if !dispatched { // a panic on the way: the slot must not leak
			release()
		}
	}()
	respond, ctx := g.GraphExecutor.DispatchOperation(ctx, oc)
	dispatched = true
	return func(ctx context.Context) *graphql.Response {
		defer release()
		return respond(ctx)
	}, ctx
}

func (g gatedExecutor) refuse(ctx context.Context) graphql.ResponseHandler {
	if ri := info(ctx); ri != nil {
		ri.errCodes = append(ri.errCodes, CodeRateLimited)
	}
	secs := int(uploadRetryAfter.Seconds())
	g.w.Header().Set("Retry-After", strconv.Itoa(secs))
	g.w.WriteHeader(http.StatusServiceUnavailable)
	return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{{
		Message:    "Too many uploads at once: try again in a few seconds",
		Extensions: map[string]any{"code": CodeRateLimited, "reason": ReasonUploadsBusy, "retryAfterSeconds": secs},
	}}})
}
