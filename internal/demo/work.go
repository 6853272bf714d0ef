package demo

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/activity"
	"github.com/turbota/turbota/ent/approval"
	"github.com/turbota/turbota/ent/community"
	"github.com/turbota/turbota/ent/consent"
	"github.com/turbota/turbota/ent/decision"
	"github.com/turbota/turbota/ent/document"
	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/ent/needsassessment"
	"github.com/turbota/turbota/ent/organization"
	"github.com/turbota/turbota/ent/report"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/schema/schematype"
	"github.com/turbota/turbota/ent/servicetype"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/internal/workflow"
)

// The demo's casework is written through the workflow, by the community's
// own staff (see staff), each step dated when it happened on paper (the
// true-date arguments), so that every demo case has the timeline, audit,
// approvals, notifications and deadlines a case worked in the app has.
// Times are counted from the report's arrival (t0), and all lie before the
// clock.

// Roles of the demo community at work.
const (
	ssd        = membership.RoleCHILDREN_SERVICE
	uszn       = membership.RoleSOCIAL_PROTECTION
	manager    = membership.RolePROVIDER_MANAGER
	specialist = membership.RolePROVIDER_SPECIALIST
	guardian   = membership.RoleGUARDIANSHIP_BODY
)

// crew is a community's staff at work and its organisations.
type crew struct {
	staff staff
	orgs  map[organization.Kind]pulid.ID
}

// caseWork is one demo case being worked.
type caseWork struct {
	l *loader
	// The community's staff and organisations, kept for steps run later
	// (loader.after), once the next community is being loaded.
	staff staff
	orgs  map[organization.Kind]pulid.ID
	rep   *ent.Report
	cf    *ent.CaseFile
	kids  []pulid.ID
	path  []procedure.State
	t0    time.Time
	// needs are the classifier services its needs assessment finds the
	// family needs (the demo region's cases name some).
	needs []pulid.ID
	// late: the safety assessment came after its 24 hours (a case that
	// stops at its needs assessment).
	late bool
	// brief: an accompaniment is only decided, with none of its work (the
	// demo region's cases, many and less looked into).
	brief bool
}

func (w *caseWork) at(d time.Duration) time.Time         { return w.t0.Add(d) }
func (w *caseWork) as(r membership.Role) context.Context { return w.staff.ctx(r) }
func (w *caseWork) org(k organization.Kind) pulid.ID     { return w.orgs[k] }
func (w *caseWork) reaches(s procedure.State) bool       { return slices.Contains(w.path, s) }

// caseFor works the report's case as far as its stage (demoStages), and
// adds what its story has besides (stories).
func (l *loader) caseFor(code string, rep *ent.Report, cf *ent.CaseFile, kids []pulid.ID, i int) error {
	stages := demoStages[code]
	w := &caseWork{l: l, staff: l.staff, orgs: l.orgs, rep: rep, cf: cf, kids: kids, path: stages[i%len(stages)], t0: rep.ReceivedAt}
	return w.work(stories[code][i])
}

