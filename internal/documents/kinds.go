package documents

import (
	"context"
	"strconv"
	"strings"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/ent/organization"
	"github.com/turbota/turbota/ent/schema/pulid"
)

// safetyAct: the children's service leads the child safety assessment
// (DOMAIN.md, step 2), so the act is its document, signed by the specialist
// who conducted it and the service's head.
func safetyAct(ctx context.Context, c *ent.Client, id pulid.ID, l lang) (*Document, error) {
	a, err := c.SafetyAssessment.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	cf, family, names, err := caseSection(ctx, c, a.CaseID, l)
	if err != nil {
		return nil, err
	}
	issuer, err := bodyOf(ctx, c, cf.CommunityID, organization.KindCHILDREN_SERVICE)
	if err != nil {
		return nil, err
	}
	police := l.t("official.no")
	if a.PoliceInvolved {
		police = l.t("official.yes")
	}
	course := Section{Heading: l.t("official.section.assessment"), Rows: []Row{
		{l.t("official.conductedAt"), dateTime(a.ConductedAt)},
		{l.t("official.participants"), cmpOr(strings.Join(a.Participants, "; "), "—")},
		{l.t("official.police"), police},
		{l.t("official.result"), l.enum("safetyResult", string(a.Result))},
	}}
	findings := Section{Heading: l.t("official.section.findings")}
	for _, f := range a.Findings {
		findings.Rows = append(findings.Rows, Row{cmpOr(names[f.PersonID], l.t("official.child")), f.Finding})
	}
	sections := []Section{family, course}
	if len(findings.Rows) > 0 {
		sections = append(sections, findings)
	}
	if len(a.UrgentMeasures) > 0 {
		m := Section{Heading: l.t("official.section.measures")}
		for _, um := range a.UrgentMeasures {
			var kids []string
			for _, k := range um.Children {
				kids = append(kids, names[k])
			}
			v := l.t("official.legalBasis") + ": " + um.LegalBasis
			if len(kids) > 0 {
				v += "; " + strings.Join(kids, ", ")
			}
			if um.Placement != "" {
				v += "; " + um.Placement
			}
			m.Rows = append(m.Rows, Row{l.enum("measure", string(um.Kind)), v})
		}
		sections = append(sections, m)
	}
	return &Document{Community: cf.CommunityID, Issuer: letterhead(issuer), Title: l.t("official.title.safety-act"),
		Sections: sections, Signers: []Signer{
			{Role: l.t("official.signer.safetySpecialist"), Name: userName(ctx, c, a.RecordedByID)},
			headSigner(issuer, l, "childrenServiceHead"),
		}}, nil
}

// needsAct: the provider assesses needs (step 3); its act is signed by the
// provider's specialist who assessed and the provider's head — not by the
// children's service.
func needsAct(ctx context.Context, c *ent.Client, id pulid.ID, l lang) (*Document, error) {
	a, err := c.NeedsAssessment.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	cf, family, _, err := caseSection(ctx, c, a.CaseID, l)
	if err != nil {
		return nil, err
	}
	provider, err := a.QueryProvider().Only(ctx)
	if err != nil && !ent.IsNotFound(err) {
		return nil, err
	}
	course := Section{Heading: l.t("official.section.assessment"), Rows: []Row{
		{l.t("official.assessmentKind"), l.enum("needsKind", a.Kind.String())},
		{l.t("official.conductedAt"), date(a.ConductedAt)},
		{l.t("official.actFiledAt"), date(a.ActFiledAt)},
	}}
	domains := Section{Heading: l.t("official.section.domains")}
	for _, d := range a.Domains {
		v := l.enum("rating", d.Rating)
		if d.Narrative != "" {
			v += ". " + d.Narrative
		}
		domains.Rows = append(domains.Rows, Row{l.enum("domain", d.Domain), v})
	}
	sections := []Section{family, course, domains,
		{Heading: l.t("official.section.strengths"), Paragraphs: []string{cmpOr(a.Strengths, "—")}},
		{Heading: l.t("official.section.conclusion"), Paragraphs: []string{a.Conclusion}},
	}
	if services := serviceNames(ctx, c, a.NeededServiceIds, l); len(services) > 0 {
		sections = append(sections, Section{Heading: l.t("official.section.servicesNeeded"), Paragraphs: services})
	}
	return &Document{Community: cf.CommunityID, Issuer: letterhead(provider), Title: l.t("official.title.needs-act"),
		Sections: sections, Signers: []Signer{
			{Role: l.t("official.signer.socialWorker"), Name: userName(ctx, c, a.RecordedByID)},
			headSigner(provider, l, "providerHead"),
		}}, nil
}

