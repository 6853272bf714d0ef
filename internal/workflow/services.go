package workflow

import (
	"context"
	"time"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/activity"
	"github.com/turbota/turbota/ent/caseaccess"
	"github.com/turbota/turbota/ent/caseevent"
	"github.com/turbota/turbota/ent/person"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/serviceprovision"
	"github.com/turbota/turbota/ent/servicetype"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
)

// Service is a service of the classifier a provider starts giving.
type Service struct {
	Case, Provider, Type pulid.ID
	Person               *pulid.ID
	StartedAt            time.Time
}

// StartService records that a provider of the community began a service of
// the national classifier for the family (or one member) of a case that has
// not ended.
func StartService(ctx context.Context, c *ent.Client, in Service) (*ent.ServiceProvision, error) {
	if in.StartedAt.After(clock.Now().Add(clockSkew)) {
		return nil, inputErr("startedAt", "cannot be in the future")
	}
	cf, err := caseToAdd(ctx, c, in.Case, serviceprovision.Policy, func(cm pulid.ID) ent.Mutation { return c.ServiceProvision.Create().SetCommunityID(cm).Mutation() })
	if err != nil {
		return nil, err
	}
	if err := stepDate("startedAt", in.StartedAt, cf); err != nil {
		return nil, err
	}
	if err := checkService(ctx, c, cf, in); err != nil {
		return nil, err
	}
	s, err := c.ServiceProvision.Create().SetCommunityID(cf.CommunityID).SetCaseID(cf.ID).SetProviderID(in.Provider).
		SetServiceTypeID(in.Type).SetNillablePersonID(in.Person).SetStartedAt(in.StartedAt).
		SetNillableRecordedByID(actor(ctx)).Save(ctx)
	if err != nil {
		return nil, err
	}
	if err := grant(ctx, c, cf, caseaccess.ReasonSERVICE, &in.Provider, nil, &s.ID); err != nil {
		return nil, err
	}
	return s, recordOn(ctx, c, cf, caseevent.KindSERVICE_STARTED, nil, "", in.StartedAt)
}

func checkService(ctx context.Context, c *ent.Client, cf *ent.CaseFile, in Service) error {
	// A crisis may need a service before the formal decision; a case that
	// has ended takes none.
	if !cf.Status.Open() {
		return &procedure.TransitionError{From: cf.Status, To: procedure.StateOpen, Allowed: procedure.Next(cf.Status)}
	}
	named := c.ServiceProvision.Create().SetCommunityID(cf.CommunityID).SetProviderID(in.Provider)
	if err := checkProvider(ctx, c, cf, in.Provider, serviceprovision.Policy, named.Mutation()); err != nil {
		return err
	}
	ok, err := c.ServiceType.Query().Where(servicetype.ID(in.Type), servicetype.Active(true)).Exist(ctx)
	if err != nil {
		return err
	}
	if !ok {
		return inputErr("serviceTypeID", "not a service of the classifier")
	}
	if in.Person == nil {
		return nil
	}
	if err := authz.CheckRef(ctx, c, cf.CommunityID, "personID", *in.Person); err != nil {
		return err
	}
	if cf.FamilyID == nil {
		return nil
	}
	if ok, err = c.Person.Query().Where(person.ID(*in.Person), person.FamilyID(*cf.FamilyID)).Exist(ctx); err == nil && !ok {
		return inputErr("personID", "not a member of the case's family")
	}
	return err
}

