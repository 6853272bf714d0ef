package workforce

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/certificate"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/schema/schematype"
	"github.com/turbota/turbota/ent/trainingenrolment"
	"github.com/turbota/turbota/ent/trainingevent"
	"github.com/turbota/turbota/ent/trainingprogramme"
	"github.com/turbota/turbota/internal/auth"
	"github.com/turbota/turbota/internal/procedure"
)

// Training events are community-owned for now: an organiser that runs an
// event for many communities enters it in each of them, and each community
// sees only its own people in it (the tenant wall of every row).

func checkModules(modules []schematype.TrainingModule) error {
	if len(modules) == 0 {
		return auth.Invalid("modules", "a programme has at least one module")
	}
	for i, m := range modules {
		if strings.TrimSpace(m.Topic) == "" {
			return auth.Invalid("modules", fmt.Sprintf("module %d has no topic", i+1))
		}
		if m.Hours <= 0 || m.Hours > 500 {
			return auth.Invalid("modules", fmt.Sprintf("module %d: hours between 0 and 500", i+1))
		}
	}
	return nil
}

// CreateProgramme records a training programme with its modules.
func CreateProgramme(ctx context.Context, c *ent.Client, in ent.CreateTrainingProgrammeInput, modules []schematype.TrainingModule) (*ent.TrainingProgramme, error) {
	if err := checkModules(modules); err != nil {
		return nil, err
	}
	return c.TrainingProgramme.Create().SetInput(in).SetModules(modules).Save(ctx)
}

// UpdateProgramme changes a programme; modules, where given, replace the list.
func UpdateProgramme(ctx context.Context, c *ent.Client, id pulid.ID, in ent.UpdateTrainingProgrammeInput, modules []schematype.TrainingModule) (*ent.TrainingProgramme, error) {
	p, err := c.TrainingProgramme.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	update := p.Update().SetInput(in)
	if err := authz.Ask(ctx, trainingprogramme.Policy, update.Mutation()); err != nil {
		return nil, err
	}
	if modules != nil {
		if err := checkModules(modules); err != nil {
			return nil, err
		}
		update.SetModules(modules)
	}
	return update.Save(ctx)
}

// Programmes lists the community's programmes.
func Programmes(ctx context.Context, c *ent.Client, community pulid.ID) ([]*ent.TrainingProgramme, error) {
	return c.TrainingProgramme.Query().Where(trainingprogramme.CommunityID(community)).
		Order(ent.Asc(trainingprogramme.FieldTitle), ent.Asc(trainingprogramme.FieldID)).All(ctx)
}

// CreateEvent puts an event of a programme on the schedule.
func CreateEvent(ctx context.Context, c *ent.Client, in ent.CreateTrainingEventInput) (*ent.TrainingEvent, error) {
	if in.EndsOn.Before(in.StartsOn) {
		return nil, auth.Invalid("endsOn", "an event ends after it starts")
	}
	return c.TrainingEvent.Create().SetInput(in).Save(ctx)
}

// UpdateEvent changes an event's dates, organiser, audience or place.
func UpdateEvent(ctx context.Context, c *ent.Client, id pulid.ID, in ent.UpdateTrainingEventInput) (*ent.TrainingEvent, error) {
	e, err := c.TrainingEvent.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	update := e.Update().SetInput(in)
	if err := authz.Ask(ctx, trainingevent.Policy, update.Mutation()); err != nil {
		return nil, err
	}
	starts, ends := e.StartsOn, e.EndsOn
	if in.StartsOn != nil {
		starts = *in.StartsOn
	}
	if in.EndsOn != nil {
		ends = *in.EndsOn
	}
	if ends.Before(starts) {
		return nil, auth.Invalid("endsOn", "an event ends after it starts")
	}
	return update.Save(ctx)
}

// Events lists the community's events that overlap the days from..to (either open).
func Events(ctx context.Context, c *ent.Client, community pulid.ID, from, to *time.Time) ([]*ent.TrainingEvent, error) {
	q := c.TrainingEvent.Query().Where(trainingevent.CommunityID(community))
	if from != nil {
		q.Where(trainingevent.EndsOnGTE(*from))
	}
	if to != nil {
		q.Where(trainingevent.StartsOnLTE(*to))
	}
	return q.Order(ent.Asc(trainingevent.FieldStartsOn), ent.Asc(trainingevent.FieldID)).All(ctx)
}

