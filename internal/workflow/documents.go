package workflow

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"strings"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/activity"
	"github.com/turbota/turbota/ent/auditevent"
	"github.com/turbota/turbota/ent/caseevent"
	"github.com/turbota/turbota/ent/commissionsession"
	"github.com/turbota/turbota/ent/consent"
	"github.com/turbota/turbota/ent/decision"
	"github.com/turbota/turbota/ent/document"
	"github.com/turbota/turbota/ent/documentchunk"
	"github.com/turbota/turbota/ent/needsassessment"
	"github.com/turbota/turbota/ent/plan"
	"github.com/turbota/turbota/ent/referral"
	"github.com/turbota/turbota/ent/safetyassessment"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/serviceprovision"
	"github.com/turbota/turbota/internal/audit"
	"github.com/turbota/turbota/tenant"
)

// MaxDocumentSize is the largest file a document may be: a multi-page scan
// at a readable resolution, not a video.
const MaxDocumentSize = 20 << 20

// ChunkSize is the size of the pieces a document's bytes are kept in. A
// request holds one piece at a time, and lib/pq sends and receives bytea
// hex-encoded, so a piece costs about four times its size in memory while it
// travels: 256 KiB keeps that near 1 MiB, and a 20 MB scan is 80 rows.
const ChunkSize = 256 << 10

// documentTypes are the files accepted, by the type their bytes show (the
// name and the browser's claim are not trusted).
var documentTypes = map[string]bool{
	"application/pdf": true, "image/jpeg": true, "image/png": true, "image/webp": true,
}

// Upload is a file attached to a case or to one of its items.
type Upload struct {
	Case     pulid.ID
	Subject  *pulid.ID
	Kind     document.Kind
	Title    string
	FileName string
	Content  io.Reader
}

// UploadDocument stores a document with the case's community, after
// checking that the item it belongs to is the case's, and its type and size
// while it stores the bytes. The bytes go first, a chunk at a time, and the
// document row last, once their size and SHA-256 are known (the chunks'
// reference to it is checked at commit); anything refused on the way rolls
// back with the request's transaction, so nothing of it stays.
func UploadDocument(ctx context.Context, c *ent.Client, in Upload) (*ent.Document, error) {
	if strings.TrimSpace(in.Title) == "" {
		return nil, inputErr("title", "must not be empty")
	}
	// Checked before the file is stored, not after 20 MB were written for
	// nothing.
	if err := document.TitleValidator(in.Title); err != nil {
		return nil, inputErr("title", err.Error())
	}
	cf, err := caseToAdd(ctx, c, in.Case, document.Policy, func(cm pulid.ID) ent.Mutation { return c.Document.Create().SetCommunityID(cm).Mutation() })
	if err != nil {
		return nil, err
	}
	if in.Subject != nil {
		if err := checkSubject(ctx, c, cf, *in.Subject); err != nil {
			return nil, err
		}
	}
	id := pulid.MustNew(documentPrefix)
	f, err := storeChunks(ctx, c, cf.CommunityID, id, in.Content)
	if err != nil {
		return nil, err
	}
	d, err := c.Document.Create().SetID(id).SetCommunityID(cf.CommunityID).SetCaseID(cf.ID).SetNillableSubjectID(in.Subject).
		SetKind(in.Kind).SetTitle(in.Title).SetFileName(cleanName(in.FileName)).SetContentType(f.contentType).
		SetSize(f.size).SetSha256(f.sha256).SetNillableUploadedByID(actor(ctx)).Save(ctx)
	if err != nil {
		return nil, err
	}
	return d, record(ctx, c, cf, caseevent.KindDOCUMENT_ATTACHED, nil, in.Title)
}

// documentPrefix is the prefix of Document IDs (see its schema).
const documentPrefix = "DO"

// stored is what storing a file learnt of it.
type stored struct {
	size        int64
	sha256      string
	contentType string
}

// storeChunks writes a document's bytes as chunks while it reads them,
// hashing them and sniffing their type from the first ones; it refuses an
// empty file, a file of another type before writing anything, and a file
// over MaxDocumentSize as soon as it has read one byte too many.
func storeChunks(ctx context.Context, c *ent.Client, community, doc pulid.ID, r io.Reader) (stored, error) {
	var out stored
	// The bytes follow the document's own permission: whoever may attach it
	// stores them (no role "creates" chunks); row-level security still holds.
	allow := tenant.Bypass(ctx, "store a document's chunks: the file's bytes, after the document itself was written as the viewer")
	r = io.LimitReader(r, MaxDocumentSize+1)
	buf := make([]byte, ChunkSize)
	h := sha256.New()
	for seq := 0; ; seq++ {
		n, err := io.ReadFull(r, buf)
		last := errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
		if err != nil && !last {
			return out, fmt.Errorf("read upload: %w", err)
		}
		if seq == 0 {
			if out.contentType, err = sniff(buf[:n]); err != nil {
				return out, err
			}
		}
		if out.size += int64(n); out.size > MaxDocumentSize {
			return out, inputErr("file", "the file is larger than 20 MB")
		}
		if n > 0 {
			h.Write(buf[:n])
			if err := c.DocumentChunk.Create().SetCommunityID(community).SetDocumentID(doc).SetSeq(seq).
				SetData(buf[:n]).Exec(allow); err != nil {
				return out, fmt.Errorf("store chunk %d: %w", seq, err)
			}
		}
		if last {
			out.sha256 = hex.EncodeToString(h.Sum(nil))
			return out, nil
		}
	}
}

