package workflow

import (
	"context"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/caseaccess"
	"github.com/turbota/turbota/ent/consent"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/procedure"
)

// Transfer names who takes a case over. An organisation of the community
// (a provider, a health facility) receives the family's data, so it is a
// sharing (see requireConsent) and the case opens to it. With none named
// the move is refused (procedure.RuleTransferRequired): a case for another
// community goes there through RequestTransfer, which hands the file over
// on acceptance, never as a bare status that leaves the family with no one.
type Transfer struct {
	To       *pulid.ID
	Override string // the legal basis for transferring without consent
}

// transferTo checks a move's recipient and basis before the case moves,
// and returns what opens the case to it once moved.
func transferTo(ctx context.Context, c *ent.Client, id pulid.ID, to procedure.State, tr Transfer) (func(*ent.CaseFile) error, error) {
	if tr.To != nil && to != procedure.StateTransferred {
		return nil, inputErr("transferToOrganizationID", "only a transfer names who takes the case over")
	}
	if tr.To == nil {
		return func(*ent.CaseFile) error { return nil }, nil
	}
	cf, err := caseFreeToMove(ctx, c, id, to)
	if err != nil {
		return nil, err
	}
	org, err := orgOf(ctx, c, cf, *tr.To, "transferToOrganizationID")
	if err != nil {
		return nil, err
	}
	basis, err := requireConsent(ctx, c, Sharing{Case: cf, Recipient: org, Purpose: consent.PurposeTRANSFER, Override: tr.Override})
	if err != nil {
		return nil, err
	}
	return func(moved *ent.CaseFile) error {
		return grant(ctx, c, moved, caseaccess.ReasonTRANSFER, &org.ID, nil, basis.Consent)
	}, nil
}
