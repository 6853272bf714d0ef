package demo

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/decision"
	"github.com/turbota/turbota/ent/document"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/schema/schematype"
)

// plan agrees the family's individual plan, version 1: two goals with the
// provider's actions, reviewed three months on.
func (l *loader) plan(ctx context.Context, cf *ent.CaseFile, provider pulid.ID, at time.Time) error {
	due := func(days int) string { return at.AddDate(0, 0, days).Format("2006-01-02") }
	goals := []schematype.PlanGoal{
		{Key: "G1", Text: "Дитина відвідує школу без пропусків", Actions: []schematype.PlanAction{
			{Text: "Домовитися з класним керівником про щотижневий зв'язок", ResponsibleOrganizationID: provider, ResponsiblePerson: "фахівець із соціальної роботи", Due: due(14)},
			{Text: "Оформити дитину до групи продовженого дня", ResponsibleOrganizationID: provider, Due: due(30)},
		}},
		{Key: "G2", Text: "Мати має стабільний дохід і навички догляду", Actions: []schematype.PlanAction{
			{Text: "Консультація центру зайнятості", ResponsibleOrganizationID: provider, ResponsiblePerson: "мати", Due: due(21)},
			{Text: "Тренінг з батьківських навичок (4 зустрічі)", ResponsibleOrganizationID: provider, Due: due(60)},
		}},
	}
	return l.c.Plan.Create().SetCommunityID(cf.CommunityID).SetCaseID(cf.ID).SetVersion(1).SetGoals(goals).
		SetNextReviewAt(at.AddDate(0, 3, 0)).SetAgreedAt(at).SetAgreementDocument("Підписано матір'ю, " + at.Format("02.01.2006")).Exec(ctx)
}

// scan attaches a scan of the services decision to it, as the social
// protection department would after signing.
func (l *loader) scan(ctx context.Context, cf *ent.CaseFile) error {
	d, err := l.c.Decision.Query().Where(decision.CaseID(cf.ID), decision.KindEQ(decision.KindPROVIDE_SERVICES)).First(ctx)
	if err != nil {
		return err
	}
	data := onePagePDF(fmt.Sprintf("Turbota demo: decision No. %s of %s", d.Number, d.DecidedAt.Format("02.01.2006")))
	sum := sha256.Sum256(data)
	doc, err := l.c.Document.Create().SetCommunityID(cf.CommunityID).SetCaseID(cf.ID).SetSubjectID(d.ID).
		SetKind(document.KindDECISION).SetTitle("Рішення № " + d.Number + " (скан)").SetFileName("rishennia-" + d.Number + ".pdf").
		SetContentType("application/pdf").SetSize(int64(len(data))).SetSha256(hex.EncodeToString(sum[:])).Save(ctx)
	if err != nil {
		return err
	}
	// A page of text is far smaller than a chunk (workflow.ChunkSize).
	return l.c.DocumentChunk.Create().SetCommunityID(cf.CommunityID).SetDocumentID(doc.ID).SetSeq(0).SetData(data).Exec(ctx)
}

// onePagePDF writes a valid one-page PDF with a line of (ASCII) text.
func onePagePDF(text string) []byte {
	stream := fmt.Sprintf("BT /F1 14 Tf 72 760 Td (%s) Tj ET", text)
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(stream), stream),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}
