// Package workforce keeps the register of the people who do the work: the
// staff positions of a community's organisations, who holds them and with
// what workload, the vacancies, and each worker's caseload against the norm
// the community set. As in the case workflow, each step asks the entity's
// privacy policy first (authz.Ask) and answers bad input with
// auth.InputError; who may do what is the policy's, never this package's.
package workforce

import (
	"context"
	"time"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/casefile"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/staffposition"
	"github.com/turbota/turbota/internal/auth"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
)

// Filter narrows the register.
type Filter struct {
	Organization *pulid.ID
	Kind         *staffposition.Kind
	// Vacant: only vacancies (true) or only filled positions (false).
	Vacant *bool
	// IncludeClosed keeps the positions that left the staffing schedule.
	IncludeClosed bool
}

// Positions lists the community's positions the viewer may read, by
// organisation and kind.
func Positions(ctx context.Context, c *ent.Client, community pulid.ID, f Filter) ([]*ent.StaffPosition, error) {
	q := c.StaffPosition.Query().Where(staffposition.CommunityID(community))
	if f.Organization != nil {
		q.Where(staffposition.OrganizationID(*f.Organization))
	}
	if f.Kind != nil {
		q.Where(staffposition.KindEQ(*f.Kind))
	}
	if !f.IncludeClosed {
		q.Where(staffposition.ClosedOnIsNil())
	}
	all, err := q.Order(ent.Asc(staffposition.FieldOrganizationID), ent.Asc(staffposition.FieldKind), ent.Asc(staffposition.FieldID)).All(ctx)
	if err != nil || f.Vacant == nil {
		return all, err
	}
	today := clock.Now()
	out := all[:0]
	for _, p := range all {
		if Vacant(p, today) == *f.Vacant {
			out = append(out, p)
		}
	}
	return out, nil
}

// Vacant says whether a position is vacant on the day: nobody holds it, or
// the holder's employment ended before that day.
func Vacant(p *ent.StaffPosition, day time.Time) bool {
	if p.HolderID == nil && p.HolderName == "" {
		return true
	}
	return p.EndedOn != nil && p.EndedOn.Before(dayOf(day))
}

func dayOf(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// CreatePosition adds a position to an organisation's staffing schedule,
// with its holder if there is one.
func CreatePosition(ctx context.Context, c *ent.Client, in ent.CreateStaffPositionInput) (*ent.StaffPosition, error) {
	if err := checkEmployment(in.StartedOn, in.EndedOn); err != nil {
		return nil, err
	}
	create := c.StaffPosition.Create().SetInput(in)
	if err := holderName(ctx, c, create.Mutation()); err != nil {
		return nil, err
	}
	return create.Save(ctx)
}

// UpdatePosition changes a position or its holder; a closed position is
// kept as it was closed.
func UpdatePosition(ctx context.Context, c *ent.Client, id pulid.ID, in ent.UpdateStaffPositionInput) (*ent.StaffPosition, error) {
	p, err := c.StaffPosition.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	update := p.Update().SetInput(in)
	if err := authz.Ask(ctx, staffposition.Policy, update.Mutation()); err != nil {
		return nil, err
	}
	if p.ClosedOn != nil {
		return nil, &procedure.RuleError{Code: procedure.RuleAlreadyEnded, Reasons: []string{"the position is closed"}}
	}
	started, ended := p.StartedOn, p.EndedOn
	if in.ClearStartedOn {
		started = nil
	}
	if in.StartedOn != nil {
		started = in.StartedOn
	}
	if in.ClearEndedOn {
		ended = nil
	}
	if in.EndedOn != nil {
		ended = in.EndedOn
	}
	if err := checkEmployment(started, ended); err != nil {
		return nil, err
	}
	if in.HolderID != nil && in.HolderName == nil {
		// A new holder with an account: their name, not the last holder's.
		update.ClearHolderName()
	}
	if err := holderName(ctx, c, update.Mutation()); err != nil {
		return nil, err
	}
	return update.Save(ctx)
}

// ClosePosition takes a position out of the staffing schedule from the day;
// a holder still employed then leaves with it.
func ClosePosition(ctx context.Context, c *ent.Client, id pulid.ID, on time.Time) (*ent.StaffPosition, error) {
	p, err := c.StaffPosition.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	update := p.Update().SetClosedOn(on)
	if err := authz.Ask(ctx, staffposition.Policy, update.Mutation()); err != nil {
		return nil, err
	}
	if p.ClosedOn != nil {
		return nil, &procedure.RuleError{Code: procedure.RuleAlreadyEnded, Reasons: []string{"the position is closed already"}}
	}
	if procedure.FutureDay(on, clock.Now()) {
		return nil, auth.Invalid("closedOn", "a position is closed on a day that has come")
	}
	if p.StartedOn != nil && on.Before(*p.StartedOn) {
		return nil, auth.Invalid("closedOn", "a position is closed after its holder started")
	}
	if (p.HolderID != nil || p.HolderName != "") && (p.EndedOn == nil || p.EndedOn.After(on)) {
		update.SetEndedOn(on)
	}
	return update.Save(ctx)
}

func checkEmployment(started, ended *time.Time) error {
	if started != nil && ended != nil && ended.Before(*started) {
		return auth.Invalid("endedOn", "employment ends after it starts")
	}
	return nil
}

// holderName fills in the name of a holder with an account from the user,
// so the register names them even where the reader may not see users.
func holderName(ctx context.Context, c *ent.Client, m *ent.StaffPositionMutation) error {
	id, ok := m.HolderID()
	if !ok {
		return nil
	}
	if name, ok := m.HolderName(); ok && name != "" {
		return nil
	}
	u, err := c.User.Get(ctx, id)
	if err != nil {
		return err
	}
	m.SetHolderName(u.DisplayName)
	return nil
}

// Caseload counts the open cases the position's holder manages in its
// community, as far as the viewer may see cases (row-level security and
// need-to-know apply to the count as to the list); nil for a vacancy or a
// holder without an account.
func Caseload(ctx context.Context, c *ent.Client, p *ent.StaffPosition) (*int, error) {
	if p.HolderID == nil || Vacant(p, clock.Now()) {
		return nil, nil
	}
	n, err := c.CaseFile.Query().Where(casefile.CommunityID(p.CommunityID), casefile.ManagerID(*p.HolderID),
		casefile.ClosedAtIsNil(), casefile.StatusNotIn(procedure.StateRefused, procedure.StateTransferred)).Count(ctx)
	if err != nil {
		return nil, err
	}
	return &n, nil
}

// OverNorm says whether the holder's caseload exceeds the community's norm
// for the position's workload (a half-time post carries half the norm);
// false where the community set no norm.
func OverNorm(ctx context.Context, c *ent.Client, p *ent.StaffPosition) (bool, error) {
	n, err := Caseload(ctx, c, p)
	if err != nil || n == nil {
		return false, err
	}
	cm, err := c.Community.Get(ctx, p.CommunityID)
	if err != nil || cm.CaseloadNorm == nil {
		return false, err
	}
	return float64(*n) > float64(*cm.CaseloadNorm)*p.Workload, nil
}