// serviceNames are the names of classifier services, as far as they exist.
func serviceNames(ctx context.Context, c *ent.Client, ids []pulid.ID, l lang) []string {
	var names []string
	for _, id := range ids {
		if s, err := c.ServiceType.Get(ctx, id); err == nil {
			name := s.NameUk
			if l == "en" && s.NameEn != "" {
				name = s.NameEn
			}
			if s.Code != nil {
				name = *s.Code + " " + name
			}
			names = append(names, name)
		}
	}
	return names
}

// planDoc: the individual plan is drawn up by the specialist who runs the
// case for their organisation, approved by its head, and agreed with the
// family (step 5): the family signs too.
func planDoc(ctx context.Context, c *ent.Client, id pulid.ID, l lang) (*Document, error) {
	p, err := c.Plan.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	cf, family, _, err := caseSection(ctx, c, p.CaseID, l)
	if err != nil {
		return nil, err
	}
	issuer, err := authorsBody(ctx, c, p.AuthorID, cf.CommunityID)
	if err != nil {
		return nil, err
	}
	head := Section{Heading: l.t("official.section.plan"), Rows: []Row{
		{l.t("official.version"), strconv.Itoa(p.Version)},
		{l.t("official.drawnUpAt"), date(p.SavedAt)},
		{l.t("official.nextReview"), date(p.NextReviewAt)},
	}}
	if p.AgreedAt != nil {
		head.Rows = append(head.Rows, Row{l.t("official.agreedAt"), date(*p.AgreedAt)})
	}
	sections := []Section{family, head}
	orgs := map[pulid.ID]string{}
	for i, g := range p.Goals {
		s := Section{Heading: l.t("official.goal") + " " + strconv.Itoa(i+1) + ". " + g.Text}
		for j, a := range g.Actions {
			who := cmpOr(a.ResponsiblePerson, orgName(ctx, c, a.ResponsibleOrganizationID, orgs))
			s.Rows = append(s.Rows, Row{strconv.Itoa(i+1) + "." + strconv.Itoa(j+1) + ". " + a.Text,
				l.t("official.responsible") + ": " + cmpOr(who, "—") + "; " + l.t("official.due") + ": " + dueDay(a.Due)})
		}
		sections = append(sections, s)
	}
	return &Document{Community: cf.CommunityID, Issuer: letterhead(issuer), Title: l.t("official.title.plan"),
		Sections: sections, Signers: []Signer{
			{Role: l.t("official.signer.planAuthor"), Name: userName(ctx, c, p.AuthorID)},
			headSigner(issuer, l, "providerHead"),
			{Role: l.t("official.signer.familyMember")},
		}}, nil
}

// dueDay turns a plan action's YYYY-MM-DD into 31.12.2026.
func dueDay(s string) string {
	if y, md, ok := strings.Cut(s, "-"); ok {
		if m, d, ok := strings.Cut(md, "-"); ok {
			return d + "." + m + "." + y
		}
	}
	return cmpOr(s, "—")
}

func orgName(ctx context.Context, c *ent.Client, id pulid.ID, seen map[pulid.ID]string) string {
	if id == "" {
		return ""
	}
	if n, ok := seen[id]; ok {
		return n
	}
	n := ""
	if o, err := c.Organization.Get(ctx, id); err == nil {
		n = o.Name
	}
	seen[id] = n
	return n
}

