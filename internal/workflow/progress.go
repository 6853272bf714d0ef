package workflow

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/approval"
	"github.com/turbota/turbota/ent/casefile"
	"github.com/turbota/turbota/ent/decision"
	"github.com/turbota/turbota/ent/document"
	"github.com/turbota/turbota/ent/report"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/tenant"
)

// stepDate applies the one rule for the date of a step of a case
// (procedure.CheckStepDate) to an input field.
func stepDate(field string, at time.Time, cf *ent.CaseFile) error {
	if err := procedure.CheckStepDate(at, cf.OpenedAt, clock.Now()); err != nil {
		return inputErr(field, err.Error())
	}
	return nil
}

// pastDate refuses a date in the future for an input field.
func pastDate(field string, at time.Time) error {
	if err := procedure.CheckPast(at, clock.Now()); err != nil {
		return inputErr(field, err.Error())
	}
	return nil
}

// CheckReceivedAt refuses a report dated in the future: its case would
// open, and its clock start, at a time that has not come.
func CheckReceivedAt(at *time.Time) error {
	if at == nil {
		return nil
	}
	return pastDate("receivedAt", *at)
}

// CheckBirthDate refuses a person born in the future.
func CheckBirthDate(at *time.Time) error {
	if at == nil {
		return nil
	}
	return pastDate("birthDate", *at)
}

// withClock loads what the deadlines and the progress of cases are
// computed from, one query per edge whatever the number of cases.
func withClock(q *ent.CaseFileQuery) *ent.CaseFileQuery {
	return q.WithSafetyAssessments().WithNeedsAssessments().WithDecisions().WithReports().
		WithApprovals(func(q *ent.ApprovalQuery) {
			q.Where(approval.SubjectKindEQ(approval.SubjectKindNEEDS_ASSESSMENT))
		}).
		WithDocuments(func(q *ent.DocumentQuery) {
			q.Where(document.KindEQ(document.KindCORRESPONDENCE), document.SubjectIDNotNil())
		})
}

// loadClock reads one case with its clock, past the privacy rules: the
// caller has already checked that the viewer may act on the case. Within
// a read-only operation (WithClockCache) a case's clock is read once, however
// many of its fields (deadlines, crisis, accompaniment, moves) ask for it.
func loadClock(ctx context.Context, c *ent.Client, cf *ent.CaseFile) (*ent.CaseFile, error) {
	cache, _ := ctx.Value(clockCacheKey{}).(*clockCache)
	if cache != nil {
		cache.mu.Lock()
		defer cache.mu.Unlock()
		if k, ok := cache.cases[cf.ID]; ok {
			return k, nil
		}
	}
	k, err := withClock(c.CaseFile.Query().Where(casefile.ID(cf.ID))).Only(tenant.Bypass(ctx, "read a case's deadlines: timers the system keeps, nothing shown"))
	if err == nil && cache != nil {
		cache.cases[cf.ID] = k
	}
	return k, err
}

type clockCacheKey struct{}

type clockCache struct {
	mu    sync.Mutex
	cases map[pulid.ID]*ent.CaseFile
}

// WithClockCache lets the operation of ctx read each case's clock once.
// Only for operations that change nothing: a mutation must see its own
// changes.
func WithClockCache(ctx context.Context) context.Context {
	return context.WithValue(ctx, clockCacheKey{}, &clockCache{cases: map[pulid.ID]*ent.CaseFile{}})
}

// servicesDecision is the case's decision to provide or refuse services,
// the first if (in old data) there are several.
func servicesDecision(cf *ent.CaseFile) *ent.Decision {
	var first *ent.Decision
	for _, d := range cf.Edges.Decisions {
		if (d.Kind == decision.KindPROVIDE_SERVICES || d.Kind == decision.KindREFUSE_SERVICES) &&
			(first == nil || d.DecidedAt.Before(first.DecidedAt)) {
			first = d
		}
	}
	return first
}

// crisisOf gathers what makes the case (loaded with its clock) a crisis.
func crisisOf(cf *ent.CaseFile) procedure.CrisisFacts {
	f := procedure.CrisisFacts{OpenedAt: clockStart(cf)}
	for _, r := range cf.Edges.Reports {
		f.ImmediateUrgency = f.ImmediateUrgency || r.Urgency == report.UrgencyIMMEDIATE
	}
	for _, sa := range cf.Edges.SafetyAssessments {
		f.Findings = append(f.Findings, procedure.Finding{At: sa.ConductedAt, Safety: sa.Result})
	}
	for _, na := range cf.Edges.NeedsAssessments {
		nf := procedure.Finding{At: na.ConductedAt}
		for _, d := range na.Domains {
			nf.Ratings = append(nf.Ratings, d.Rating)
		}
		f.Findings = append(f.Findings, nf)
	}
	for _, d := range cf.Edges.Decisions {
		f.Declared = f.Declared || d.Crisis
	}
	return f
}