// sniff finds the type of a file from its first bytes.
func sniff(head []byte) (string, error) {
	if len(head) == 0 {
		return "", inputErr("file", "the file is empty")
	}
	ctype := http.DetectContentType(head)
	if !documentTypes[ctype] {
		return "", inputErr("file", "only PDF, JPEG, PNG or WebP files are accepted")
	}
	return ctype, nil
}

// cleanName keeps the base name of what the browser sent.
func cleanName(name string) string {
	name = path.Base(strings.ReplaceAll(name, "\\", "/"))
	if name == "." || name == "/" || name == "" {
		return "document"
	}
	if len(name) > 255 {
		name = name[len(name)-255:]
	}
	return name
}

// subjectOf finds, by the ID's prefix, whether the item is the case's.
func subjectOf(ctx context.Context, c *ent.Client, cf *ent.CaseFile, id pulid.ID) (bool, error) {
	if len(id) < 2 {
		return false, nil
	}
	switch string(id[:2]) {
	case "DC":
		return c.Decision.Query().Where(decision.ID(id), decision.CaseID(cf.ID)).Exist(ctx)
	case "NA":
		return c.NeedsAssessment.Query().Where(needsassessment.ID(id), needsassessment.CaseID(cf.ID)).Exist(ctx)
	case "SA":
		return c.SafetyAssessment.Query().Where(safetyassessment.ID(id), safetyassessment.CaseID(cf.ID)).Exist(ctx)
	case "PL":
		return c.Plan.Query().Where(plan.ID(id), plan.CaseID(cf.ID)).Exist(ctx)
	case "RF":
		return c.Referral.Query().Where(referral.ID(id), referral.CaseID(cf.ID)).Exist(ctx)
	case "SV":
		return c.ServiceProvision.Query().Where(serviceprovision.ID(id), serviceprovision.CaseID(cf.ID)).Exist(ctx)
	case "AC":
		return c.Activity.Query().Where(activity.ID(id), activity.CaseID(cf.ID)).Exist(ctx)
	case "CN":
		if cf.FamilyID == nil {
			return false, nil
		}
		return c.Consent.Query().Where(consent.ID(id), consent.FamilyID(*cf.FamilyID)).Exist(ctx)
	case "KS":
		return c.CommissionSession.Query().Where(commissionsession.ID(id), commissionsession.CommunityID(cf.CommunityID)).Exist(ctx)
	}
	return false, nil
}

// checkSubject: the item is one of the case's.
func checkSubject(ctx context.Context, c *ent.Client, cf *ent.CaseFile, id pulid.ID) error {
	ok, err := subjectOf(ctx, c, cf, id)
	if err != nil {
		return err
	}
	if !ok {
		return inputErr("subjectID", "not an item of this case")
	}
	return nil
}

// OpenDocument returns a document the viewer may read, and records the
// read in the access log: its bytes are then read with ReadChunk, piece by
// piece, each perhaps in a transaction of its own.
func OpenDocument(ctx context.Context, c *ent.Client, id pulid.ID) (*ent.Document, error) {
	d, err := c.Document.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	return d, audit.Write(ctx, c, audit.Event{Action: auditevent.ActionREAD, EntityType: ent.TypeDocument,
		EntityID: string(d.ID), Community: d.CommunityID})
}

// ReadChunk returns the seq-th piece of a document's bytes, or nil past the
// last one, if the viewer may (still) read the document: the document's own
// rules are asked again for every piece, as a download outlives the
// transaction that opened it.
func ReadChunk(ctx context.Context, c *ent.Client, doc pulid.ID, seq int) ([]byte, error) {
	visible, err := c.Document.Query().Where(document.ID(doc)).Exist(ctx)
	if err != nil {
		return nil, err
	}
	if !visible {
		return nil, tenant.ErrNotVisible
	}
	ch, err := c.DocumentChunk.Query().Where(documentchunk.DocumentID(doc), documentchunk.Seq(seq)).
		Select(documentchunk.FieldData).Only(tenant.Bypass(ctx, "read a document's chunk: the file's bytes, after the document itself was read as the viewer"))
	switch {
	case ent.IsNotFound(err):
		return nil, nil
	case err != nil:
		return nil, err
	}
	return ch.Data, nil
}
