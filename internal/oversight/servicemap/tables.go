package servicemap

import (
	"strconv"

	"github.com/turbota/turbota/internal/oversight/indicators"
)

// OffersTable lays out the services on the map for export: a row per
// service of an organisation.
func OffersTable(m []Community, lang string) [][]string {
	pick := func(uk, en string) string { return indicators.Pick(lang, uk, en) }
	rows := [][]string{{pick("Громада", "Community"), pick("Надавач", "Provider"), pick("Послуга", "Service"),
		pick("Код", "Code"), pick("Місткість", "Capacity"), pick("Територія обслуговування", "Area served"), pick("Контакти", "Contacts")}}
	for _, c := range m {
		for _, o := range c.Offers {
			capacity := ""
			if o.Capacity != nil {
				capacity = strconv.Itoa(*o.Capacity)
			}
			rows = append(rows, []string{c.Community.Name, o.Organization, pick(o.ServiceName.UK, o.ServiceName.EN), deref(o.Code), capacity, o.AreaServed, o.Contacts})
		}
	}
	return rows
}

// PackageTable lays out the minimal-package checklist: a row per
// community, a column per service of the package.
func PackageTable(m []Community, lang string) [][]string {
	header := []string{indicators.Pick(lang, "Громада", "Community")}
	for _, it := range MinimalPackage {
		header = append(header, indicators.Pick(lang, it.Name.UK, it.Name.EN))
	}
	rows := [][]string{header}
	for _, c := range m {
		row := []string{c.Community.Name}
		for _, it := range MinimalPackage {
			row = append(row, map[bool]string{true: indicators.Pick(lang, "є", "yes"), false: indicators.Pick(lang, "немає", "no")}[c.Present[it.Key]])
		}
		rows = append(rows, row)
	}
	return rows
}

// UnmetTable lays out the unmet needs, counts as the viewer may see them.
func UnmetTable(m []Community, lang string) [][]string {
	pick := func(uk, en string) string { return indicators.Pick(lang, uk, en) }
	rows := [][]string{{pick("Громада", "Community"), pick("Послуга", "Service"), pick("Код", "Code"), pick("Сімей потребують", "Families in need")}}
	for _, c := range m {
		for _, u := range c.UnmetNeeds {
			rows = append(rows, []string{c.Community.Name, pick(u.ServiceName.UK, u.ServiceName.EN), deref(u.Code), u.Display})
		}
	}
	return rows
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
