package workflow

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/caseevent"
	"github.com/turbota/turbota/ent/casefile"
	"github.com/turbota/turbota/ent/person"
	"github.com/turbota/turbota/ent/report"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/schema/schematype"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
)

// ReportCorrection is what a correction of a report says: the reason, and
// each value it sets (nil: kept). Categories and children are given whole
// (Categories, ChildIDs: not nil, even empty, replaces) or as changes
// (Add…, Remove…), or both: the whole first, then the changes.
type ReportCorrection struct {
	Report                                pulid.ID
	Reason                                string
	Source                                *report.Source
	Urgency                               *report.Urgency
	Categories                            []procedure.Category
	AddCategories, RemoveCategories       []procedure.Category
	Summary, ReporterContact              *string
	ChildIDs, AddChildIDs, RemoveChildIDs []pulid.ID
	// CorrectedAt is when the correction was made, for a paper file (nil:
	// now): under the rules of When on the report's case, and not before
	// the report was received.
	CorrectedAt *time.Time
}

// CorrectReport corrects a report's source, urgency, categories, summary,
// reporter's contact and the children it concerns, with a required reason.
// The values before and after are kept on the report (Report.corrections:
// read by exactly those who may read the report) and the correction is a
// step on the case's timeline. Whoever may update reports corrects them
// (the report's policy; a reporting partner may not); categories take
// effect on every rule at once, since every rule reads the report's
// categories: who may read a violence case, the refusal ban, the child in
// danger. Children named anew join the case; children no report of the
// case names any more leave it.
func CorrectReport(ctx context.Context, c *ent.Client, in ReportCorrection) (*ent.Report, error) {
	reason := strings.TrimSpace(in.Reason)
	switch {
	case reason == "":
		return nil, inputErr("reason", "A correction states its reason.")
	case len([]rune(reason)) > 2000:
		return nil, inputErr("reason", "The reason is at most 2000 characters.")
	}
	rep, err := c.Report.Get(ctx, in.Report)
	if err != nil {
		return nil, err
	}
	probe := c.Report.UpdateOneID(rep.ID)
	if err := askPolicy(ctx, report.Policy, probe.Mutation()); err != nil {
		return nil, err
	}
	// One correction of a report at a time: each keeps the values the one
	// before it left.
	if err := lockCase(ctx, c, "report:"+string(rep.ID)); err != nil {
		return nil, err
	}
	rep, err = c.Report.Query().Where(report.ID(rep.ID)).WithChildren(func(q *ent.PersonQuery) { q.Select(person.FieldID) }).Only(ctx)
	if err != nil {
		return nil, err
	}
	before := versionOf(rep)
	after, err := in.apply(before)
	if err != nil {
		return nil, err
	}
	changed := changes(before, after)
	if len(changed) == 0 {
		return nil, inputErr("reportID", "The correction changes nothing.")
	}
	at, err := correctionDate(ctx, c, rep, in.CorrectedAt)
	if err != nil {
		return nil, err
	}
	corr := schematype.ReportCorrection{At: at, ActorID: actor(ctx), Reason: reason, Changed: changed, Before: before, After: after}
	u := c.Report.UpdateOneID(rep.ID).SetSource(report.Source(after.SourceCode)).SetUrgency(report.Urgency(after.UrgencyCode)).
		SetCategories(after.Categories).SetSummary(after.Summary).AppendCorrections([]schematype.ReportCorrection{corr})
	if after.ReporterContact == "" {
		u.ClearReporterContact()
	} else {
		u.SetReporterContact(after.ReporterContact)
	}
	added, removed := diffIDs(before.ChildIDs, after.ChildIDs)
	u.AddChildIDs(added...).RemoveChildIDs(removed...)
	if rep, err = u.Save(ctx); err != nil {
		return nil, err
	}
	cf, err := rep.QueryCase().Only(ctx)
	if ent.IsNotFound(err) {
		return rep, nil
	}
	if err != nil {
		return nil, err
	}
	if err := followChildren(ctx, c, cf, rep.ID, added, removed); err != nil {
		return nil, err
	}
	return rep, recordOn(ctx, c, cf, caseevent.KindREPORT_CORRECTED, nil, reason, at)
}

// correctionDate is when a correction of rep was made: now, or the date
// given, not before the report was received nor, where it has a case,
// against the rules of When on it.
func correctionDate(ctx context.Context, c *ent.Client, rep *ent.Report, given *time.Time) (time.Time, error) {
	if given == nil {
		return clock.Now(), nil
	}
	if err := procedure.CheckStepDate(*given, rep.ReceivedAt, clock.Now()); err != nil {
		return time.Time{}, inputErr("correctedAt", err.Error())
	}
	cf, err := rep.QueryCase().Only(ctx)
	if ent.IsNotFound(err) {
		return *given, nil
	}
	if err != nil {
		return time.Time{}, err
	}
	return moveDate(ctx, c, cf, GivenOn("correctedAt", given))
}

