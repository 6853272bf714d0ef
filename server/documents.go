package server

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strconv"

	"github.com/rs/zerolog"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/cases"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/privacy"
	"github.com/turbota/turbota/ent/schema/pulid"
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
	tx, err := tenant.Begin(r.Context(), s.client, v)
	if err != nil {
		writeError(w, http.StatusInternalServerError, CodeInternal, "internal error")
		return nil, nil, false
	}
	return tx, ent.NewContext(r.Context(), tx.Client()), true
}

// download sends a document's file to a viewer who may read the document.
// The read goes into the access log first, in a transaction that commits
// before any byte leaves; the bytes then follow a chunk at a time, each read
// in a short transaction of its own, so that neither the file nor a pooled
// connection is held while a slow client takes it. Anything the viewer may
// not read is a 404, as for a file that does not exist.
func (s *Server) download(w http.ResponseWriter, r *http.Request) {
	d, ok := s.openDocument(w, r)
	if !ok {
		return
	}
	h := w.Header()
	h.Set("Content-Type", d.ContentType)
	h.Set("Content-Length", strconv.FormatInt(d.Size, 10))
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": d.FileName}))
	h.Set("Cache-Control", "private, no-store")
	h.Set("Content-Security-Policy", "sandbox")
	h.Set("ETag", fmt.Sprintf("%q", d.Sha256))
	if r.Method == http.MethodHead {
		return
	}
	for seq, sent := 0, int64(0); sent < d.Size; seq++ {
		data, err := s.readChunk(r, d.ID, seq)
		if err == nil && data == nil {
			err = errors.New("fewer bytes stored than the document's size")
		}
		if err != nil {
			// The status is sent: ending short of Content-Length makes the
			// server close the connection, and the client sees a broken file.
			zerolog.Ctx(r.Context()).Error().Str("error", err.Error()).Int("chunk", seq).Msg("download interrupted")
			return
		}
		if _, err := w.Write(data); err != nil {
			return // the client went away
		}
		sent += int64(len(data))
	}
}

// openDocument finds the document in the viewer's transaction and commits
// the access log entry; when it cannot, it answers the request itself.
func (s *Server) openDocument(w http.ResponseWriter, r *http.Request) (*ent.Document, bool) {
	tx, ctx, ok := s.viewerTx(w, r, "sign in to download documents")
	if !ok {
		return nil, false
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	d, err := cases.OpenDocument(ctx, tx.Client(), pulid.ID(r.PathValue("id")))
	switch {
	case err == nil:
	case ent.IsNotFound(err), ent.IsNotSingular(err), isDenied(err):
		writeError(w, http.StatusNotFound, CodeNotFound, "not found")
		return nil, false
	default:
		writeError(w, http.StatusInternalServerError, CodeInternal, "internal error")
		return nil, false
	}
	if err := tx.Commit(); err != nil {
		writeError(w, http.StatusInternalServerError, CodeInternal, "internal error")
		return nil, false
	}
	return d, true
}

// readChunk reads one piece of a document in a read-only transaction of the
// viewer, under the same three walls as the rest of the request.
func (s *Server) readChunk(r *http.Request, doc pulid.ID, seq int) ([]byte, error) {
	tx, err := tenant.Begin(r.Context(), s.client, tenant.FromContext(r.Context()))
	if err != nil {
		return nil, err
	}
	defer tx.Rollback() //nolint:errcheck // nothing to keep
	return cases.ReadChunk(ent.NewContext(r.Context(), tx.Client()), tx.Client(), doc, seq)
}

// isDenied: the privacy rules refused the read.
func isDenied(err error) bool {
	return errors.Is(err, privacy.Deny) || errors.Is(err, authz.ErrForbidden) || errors.Is(err, tenant.ErrNotVisible)
}
