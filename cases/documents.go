package cases

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"path"
	"strings"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/activity"
	"github.com/turbota/turbota/ent/caseevent"
	"github.com/turbota/turbota/ent/commissionsession"
	"github.com/turbota/turbota/ent/consent"
	"github.com/turbota/turbota/ent/decision"
	"github.com/turbota/turbota/ent/document"
	"github.com/turbota/turbota/ent/documentcontent"
	"github.com/turbota/turbota/ent/needsassessment"
	"github.com/turbota/turbota/ent/plan"
	"github.com/turbota/turbota/ent/privacy"
	"github.com/turbota/turbota/ent/referral"
	"github.com/turbota/turbota/ent/safetyassessment"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/serviceprovision"
)

// MaxDocumentSize is the largest file a document may be: a multi-page scan
// at a readable resolution, not a video.
const MaxDocumentSize = 20 << 20

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
// checking its size and type and that the item it belongs to is the case's.
func UploadDocument(ctx context.Context, c *ent.Client, in Upload) (*ent.Document, error) {
	if strings.TrimSpace(in.Title) == "" {
		return nil, inputErr("title", "must not be empty")
	}
	data, ctype, err := readDocument(in.Content)
	if err != nil {
		return nil, err
	}
	cf, err := caseFor(ctx, c, in.Case, "document", authz.ActCreate)
	if err != nil {
		return nil, err
	}
	if in.Subject != nil {
		if err := checkSubject(ctx, c, cf, *in.Subject); err != nil {
			return nil, err
		}
	}
	sum := sha256.Sum256(data)
	d, err := c.Document.Create().SetCommunityID(cf.CommunityID).SetCaseID(cf.ID).SetNillableSubjectID(in.Subject).
		SetKind(in.Kind).SetTitle(in.Title).SetFileName(cleanName(in.FileName)).SetContentType(ctype).
		SetSize(int64(len(data))).SetSha256(hex.EncodeToString(sum[:])).SetNillableUploadedByID(actor(ctx)).Save(ctx)
	if err != nil {
		return nil, err
	}
	// The bytes follow the document's own permission: whoever may attach it
	// stores them (no role "creates" contents).
	if err := c.DocumentContent.Create().SetCommunityID(cf.CommunityID).SetDocumentID(d.ID).SetData(data).
		Exec(privacy.DecisionContext(ctx, privacy.Allow)); err != nil {
		return nil, err
	}
	return d, record(ctx, c, cf, caseevent.KindDOCUMENT_ATTACHED, nil, in.Title)
}

// readDocument reads at most MaxDocumentSize bytes and sniffs their type.
func readDocument(r io.Reader) ([]byte, string, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxDocumentSize+1))
	if err != nil {
		return nil, "", fmt.Errorf("read upload: %w", err)
	}
	switch {
	case len(data) == 0:
		return nil, "", inputErr("file", "the file is empty")
	case len(data) > MaxDocumentSize:
		return nil, "", inputErr("file", "the file is larger than 20 MB")
	}
	ctype := http.DetectContentType(data)
	if !documentTypes[ctype] {
		return nil, "", inputErr("file", "only PDF, JPEG, PNG or WebP files are accepted")
	}
	return data, ctype, nil
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

// OpenDocument returns a document and its bytes, if the viewer may read the
// document; the read of the bytes goes into the access log.
func OpenDocument(ctx context.Context, c *ent.Client, id pulid.ID) (*ent.Document, []byte, error) {
	d, err := c.Document.Get(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	content, err := c.DocumentContent.Query().Where(documentcontent.DocumentID(d.ID)).
		Only(privacy.DecisionContext(ctx, privacy.Allow))
	if err != nil {
		return nil, nil, err
	}
	return d, content.Data, nil
}