// followChildren keeps the case's children with its reports': a child a
// correction names joins the case, one it removes leaves it unless another
// report of the case still names the child.
func followChildren(ctx context.Context, c *ent.Client, cf *ent.CaseFile, rep pulid.ID, added, removed []pulid.ID) error {
	if len(added) == 0 && len(removed) == 0 {
		return nil
	}
	var leave []pulid.ID
	for _, id := range removed {
		named, err := c.Report.Query().Where(report.HasCaseWith(casefile.ID(cf.ID)), report.IDNEQ(rep),
			report.HasChildrenWith(person.ID(id))).Exist(ctx)
		if err != nil {
			return err
		}
		if !named {
			leave = append(leave, id)
		}
	}
	return c.CaseFile.UpdateOneID(cf.ID).AddChildIDs(added...).RemoveChildIDs(leave...).Exec(ctx)
}

func versionOf(r *ent.Report) schematype.ReportVersion {
	v := schematype.ReportVersion{SourceCode: string(r.Source), UrgencyCode: string(r.Urgency),
		Categories: slices.Clone(r.Categories), Summary: r.Summary, ReporterContact: r.ReporterContact}
	if v.Categories == nil {
		v.Categories = []procedure.Category{}
	}
	v.ChildIDs = []pulid.ID{}
	for _, p := range r.Edges.Children {
		v.ChildIDs = append(v.ChildIDs, p.ID)
	}
	slices.Sort(v.ChildIDs)
	return v
}

// apply is the report's values after the correction.
func (in ReportCorrection) apply(v schematype.ReportVersion) (schematype.ReportVersion, error) {
	out := v
	if in.Source != nil {
		out.SourceCode = string(*in.Source)
	}
	if in.Urgency != nil {
		out.UrgencyCode = string(*in.Urgency)
	}
	if in.Summary != nil {
		s := strings.TrimSpace(*in.Summary)
		if s == "" {
			return v, inputErr("summary", "The summary cannot be empty.")
		}
		if len([]rune(s)) > 10000 {
			return v, inputErr("summary", "The summary is at most 10000 characters.")
		}
		out.Summary = s
	}
	if in.ReporterContact != nil {
		if len([]rune(*in.ReporterContact)) > 300 {
			return v, inputErr("reporterContact", "The reporter's contact is at most 300 characters.")
		}
		out.ReporterContact = strings.TrimSpace(*in.ReporterContact)
	}
	cats := slices.Clone(v.Categories)
	if in.Categories != nil {
		cats = slices.Clone(in.Categories)
	}
	cats = append(cats, in.AddCategories...)
	cats = slices.DeleteFunc(cats, func(c procedure.Category) bool { return slices.Contains(in.RemoveCategories, c) })
	out.Categories = []procedure.Category{}
	for _, c := range cats {
		if !slices.Contains(out.Categories, c) {
			out.Categories = append(out.Categories, c)
		}
	}
	kids := slices.Clone(v.ChildIDs)
	if in.ChildIDs != nil {
		kids = slices.Clone(in.ChildIDs)
	}
	kids = append(kids, in.AddChildIDs...)
	kids = slices.DeleteFunc(kids, func(id pulid.ID) bool { return slices.Contains(in.RemoveChildIDs, id) })
	slices.Sort(kids)
	out.ChildIDs = slices.Compact(kids)
	if out.ChildIDs == nil {
		out.ChildIDs = []pulid.ID{}
	}
	return out, nil
}

// changes names the fields that differ, in a fixed order.
func changes(a, b schematype.ReportVersion) []string {
	var out []string
	add := func(name string, differ bool) {
		if differ {
			out = append(out, name)
		}
	}
	sameSet := func(x, y []procedure.Category) bool {
		return len(x) == len(y) && !slices.ContainsFunc(x, func(c procedure.Category) bool { return !slices.Contains(y, c) })
	}
	add("source", a.SourceCode != b.SourceCode)
	add("urgency", a.UrgencyCode != b.UrgencyCode)
	add("categories", !sameSet(a.Categories, b.Categories))
	add("summary", a.Summary != b.Summary)
	add("reporterContact", a.ReporterContact != b.ReporterContact)
	add("children", !slices.Equal(a.ChildIDs, b.ChildIDs))
	return out
}

// diffIDs: what is in b and not in a, and what is in a and not in b.
func diffIDs(a, b []pulid.ID) (added, removed []pulid.ID) {
	for _, id := range b {
		if !slices.Contains(a, id) {
			added = append(added, id)
		}
	}
	for _, id := range a {
		if !slices.Contains(b, id) {
			removed = append(removed, id)
		}
	}
	return added, removed
}
