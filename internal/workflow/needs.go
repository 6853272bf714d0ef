package workflow

import (
	"context"
	"github.com/turbota/turbota/authz"
	"slices"
	"strings"
	"time"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/approval"
	"github.com/turbota/turbota/ent/caseevent"
	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/ent/needsassessment"
	"github.com/turbota/turbota/ent/notification"
	"github.com/turbota/turbota/ent/organization"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/schema/schematype"
	"github.com/turbota/turbota/ent/servicetype"
	"github.com/turbota/turbota/internal/auth"
	"github.com/turbota/turbota/internal/notify"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
)

// The assessment triangle and the ratings of each side.
var (
	Domains = []string{"CHILD_DEVELOPMENT", "PARENTING_CAPACITY", "FAMILY_ENVIRONMENT"}
	Ratings = []string{"NO_CONCERN", "SOME_CONCERN", "SERIOUS_CONCERN", "CRITICAL"}
)

// NeedsAssessment is what the act of needs assessment records.
type NeedsAssessment struct {
	Case, Provider          pulid.ID
	Kind                    needsassessment.Kind
	ConductedAt, ActFiledAt time.Time
	Domains                 []schematype.DomainRating
	Strengths, Conclusion   string
	ActNumber               string
	// NeededServices are classifier services the family needs: the demand
	// side of the service map.
	NeededServices []pulid.ID
}

// RecordNeedsAssessment files the act: the assessment must cover the whole
// triangle, come from a provider of the case's community, and follow the
// safety assessment; it moves the case on to the decision.
func RecordNeedsAssessment(ctx context.Context, c *ent.Client, in NeedsAssessment) (*ent.NeedsAssessment, error) {
	if err := checkNeeds(in); err != nil {
		return nil, err
	}
	cf, err := c.CaseFile.Get(ctx, in.Case)
	if err != nil {
		return nil, err
	}
	named := c.NeedsAssessment.Create().SetCommunityID(cf.CommunityID).SetProviderID(in.Provider)
	if err := checkProvider(ctx, c, cf, in.Provider, needsassessment.Policy, named.Mutation()); err != nil {
		return nil, err
	}
	if err := checkServiceTypes(ctx, c, in.NeededServices); err != nil {
		return nil, err
	}
	due, onTime, err := needsDue(ctx, c, cf, in.ConductedAt)
	if err != nil {
		return nil, err
	}
	// The record first: the privacy rules decide whether the viewer may file
	// it before anything about the case's progress is said. A refused move
	// below fails the mutation, which is then rolled back whole.
	create := c.NeedsAssessment.Create().SetCommunityID(cf.CommunityID).SetCaseID(cf.ID).SetProviderID(in.Provider).
		SetKind(in.Kind).SetConductedAt(in.ConductedAt).SetDomains(in.Domains).SetStrengths(in.Strengths).
		SetConclusion(in.Conclusion).SetActNumber(in.ActNumber).SetActFiledAt(in.ActFiledAt).SetDue(due).SetOnTime(onTime)
	if len(in.NeededServices) > 0 {
		create.SetNeededServiceIds(in.NeededServices)
	}
	create.SetNillableRecordedByID(actor(ctx))
	na, err := create.Save(ctx)
	if err != nil {
		return nil, err
	}
	if err := stepDate("conductedAt", in.ConductedAt, cf); err != nil {
		return nil, err
	}
	if cf, err = toNeeds(ctx, c, cf, in.ConductedAt); err != nil {
		return nil, err
	}
	if err := recordOn(ctx, c, cf, caseevent.KindNEEDS_ASSESSED, nil, in.ActNumber, in.ConductedAt); err != nil {
		return nil, err
	}
	critical := rated(in.Domains, procedure.RatingCritical)
	if critical {
		if err := tellChildrenService(ctx, c, cf, na.ID); err != nil {
			return nil, err
		}
	}
	// Four eyes: an act finding a threat to the child's life or health is
	// never signed off by its author (authz.DecideApprovals refuses it with
	// the reason FOUR_EYES_REQUIRED).
	filed := laterOf(in.ActFiledAt, in.ConductedAt)
	ok, err := requestApprovalOf(ctx, c, cf, approval.SubjectKindNEEDS_ASSESSMENT, na.ID, "", !critical, time.Time{}, filed)
	if err != nil || !ok {
		return na, err
	}
	_, err = advanceToDecision(ctx, c, cf, filed)
	return na, err
}

// rated reports whether a side of the assessment is rated r.
func rated(domains []schematype.DomainRating, r string) bool {
	return slices.ContainsFunc(domains, func(d schematype.DomainRating) bool { return d.Rating == r })
}

// tellChildrenService: a needs assessment rating the child's situation
// CRITICAL is a threat to life or health found outside the safety
// assessment (a diabetic child without insulin). The children's service,
// which answers for the child's safety, hears of it at once, whoever
// assessed.
func tellChildrenService(ctx context.Context, c *ent.Client, cf *ent.CaseFile, subject pulid.ID) error {
	ssd, err := notify.Members(ctx, c, cf.CommunityID, nil, membership.RoleCHILDREN_SERVICE)
	if err != nil {
		return err
	}
	return notify.Send(ctx, c, notify.Note{Community: cf.CommunityID, Kind: notification.KindDANGER_FOUND,
		Case: &cf.ID, Subject: &subject, Detail: procedure.RatingCritical}, ssd, actor(ctx))
}