// Enrol enrols a person of the register (a position and its holder) in an
// event of the same community; twice is a CONFLICT.
func Enrol(ctx context.Context, c *ent.Client, event, position pulid.ID) (*ent.TrainingEnrolment, error) {
	e, err := c.TrainingEvent.Get(ctx, event)
	if err != nil {
		return nil, err
	}
	return c.TrainingEnrolment.Create().SetCommunityID(e.CommunityID).SetEventID(e.ID).SetPositionID(position).Save(ctx)
}

// RecordAttendance records the modules a participant attended, by their
// number in the programme (from 1), replacing what was recorded.
func RecordAttendance(ctx context.Context, c *ent.Client, id pulid.ID, modules []int) (*ent.TrainingEnrolment, error) {
	en, err := c.TrainingEnrolment.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	update := en.Update()
	if err := authz.Ask(ctx, trainingenrolment.Policy, update.Mutation()); err != nil {
		return nil, err
	}
	// Step by step: an edge query two hops long under the tenant filters
	// names the middle table's columns where it has no alias.
	e, err := c.TrainingEvent.Get(ctx, en.EventID)
	if err != nil {
		return nil, err
	}
	p, err := c.TrainingProgramme.Get(ctx, e.ProgrammeID)
	if err != nil {
		return nil, err
	}
	set := slices.Clone(modules)
	slices.Sort(set)
	set = slices.Compact(set)
	for _, m := range set {
		if m < 1 || m > len(p.Modules) {
			return nil, auth.Invalid("modules", fmt.Sprintf("the programme has modules 1 to %d", len(p.Modules)))
		}
	}
	return update.SetAttendedModules(set).Save(ctx)
}

// Complete records that a participant completed the training on the day,
// which falls within the event or after it.
func Complete(ctx context.Context, c *ent.Client, id pulid.ID, on time.Time) (*ent.TrainingEnrolment, error) {
	en, err := c.TrainingEnrolment.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	update := en.Update().SetCompletedOn(on)
	if err := authz.Ask(ctx, trainingenrolment.Policy, update.Mutation()); err != nil {
		return nil, err
	}
	if en.CompletedOn != nil {
		return nil, &procedure.RuleError{Code: procedure.RuleAlreadyEnded, Reasons: []string{"completed already"}}
	}
	e, err := c.TrainingEvent.Get(ctx, en.EventID)
	if err != nil {
		return nil, err
	}
	if on.Before(e.StartsOn) {
		return nil, auth.Invalid("completedOn", "training is completed once the event has begun")
	}
	return update.Save(ctx)
}

// IssueCertificate records a certificate; its number is unique per issuer
// (a second one is a CONFLICT). One for a training recorded here belongs
// to its participant and follows its completion.
func IssueCertificate(ctx context.Context, c *ent.Client, in ent.CreateCertificateInput) (*ent.Certificate, error) {
	create := c.Certificate.Create().SetInput(in)
	if err := authz.Ask(ctx, certificate.Policy, create.Mutation()); err != nil {
		return nil, err
	}
	in.Number, in.Issuer = strings.TrimSpace(in.Number), strings.TrimSpace(in.Issuer)
	create.SetNumber(in.Number).SetIssuer(in.Issuer)
	if in.EnrolmentID != nil {
		en, err := c.TrainingEnrolment.Get(ctx, *in.EnrolmentID)
		if err != nil {
			return nil, err
		}
		if en.PositionID != in.PositionID {
			return nil, auth.Invalid("enrolmentID", "the training is another person's")
		}
		if en.CompletedOn == nil || in.IssuedOn.Before(*en.CompletedOn) {
			return nil, auth.Invalid("issuedOn", "a certificate follows the completed training")
		}
	}
	return create.Save(ctx)
}

// VerifyCertificate finds a certificate by its issuer and number among
// those the viewer may read in the community; nil when there is none.
func VerifyCertificate(ctx context.Context, c *ent.Client, community pulid.ID, issuer, number string) (*ent.Certificate, error) {
	cf, err := c.Certificate.Query().Where(certificate.CommunityID(community),
		certificate.Issuer(strings.TrimSpace(issuer)), certificate.Number(strings.TrimSpace(number))).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return cf, err
}
