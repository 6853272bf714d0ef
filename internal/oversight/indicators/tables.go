package indicators

import (
	"strconv"
	"strings"
)

// Pick is the text of a language: English for "en", Ukrainian otherwise.
func Pick(lang, uk, en string) string {
	if lang == "en" {
		return en
	}
	return uk
}

// TrendTable lays out one indicator's trend for export: a row per period.
func TrendTable(d Definition, periods []Period, cells []Shown, lang string) [][]string {
	rows := [][]string{{Pick(lang, "Початок періоду", "Period from"), Pick(lang, "Кінець періоду", "Period to"),
		Pick(lang, d.Name.UK, d.Name.EN)}}
	for i, p := range periods {
		rows = append(rows, []string{p.From.Format("2006-01-02"), p.To.AddDate(0, 0, -1).Format("2006-01-02"), cells[i].Cell.Display})
	}
	return rows
}

// CasesTable lays out a de-identified case list for export.
func CasesTable(cases []CaseRow, lang string) [][]string {
	rows := [][]string{{Pick(lang, "Посилання", "Reference"), Pick(lang, "Місяць відкриття", "Month opened"),
		Pick(lang, "Стан", "Status"), Pick(lang, "Категорії", "Categories"), Pick(lang, "Дітей", "Children"),
		Pick(lang, "Безпека", "Safety"), Pick(lang, "Безпеку оцінено вчасно", "Safety assessed on time"),
		Pick(lang, "Потреби оцінено вчасно", "Needs assessed on time"), Pick(lang, "Рішення", "Decisions"),
		Pick(lang, "Результат закриття", "Closure outcome")}}
	yesNo := func(b *bool) string {
		if b == nil {
			return ""
		}
		return map[bool]string{true: Pick(lang, "так", "yes"), false: Pick(lang, "ні", "no")}[*b]
	}
	for _, c := range cases {
		rows = append(rows, []string{c.Reference, c.OpenedMonth, c.Status, strings.Join(c.Categories, ", "),
			strconv.Itoa(c.Children), c.SafetyResult, yesNo(c.SafetyOnTime), yesNo(c.NeedsOnTime),
			strings.Join(c.Decisions, ", "), c.ClosureOutcome})
	}
	return rows
}
