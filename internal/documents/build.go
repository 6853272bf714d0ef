package documents

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/organization"
	"github.com/turbota/turbota/ent/person"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/web"
)

// builder lays out one kind of document from its record, read as the
// viewer of ctx: a record the viewer may not read is not found.
type builder func(ctx context.Context, c *ent.Client, id pulid.ID, l lang) (*Document, error)

var builders = map[Kind]builder{
	SafetyAct: safetyAct,
	NeedsAct:  needsAct,
	Plan:      planDoc,
	Decision:  decisionDoc,
	Voucher:   voucherDoc,
}

// lang is the language of a document: "uk" (the default) or "en".
type lang string

// Lang reads a language parameter: English when asked, else Ukrainian.
func Lang(s string) lang {
	if s == "en" {
		return "en"
	}
	return "uk"
}

// t is the text of an app translation key.
func (l lang) t(key string) string {
	if s := web.Label(string(l), key); s != "" {
		return s
	}
	return key
}

// enum is the label of a value of an enumeration the app translates.
func (l lang) enum(group, value string) string {
	if value == "" {
		return "—"
	}
	if s := web.Label(string(l), group+"."+value); s != "" {
		return s
	}
	return value
}

// date prints a day as the law's papers do: 07.12.2026.
func date(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(procedure.Kyiv()).Format("02.01.2006")
}

// dateTime prints an instant to the minute, in Kyiv: 07.12.2026 14:30.
func dateTime(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(procedure.Kyiv()).Format("02.01.2006 15:04")
}

// Layout lays out the document of kind for the record id, as the viewer
// of ctx may read it; the number is filled in by Issue.
func Layout(ctx context.Context, c *ent.Client, kind Kind, id pulid.ID, language string) (*Document, error) {
	b, ok := builders[kind]
	if !ok {
		return nil, fmt.Errorf("documents: no such kind %q", kind)
	}
	d, err := b(ctx, c, id, Lang(language))
	if err != nil {
		return nil, err
	}
	d.Kind, d.SubjectID = kind, id
	return d, nil
}

// letterhead is the heading of org's documents; its official name falls
// back to the name it is listed under.
func letterhead(o *ent.Organization) Letterhead {
	if o == nil {
		return Letterhead{}
	}
	return Letterhead{OrganizationID: o.ID, ParentBody: o.ParentBody, Name: cmpOr(o.FullName, o.Name),
		Address: o.Address, EDRPOU: o.Edrpou, Phone: o.Phone, Email: o.Email}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// bodyOf is the community's organisation of a kind (its children's
// service, its social protection department, …), nil when it has none.
func bodyOf(ctx context.Context, c *ent.Client, community pulid.ID, kinds ...organization.Kind) (*ent.Organization, error) {
	o, err := c.Organization.Query().
		Where(organization.CommunityID(community), organization.KindIn(kinds...)).
		Order(ent.Asc(organization.FieldID)).First(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return o, err
}

// headSigner is the signature of an organisation's head: the position and
// name its letterhead gives, else the role in general words.
func headSigner(o *ent.Organization, l lang, fallbackKey string) Signer {
	if o != nil && o.HeadPosition != "" {
		return Signer{Role: o.HeadPosition + " (" + cmpOr(o.FullName, o.Name) + ")", Name: o.HeadName}
	}
	s := Signer{Role: l.t("official.signer." + fallbackKey)}
	if o != nil {
		s.Role += " (" + cmpOr(o.FullName, o.Name) + ")"
		s.Name = o.HeadName
	}
	return s
}

// userName is the display name of a user the viewer may see, "" otherwise
// (the line is then signed by hand).
func userName(ctx context.Context, c *ent.Client, id *pulid.ID) string {
	if id == nil {
		return ""
	}
	u, err := c.User.Get(ctx, *id)
	if err != nil {
		return ""
	}
	return u.DisplayName
}

// personName is «Прізвище Ім'я По батькові».
func personName(p *ent.Person) string {
	return strings.Join(strings.Fields(p.LastName+" "+p.FirstName+" "+p.Patronymic), " ")
}

// childrenRows are the case's children, one row each with the date of birth.
func childrenRows(ctx context.Context, c *ent.Client, cf *ent.CaseFile, l lang) ([]Row, map[pulid.ID]string, error) {
	kids, err := cf.QueryChildren().Order(ent.Asc(person.FieldBirthDate), ent.Asc(person.FieldID)).All(ctx)
	if err != nil {
		return nil, nil, err
	}
	names := map[pulid.ID]string{}
	var rows []Row
	for _, k := range kids {
		names[k.ID] = personName(k)
		v := names[k.ID]
		if k.BirthDate != nil {
			v += ", " + date(*k.BirthDate) + " " + l.t("official.born")
		}
		rows = append(rows, Row{Label: l.t("official.child"), Value: v})
	}
	return rows, names, nil
}

// caseSection is what every case document begins with: the family, its
// address and the children.
func caseSection(ctx context.Context, c *ent.Client, caseID pulid.ID, l lang) (*ent.CaseFile, Section, map[pulid.ID]string, error) {
	cf, err := c.CaseFile.Get(ctx, caseID)
	if err != nil {
		return nil, Section{}, nil, err
	}
	s := Section{Heading: l.t("official.section.family")}
	if f, err := cf.QueryFamily().Only(ctx); err == nil {
		s.Rows = append(s.Rows, Row{l.t("official.family"), f.Name}, Row{l.t("official.address"), cmpOr(f.Address, "—")})
	} else if !ent.IsNotFound(err) {
		return nil, s, nil, err
	}
	kids, names, err := childrenRows(ctx, c, cf, l)
	if err != nil {
		return nil, s, nil, err
	}
	s.Rows = append(s.Rows, kids...)
	return cf, s, names, nil
}
