package demo

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/activity"
	"github.com/turbota/turbota/ent/approval"
	"github.com/turbota/turbota/ent/caseaccess"
	"github.com/turbota/turbota/ent/decision"
	"github.com/turbota/turbota/ent/needsassessment"
	"github.com/turbota/turbota/ent/notification"
	"github.com/turbota/turbota/ent/organization"
	"github.com/turbota/turbota/ent/referral"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/schema/schematype"
	"github.com/turbota/turbota/ent/servicetype"
	"github.com/turbota/turbota/internal/notify"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/internal/workflow"
)

// work adds what people did on a demo case besides moving it: the family's
// consent and the children's service's referral to the provider (waiting
// for an answer while the safety assessment runs, accepted once needs are
// assessed), and for cases under accompaniment a service with a home visit.
func (l *loader) work(ctx context.Context, cf *ent.CaseFile, rep *ent.Report, path []procedure.State) error {
	from, to := l.orgs[organization.KindCHILDREN_SERVICE], l.orgs[organization.KindPUBLIC_PROVIDER]
	if rep.FamilyID == nil || from == "" || to == "" || len(path) == 0 || slices.Contains(path, procedure.StateClosed) {
		return nil
	}
	at := rep.ReceivedAt.Add(2 * time.Hour)
	cn, err := l.c.Consent.Create().SetCommunityID(cf.CommunityID).SetFamilyID(*rep.FamilyID).
		SetGivenBy("Законний представник дитини").SetGivenAt(at).SetDocument("Згода № Д-" + at.Format("0102")).Save(ctx)
	if err != nil {
		return err
	}
	rf := l.c.Referral.Create().SetCommunityID(cf.CommunityID).SetCaseID(cf.ID).SetFromOrganizationID(from).
		SetToOrganizationID(to).SetConsentID(cn.ID).SetSentAt(at).
		SetReason("Просимо провести оцінювання потреб сім'ї та визначити соціальні послуги.")
	accepted := slices.Contains(path, procedure.StateAssessingNeeds)
	if accepted {
		rf.SetStatus(referral.StatusACCEPTED).SetAnsweredAt(at.Add(3 * time.Hour))
	}
	r, err := rf.Save(ctx)
	if err != nil {
		return err
	}
	if !accepted {
		return l.tell(ctx, cf, to, notification.KindREFERRAL_RECEIVED, &r.ID)
	}
	if err := l.c.CaseAccess.Create().SetCommunityID(cf.CommunityID).SetCaseID(cf.ID).SetOrganizationID(to).
		SetReason(caseaccess.ReasonREFERRAL).SetSourceID(r.ID).Exec(ctx); err != nil {
		return err
	}
	if !slices.Contains(path, procedure.StateAwaitingDecision) {
		return l.pendingAssessment(ctx, cf, to, at.Add(48*time.Hour))
	}
	if !slices.Contains(path, procedure.StateOpen) {
		return nil
	}
	// After the decision (50 hours after the report): the commission's
	// sitting, then the service, its visit a day later; all in the past for
	// the four-day-old report.
	if err := l.sitting(ctx, cf, at.Add(49*time.Hour)); err != nil {
		return err
	}
	if err := l.scan(ctx, cf); err != nil {
		return err
	}
	if err := l.plan(ctx, cf, to, at.Add(51*time.Hour)); err != nil {
		return err
	}
	return l.service(ctx, cf, to, at.Add(52*time.Hour))
}

// assessment is the act of a needs assessment the provider filed at at.
func (l *loader) assessment(cf *ent.CaseFile, provider pulid.ID, at time.Time) *ent.NeedsAssessmentCreate {
	side := func(d, r, n string) schematype.DomainRating {
		return schematype.DomainRating{Domain: d, Rating: r, Narrative: n}
	}
	return l.c.NeedsAssessment.Create().SetCommunityID(cf.CommunityID).SetCaseID(cf.ID).SetProviderID(provider).
		SetKind(needsassessment.KindINITIAL).SetConductedAt(at).SetActFiledAt(at).SetDue(at.AddDate(0, 0, 5)).SetOnTime(true).
		SetDomains([]schematype.DomainRating{
			side("CHILD_DEVELOPMENT", "SOME_CONCERN", "Пропуски занять, потребує підтримки у навчанні."),
			side("PARENTING_CAPACITY", "SERIOUS_CONCERN", "Мати перевантажена, бракує навичок догляду."),
			side("FAMILY_ENVIRONMENT", "SOME_CONCERN", "Тимчасове житло, нестача коштів."),
		}).SetStrengths("Підтримка бабусі, мати готова співпрацювати.").
		SetConclusion("Сім'я потребує соціального супроводу.").SetActNumber("Д-" + at.Format("0102"))
}

// needsAssessed files the provider's needs assessment of a case that goes
// on to the decision: in effect at once (no approval asked), as the demo
// loader is the system.
func (l *loader) needsAssessed(ctx context.Context, cf *ent.CaseFile, at time.Time) error {
	provider := l.orgs[organization.KindPUBLIC_PROVIDER]
	if provider == "" {
		return errors.New("demo: no provider to assess needs")
	}
	return l.assessment(cf, provider, at).Exec(ctx)
}

