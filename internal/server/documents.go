package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/privacy"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/workflow"
	"github.com/turbota/turbota/tenant"
)

// viewerTx opens the transaction of a signed-in viewer's request, with
// the request's client in the context; when it cannot, it answers the
// request itself.
func (s *Server) viewerTx(w http.ResponseWriter, r *http.Request, signIn string) (*ent.Tx, context.Context, bool) {
	v := tenant.FromContext(r.Context())
	if v == nil {
		writeError(w, http.StatusUnauthorized, CodeUnauthenticated, signIn)
		return nil, nil, false
	}
	tx, err := s.begin(r.Context(), v)
	if err != nil {
		s.writeFault(w, r, err)
		return nil, nil, false
	}
	return tx, ent.NewContext(r.Context(), tx.Client()), true
}

// download sends a document's file to a viewer who may read the document.
// The read goes into the access log first, in a transaction that commits
// before any byte leaves; the bytes then follow a chunk at a time, each read
// in a short transaction of its own, so that neither the file nor a pooled
// connection is held while a slow client takes it. A single byte range may
// be asked for (an interrupted download resumes). Anything the viewer may
// not read is a 404, as for a file that does not exist.
func (s *Server) download(w http.ResponseWriter, r *http.Request) {
	d, ok := s.openDocument(w, r)
	if !ok {
		return
	}
	h := w.Header()
	h.Set("Content-Type", d.ContentType)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": d.FileName}))
	h.Set("Cache-Control", "private, no-store")
	h.Set("Content-Security-Policy", "sandbox")
	h.Set("ETag", fmt.Sprintf("%q", d.Sha256))
	if strings.Contains(r.Header.Get("Range"), ",") {
		// Every range may cost a chunk read: many at once are answered
		// with the whole file, as HTTP allows.
		r.Header.Del("Range")
	}
	http.ServeContent(w, r, "", time.Time{}, &chunkReader{size: d.Size, seq: -1,
		read: func(seq int) ([]byte, error) { return s.documentChunk(r, d, seq) }})
}

// documentChunk reads the seq-th chunk of a document and checks it holds
// what the document's size says it should. Once the status is sent, an
// error can only end the answer short of its Content-Length: the server
// then closes the connection, and the client sees a broken file, never one
// passed off as whole.
func (s *Server) documentChunk(r *http.Request, d *ent.Document, seq int) ([]byte, error) {
	data, err := s.readChunk(r, d.ID, seq)
	if want := min(workflow.ChunkSize, d.Size-int64(seq)*workflow.ChunkSize); err == nil && int64(len(data)) != want {
		err = fmt.Errorf("chunk %d holds %d bytes, not %d", seq, len(data), want)
	}
	if err != nil {
		zerolog.Ctx(r.Context()).Error().Str("error", err.Error()).Int("chunk", seq).Msg("download interrupted")
	}
	return data, err
}

// chunkReader reads a document's bytes chunk by chunk, as it is read and
// sought, holding one chunk at a time. Every chunk but the last holds
// exactly workflow.ChunkSize bytes (read checks it), so an offset names its
// chunk.
type chunkReader struct {
	size, off int64
	read      func(seq int) ([]byte, error)
	seq       int // of the chunk in data; -1 for none
	data      []byte
}

// Read implements io.Reader.
func (c *chunkReader) Read(p []byte) (int, error) {
	if c.off >= c.size {
		return 0, io.EOF
	}
	seq := int(c.off / workflow.ChunkSize)
	if seq != c.seq {
		data, err := c.read(seq)
		if err != nil {
			return 0, err
		}
		c.seq, c.data = seq, data
	}
	start := c.off - int64(seq)*workflow.ChunkSize
	if start >= int64(len(c.data)) {
		return 0, io.ErrUnexpectedEOF
	}
	n := copy(p, c.data[start:])
	c.off += int64(n)
	return n, nil
}

// Seek implements io.Seeker.
func (c *chunkReader) Seek(offset int64, whence int) (int64, error) {
	switch whence {
	case io.SeekCurrent:
		offset += c.off
	case io.SeekEnd:
		offset += c.size
	}
	if offset < 0 {
		return 0, errors.New("seek before the start")
	}
	c.off = offset
	return offset, nil
}

// openDocument finds the document in the viewer's transaction and commits
// the access log entry; when it cannot, it answers the request itself.
func (s *Server) openDocument(w http.ResponseWriter, r *http.Request) (*ent.Document, bool) {
	tx, ctx, ok := s.viewerTx(w, r, "sign in to download documents")
	if !ok {
		return nil, false
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	d, err := workflow.OpenDocument(ctx, tx.Client(), pulid.ID(r.PathValue("id")))
	switch {
	case err == nil:
	case ent.IsNotFound(err), ent.IsNotSingular(err), isDenied(err):
		writeError(w, http.StatusNotFound, CodeNotFound, "not found")
		return nil, false
	default:
		s.writeFault(w, r, err)
		return nil, false
	}
	if err := tx.Commit(); err != nil {
		s.writeFault(w, r, err)
		return nil, false
	}
	return d, true
}

// readChunk reads one piece of a document in a read-only transaction of the
// viewer, under the same three walls as the rest of the request.
func (s *Server) readChunk(r *http.Request, doc pulid.ID, seq int) ([]byte, error) {
	tx, err := s.beginRead(r.Context(), tenant.FromContext(r.Context()))
	if err != nil {
		return nil, err
	}
	defer tx.Rollback() //nolint:errcheck // nothing to keep
	return workflow.ReadChunk(ent.NewContext(r.Context(), tx.Client()), tx.Client(), doc, seq)
}

// isDenied: the privacy rules refused the read.
func isDenied(err error) bool {
	return errors.Is(err, privacy.Deny) || errors.Is(err, authz.ErrForbidden) || errors.Is(err, tenant.ErrNotVisible)
}