// authorsBody is the organisation the author of a record works for in the
// community (a provider, the children's service), else the community's
// public provider, else its children's service.
func authorsBody(ctx context.Context, c *ent.Client, author *pulid.ID, community pulid.ID) (*ent.Organization, error) {
	if author != nil {
		o, err := c.Organization.Query().Where(organization.CommunityID(community),
			organization.HasMembershipsWith(membership.UserID(*author))).Order(ent.Asc(organization.FieldID)).First(ctx)
		if err == nil {
			return o, nil
		}
		if !ent.IsNotFound(err) {
			return nil, err
		}
	}
	return bodyOf(ctx, c, community, organization.KindPUBLIC_PROVIDER, organization.KindNGO_PROVIDER, organization.KindCHILDREN_SERVICE)
}

// decisionDoc: a decision is the deciding body's document (the social
// protection department or the guardianship body), signed by its head.
func decisionDoc(ctx context.Context, c *ent.Client, id pulid.ID, l lang) (*Document, error) {
	d, err := c.Decision.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	cf, family, names, err := caseSection(ctx, c, d.CaseID, l)
	if err != nil {
		return nil, err
	}
	kind := organization.KindSOCIAL_PROTECTION
	if d.Body.String() == "GUARDIANSHIP_BODY" {
		kind = organization.KindGUARDIANSHIP_BODY
	}
	issuer, err := bodyOf(ctx, c, cf.CommunityID, kind)
	if err != nil {
		return nil, err
	}
	s := Section{Heading: l.t("official.section.decision"), Rows: []Row{
		{l.t("official.decisionNumber"), d.Number},
		{l.t("official.decidedAt"), date(d.DecidedAt)},
		{l.t("official.decided"), l.enum("decisionKind", d.Kind.String())},
		{l.t("official.legalBasis"), d.LegalBasis},
	}}
	if d.ProviderID != nil {
		s.Rows = append(s.Rows, Row{l.t("official.provider"), cmpOr(orgName(ctx, c, *d.ProviderID, map[pulid.ID]string{}), "—")})
	}
	var kids []string
	for _, k := range d.Children {
		kids = append(kids, names[k])
	}
	if len(kids) > 0 {
		s.Rows = append(s.Rows, Row{l.t("official.concerns"), strings.Join(kids, ", ")})
	}
	sections := []Section{family, s}
	if d.Reason != "" {
		sections = append(sections, Section{Heading: l.t("official.section.reason"), Paragraphs: []string{d.Reason}})
	}
	return &Document{Community: cf.CommunityID, Issuer: letterhead(issuer), Title: l.t("official.title.decision"),
		Sections: sections, Signers: []Signer{headSigner(issuer, l, "bodyHead")}}, nil
}

// voucherDoc: the social protection department runs the vouchers
// programmes (DOMAIN.md), so the certificate is its document, signed by its
// head.
func voucherDoc(ctx context.Context, c *ent.Client, id pulid.ID, l lang) (*Document, error) {
	v, err := c.Voucher.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	p, err := v.QueryProgramme().Only(ctx)
	if err != nil {
		return nil, err
	}
	issuer, err := bodyOf(ctx, c, v.CommunityID, organization.KindSOCIAL_PROTECTION)
	if err != nil {
		return nil, err
	}
	s := Section{Heading: l.t("official.section.voucher"), Rows: []Row{
		{l.t("official.programme"), p.Name},
		{l.t("official.voucherNumber"), v.Number},
		{l.t("official.value"), groupThousands(p.ValueUah) + " " + l.t("official.uah")},
		{l.t("official.issuedAt"), date(v.IssuedAt)},
		{l.t("official.status"), l.enum("voucherStatus", v.Status.String())},
	}}
	if f, err := v.QueryFamily().Only(ctx); err == nil {
		s.Rows = append([]Row{{l.t("official.family"), f.Name}, {l.t("official.address"), cmpOr(f.Address, "—")}}, s.Rows...)
	}
	return &Document{Community: v.CommunityID, Issuer: letterhead(issuer), Title: l.t("official.title.voucher"),
		Sections: []Section{s, {Heading: l.t("official.section.eligibility"), Paragraphs: []string{p.Eligibility}}},
		Signers:  []Signer{headSigner(issuer, l, "socialProtectionHead")}}, nil
}

// groupThousands writes 15000 as «15 000», the Ukrainian way.
func groupThousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "\u00a0" + s[i:]
	}
	return s
}