// servicesDecided records the social protection department's decision to
// provide services that opens the accompaniment, on time.
func (l *loader) servicesDecided(ctx context.Context, cf *ent.CaseFile, at time.Time) error {
	rules, err := procedure.RuleSetAt(cf.OpenedAt)
	if err != nil {
		return err
	}
	cal, err := workflow.NewCalendars(l.c).For(ctx, cf.CommunityID)
	if err != nil {
		return err
	}
	due, err := rules.Due(procedure.KindDecision, cf.OpenedAt, cal)
	if err != nil {
		return err
	}
	d := l.c.Decision.Create().SetCommunityID(cf.CommunityID).SetCaseID(cf.ID).SetBody(decision.BodySOCIAL_PROTECTION).
		SetKind(decision.KindPROVIDE_SERVICES).SetNumber(at.Format("0102") + "-с").SetDecidedAt(at).
		SetLegalBasis("ст. 21 Закону України «Про соціальні послуги»").SetDue(due).SetOnTime(!at.After(due))
	if p := l.orgs[organization.KindPUBLIC_PROVIDER]; p != "" {
		d.SetProviderID(p)
	}
	return d.Exec(ctx)
}

// pendingAssessment files a specialist's needs assessment that waits for
// the provider manager's approval, and tells the manager.
func (l *loader) pendingAssessment(ctx context.Context, cf *ent.CaseFile, provider pulid.ID, at time.Time) error {
	na, err := l.assessment(cf, provider, at).Save(ctx)
	if err != nil {
		return err
	}
	ap, err := l.c.Approval.Create().SetCommunityID(cf.CommunityID).SetCaseID(cf.ID).
		SetSubjectKind(approval.SubjectKindNEEDS_ASSESSMENT).SetSubjectID(na.ID).SetRequestedAt(at).Save(ctx)
	if err != nil {
		return err
	}
	return l.tell(ctx, cf, provider, notification.KindAPPROVAL_REQUESTED, &ap.ID)
}

// sitting records the guardianship body's commission sitting that
// registered the family's children as in difficult circumstances.
func (l *loader) sitting(ctx context.Context, cf *ent.CaseFile, at time.Time) error {
	ks, err := l.c.CommissionSession.Create().SetCommunityID(cf.CommunityID).SetHeldAt(at).SetProtocolNumber(at.Format("0102")).
		SetAttendees([]string{"голова комісії", "секретар комісії", "начальник служби у справах дітей"}).
		SetAgenda([]schematype.AgendaItem{{Title: "Про взяття дітей на облік як таких, що перебувають у СЖО", CaseID: &cf.ID,
			Outcome: "Взяти на облік, затвердити план."}}).Save(ctx)
	if err != nil {
		return err
	}
	return l.c.Decision.Create().SetCommunityID(cf.CommunityID).SetCaseID(cf.ID).SetBody(decision.BodyGUARDIANSHIP_BODY).
		SetKind(decision.KindREGISTER_IN_DIFFICULT_CIRCUMSTANCES).SetNumber(at.Format("0102") + "-р").SetDecidedAt(at).
		SetLegalBasis("Порядок, затверджений постановою КМУ від 01.06.2020 № 585").SetSessionID(ks.ID).Exec(ctx)
}

// tell notifies the staff of an organisation of the community.
func (l *loader) tell(ctx context.Context, cf *ent.CaseFile, org pulid.ID, kind notification.Kind, subject *pulid.ID) error {
	users, err := notify.Members(ctx, l.c, cf.CommunityID, &org)
	if err != nil {
		return err
	}
	return notify.Send(ctx, l.c, notify.Note{Community: cf.CommunityID, Kind: kind, Case: &cf.ID, Subject: subject}, users, nil)
}

// service starts the classifier's first active service with one home visit.
func (l *loader) service(ctx context.Context, cf *ent.CaseFile, provider pulid.ID, at time.Time) error {
	st, err := l.c.ServiceType.Query().Where(servicetype.Active(true)).Order(ent.Asc(servicetype.FieldNameUk)).First(ctx)
	if ent.IsNotFound(err) {
		return nil // no classifier loaded: nothing to provide from
	}
	if err != nil {
		return err
	}
	sv, err := l.c.ServiceProvision.Create().SetCommunityID(cf.CommunityID).SetCaseID(cf.ID).SetProviderID(provider).
		SetServiceTypeID(st.ID).SetStartedAt(at).Save(ctx)
	if err != nil {
		return err
	}
	return l.c.Activity.Create().SetCommunityID(cf.CommunityID).SetCaseID(cf.ID).SetServiceID(sv.ID).
		SetKind(activity.KindHOME_VISIT).SetAt(at.Add(24 * time.Hour)).SetDurationMinutes(75).
		SetParticipants([]string{"мати", "дитина"}).SetNotes("Демонстраційні дані: візит за місцем проживання.").Exec(ctx)
}
