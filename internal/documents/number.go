package documents

import (
	"context"
	"fmt"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/documentcounter"
	"github.com/turbota/turbota/ent/documentnumber"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/tenant"
)

// Issue gives d its registration number: the one it was given when first
// issued, or, the first time, the next of the issuing organisation's year.
// The counter row is incremented in the caller's transaction (its row lock
// orders concurrent issues; a rollback gives the number back), so numbers
// have no gaps and no repeats. A viewer who may not write in the
// document's community (a regional reader) gets the document without a
// number rather than issuing one; so does a body with no organisation.
//
// Numbers are the system's register, written for whoever may read the
// record: the record itself was read as the viewer (Layout), so the
// register is read and written past the privacy policies, under the
// database's community wall still.
func Issue(ctx context.Context, c *ent.Client, d *Document) error {
	if found, err := Lookup(ctx, c, d); found || err != nil {
		return err
	}
	d.Date = clock.Now()
	if v := tenant.FromContext(ctx); d.Issuer.OrganizationID == "" || v == nil || !v.CanWrite(d.Community) {
		return nil
	}
	sys := register(ctx)
	year := d.Date.In(procedure.Kyiv()).Year()
	id, err := c.DocumentCounter.Create().SetCommunityID(d.Community).SetOrganizationID(d.Issuer.OrganizationID).
		SetYear(year).SetLast(1).
		OnConflictColumns(documentcounter.FieldOrganizationID, documentcounter.FieldYear).AddLast(1).ID(sys)
	if err != nil {
		return fmt.Errorf("count document numbers: %w", err)
	}
	counter, err := c.DocumentCounter.Get(sys, id)
	if err != nil {
		return err
	}
	n, err := c.DocumentNumber.Create().SetCommunityID(d.Community).SetKind(string(d.Kind)).SetSubjectID(d.SubjectID).
		SetOrganizationID(d.Issuer.OrganizationID).SetYear(year).SetSeq(counter.Last).SetIssuedAt(d.Date).Save(sys)
	if err != nil {
		return fmt.Errorf("register document number: %w", err)
	}
	d.Number = format(n)
	return nil
}

// Lookup fills in the number and date d was issued with, if it was: the
// browser's print shows them without issuing one (the PDF issues it).
func Lookup(ctx context.Context, c *ent.Client, d *Document) (bool, error) {
	n, err := c.DocumentNumber.Query().
		Where(documentnumber.Kind(string(d.Kind)), documentnumber.SubjectID(d.SubjectID)).Only(register(ctx))
	switch {
	case err == nil:
		d.Number, d.Date = format(n), n.IssuedAt
		return true, nil
	case ent.IsNotFound(err):
		return false, nil
	}
	return false, err
}

// register is ctx past the privacy policies, for the register of numbers.
func register(ctx context.Context) context.Context {
	return tenant.Bypass(ctx, "issue a document's number: the register of numbers, for a record the viewer read")
}

// format writes a number as its sequence and year: «17/2026».
func format(n *ent.DocumentNumber) string { return fmt.Sprintf("%d/%d", n.Seq, n.Year) }
