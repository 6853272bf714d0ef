package server

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strconv"

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
	tx, err := tenant.BeginWith(r.Context(), s.client, v, s.cfg.Transaction)
	if err != nil {
		s.writeFault(w, r, err)
		return nil, nil, false
	}
	return tx, ent.NewContext(r.Context(), tx.Client()), true
}

// download sends a document's file to a viewer who may read the document,
// in the viewer's transaction (the read goes into the access log, which
// commits with it). Anything else is a 404, as for a file that does not exist.
func (s *Server) download(w http.ResponseWriter, r *http.Request) {
	tx, ctx, ok := s.viewerTx(w, r, "sign in to download documents")
	if !ok {
		return
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	d, data, err := cases.OpenDocument(ctx, tx.Client(), pulid.ID(r.PathValue("id")))
	switch {
	case err == nil:
	case ent.IsNotFound(err), ent.IsNotSingular(err), isDenied(err):
		writeError(w, http.StatusNotFound, CodeNotFound, "not found")
		return
	default:
		s.writeFault(w, r, err)
		return
	}
	if err := tx.Commit(); err != nil {
		s.writeFault(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", d.ContentType)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": d.FileName}))
	h.Set("Cache-Control", "private, no-store")
	h.Set("Content-Security-Policy", "sandbox")
	h.Set("ETag", fmt.Sprintf("%q", d.Sha256))
	_, _ = w.Write(data)
}

// isDenied: the privacy rules refused the read.
func isDenied(err error) bool {
	return errors.Is(err, privacy.Deny) || errors.Is(err, authz.ErrForbidden) || errors.Is(err, tenant.ErrNotVisible)
}