// work works the case as far as its path, and adds what its story has
// besides.
func (w *caseWork) work(story story) error {
	if len(w.path) == 0 {
		return nil // the report still waits to be taken up
	}
	steps := []func() error{w.accept}
	switch {
	case story == protect:
		steps = append(steps, w.protect)
	case w.reaches(procedure.StateClosed):
		steps = append(steps, func() error { return w.safety(procedure.SafetySafe, 2*time.Hour) }, w.close)
	case w.reaches(procedure.StateTransferred):
		steps = append(steps, w.handOn)
	default:
		steps = append(steps, w.refer)
		if w.reaches(procedure.StateAssessingNeeds) {
			steps = append(steps, w.assessSafety, w.toNeeds)
		}
		if story == correct {
			steps = append(steps, w.correct)
		}
		if w.reaches(procedure.StateAssessingNeeds) && story != transfer {
			steps = append(steps, w.assessNeeds)
		}
		if w.reaches(procedure.StateOpen) {
			steps = append(steps, w.provide)
		}
		if w.reaches(procedure.StateOpen) && !w.brief {
			steps = append(steps, w.sitting, w.scan, w.plan, w.service, w.manage)
		}
		if w.reaches(procedure.StateUnderReview) {
			steps = append(steps, w.review)
		}
	}
	if story == transfer {
		w.l.after = append(w.l.after, w.transfer)
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// What a demo case has besides its stage, by community and report.
type story int

const (
	plain story = iota
	// protect: the police call finds the children alone with a drunken
	// father: the safety assessment finds an immediate threat, and the
	// siblings are placed at once, one with the grandmother, the other in
	// a foster family.
	protect
	// correct: the visit finds the family in poverty too, and the children's
	// service corrects the report, with the reason.
	correct
	// transfer: the displaced family moved on to Полтава before its needs
	// were assessed; the children's service asked Полтава to take the case
	// over, Полтава accepted, and its centre assessed the family anew (the
	// act waits for the centre's head).
	transfer
)

var stories = map[string][]story{
	VinnytsiaCommunityCode: {plain, plain, protect, correct, transfer, plain},
	PoltavaCommunityCode:   {plain, plain, plain, plain, plain, plain},
}

// accept: the children's service takes the report up within the hour
// and its specialist manages the case while it is assessed.
func (w *caseWork) accept() error {
	ctx := w.as(ssd)
	on := w.at(time.Hour)
	if w.rep.Urgency == report.UrgencyIMMEDIATE {
		on = w.at(30 * time.Minute)
	}
	_, err := workflow.RequestTransition(ctx, w.l.c, w.cf.ID, procedure.StateAssessingSafety, "Повідомлення прийнято до роботи.",
		"", workflow.Transfer{}, workflow.GivenOn("occurredAt", &on))
	if err != nil {
		return fmt.Errorf("accept: %w", err)
	}
	if _, err := workflow.AssignCase(ctx, w.l.c, w.cf.ID, w.staff.id(ssd), "Оцінювання безпеки дитини.", workflow.GivenOn("assignedAt", &on)); err != nil {
		return fmt.Errorf("assign: %w", err)
	}
	return nil
}

// refer: with the family's consent, the children's service refers the
// family to the public centre; the centre answers once the safety
// assessment is under way (while it runs, the referral waits).
func (w *caseWork) refer() error {
	from, to := w.org(organization.KindCHILDREN_SERVICE), w.org(organization.KindPUBLIC_PROVIDER)
	if w.rep.FamilyID == nil || from == "" || to == "" {
		return nil
	}
	ctx := w.as(ssd)
	given, sent := w.at(90*time.Minute), w.at(2*time.Hour)
	if _, err := workflow.RecordConsent(ctx, w.l.c, workflow.Consent{Family: *w.rep.FamilyID, GivenBy: "Законний представник дитини",
		GivenAt: given, Document: "Згода № Д-" + given.Format("0102"), Recipient: &to, Purpose: consent.PurposeREFERRAL}); err != nil {
		return fmt.Errorf("consent: %w", err)
	}
	rf, err := workflow.SendReferral(ctx, w.l.c, workflow.Referral{Case: w.cf.ID, From: from, To: to, SentAt: &sent,
		Reason: "Просимо провести оцінювання потреб сім'ї та визначити соціальні послуги."})
	if err != nil {
		return fmt.Errorf("referral: %w", err)
	}
	if !w.reaches(procedure.StateAssessingNeeds) {
		return nil
	}
	answered := w.at(3 * time.Hour)
	if _, err := workflow.AnswerReferral(w.as(manager), w.l.c, rf.ID, true, "", &answered); err != nil {
		return fmt.Errorf("accept referral: %w", err)
	}
	return nil
}

// safety records the safety assessment the children's service and the
// centre's specialist made, after hours.
func (w *caseWork) safety(result procedure.SafetyResult, after time.Duration) error {
	// No findings and no measures are empty lists, as an input's are (the
	// indicators read them as arrays).
	_, err := workflow.RecordSafetyAssessment(w.as(ssd), w.l.c, workflow.SafetyAssessment{Case: w.cf.ID,
		ConductedAt: w.at(after), Result: result, Findings: []schematype.ChildFinding{}, Measures: []schematype.UrgentMeasure{},
		Participants: []string{"Служба у справах дітей", "Фахівець із соціальної роботи"}})
	if err != nil {
		return fmt.Errorf("safety: %w", err)
	}
	return nil
}

// assessSafety: a danger is found unless the family itself asked for help.
func (w *caseWork) assessSafety() error {
	result := procedure.SafetyDangerPresent
	if w.rep.Source == report.SourceFAMILY {
		result = procedure.SafetySafe
	}
	if w.late {
		return w.safety(result, 30*time.Hour)
	}
	return w.safety(result, 5*time.Hour)
}

// toNeeds: the case goes on to the needs assessment.
func (w *caseWork) toNeeds() error {
	on := w.at(6 * time.Hour)
	if w.late {
		on = w.at(31 * time.Hour)
	}
	_, err := workflow.RequestTransition(w.as(ssd), w.l.c, w.cf.ID, procedure.StateAssessingNeeds, "", "",
		workflow.Transfer{}, workflow.GivenOn("occurredAt", &on))
	if err != nil {
		return fmt.Errorf("to needs: %w", err)
	}
	return nil
}

// protect: the immediate threat and its urgent measures, per child: both
// removed, one placed with the grandmother (kin care), the other in a
// foster family.
func (w *caseWork) protect() error {
	if len(w.kids) < 2 {
		return fmt.Errorf("protect: the story needs two children, the report names %d", len(w.kids))
	}
	kin, foster := procedure.CareKin, procedure.CareFosterFamily
	measures := []schematype.UrgentMeasure{
		{Kind: procedure.MeasureRemoval, LegalBasis: "ст. 170 Сімейного кодексу України", Children: w.kids},
		{Kind: procedure.MeasurePlacement, LegalBasis: "п. 31 Порядку, затвердженого постановою КМУ від 24.09.2008 № 866",
			Children: w.kids[:1], Form: &kin, Placement: "у бабусі за материнською лінією, та сама громада"},
		{Kind: procedure.MeasurePlacement, LegalBasis: "п. 31 Порядку, затвердженого постановою КМУ від 24.09.2008 № 866",
			Children: w.kids[1:2], Form: &foster, Placement: "прийомна сім'я громади"},
		{Kind: procedure.MeasurePoliceProtection, LegalBasis: "ст. 23 Закону України «Про Національну поліцію»"},
	}
	findings := []schematype.ChildFinding{
		{PersonID: w.kids[0], Finding: "Дитина вдома без нагляду тверезого дорослого, налякана."},
		{PersonID: w.kids[1], Finding: "Мала дитина без нагляду, не нагодована."},
	}
	_, err := workflow.RecordSafetyAssessment(w.as(ssd), w.l.c, workflow.SafetyAssessment{Case: w.cf.ID,
		ConductedAt: w.at(2 * time.Hour), Result: procedure.SafetyImmediateThreat, PoliceInvolved: true,
		Participants: []string{"Служба у справах дітей", "Ювенальна превенція", "Фахівець із соціальної роботи"},
		Findings:     findings, Measures: measures})
	if err != nil {
		return fmt.Errorf("protect: %w", err)
	}
	return nil
}

// correct: what the visit found goes into the report, with the reason.
func (w *caseWork) correct() error {
	on := w.at(7 * time.Hour)
	_, err := workflow.CorrectReport(w.as(ssd), w.l.c, workflow.ReportCorrection{Report: w.rep.ID, CorrectedAt: &on,
		Reason:        "Під час оцінювання безпеки з'ясовано: мати без роботи, борг за опалення — додано категорію «бідність».",
		AddCategories: []procedure.Category{procedure.CategoryPoverty}})
	if err != nil {
		return fmt.Errorf("correct: %w", err)
	}
	return nil
}

// close: assessed safe, nothing more is needed; the children's service
// closes the case (its own sign-off: no danger was found).
func (w *caseWork) close() error {
	on := w.at(3 * time.Hour)
	_, err := workflow.RequestTransition(w.as(ssd), w.l.c, w.cf.ID, procedure.StateClosed,
		"Дитина в безпеці, підтримку отримує.", procedure.OutcomeOther, workflow.Transfer{}, workflow.GivenOn("occurredAt", &on))
	if err != nil {
		return fmt.Errorf("close: %w", err)
	}
	return nil
}

// handOn: the anonymous report is about a child with a disability and no
// support, which is the social protection department's to arrange: the
// children's service hands the case over to it (a statutory body, so no
// consent is asked), naming it, as every transfer must.
func (w *caseWork) handOn() error {
	on := w.at(3 * time.Hour)
	to := w.org(organization.KindSOCIAL_PROTECTION)
	_, err := workflow.RequestTransition(w.as(ssd), w.l.c, w.cf.ID, procedure.StateTransferred,
		"Дитина з інвалідністю без підтримки: випадок передано управлінню соціального захисту населення для призначення допомоги й послуг.",
		"", workflow.Transfer{To: &to}, workflow.GivenOn("occurredAt", &on))
	if err != nil {
		return fmt.Errorf("hand on: %w", err)
	}
	return nil
}

// assessNeeds: the centre's specialist files the act of needs assessment;
// the centre's head approves it where the case goes on to the decision
// (which moves it there), and it waits for them otherwise.
func (w *caseWork) assessNeeds() error {
	provider := w.org(organization.KindPUBLIC_PROVIDER)
	on := w.at(26 * time.Hour)
	if !w.reaches(procedure.StateAwaitingDecision) {
		on = w.at(48 * time.Hour)
	}
	side := func(d, r, n string) schematype.DomainRating {
		return schematype.DomainRating{Domain: d, Rating: r, Narrative: n}
	}
	na, err := workflow.RecordNeedsAssessment(w.as(specialist), w.l.c, workflow.NeedsAssessment{Case: w.cf.ID, Provider: provider,
		Kind: needsassessment.KindINITIAL, ConductedAt: on, ActFiledAt: on, ActNumber: "Д-" + on.Format("0102"),
		Domains: []schematype.DomainRating{
			side("CHILD_DEVELOPMENT", "SOME_CONCERN", "Пропуски занять, потребує підтримки у навчанні."),
			side("PARENTING_CAPACITY", "SERIOUS_CONCERN", "Мати перевантажена, бракує навичок догляду."),
			side("FAMILY_ENVIRONMENT", "SOME_CONCERN", "Тимчасове житло, нестача коштів."),
		},
		Strengths: "Підтримка бабусі, мати готова співпрацювати.", Conclusion: "Сім'я потребує соціального супроводу.",
		NeededServices: w.needs})
	if err != nil {
		return fmt.Errorf("needs: %w", err)
	}
	if !w.reaches(procedure.StateAwaitingDecision) {
		return nil
	}
	return w.approve(manager, approval.SubjectKindNEEDS_ASSESSMENT, na.ID, on.Add(2*time.Hour))
}

// approve: the supervisor approves the pending request about subject, on
// the day they signed it.
func (w *caseWork) approve(who membership.Role, kind approval.SubjectKind, subject pulid.ID, on time.Time) error {
	ctx := w.as(who)
	a, err := w.l.c.Approval.Query().Where(approval.SubjectID(subject), approval.StatusEQ(approval.StatusPENDING)).Only(ctx)
	if err != nil {
		return fmt.Errorf("approval of %s: %w", kind, err)
	}
	if _, err := workflow.Decide(ctx, w.l.c, a.ID, true, "Погоджено.", workflow.GivenOn("decidedAt", &on)); err != nil {
		return fmt.Errorf("approve %s: %w", kind, err)
	}
	return nil
}

// provide: the social protection department decides to provide services
// (on time), which opens the accompaniment.
func (w *caseWork) provide() error {
	on := w.at(50 * time.Hour)
	provider := w.org(organization.KindPUBLIC_PROVIDER)
	_, err := workflow.RecordDecision(w.as(uszn), w.l.c, workflow.Decision{Case: w.cf.ID, Body: decision.BodySOCIAL_PROTECTION,
		Kind: decision.KindPROVIDE_SERVICES, Number: on.Format("0102") + "-с", DecidedAt: on, Provider: &provider,
		LegalBasis: "ст. 21 Закону України «Про соціальні послуги»"})
	if err != nil {
		return fmt.Errorf("services decision: %w", err)
	}
	return nil
}

// sitting: the commission on the rights of the child registers the
// family's children as in difficult circumstances.
func (w *caseWork) sitting() error {
	ctx := w.as(guardian)
	on := w.at(50*time.Hour + 30*time.Minute)
	protocol := on.Format("0102")
	ks, err := workflow.CreateSession(ctx, w.l.c, workflow.Session{Community: w.cf.CommunityID, HeldAt: &on, Protocol: &protocol,
		Attendees: []string{"голова комісії", "секретар комісії", "начальник служби у справах дітей"},
		Agenda: []schematype.AgendaItem{{Title: "Про взяття дітей на облік як таких, що перебувають у СЖО", CaseID: &w.cf.ID,
			Outcome: "Взяти на облік, затвердити план."}}})
	if err != nil {
		return fmt.Errorf("sitting: %w", err)
	}
	_, err = workflow.RecordDecision(ctx, w.l.c, workflow.Decision{Case: w.cf.ID, Body: decision.BodyGUARDIANSHIP_BODY,
		Kind: decision.KindREGISTER_IN_DIFFICULT_CIRCUMSTANCES, Number: protocol + "-р", DecidedAt: on, Session: &ks.ID,
		LegalBasis: "Порядок, затверджений постановою КМУ від 01.06.2020 № 585"})
	if err != nil {
		return fmt.Errorf("register decision: %w", err)
	}
	return nil
}

// scan: the social protection department attaches the signed decision.
func (w *caseWork) scan() error {
	ctx := w.as(uszn)
	d, err := w.l.c.Decision.Query().Where(decision.CaseID(w.cf.ID), decision.KindEQ(decision.KindPROVIDE_SERVICES)).First(ctx)
	if err != nil {
		return fmt.Errorf("scan: %w", err)
	}
	data := onePagePDF(fmt.Sprintf("Turbota demo: decision No. %s of %s", d.Number, d.DecidedAt.Format("02.01.2006")))
	_, err = workflow.UploadDocument(ctx, w.l.c, workflow.Upload{Case: w.cf.ID, Subject: &d.ID, Kind: document.KindDECISION,
		Title: "Рішення № " + d.Number + " (скан)", FileName: "rishennia-" + d.Number + ".pdf", Content: bytes.NewReader(data)})
	if err != nil {
		return fmt.Errorf("scan: %w", err)
	}
	return nil
}

// plan: the centre's specialist drafts the family's plan, the centre's
// head approves it, the mother signs it. Its actions fall due two weeks
// to two months on (for an older case some are overdue), the psychologist
// sees the child tomorrow (due soon); the plan is reviewed three months on.
func (w *caseWork) plan() error {
	provider := w.org(organization.KindPUBLIC_PROVIDER)
	on := w.at(51 * time.Hour)
	due := func(days int) string { return on.AddDate(0, 0, days).In(procedure.Kyiv()).Format("2006-01-02") }
	goals := []schematype.PlanGoal{
		{Key: "G1", Text: "Дитина відвідує школу без пропусків", Actions: []schematype.PlanAction{
			{Text: "Домовитися з класним керівником про щотижневий зв'язок", ResponsibleOrganizationID: provider, ResponsiblePerson: "фахівець із соціальної роботи", Due: due(14)},
			{Text: "Оформити дитину до групи продовженого дня", ResponsibleOrganizationID: provider, Due: due(30)},
		}},
		{Key: "G2", Text: "Мати має стабільний дохід і навички догляду", Actions: []schematype.PlanAction{
			{Text: "Консультація центру зайнятості", ResponsibleOrganizationID: provider, ResponsiblePerson: "мати", Due: due(21)},
			{Text: "Тренінг з батьківських навичок (4 зустрічі)", ResponsibleOrganizationID: provider, Due: due(60)},
			{Text: "Консультація психолога для дитини", ResponsibleOrganizationID: provider, ResponsiblePerson: "психолог центру",
				Due: w.l.now.AddDate(0, 0, 1).In(procedure.Kyiv()).Format("2006-01-02")},
		}},
	}
	p, err := workflow.SavePlan(w.as(specialist), w.l.c, w.cf.ID, goals, on.AddDate(0, 3, 0), workflow.GivenOn("savedAt", &on))
	if err != nil {
		return fmt.Errorf("plan: %w", err)
	}
	if err := w.approve(manager, approval.SubjectKindPLAN, p.ID, on); err != nil {
		return err
	}
	if _, err := workflow.AgreePlan(w.as(specialist), w.l.c, p.ID, on, "Підписано матір'ю, "+on.In(procedure.Kyiv()).Format("02.01.2006")); err != nil {
		return fmt.Errorf("agree plan: %w", err)
	}
	return nil
}

// service: the centre starts the classifier's first active service, its
// specialist visits the family a day later, and schedules the next visit
// for tomorrow.
func (w *caseWork) service() error {
	ctx := w.as(specialist)
	st, err := w.l.c.ServiceType.Query().Where(servicetype.Active(true)).Order(ent.Asc(servicetype.FieldNameUk)).First(ctx)
	if ent.IsNotFound(err) {
		return nil // no classifier loaded: nothing to provide from
	}
	if err != nil {
		return err
	}
	sv, err := workflow.StartService(ctx, w.l.c, workflow.Service{Case: w.cf.ID, Provider: w.org(organization.KindPUBLIC_PROVIDER),
		Type: st.ID, StartedAt: w.at(52 * time.Hour)})
	if err != nil {
		return fmt.Errorf("service: %w", err)
	}
	if _, err := workflow.RecordActivity(ctx, w.l.c, workflow.Activity{Case: w.cf.ID, Service: &sv.ID, Kind: activity.KindHOME_VISIT,
		At: w.at(76 * time.Hour), Minutes: 75, Participants: []string{"мати", "дитина"},
		Notes: "Демонстраційні дані: візит за місцем проживання."}); err != nil {
		return fmt.Errorf("visit: %w", err)
	}
	next := w.l.now.Add(24 * time.Hour)
	if _, err := workflow.RecordActivity(ctx, w.l.c, workflow.Activity{Case: w.cf.ID, Service: &sv.ID, Kind: activity.KindHOME_VISIT,
		At: next, Minutes: 60, Planned: true, Notes: "Демонстраційні дані: наступний візит."}); err != nil {
		return fmt.Errorf("scheduled visit: %w", err)
	}
	return nil
}

// manage: under accompaniment, the centre's specialist manages the case
// from the day the plan was signed.
func (w *caseWork) manage() error {
	on := w.at(51 * time.Hour)
	if _, err := workflow.AssignCase(w.as(ssd), w.l.c, w.cf.ID, w.staff.id(specialist), "Соціальний супровід сім'ї.", workflow.GivenOn("assignedAt", &on)); err != nil {
		return fmt.Errorf("assign: %w", err)
	}
	return nil
}

// review: ten days into the accompaniment the centre reviews how it goes.
func (w *caseWork) review() error {
	on := w.at(10 * 24 * time.Hour)
	_, err := workflow.RequestTransition(w.as(specialist), w.l.c, w.cf.ID, procedure.StateUnderReview, "Проміжний перегляд супроводу.",
		"", workflow.Transfer{}, workflow.GivenOn("occurredAt", &on))
	if err != nil {
		return fmt.Errorf("review: %w", err)
	}
	return nil
}

// transfer: the family consented to its file going to Полтава three days
// after the report, and the children's service asked Полтава to take the
// case over, which Полтава's accepted two days later; then Полтава works
// the case as its own (received). Run once both communities' staff
// exist; every step is dated when it happened on paper.
func (w *caseWork) transfer() error {
	ctx := w.as(ssd)
	to, err := w.l.c.Community.Query().Where(community.KatottgCode(PoltavaCommunityCode)).OnlyID(ctx)
	if err != nil {
		return fmt.Errorf("transfer: %w", err)
	}
	if w.rep.FamilyID == nil {
		return fmt.Errorf("transfer: the story needs a family")
	}
	kind := consent.RecipientKindCHILDREN_SERVICE
	given, asked := w.at(72*time.Hour), w.at(73*time.Hour)
	if _, err := workflow.RecordConsent(ctx, w.l.c, workflow.Consent{Family: *w.rep.FamilyID, GivenBy: "Мати",
		GivenAt: given, Document: "Згода на передачу № П-" + given.Format("0102"), RecipientKind: &kind,
		Purpose: consent.PurposeTRANSFER}); err != nil {
		return fmt.Errorf("transfer consent: %w", err)
	}
	var t *ent.CaseTransfer
	if err := w.l.underRLS(ctx, func() error {
		t, err = workflow.RequestTransfer(ctx, w.l.c, workflow.CommunityTransfer{Case: w.cf.ID, To: to, RequestedAt: &asked,
			Reason: "Сім'я внутрішньо переміщених осіб переїхала до Полтави."})
		return err
	}); err != nil {
		return fmt.Errorf("transfer: %w", err)
	}
	return w.received(t)
}

// received: Полтава's children's service accepts the transfer, and the
// case starts over there: its centre, referred with the family's consent,
// assesses the family's needs within the term (the act waits for the
// centre's head).
func (w *caseWork) received(t *ent.CaseTransfer) error {
	pol := w.l.crews[PoltavaCommunityCode]
	ctx := pol.staff.ctx(ssd)
	accepted := w.at(5 * 24 * time.Hour)
	if err := w.l.underRLS(ctx, func() error {
		_, err := workflow.AnswerTransfer(ctx, w.l.c, t.ID, true, "", &accepted)
		return err
	}); err != nil {
		return fmt.Errorf("accept transfer: %w", err)
	}
	cf, err := w.l.c.CaseFile.Get(ctx, w.cf.ID)
	if err != nil {
		return fmt.Errorf("received case: %w", err)
	}
	there := &caseWork{l: w.l, staff: pol.staff, orgs: pol.orgs, rep: w.rep, cf: cf, kids: w.kids, path: toNeeds, t0: accepted}
	if _, err := workflow.AssignCase(ctx, w.l.c, cf.ID, pol.staff.id(ssd), "Справу прийнято від Вінницької громади.",
		workflow.GivenOn("assignedAt", &accepted)); err != nil {
		return fmt.Errorf("assign received case: %w", err)
	}
	if err := there.refer(); err != nil {
		return err
	}
	return there.assessNeeds()
}
