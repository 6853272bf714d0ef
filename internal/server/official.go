package server

import (
	"context"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"strings"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/auditevent"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/audit"
	"github.com/turbota/turbota/internal/documents"
)

// officialTypes are the record types each official document prints, as
// the access log names them.
var officialTypes = map[documents.Kind]string{
	documents.SafetyAct: ent.TypeSafetyAssessment, documents.NeedsAct: ent.TypeNeedsAssessment,
	documents.Plan: ent.TypePlan, documents.Decision: ent.TypeDecision, documents.Voucher: ent.TypeVoucher,
}

// officialDocument renders an official document of a record as PDF. The
// record is read as the viewer (a record they may not read is a 404, as
// one that does not exist), the document's number is issued on its first
// download, and the download is logged; all of that commits before the
// PDF is drawn, so no connection is held while it is.
func (s *Server) officialDocument(w http.ResponseWriter, r *http.Request) {
	kind := documents.Kind(r.PathValue("kind"))
	if !kind.Valid() {
		writeError(w, http.StatusBadRequest, CodeBadUserInput, "kind: one of safety-act, needs-act, plan, decision, voucher")
		return
	}
	tx, ctx, ok := s.viewerTx(w, r, "sign in to download documents")
	if !ok {
		return
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	lang, asJSON := r.URL.Query().Get("lang"), r.URL.Query().Get("format") == "json"
	d, err := issueDocument(ctx, tx.Client(), kind, pulid.ID(r.PathValue("id")), lang, !asJSON)
	switch {
	case err == nil:
		err = tx.Commit()
	case ent.IsNotFound(err), ent.IsNotSingular(err), isDenied(err):
		writeError(w, http.StatusNotFound, CodeNotFound, "not found")
		return
	}
	if err != nil {
		s.writeFault(w, r, err)
		return
	}
	if asJSON {
		// The browser prints the same layout; its number shows once the
		// PDF has issued one.
		h := w.Header()
		h.Set("Content-Type", "application/json")
		h.Set("Cache-Control", "private, no-store")
		_ = json.NewEncoder(w).Encode(d)
		return
	}
	pdf, err := documents.PDF(d, lang)
	if err != nil {
		s.writeFault(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", contentDisposition(string(kind), d))
	h.Set("Cache-Control", "private, no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	_, _ = w.Write(pdf)
}

// issueDocument lays out the document and logs the read in the record's
// community: a download (issue) gives the document its number and is
// logged as an export; the browser's print layout is a read that shows the
// number only if one was issued.
func issueDocument(ctx context.Context, c *ent.Client, kind documents.Kind, id pulid.ID, lang string, issue bool) (*documents.Document, error) {
	d, err := documents.Layout(ctx, c, kind, id, lang)
	if err != nil {
		return nil, err
	}
	e := audit.Event{Action: auditevent.ActionEXPORT, Community: d.Community, EntityType: officialTypes[kind], EntityID: "pdf " + string(id)}
	if issue {
		err = documents.Issue(ctx, c, d)
	} else {
		e.Action, e.EntityID = auditevent.ActionREAD, string(id)
		_, err = documents.Lookup(ctx, c, d)
	}
	if err != nil {
		return nil, err
	}
	return d, audit.Write(ctx, c, e)
}

// contentDisposition names the file twice: in ASCII for old clients
// («safety-act-17-2026.pdf») and, per RFC 5987, in UTF-8 with the
// document's title.
func contentDisposition(kind string, d *documents.Document) string {
	number := strings.ReplaceAll(d.Number, "/", "-")
	ascii := kind
	if number != "" {
		ascii += "-" + number
	}
	name := d.Title
	if number != "" {
		name += " " + number
	}
	v := mime.FormatMediaType("attachment", map[string]string{"filename": ascii + ".pdf"})
	return v + "; filename*=UTF-8''" + rfc5987(name+".pdf")
}

// rfc5987 percent-encodes every byte of s but the attr-chars of RFC 5987.
func rfc5987(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0) {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}