func checkNeeds(in NeedsAssessment) error {
	seen := map[string]bool{}
	for _, d := range in.Domains {
		if !slices.Contains(Domains, d.Domain) || seen[d.Domain] || !slices.Contains(Ratings, d.Rating) ||
			strings.TrimSpace(d.Narrative) == "" {
			return inputErr("domains", "each side of the triangle once, with a known rating and a narrative")
		}
		seen[d.Domain] = true
	}
	switch {
	case len(seen) != len(Domains):
		return inputErr("domains", "all three sides of the assessment triangle are needed")
	case strings.TrimSpace(in.Conclusion) == "":
		return inputErr("conclusion", "must not be empty")
	case strings.TrimSpace(in.ActNumber) == "":
		return inputErr("actNumber", "must not be empty")
	case in.ConductedAt.After(clock.Now().Add(clockSkew)):
		return inputErr("conductedAt", "cannot be in the future")
	case in.ActFiledAt.Before(in.ConductedAt) || in.ActFiledAt.After(clock.Now().Add(clockSkew)):
		return inputErr("actFiledAt", "must be after the assessment and not in the future")
	}
	return nil
}

// checkServiceTypes: each needed service is one of the classifier, once.
func checkServiceTypes(ctx context.Context, c *ent.Client, ids []pulid.ID) error {
	if len(ids) == 0 {
		return nil
	}
	n, err := c.ServiceType.Query().Where(servicetype.IDIn(ids...)).Count(ctx)
	if err != nil {
		return err
	}
	if n != len(ids) {
		return inputErr("neededServiceIDs", "each needed service once, from the classifier")
	}
	return nil
}

// checkProvider: the organisation named as the one acting (that assessed,
// that gives a service, that a decision names) is a service provider of
// the case's community that the viewer can see, and one the viewer may act
// for, which the policy p of the record naming it decides about its create
// m (authz.RequireActingFor): a provider's staff name their own
// organisation, the community's services any provider.
func checkProvider(ctx context.Context, c *ent.Client, cf *ent.CaseFile, provider pulid.ID, p ent.Policy, m ent.Mutation) error {
	if err := authz.CheckRef(ctx, c, cf.CommunityID, "providerID", provider); err != nil {
		return err
	}
	ok, err := c.Organization.Query().Where(organization.ID(provider), organization.CommunityID(cf.CommunityID),
		organization.KindIn(organization.KindPUBLIC_PROVIDER, organization.KindNGO_PROVIDER)).Exist(ctx)
	if err != nil {
		return err
	}
	if !ok {
		return inputErr("providerID", "not a service provider of this community")
	}
	return askPolicy(ctx, p, m)
}

// needsDue is the deadline of the assessment under the case's rules.
func needsDue(ctx context.Context, c *ent.Client, cf *ent.CaseFile, conducted time.Time) (time.Time, bool, error) {
	rules, err := ruleSet(cf.RuleSetVersion)
	if err != nil {
		return time.Time{}, false, err
	}
	cal, err := calendarOf(ctx, c, cf)
	if err != nil {
		return time.Time{}, false, err
	}
	due, err := rules.Due(procedure.KindNeedsAssessment, clockStart(cf), cal)
	return due, !conducted.After(due), err
}

// toNeeds puts a case past its safety assessment into the assessment of
// needs; a case not yet past it is refused. A case under accompaniment
// stays there: on the crisis path the decision came first and the needs
// assessment follows it (and a family may be reassessed during the
// accompaniment). The move is dated by the assessment (at).
func toNeeds(ctx context.Context, c *ent.Client, cf *ent.CaseFile, at time.Time) (*ent.CaseFile, error) {
	var err error
	if underAccompaniment(cf) {
		return cf, nil
	}
	if cf.Status == procedure.StateAssessingSafety {
		if cf, err = TransitionOn(ctx, c, cf.ID, procedure.StateAssessingNeeds, "", stepOn(at)); err != nil {
			return nil, err
		}
	}
	if cf.Status != procedure.StateAssessingNeeds {
		return nil, &procedure.TransitionError{From: cf.Status, To: procedure.StateAssessingNeeds, Allowed: procedure.Next(cf.Status)}
	}
	return cf, nil
}

// advanceToDecision moves a case whose needs assessment took effect on to
// the decision; a case under accompaniment (decided on first, in a crisis)
// stays where it is. The move is dated when the act was filed (at), so a
// paper file keeps its order whenever the approval comes.
func advanceToDecision(ctx context.Context, c *ent.Client, cf *ent.CaseFile, at time.Time) (*ent.CaseFile, error) {
	cf, err := toNeeds(ctx, c, cf, at)
	if err != nil || underAccompaniment(cf) {
		return cf, err
	}
	return TransitionOn(ctx, c, cf.ID, procedure.StateAwaitingDecision, "", stepOn(at))
}

// underAccompaniment: the case is past its decision, under accompaniment.
func underAccompaniment(cf *ent.CaseFile) bool {
	return cf.Status == procedure.StateOpen || cf.Status == procedure.StateUnderReview
}

func inputErr(field, msg string) error { return auth.Invalid(field, msg) }
