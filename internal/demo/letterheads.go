package demo

import (
	"strings"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/organization"
)

// demoLetterhead is what heads the official documents of a demo
// community's bodies: the council they belong to, where they are, and who
// signs for each. The names are invented like every demo person; no
// EDRPOU code or phone is given, so no real body's is borrowed.
type demoLetterhead struct {
	council, city, mail string
	heads               map[organization.Kind][2]string // position, name
}

var letterheads = map[string]demoLetterhead{
	VinnytsiaCommunityCode: {council: "Вінницька міська рада", city: "м. Вінниця", mail: "vinnytsia.demo.turbota.ua",
		heads: map[organization.Kind][2]string{
			organization.KindCHILDREN_SERVICE:  {"Начальник служби у справах дітей", "Тетяна САВЧУК"},
			organization.KindSOCIAL_PROTECTION: {"Директор департаменту соціальної політики", "Андрій ГОНЧАРУК"},
			organization.KindPUBLIC_PROVIDER:   {"Директор центру", "Людмила ШЕВЧУК"},
			organization.KindNGO_PROVIDER:      {"Голова правління", "Марія ДАНИЛЮК"},
			organization.KindGUARDIANSHIP_BODY: {"Голова комісії з питань захисту прав дитини", "Сергій ПОЛІЩУК"},
			organization.KindPARTNER:           {"Директор ліцею", "Оксана ГРИЦЮК"},
		}},
	PoltavaCommunityCode: {council: "Полтавська міська рада", city: "м. Полтава", mail: "poltava.demo.turbota.ua",
		heads: map[organization.Kind][2]string{
			organization.KindCHILDREN_SERVICE:  {"Начальник служби у справах дітей", "Ірина ЗІНЧЕНКО"},
			organization.KindSOCIAL_PROTECTION: {"Начальник управління", "Павло ЯРЕМЕНКО"},
			organization.KindPUBLIC_PROVIDER:   {"Директор центру", "Ганна ОСТАПЕНКО"},
			organization.KindNGO_PROVIDER:      {"Директор фонду", "Юлія ТИМОШЕНКО"},
			organization.KindGUARDIANSHIP_BODY: {"Голова комісії з питань захисту прав дитини", "Микола ДЕМЧЕНКО"},
			organization.KindPARTNER:           {"Директор гімназії", "Віра САВЕНКО"},
		}},
}

// withLetterhead fills in the letterhead of a demo community's
// organisation as it is created, so the first run prints real documents.
func withLetterhead(c *ent.OrganizationCreate, code string, kind organization.Kind) *ent.OrganizationCreate {
	lh, ok := letterheads[code]
	if !ok {
		return c
	}
	if kind != organization.KindGUARDIANSHIP_BODY {
		c.SetParentBody(lh.council)
	}
	c.SetAddress(lh.city).SetEmail(strings.ReplaceAll(strings.ToLower(string(kind)), "_", "-") + "@" + lh.mail)
	if head, ok := lh.heads[kind]; ok {
		c.SetHeadPosition(head[0]).SetHeadName(head[1])
	}
	return c
}