// EndService records the end of a service: completed, or discontinued
// (with a note saying why).
func EndService(ctx context.Context, c *ent.Client, id pulid.ID, status serviceprovision.Status, at time.Time, note string) (*ent.ServiceProvision, error) {
	if status == serviceprovision.StatusACTIVE {
		return nil, inputErr("status", "a service ends COMPLETED or DISCONTINUED")
	}
	if status == serviceprovision.StatusDISCONTINUED && note == "" {
		return nil, inputErr("note", "say why the service was discontinued")
	}
	s, err := c.ServiceProvision.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	end := c.ServiceProvision.UpdateOneID(id).Where(serviceprovision.StatusEQ(serviceprovision.StatusACTIVE)).
		SetStatus(status).SetEndedAt(at).SetEndNote(note)
	if err := askPolicy(ctx, serviceprovision.Policy, end.Mutation()); err != nil {
		return nil, err
	}
	if at.Before(s.StartedAt) || at.After(clock.Now().Add(clockSkew)) {
		return nil, inputErr("endedAt", "must be after the start and not in the future")
	}
	err = end.Exec(ctx)
	if ent.IsNotFound(err) {
		return nil, &procedure.RuleError{Code: procedure.RuleAlreadyEnded, Reasons: []string{"the service has ended already"}}
	}
	if err != nil {
		return nil, err
	}
	cf, err := c.CaseFile.Get(ctx, s.CaseID)
	if err != nil {
		return nil, err
	}
	if s, err = c.ServiceProvision.Get(ctx, id); err != nil {
		return nil, err
	}
	return s, recordOn(ctx, c, cf, caseevent.KindSERVICE_ENDED, nil, string(status), at)
}

// Activity is one piece of work with the family.
type Activity struct {
	Case         pulid.ID
	Service      *pulid.ID
	Kind         activity.Kind
	At           time.Time
	Minutes      int
	Participants []string
	Notes        string
	// Planned: the activity is scheduled for At, in the future, and is a
	// task (SCHEDULED_VISIT) until one held fulfils it.
	Planned bool
	// Fulfils is the scheduled activity this held one carries out.
	Fulfils *pulid.ID
}

// RecordActivity records a visit, meeting, call or session of a case
// that was held, or schedules one (Planned).
func RecordActivity(ctx context.Context, c *ent.Client, in Activity) (*ent.Activity, error) {
	switch {
	case in.Planned && in.Fulfils != nil:
		return nil, inputErr("plannedActivityID", "a scheduled visit fulfils no other")
	case in.Planned && !in.At.After(clock.Now()):
		return nil, inputErr("at", "a visit is scheduled for a time to come")
	case !in.Planned && in.At.After(clock.Now().Add(clockSkew)):
		return nil, inputErr("at", "cannot be in the future")
	case in.Minutes < 1 || in.Minutes > 24*60:
		return nil, inputErr("durationMinutes", "must be between 1 minute and 24 hours")
	}
	cf, err := caseToAdd(ctx, c, in.Case, activity.Policy, func(cm pulid.ID) ent.Mutation { return c.Activity.Create().SetCommunityID(cm).Mutation() })
	if err != nil {
		return nil, err
	}
	if !in.Planned {
		if err := stepDate("at", in.At, cf); err != nil {
			return nil, err
		}
	}
	if in.Fulfils != nil {
		// Read under the viewer's privacy rules: one they cannot see is not
		// a visit of this case to them.
		if err := plannedActivity(ctx, c, cf, *in.Fulfils); err != nil {
			return nil, err
		}
	}
	if in.Service != nil {
		ok, err := c.ServiceProvision.Query().Where(serviceprovision.ID(*in.Service), serviceprovision.CaseID(cf.ID)).Exist(ctx)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, inputErr("serviceID", "not a service of this case")
		}
	}
	a, err := c.Activity.Create().SetCommunityID(cf.CommunityID).SetCaseID(cf.ID).SetNillableServiceID(in.Service).
		SetKind(in.Kind).SetAt(in.At).SetDurationMinutes(in.Minutes).SetParticipants(in.Participants).
		SetNotes(in.Notes).SetNillableRecordedByID(actor(ctx)).SetPlanned(in.Planned).SetNillableFulfilsID(in.Fulfils).Save(ctx)
	if err != nil {
		return nil, err
	}
	note, held := string(in.Kind), in.At
	if in.Planned {
		note += " scheduled for " + in.At.In(procedure.Kyiv()).Format("2006-01-02 15:04")
		held = time.Time{} // scheduled now, for later
	}
	return a, recordOn(ctx, c, cf, caseevent.KindACTIVITY_RECORDED, nil, note, held)
}