// progressOf is what the case (loaded with its clock) has recorded that the
// state machine asks for before a state.
//
// A case received from another community owes the steps again from its
// acceptance (sinceReceived), but for the safety assessment: a child's
// safety assessed and a danger recorded before still count.
func progressOf(all *ent.CaseFile) procedure.Progress {
	cf := sinceReceived(all)
	p := procedure.Progress{SafetyAssessed: len(all.Edges.SafetyAssessments) > 0}
	// A needs assessment has taken effect unless its approval is pending or
	// it was returned: its latest approval decides.
	for _, na := range cf.Edges.NeedsAssessments {
		var latest *ent.Approval
		for _, a := range cf.Edges.Approvals {
			if a.SubjectID == na.ID && (latest == nil || a.RequestedAt.After(latest.RequestedAt)) {
				latest = a
			}
		}
		if latest == nil || latest.Status == approval.StatusAPPROVED {
			p.NeedsAssessed = true
		}
	}
	for _, d := range cf.Edges.Decisions {
		p.ServicesProvided = p.ServicesProvided || d.Kind == decision.KindPROVIDE_SERVICES
		p.ServicesRefused = p.ServicesRefused || d.Kind == decision.KindREFUSE_SERVICES
	}
	p.Dangers = dangerOf(all.Edges.Reports, all.Edges.SafetyAssessments, all.Edges.NeedsAssessments).Dangers()
	for _, r := range all.Edges.Reports {
		p.Immediate = p.Immediate || r.Urgency == report.UrgencyIMMEDIATE
	}
	p.Crisis = crisisOf(cf).Crisis()
	return p
}

// dangerOf gathers what a case records of a danger to the child: its
// reports' categories and the findings of every assessment, the needs
// assessment's ratings included.
func dangerOf(reps []*ent.Report, sas []*ent.SafetyAssessment, nas []*ent.NeedsAssessment) procedure.RefusalFacts {
	var f procedure.RefusalFacts
	for _, r := range reps {
		f.Categories = append(f.Categories, r.Categories...)
		// A category of violence or abuse once recorded stays a danger
		// when a correction takes it off, as an immediate threat stays
		// once found: otherwise one worker's correction would lift the
		// refusal ban on its own.
		for _, c := range r.Corrections {
			f.Categories = append(f.Categories, c.Before.Categories...)
		}
	}
	for _, sa := range sas {
		f.SafetyResults = append(f.SafetyResults, sa.Result)
	}
	for _, na := range nas {
		for _, d := range na.Domains {
			f.NeedsRatings = append(f.NeedsRatings, d.Rating)
		}
	}
	return f
}

// clockOf is what the case (loaded with its clock) has recorded that
// starts or stops its deadlines.
func clockOf(cf *ent.CaseFile) procedure.CaseClock {
	cf = sinceReceived(cf)
	crisis := crisisOf(cf)
	k := procedure.CaseClock{State: cf.Status, OpenedAt: clockStart(cf), Crisis: crisis.Crisis(), CrisisStart: crisis.Start(),
		SafetyAssessed: len(cf.Edges.SafetyAssessments) > 0, NeedsAssessed: len(cf.Edges.NeedsAssessments) > 0}
	// The act of needs assessment is filed with the assessment (actFiledAt),
	// which meets its deadline whether or not a supervisor has approved it
	// yet; an assessment whose act is not filed keeps the deadline running.
	if len(cf.Edges.NeedsAssessments) > 0 {
		latest := slices.MaxFunc(cf.Edges.NeedsAssessments, func(a, b *ent.NeedsAssessment) int { return a.ConductedAt.Compare(b.ConductedAt) })
		if latest.ActFiledAt.IsZero() {
			at := latest.ConductedAt
			k.NeedsConductedAt = &at
		}
	}
	if d := servicesDecision(cf); d != nil {
		at := d.DecidedAt
		k.ServicesDecidedAt, k.ServicesProvided = &at, d.Kind == decision.KindPROVIDE_SERVICES
		k.NoticeGiven = slices.ContainsFunc(cf.Edges.Documents, func(doc *ent.Document) bool {
			return doc.SubjectID != nil && *doc.SubjectID == d.ID
		})
	}
	for _, d := range cf.Edges.Decisions {
		if d.Kind == decision.KindEXTEND_ACCOMPANIMENT {
			k.ExtendedAt = append(k.ExtendedAt, d.DecidedAt)
		}
	}
	return k
}

// syncReports makes the status of the case's reports follow its state
// (procedure.ReportStatusOf), so a reporter sees how the report stands
// without seeing the case. Written past the privacy rules: whoever moves
// the case updates what its reports show.
func syncReports(ctx context.Context, c *ent.Client, cf *ent.CaseFile) error {
	return c.Report.Update().Where(report.HasCaseWith(casefile.ID(cf.ID))).
		SetStatus(report.Status(procedure.ReportStatusOf(cf.Status))).Exec(tenant.Bypass(ctx, "keep reports' status with their case: a derived field the system maintains"))
}
